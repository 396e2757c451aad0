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
        ResidentMemory.limitMallocArenas()
        let configuration = try options.resolveOrExit()
        Logs.bootstrap(format: configuration.logFormat, level: configuration.logLevel)
        let logger = Logger(label: "lattice")
        let openFiles = ResourceLimits.raiseOpenFileLimit()
        let serverBox = ServerBox()
        let accessLog =
            configuration.accessLog
            ? AccessLog.writer(format: configuration.logFormat, level: configuration.logLevel) : nil
        let service = LatticeService(configuration: try Self.apiConfiguration(configuration, logger: logger), accessLog: accessLog)
        let seeds = configuration.seeds

        // Signals first: loading big seeds takes seconds, and a SIGHUP or SIGTERM meanwhile
        // must neither kill the process (their default action) nor go unnoticed.
        let done = DispatchSemaphore(value: 0)
        let signals = Signals()
        let reloader = Reloader(service: service, seeds: seeds, logger: logger)
        signals.on([SIGHUP]) { _ in reloader.request() }
        let grace = configuration.shutdownGrace
        let delay = configuration.drainDelay
        signals.on([SIGTERM, SIGINT]) { number in
            guard let server = serverBox.server else {
                logger.notice("\(Signals.name(number)) received during startup: exiting")
                Glibc.exit(0)  // atexit flushes the log
            }
            guard !service.isDraining else { return }
            logger.notice(
                "\(Signals.name(number)) received: draining",
                metadata: [
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

        logger.info("loading seeds", metadata: ["seeds": .string(seeds)])
        let started = ContinuousClock.now
        // Only what the log line needs outlives this block: a `Dataset` kept in a local of
        // this function lived as long as the process, so after the first reload the first
        // dataset stayed resident beside the current one (2x steady on the 1,000x seeds).
        let version: String
        let counts: Dataset.Counts
        do throws(SeedError) {
            let dataset = try service.reload(from: seeds)
            (version, counts) = (dataset.version, dataset.counts)
        } catch {
            logger.critical("cannot load seeds from \(seeds): \(error.problems.count) problem(s)", metadata: ["seeds": "\(seeds)"])
            for problem in error.problems.prefix(50) { logger.error("\(problem)") }
            throw ExitCode(1)
        }
        let loadTime = ContinuousClock.now - started
        let server = HTTPServer(configuration: configuration.server, handler: APIHandler(service: service))
        server.logEvents(to: logger, metrics: service.metrics)
        do {
            try server.start()
        } catch {
            let fix = error.errno == EADDRINUSE ? " (set --port, LATTICE_PORT or \"port\" in the config file)" : ""
            logger.critical("cannot listen on \(configuration.host):\(configuration.port): \(error)\(fix)")
            throw ExitCode(1)
        }
        serverBox.server = server
        service.attach(server)
        logger.info(
            "listening",
            metadata: [
                "address": .string(server.localAddress.map { "\($0)" } ?? "?"),
                "dataset_version": .string(version),
                "documents": .stringConvertible(counts.documents), "actors": .stringConvertible(counts.actors),
                "alliances": .stringConvertible(counts.alliances), "relations": .stringConvertible(counts.relations),
                "statements": .stringConvertible(counts.statements), "load_ms": .stringConvertible(loadTime.milliseconds),
                "max_connections": .stringConvertible(server.maxConnections), "open_file_limit": .stringConvertible(openFiles),
                "resident_bytes": .stringConvertible(service.metrics.residentBytesAfterReload),
                "version": .string(Lattice.version),
            ])
        ResidentMemory.releaseLoadingMemory()  // and what starting up ran since the load
        reloader.startupFinished()
        done.wait()
    }
}

/// The server once it listens, for the SIGTERM handler installed before it exists.
final class ServerBox: Sendable {
    private let stored = Locked<HTTPServer?>(nil)
    var server: HTTPServer? {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
