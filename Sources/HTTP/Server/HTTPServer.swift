import Dispatch
import Glibc
import Synchronization

/// An HTTP/1.1 server on non-blocking sockets and Dispatch sources. A fixed set of worker
/// queues (one per core) each own a listener on the shared port and the connections it
/// accepts; no thread or queue per connection.
///
/// ```swift
/// let server = HTTPServer(configuration: config, handler: app)
/// try server.start()
/// print("listening on", server.port)
/// // ...
/// server.shutdown(gracePeriod: .seconds(10))
/// ```
public final class HTTPServer: Sendable {
    private let core: ServerCore
    private let workers: [Worker]
    private let state = Locked<State>(State())

    private struct State {
        var address: SocketAddress?
        var running = false
    }

    public init(configuration: ServerConfiguration, handler: any HTTPHandler) {
        // A write to a vanished peer must be an error code, never a signal that kills us.
        signal(SIGPIPE, SIG_IGN)
        let core = ServerCore(configuration: configuration, handler: handler)
        self.core = core
        self.workers = (0..<configuration.workerCount).map { Worker(index: $0, core: core) }
    }

    /// Binds, listens and starts serving. With port 0, read the chosen port from ``port``.
    public func start() throws(SocketError) {
        let configuration = core.configuration
        var address = try SocketAddress(host: configuration.host, port: configuration.port)
        // SO_REUSEPORT spreads connections over our own workers' listeners; it must never
        // let us join another process's group on the same port.
        try Socket.checkAvailable(address)
        var listeners: [Int32] = []
        do {
            for _ in workers {
                let fd = try Socket.listen(
                    on: address, backlog: configuration.backlog, reusePort: true,
                    deferAccept: configuration.deferAccept)
                listeners.append(fd)
                if address.port == 0 {
                    // Every other worker binds the port the kernel picked for the first.
                    address = address.with(port: try Socket.localAddress(of: fd).port)
                }
            }
        } catch {
            listeners.forEach(Socket.close)
            throw error
        }
        for (worker, fd) in zip(workers, listeners) {
            worker.start(listener: fd)
        }
        state.withLock {
            $0.address = address
            $0.running = true
        }
    }

    /// Calls `handler` (on a worker's queue; it must not block) for each ``ServerEvent``:
    /// what the server could not do and would otherwise handle silently. Set it before
    /// ``start()``.
    public func onEvent(_ handler: @escaping @Sendable (ServerEvent) -> Void) {
        core.eventHandler.withLock { $0 = handler }
    }

    /// The bound address (after ``start()``).
    public var localAddress: SocketAddress? { state.withLock { $0.address } }

    /// The bound port (after ``start()``); 0 before.
    public var port: Int { localAddress?.port ?? 0 }

    /// Connections open right now.
    public var openConnections: Int { core.openConnections.load(ordering: .relaxed) }

    /// Connections accepted since start, refused ones included.
    public var acceptedConnections: Int { core.acceptedConnections.load(ordering: .relaxed) }

    /// The effective connection cap (the configured one, kept below the descriptor limit).
    public var maxConnections: Int { core.maxConnections }

    /// True once ``beginDraining()`` or ``shutdown(gracePeriod:)`` was called.
    public var isDraining: Bool { core.draining.load(ordering: .relaxed) }

    /// Ends keep-alive while still serving and accepting (for a load balancer's
    /// `drain_delay`): every response from now on carries `Connection: close` and its
    /// connection closes after it, so clients move away one finished request at a time.
    /// ``shutdown(gracePeriod:)`` does this too.
    public func beginDraining() {
        core.draining.store(true, ordering: .relaxed)
    }

    /// Graceful shutdown: stop accepting, let in-flight requests finish (their responses
    /// carry `Connection: close`) until `gracePeriod`, then close whatever remains. An idle
    /// connection is still read for ``ServerConfiguration/drainIdleTimeout`` (a request on
    /// the wire is answered), then half-closed until the client's FIN. Blocks until every connection's descriptor is closed. Call it from
    /// any thread but a worker's.
    public func shutdown(gracePeriod: Duration = .seconds(10)) {
        let wasRunning = state.withLock { state in
            defer { state.running = false }
            return state.running
        }
        guard wasRunning else { return }
        core.draining.store(true, ordering: .relaxed)
        core.shuttingDown.store(true, ordering: .relaxed)
        for worker in workers {
            worker.queue.sync {
                worker.stopAccepting()
                worker.beginDrain()
            }
        }
        let deadline = MonotonicClock.precise() + gracePeriod.nanoseconds
        waitForConnections(until: deadline)
        if openConnections > 0 {
            for worker in workers { worker.queue.sync { worker.closeAll() } }
            waitForConnections(until: MonotonicClock.precise() + 2_000_000_000)
        }
        for worker in workers { worker.queue.sync { worker.stop() } }
    }

    private func waitForConnections(until deadline: UInt64) {
        while openConnections > 0 && MonotonicClock.precise() < deadline {
            usleep(2_000)
        }
    }
}
