import ArgumentParser
import Dispatch
import Glibc
import LatticeAPI
import LatticeHTTP
import LatticeModel
import Logging

/// `lattice serve`: load the seeds, serve the API, reload on SIGHUP, drain on SIGTERM/SIGINT.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the API on a seeds folder (the default command).",
        discussion: """
            Settings come from, in order of precedence: these flags, LATTICE_* environment \
            variables, the config file (--config or LATTICE_CONFIG, else Config/lattice.json \
            when present), and built-in defaults. Run `lattice config` to see every setting.

            Signals: SIGHUP reloads the seeds (a folder with any problem keeps the current data); \
            SIGTERM and SIGINT drain: /readyz turns 503, in-flight requests finish within \
            shutdown_grace, then the process exits 0.
            """
    )

    @OptionGroup var options: SettingOptions

    func run() throws {
        let configuration = try options.resolveOrExit()
        Logs.bootstrap(format: configuration.string("log_format"), level: configuration.logLevel)
        let logger = Logger(label: "lattice")
        let openFiles = ResourceLimits.raiseOpenFileLimit()
        let accessLogger = Logger(label: "lattice.access")
        let serverBox = ServerBox()
        let accessLog = configuration.bool("access_log") ? Self.accessLog(to: accessLogger) : nil
        let service = LatticeService(
            configuration: configuration.api, accessLog: accessLog,
            openConnections: { serverBox.server?.openConnections ?? 0 })

        let seeds = configuration.string("seeds")
        let started = ContinuousClock.now
        let dataset: Dataset
        do throws(SeedError) {
            dataset = try service.reload(from: seeds)
        } catch {
            logger.critical("cannot load seeds from \(seeds): \(error.problems.count) problem(s)", metadata: ["seeds": "\(seeds)"])
            for problem in error.problems.prefix(50) { logger.error("\(problem)") }
            throw ExitCode(1)
        }
        let loadTime = ContinuousClock.now - started
        let server = HTTPServer(configuration: configuration.server, handler: APIHandler(service: service))
        serverBox.server = server
        server.logEvents(to: logger)
        do {
            try server.start()
        } catch {
            logger.critical("cannot listen on \(configuration.string("host")):\(configuration.integer("port")): \(error)")
            throw ExitCode(1)
        }
        let counts = dataset.counts
        logger.info("listening", metadata: [
            "address": .string(server.localAddress.map { "\($0)" } ?? "?"),
            "dataset_version": .string(dataset.version),
            "documents": .stringConvertible(counts.documents), "actors": .stringConvertible(counts.actors),
            "alliances": .stringConvertible(counts.alliances), "relations": .stringConvertible(counts.relations),
            "statements": .stringConvertible(counts.statements), "load_ms": .stringConvertible(loadTime.milliseconds),
            "max_connections": .stringConvertible(server.maxConnections), "open_file_limit": .stringConvertible(openFiles),
            "version": .string(Lattice.version),
        ])

        let done = DispatchSemaphore(value: 0)
        let signals = Signals()
        let reloads = DispatchQueue(label: "lattice.reload")
        signals.on([SIGHUP]) { _ in
            reloads.async {
                let begun = ContinuousClock.now
                do throws(SeedError) {
                    let dataset = try service.reload(from: seeds)
                    logger.notice("reloaded seeds", metadata: [
                        "dataset_version": .string(dataset.version),
                        "load_ms": .stringConvertible((ContinuousClock.now - begun).milliseconds),
                        "actors": .stringConvertible(dataset.counts.actors),
                        "statements": .stringConvertible(dataset.counts.statements),
                    ])
                } catch {
                    logger.error("reload failed; still serving dataset \(service.dataset?.version ?? "-")",
                                 metadata: ["problems": .stringConvertible(error.problems.count)])
                    for problem in error.problems.prefix(50) { logger.error("\(problem)") }
                }
            }
        }
        let grace = configuration.seconds("shutdown_grace")
        let delay = configuration.seconds("drain_delay")
        signals.on([SIGTERM, SIGINT]) { number in
            guard !service.isDraining else { return }
            logger.notice("\(Signals.name(number)) received: draining", metadata: [
                "drain_delay_seconds": .stringConvertible(Double(delay.milliseconds) / 1000),
                "grace_seconds": .stringConvertible(Double(grace.milliseconds) / 1000),
            ])
            service.beginDraining()
            server.beginDraining()  // keep serving during drain_delay, each response ending its keep-alive
            if delay > .zero { usleep(UInt32(delay.milliseconds * 1000)) }
            server.shutdown(gracePeriod: grace)
            logger.notice("stopped")
            done.signal()
        }
        done.wait()
    }
}

extension ServeCommand {
    /// One line per request, with the fields as metadata (JSON keys in the json format).
    static func accessLog(to logger: Logger) -> @Sendable (AccessLogEntry) -> Void {
        { entry in
            let metadata: Logger.Metadata = [
                "method": .string(entry.method), "path": .string(entry.path), "route": .string(entry.route),
                "status": .stringConvertible(entry.status), "bytes": .stringConvertible(entry.bytes),
                "duration_ms": .stringConvertible((entry.durationSeconds * 1_000_000).rounded() / 1000),
                "request_id": .string(entry.requestID),
            ]
            logger.info("\(entry.method) \(entry.path) \(entry.status)", metadata: metadata)
        }
    }
}

/// Lets the metrics closure read the server's connection count once it exists.
final class ServerBox: @unchecked Sendable {
    var server: HTTPServer?
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
