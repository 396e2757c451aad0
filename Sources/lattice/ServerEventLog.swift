import LatticeAPI
import LatticeHTTP
import Logging

/// Logs what the HTTP server could not do (``ServerEvent``): accept failing for lack of
/// descriptors or memory, unexpected read and write errors. A burst (accept backs off and
/// retries every 100 ms while descriptors are exhausted) logs one line per kind per second,
/// with how many occurred since the last line; ``counts`` keeps every occurrence for metrics.
final class ServerEventLog: Sendable {
    private let logger: Logger
    /// Locked, not Mutex: ThreadSanitizer sees pthread mutexes (see LatticeHTTP's Locked).
    private let state = Locked<[ServerEvent.Kind: (count: Int, unlogged: Int, lastLogged: ContinuousClock.Instant?)]>([:])

    init(logger: Logger) {
        self.logger = logger
    }

    /// Occurrences of each kind since start.
    var counts: [ServerEvent.Kind: Int] { state.withLock { $0.mapValues(\.count) } }

    func record(_ event: ServerEvent) {
        let now = ContinuousClock.now
        let occurrences: Int? = state.withLock { state in
            var entry = state[event.kind] ?? (0, 0, nil)
            entry.count += 1
            entry.unlogged += 1
            var due: Int?
            if entry.lastLogged.map({ now - $0 >= .seconds(1) }) ?? true {
                due = entry.unlogged
                entry.unlogged = 0
                entry.lastLogged = now
            }
            state[event.kind] = entry
            return due
        }
        guard let occurrences else { return }
        logger.error(
            "server: \(event.kind.rawValue)",
            metadata: [
                "event": .string(event.kind.rawValue), "error": .string("\(event.error)"),
                "errno": .stringConvertible(event.error.errno), "occurrences": .stringConvertible(occurrences),
            ])
    }
}

extension HTTPServer {
    /// Sends the server's events to a ``ServerEventLog`` on `logger`, and counts them in
    /// `metrics` (`lattice_http_server_events_total`).
    func logEvents(to logger: Logger, metrics: Metrics) {
        let log = ServerEventLog(logger: logger)
        onEvent { event in
            log.record(event)
            metrics.recordServerEvent(event.kind.rawValue)
        }
    }
}
