import CSystem
import Dispatch
import Glibc

/// One serial queue and everything confined to it: a listener (SO_REUSEPORT, so the kernel
/// spreads new connections across workers), the connections it accepted, one kernel event
/// set watching all of them, a timer that enforces their deadlines, and scratch buffers
/// reused by all of them.
///
/// Events arrive through ONE Dispatch read source, on the event set's descriptor: its
/// handler drains the ready events in batches of up to 256 and hands each to its connection.
/// libdispatch's per-event costs on Linux (a manager-thread hand-off and a one-shot re-arm,
/// notes/http-server.md) are then paid once per batch instead of once per request, and no
/// connection owns a Dispatch source (nor the cancel-handler choreography that goes with one).
/// Descriptors are registered once, edge-triggered, so every handler reads or accepts until
/// EAGAIN. Timers and signals stay on Dispatch.
///
/// Every mutable property is touched only on `queue`; that is what makes it Sendable.
final class Worker: @unchecked Sendable {
    let index: Int
    let queue: DispatchQueue
    let core: ServerCore
    let events: PlatformEventSet

    private var eventSource: DispatchSourceRead?
    private let ready: UnsafeMutableBufferPointer<ReadyEvent>
    private var listener: Int32 = -1
    private var accepting = false
    private var acceptPaused = false
    private var sweepTimer: DispatchSourceTimer?

    /// Connections by descriptor, which is also their event token: descriptors are small
    /// and dense, and an event for a descriptor closed earlier in the same batch finds nil
    /// (or, if the number was reused meanwhile, a new connection that reads until EAGAIN).
    private var connections: [Connection?] = []
    private var connectionCount = 0
    /// The most connections open since memory was last handed back (see
    /// ``ConnectionTuning/trimAfterClosing``).
    private var peakSinceTrim = 0
    /// Connections that yielded their turn with a read owed, served after the ready events.
    private var yielded: [Connection] = []
    private var resumeScheduled = false
    /// The listener's token: no descriptor has this number.
    private static let listenerToken = UInt64(UInt32.max)

    var draining: Bool { core.draining.load(ordering: .relaxed) }
    var shuttingDown: Bool { core.shuttingDown.load(ordering: .relaxed) }

    /// One read buffer for every connection on this queue: idle connections own no buffer.
    let readBuffer: UnsafeMutableRawBufferPointer
    /// Warm buffers lent to whichever connection is reading or writing.
    var spareInput: [UInt8] = []
    var spareOutput: [UInt8] = []
    var dateCache = DateCache()

    init(index: Int, core: ServerCore) {
        self.index = index
        self.core = core
        self.queue = DispatchQueue(label: "lattice.http.worker.\(index)", target: .global(qos: .userInitiated))
        self.readBuffer = .allocate(byteCount: ConnectionTuning.readBufferBytes, alignment: 16)
        self.ready = .allocate(capacity: ConnectionTuning.eventsPerBatch)
        do {
            events = try PlatformEventSet()
        } catch {
            // Only EMFILE/ENOMEM at startup: nothing could be served anyway.
            fatalError("worker \(index): \(error)")
        }
        spareInput.reserveCapacity(ConnectionTuning.spareInputBytes)  // ByteQueue keeps at most 4 KiB across requests
        spareOutput.reserveCapacity(ConnectionTuning.spareOutputBytes)
    }

    deinit {
        readBuffer.deallocate()
        ready.deallocate()
    }

    // MARK: Events

    /// Starts accepting on `fd` (already listening), watching the event set, and the
    /// deadline timer.
    func start(listener fd: Int32) {
        queue.async { [self] in
            listener = fd
            guard events.add(fd, token: Self.listenerToken, writable: false) else {
                core.report(.registerFailed, SocketError("epoll_ctl(listener)"))
                Socket.close(fd)
                return
            }
            accepting = true
            let source = DispatchSource.makeReadSource(fileDescriptor: events.descriptor, queue: queue)
            source.setEventHandler { [self] in handleReadyEvents() }
            let events = self.events
            source.setCancelHandler { events.close() }
            eventSource = source
            source.resume()
            // Connections that arrived before registration raised no edge: take them now.
            acceptAll()

            let timer = DispatchSource.makeTimerSource(queue: queue)
            let interval = core.configuration.sweepInterval
            timer.schedule(
                deadline: .now() + .nanoseconds(Int(interval.nanoseconds)),
                repeating: .nanoseconds(Int(interval.nanoseconds)),
                leeway: .nanoseconds(Int(interval.nanoseconds / 4)))
            timer.setEventHandler { [self] in sweep() }
            sweepTimer = timer
            timer.resume()
        }
    }

    /// Drains the event set without waiting: a full batch may mean more are ready.
    private func handleReadyEvents() {
        while true {
            let count = events.poll(into: ready)
            for index in 0..<count {
                let event = ready[index]
                if event.token == Self.listenerToken {
                    if accepting && !acceptPaused { acceptAll() }
                } else if Int(event.token) < connections.count, let connection = connections[Int(event.token)] {
                    connection.handle(event)
                }
            }
            if count < ready.count { return }
        }
    }

    /// `connection` yielded its turn with a read owed: it is resumed once the events ready
    /// now were handled (no new edge would come for bytes it left unread).
    func resumeLater(_ connection: Connection) {
        yielded.append(connection)
        guard !resumeScheduled else { return }
        resumeScheduled = true
        queue.async { [self] in resumeYielded() }
    }

    private func resumeYielded() {
        resumeScheduled = false
        handleReadyEvents()  // the others first
        let waiting = yielded
        yielded.removeAll(keepingCapacity: true)
        for connection in waiting { connection.resume() }  // a closed one ignores it
    }

    // MARK: Accepting

    /// Edge-triggered: accept until EAGAIN, or a burst would wait for the next connection.
    private func acceptAll() {
        while true {
            switch Socket.accept(listener) {
            case .accepted(let fd):
                admit(fd)
            case .wouldBlock:
                return
            case .retry:
                continue
            case .exhausted(let error):
                // Out of descriptors or memory: stop accepting for a moment rather than spin.
                // The kernel's backlog holds the waiting clients meanwhile.
                core.report(.acceptExhausted, error)
                pauseAccepting(for: .milliseconds(100))
                return
            }
        }
    }

    private func admit(_ fd: Int32) {
        core.acceptedConnections.add(1, ordering: .relaxed)
        let open = core.openConnections.add(1, ordering: .relaxed).newValue
        if open > core.maxConnections {
            refuse(fd)
            core.openConnections.subtract(1, ordering: .relaxed)
            return
        }
        Socket.setNoDelay(fd)
        let connection = Connection(fd: fd, worker: self)
        let slot = Int(fd)
        if slot >= connections.count {
            connections.append(contentsOf: repeatElement(nil, count: max(slot + 1 - connections.count, connections.count)))
        }
        connections[slot] = connection
        connectionCount += 1
        peakSinceTrim = max(peakSinceTrim, connectionCount)
        connection.start()
    }

    /// Over the cap: answer 503 in one send and close, without allocating a connection.
    private func refuse(_ fd: Int32) {
        let response = core.handler.response(for: .serviceUnavailable, request: nil)
        var bytes: [UInt8] = []
        _ = ResponseSerializer.append(
            withRetryAfter(response), to: &bytes, isHead: false, version: .http1_1, keepAlive: false,
            dateLine: dateCache.current())
        bytes.withUnsafeBytes { _ = Socket.write(fd, $0) }
        Socket.shutdownWrite(fd)
        Socket.close(fd)
    }

    private func withRetryAfter(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        if response.header("Retry-After") == nil { response.headers.append(.retryAfter) }
        return response
    }

    /// Ignores the listener's events for a while, then accepts what waits (no new edge
    /// comes for connections already in the backlog).
    private func pauseAccepting(for delay: Duration) {
        guard !acceptPaused else { return }
        acceptPaused = true
        queue.asyncAfter(deadline: .now() + .nanoseconds(Int(delay.nanoseconds))) { [self] in
            acceptPaused = false
            if accepting { acceptAll() }
        }
    }

    /// Takes in the connections already waiting in the backlog (closing the listener would
    /// reset them, which clients see as dropped requests; they are served and closed since
    /// the server is draining), then closes the listener.
    func stopAccepting() {
        guard accepting else { return }
        if !acceptPaused { acceptAll() }
        accepting = false
        events.remove(listener)
        Socket.close(listener)
    }

    // MARK: Connections

    /// The connection has closed its descriptor.
    func remove(_ connection: Connection) {
        let slot = Int(connection.fd)
        if slot < connections.count, connections[slot] === connection {
            connections[slot] = nil
            connectionCount -= 1
        }
        core.openConnections.subtract(1, ordering: .relaxed)
    }

    /// Calls `body` for every open connection; `body` may close it.
    private func forEachConnection(_ body: (Connection) -> Void) {
        var slot = 0
        while slot < connections.count {
            if let connection = connections[slot] { body(connection) }
            slot += 1
        }
    }

    private func sweep() {
        let now = MonotonicClock.now()
        forEachConnection { $0.checkDeadlines(now: now) }
        trimAfterBurst()
    }

    /// Hands memory back to the kernel once a burst of connections has left: malloc keeps
    /// what they freed otherwise.
    private func trimAfterBurst() {
        guard peakSinceTrim - connectionCount >= ConnectionTuning.trimAfterClosing,
            connectionCount <= peakSinceTrim / 2
        else { return }
        peakSinceTrim = connectionCount
        _ = lattice_malloc_trim()
    }

    /// Stops keep-alive: connections with nothing in progress get a short window for a
    /// request already on the wire, busy ones close after their current response.
    func beginDrain() {
        // Drain windows are short: check deadlines more often from now on.
        let interval = max(core.configuration.drainIdleTimeout / 8, .milliseconds(5))
        sweepTimer?.schedule(
            deadline: .now() + .nanoseconds(Int(interval.nanoseconds)),
            repeating: .nanoseconds(Int(interval.nanoseconds)))
        forEachConnection { $0.drain() }
    }

    /// The grace period is over: close everything now.
    func closeAll() {
        forEachConnection { $0.close() }
    }

    /// Everything is closed: stop the timer and the event source (which closes the event set).
    func stop() {
        sweepTimer?.cancel()
        sweepTimer = nil
        eventSource?.cancel()
        eventSource = nil
    }
}
