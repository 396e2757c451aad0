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
    private var closed = false
    let fd: Int32

    init(fd: Int32, worker: Worker) {
        self.fd = fd
        self.worker = worker
        self.machine = ConnectionMachine(
            policy: worker.core.connectionPolicy, shuttingDown: worker.shuttingDown, now: MonotonicClock.now())
    }

    /// Reads what already arrived and answers it.
    func start() {
        perform { $0.start(now: $1) }
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

    /// The server is shutting down (see ``ConnectionMachine/drain(now:)``).
    func drain() {
        perform { $0.drain(now: $1) }
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
    private func perform(now: UInt64 = MonotonicClock.now(),
                         _ event: (inout ConnectionMachine, UInt64) -> ConnectionMachine.Action) {
        guard !closed else { return }
        let worker = self.worker  // one strong reference for the whole event, not one per use
        var now = now
        var action = event(&machine, now)
        var reads = 0
        var yielded = false
        while true {
            switch action {
            case .read(let upTo):
                if reads == ConnectionTuning.readsPerTurn {
                    // The worker's other ready connections go first; this one resumes after them.
                    action = machine.yieldRead()
                    yielded = true
                    continue
                }
                reads += 1
                let buffer = UnsafeMutableRawBufferPointer(rebasing: worker.readBuffer[..<min(upTo, worker.readBuffer.count)])
                switch Socket.read(fd, into: buffer) {
                case .bytes(let count):
                    machine.borrowInputBuffer(from: &worker.spareInput)
                    action = machine.read(
                        .bytes(UnsafeRawBufferPointer(rebasing: buffer[..<count]), filledBuffer: count == buffer.count), now: now)
                case .wouldBlock:
                    action = machine.read(.wouldBlock, now: now)
                case .closed:
                    action = machine.read(.closed, now: now)
                case .failed(let error):
                    worker.core.report(.readFailed, error)
                    action = machine.read(.failed, now: now)
                }

            case .respond:
                let response = worker.core.handler.respond(to: machine.takeRequest()!)
                now = MonotonicClock.now()  // the handler took time
                machine.borrowOutputBuffer(from: &worker.spareOutput)
                action = machine.respond(
                    with: response, dateLine: worker.dateCache.current(), serverDraining: worker.draining, now: now)

            case .respondToError(let error):
                let response = worker.core.handler.response(for: error, request: machine.takeRequest())
                machine.borrowOutputBuffer(from: &worker.spareOutput)
                action = machine.respond(
                    with: response, dateLine: worker.dateCache.current(), serverDraining: worker.draining, now: now)

            case .pull(let stream):
                let chunk = stream.next()
                now = MonotonicClock.now()
                action = machine.pulled(chunk, now: now)

            case .write:
                switch machine.withUnwrittenOutput({ Socket.write(fd, $0) }) {
                case .bytes(let count):
                    action = machine.wrote(.wrote(count), now: now)
                case .wouldBlock:
                    action = machine.wrote(.wouldBlock, now: now)
                case .closed:
                    action = machine.wrote(.closed, now: now)
                case .failed(let error):
                    worker.core.report(.writeFailed, error)
                    action = machine.wrote(.failed, now: now)
                }

            case .shutdownWrite:
                Socket.shutdownWrite(fd)
                action = machine.halfClosed()

            case .wait(let writable):
                machine.returnBuffers(input: &worker.spareInput, output: &worker.spareOutput)
                if watch(writable: writable) {
                    if yielded { worker.resumeLater(self) }
                    return
                }
                action = machine.abort()

            case .close:
                machine.returnBuffers(input: &worker.spareInput, output: &worker.spareOutput)  // warm for the next
                closed = true
                Socket.close(fd)
                worker.remove(self)
                return
            }
        }
    }

    /// Registers the descriptor on its first wait, then changes write interest as needed.
    /// False when the kernel refuses (the connection must close).
    private func watch(writable: Bool) -> Bool {
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
