import Dispatch
import Glibc

/// One serial queue and everything confined to it: a listener (SO_REUSEPORT, so the kernel
/// spreads new connections across workers), the connections it accepted, a timer that
/// enforces their deadlines, and scratch buffers reused by all of them.
///
/// Every mutable property is touched only on `queue`; that is what makes it Sendable.
final class Worker: @unchecked Sendable {
    let index: Int
    let queue: DispatchQueue
    let core: ServerCore

    private var listener: Int32 = -1
    private var listenSource: DispatchSourceRead?
    private var acceptPaused = false
    private var sweepTimer: DispatchSourceTimer?

    /// Connections by slot; a connection knows its slot so removal is O(1).
    private var connections: [Connection] = []

    var draining: Bool { core.draining.load(ordering: .relaxed) }
    var shuttingDown: Bool { core.shuttingDown.load(ordering: .relaxed) }

    /// One read buffer for every connection on this queue: idle connections own no buffer.
    let readBuffer: UnsafeMutableRawBufferPointer
    /// A warm output buffer lent to whichever connection is writing.
    var spareOutput: [UInt8] = []
    var dateCache = DateCache()

    init(index: Int, core: ServerCore) {
        self.index = index
        self.core = core
        self.queue = DispatchQueue(label: "lattice.http.worker.\(index)", target: .global(qos: .userInitiated))
        self.readBuffer = .allocate(byteCount: 64 * 1024, alignment: 16)
        spareOutput.reserveCapacity(16 * 1024)
    }

    deinit {
        readBuffer.deallocate()
    }

    // MARK: Accepting

    /// Starts accepting on `fd` (already listening) and starts the deadline timer.
    func start(listener fd: Int32) {
        queue.async { [self] in
            listener = fd
            let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
            source.setEventHandler { [self] in acceptAll() }
            source.setCancelHandler { [self] in
                // Connections that completed their handshake since the last accept would be
                // reset by the close; take them in first, so the window is microseconds.
                if core.draining.load(ordering: .relaxed) { acceptAll() }
                Socket.close(fd)
            }
            listenSource = source
            source.resume()

            let timer = DispatchSource.makeTimerSource(queue: queue)
            let interval = core.configuration.sweepInterval
            timer.schedule(deadline: .now() + .nanoseconds(Int(interval.nanoseconds)),
                           repeating: .nanoseconds(Int(interval.nanoseconds)),
                           leeway: .nanoseconds(Int(interval.nanoseconds / 4)))
            timer.setEventHandler { [self] in sweep() }
            sweepTimer = timer
            timer.resume()
        }
    }

    /// On a listening socket the event count is meaningless: accept until EAGAIN.
    private func acceptAll() {
        while true {
            switch Socket.accept(listener) {
            case .accepted(let fd):
                admit(fd)
            case .wouldBlock:
                return
            case .retry:
                continue
            case .exhausted:
                // Out of descriptors or memory: stop accepting for a moment rather than spin.
                // The kernel's backlog holds the waiting clients meanwhile.
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
        let connection = Connection(fd: fd, worker: self, slot: connections.count)
        connections.append(connection)
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
        if response.header("Retry-After") == nil { response.addHeader("Retry-After", "1") }
        return response
    }

    private func pauseAccepting(for delay: Duration) {
        guard let source = listenSource, !acceptPaused else { return }
        acceptPaused = true
        source.suspend()
        queue.asyncAfter(deadline: .now() + .nanoseconds(Int(delay.nanoseconds))) { [self] in
            guard acceptPaused, let source = listenSource else { return }
            acceptPaused = false
            source.resume()
        }
    }

    /// Takes in the connections already waiting in the backlog (closing the listener would
    /// reset them, which clients see as dropped requests; they are served and closed since
    /// the server is draining), then cancels the listener; its cancel handler closes it.
    func stopAccepting() {
        guard let source = listenSource else { return }
        if !acceptPaused { acceptAll() }
        listenSource = nil
        source.cancel()
        if acceptPaused {
            acceptPaused = false
            source.resume()
        }
    }

    // MARK: Connections

    func remove(_ connection: Connection) {
        let slot = connection.slot
        let last = connections.removeLast()
        if last !== connection {
            connections[slot] = last
            last.slot = slot
        }
        core.openConnections.subtract(1, ordering: .relaxed)
    }

    private func sweep() {
        let now = MonotonicClock.now()
        // Closing only cancels sources; removal happens later in their cancel handlers, so
        // iterating by index over a snapshot is safe.
        for connection in connections {
            connection.checkDeadlines(now: now)
        }
    }

    /// Stops keep-alive: idle connections close now, busy ones after their current response.
    func beginDrain() {
        // Drain windows are short: check deadlines more often from now on.
        let interval = max(core.configuration.drainIdleTimeout / 8, .milliseconds(5))
        sweepTimer?.schedule(deadline: .now() + .nanoseconds(Int(interval.nanoseconds)),
                             repeating: .nanoseconds(Int(interval.nanoseconds)))
        for connection in connections {
            connection.drain()
        }
    }

    /// The grace period is over: close everything now.
    func closeAll() {
        for connection in connections {
            connection.close()
        }
    }

    func stopTimer() {
        sweepTimer?.cancel()
        sweepTimer = nil
    }
}
