/// One client connection's I/O shell, confined to its worker's queue: it feeds the worker's
/// events to the connection's ``ConnectionMachine`` and performs the actions that come
/// back — the reads, the writes, the handler calls, the event-set registration and the
/// close. Every protocol decision (what to parse, answer, write, when to linger or time out)
/// is the machine's; this class holds only the descriptor and its registration.
///
/// The descriptor is registered in the worker's event set (edge-triggered: readable always,
/// writable only while output waits) the first time the machine waits, so a connection that
/// is answered and closed on its first read never touches the event set — the
/// per-connection cost that decides one-request-per-connection throughput. It owns no
/// Dispatch source; closing the descriptor also removes it from the event set.
///
/// Its size is what an idle connection costs, so the fields are in the order that packs
/// them: 280 bytes, which malloc serves from its 288-byte size class (the four-byte `fd`
/// last, after the one-byte flags; before `worker` it would cost a padded word).
final class Connection {
    unowned let worker: Worker

    /// Called in place (`machine.read(…)`), never copied out: a copy of a struct held in a
    /// class retains everything in it. (Release builds of this target skip the dynamic
    /// exclusivity checks on it; see Package.swift.)
    private var machine: ConnectionMachine
    /// Whether the descriptor is in the worker's event set, and with write interest.
    private var registered = false
    private var wantsWritable = false
    /// The descriptor is closed. (Asking the machine would copy it: a computed property of a
    /// struct stored in a class reads the whole value.)
    fileprivate var closed = false
    let fd: Int32

    init(fd: Int32, worker: Worker) {
        self.fd = fd
        self.worker = worker
        self.machine = ConnectionMachine(
            policy: worker.core.connectionPolicy, shuttingDown: worker.shuttingDown, now: MonotonicClock.now())
    }

    /// Reads what already arrived and answers it.
    func start() {
        perform { machine, _ in machine.start() }
    }

    /// An event from the worker's event set.
    func handle(_ event: ReadyEvent) {
        var readiness = ConnectionMachine.Readiness()
        if event.isReadable { readiness.insert(.readable) }
        if event.isWritable { readiness.insert(.writable) }
        if event.isHangup { readiness.insert(.hangup) }
        perform { $0.ready(readiness, now: $1) }
    }

    /// Called by the worker's timer.
    func checkDeadlines(now: UInt64) {
        perform(now: now) { $0.checkDeadlines(now: $1) }
    }

    /// The server is shutting down (see ``ConnectionMachine/drain()``).
    func drain() {
        perform { machine, _ in machine.drain() }
    }

    /// Closes now, whatever is in progress.
    func close() {
        perform { machine, _ in machine.abort() }
    }

    /// The worker comes back after this connection yielded its turn.
    func resume() {
        perform { $0.resume(now: $1) }
    }

    /// Hands an event to the machine and performs actions until it waits or closes.
    private func perform(
        now: UInt64 = MonotonicClock.now(),
        _ event: (inout ConnectionMachine, UInt64) -> ConnectionMachine.Action
    ) {
        guard !closed else { return }
        // One strong reference to the worker for the whole event, not one per use.
        var io = SocketIO(connection: self, worker: worker)
        let first = event(&machine, now)
        machine.perform(first, now: now, with: &io)
    }

    /// The machine's actions on the socket: system calls, the handler, the worker's buffers.
    private struct SocketIO: ConnectionIO {
        let connection: Connection
        let worker: Worker

        mutating func now() -> UInt64 { MonotonicClock.now() }
        var readBuffer: UnsafeMutableRawBufferPointer { worker.readBuffer }

        mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Socket.IOResult {
            let result = Socket.read(connection.fd, into: buffer)
            if case .failed(let error) = result { worker.core.report(.readFailed, error) }
            return result
        }

        mutating func write(_ bytes: UnsafeRawBufferPointer) -> Socket.IOResult {
            let result = Socket.write(connection.fd, bytes)
            if case .failed(let error) = result { worker.core.report(.writeFailed, error) }
            return result
        }

        mutating func shutdownWrite() { Socket.shutdownWrite(connection.fd) }
        mutating func respond(to request: HTTPRequest) -> HTTPResponse { worker.core.handler.respond(to: request) }
        mutating func respond(to error: HTTPError, request: HTTPRequest?) -> HTTPResponse {
            worker.core.handler.response(for: error, request: request)
        }
        mutating func pull(_ stream: HTTPBodyStream) -> [UInt8]? { stream.next() }
        mutating func dateLine() -> [UInt8] { worker.dateCache.current() }
        var serverDraining: Bool { worker.draining }
        var readsPerTurn: Int { ConnectionTuning.readsPerTurn }
        var responsesPerTurn: Int { ConnectionTuning.responsesPerTurn }

        mutating func lendInputBuffer(to machine: inout ConnectionMachine) {
            machine.borrowInputBuffer(from: &worker.spareInput)
        }
        mutating func lendOutputBuffer(to machine: inout ConnectionMachine) {
            machine.borrowOutputBuffer(from: &worker.spareOutput)
        }
        mutating func takeBuffersBack(from machine: inout ConnectionMachine) {
            machine.returnBuffers(input: &worker.spareInput, output: &worker.spareOutput)
        }

        mutating func wait(writable: Bool, yielded: Bool) -> Bool {
            guard connection.watch(writable: writable) else { return false }
            if yielded { worker.resumeLater(connection) }
            return true
        }

        mutating func close() {
            connection.closed = true
            Socket.close(connection.fd)
            worker.remove(connection)
        }
    }

    /// Registers the descriptor on its first wait, then changes write interest as needed.
    /// False when the kernel refuses (the connection must close).
    fileprivate func watch(writable: Bool) -> Bool {
        if registered {
            guard writable != wantsWritable else { return true }
            wantsWritable = writable
            if worker.events.modify(fd, token: UInt64(fd), writable: writable) { return true }
        } else {
            wantsWritable = writable
            if worker.events.add(fd, token: UInt64(fd), writable: writable) {
                registered = true
                return true
            }
        }
        worker.core.report(.registerFailed, SocketError("epoll_ctl"))
        return false
    }
}
