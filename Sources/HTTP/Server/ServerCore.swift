import Synchronization

/// What every worker shares: the configuration, the handler and the connection count.
final class ServerCore: Sendable {
    let configuration: ServerConfiguration
    let handler: any HTTPHandler
    /// The configuration and body policy every connection's state machine reads.
    let connectionPolicy: ConnectionPolicy
    /// Open connections across all workers; decides the connection cap.
    let openConnections = Atomic<Int>(0)
    /// Connections accepted since start (for tests and metrics).
    let acceptedConnections = Atomic<Int>(0)
    let maxConnections: Int
    /// Set the moment shutdown begins, so a response being built right now already says
    /// `Connection: close` (a worker queue may be busy inside a handler at that moment).
    let draining = Atomic<Bool>(false)
    /// Set when shutdown stops the listeners: connections with no request in progress then
    /// enter their drain window (``ConnectionMachine/Phase/drainingIdle(deadline:)``).
    let shuttingDown = Atomic<Bool>(false)

    /// Where ``ServerEvent``s go; set once before start, read only when one happens (rarely).
    let eventHandler = Locked<(@Sendable (ServerEvent) -> Void)?>(nil)

    func report(_ kind: ServerEvent.Kind, _ error: SocketError) {
        guard let handler = eventHandler.withLock({ $0 }) else { return }
        handler(ServerEvent(kind: kind, error: error))
    }

    init(configuration: ServerConfiguration, handler: any HTTPHandler) {
        self.configuration = configuration
        self.handler = handler
        self.connectionPolicy = ConnectionPolicy(configuration: configuration, wantsBody: { handler.wantsBody($0) })
        // Keep headroom below the descriptor limit for listeners, logs, seed files and the
        // accept-then-refuse path, so the cap is reached before EMFILE is.
        let descriptorCeiling = ResourceLimits.openFileLimit() - 64
        self.maxConnections = max(1, min(configuration.maxConnections, descriptorCeiling))
    }
}
