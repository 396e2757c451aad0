import Dispatch
import LatticeAPI
import LatticeModel
import Logging

/// Runs seed reloads one at a time and merges the requests that arrive meanwhile: however
/// many SIGHUPs come while a load runs, one more load follows it, reading the folder as it
/// is then. Requests during startup wait for the first load to finish, then run once.
final class Reloader: @unchecked Sendable {
    private let service: LatticeService
    private let seeds: String
    private let logger: Logger
    private let queue = DispatchQueue(label: "lattice.reload")
    // Touched only on `queue`.
    private var starting = true
    private var running = false
    private var pending = false

    init(service: LatticeService, seeds: String, logger: Logger) {
        self.service = service
        self.seeds = seeds
        self.logger = logger
    }

    /// Asks for a reload (SIGHUP). Returns at once.
    func request() {
        queue.async { [self] in
            if starting || running {
                if !pending {
                    logger.notice(
                        starting
                            ? "reload requested during startup: the seeds will be read again once it finishes"
                            : "reload requested while one runs: one more will follow it")
                }
                pending = true
                return
            }
            start()
        }
    }

    /// The first load is done: run a reload that was asked for meanwhile.
    func startupFinished() {
        queue.async { [self] in
            starting = false
            if pending { start() }
        }
    }

    private func start() {
        pending = false
        running = true
        DispatchQueue.global(qos: .utility).async { [self] in
            load()
            queue.async { [self] in
                running = false
                if pending { start() }
            }
        }
    }

    private func load() {
        let begun = ContinuousClock.now
        do throws(SeedError) {
            let dataset = try service.reload(from: seeds)
            logger.notice(
                "reloaded seeds",
                metadata: [
                    "dataset_version": .string(dataset.version),
                    "load_ms": .stringConvertible((ContinuousClock.now - begun).milliseconds),
                    "actors": .stringConvertible(dataset.counts.actors),
                    "statements": .stringConvertible(dataset.counts.statements),
                    "resident_bytes": .stringConvertible(service.metrics.residentBytesAfterReload),
                ])
        } catch {
            logger.error(
                "reload failed; still serving dataset \(service.dataset?.version ?? "-")",
                metadata: [
                    "problems": .stringConvertible(error.problems.count),
                    "resident_bytes": .stringConvertible(service.metrics.residentBytesAfterReload),
                ])
            for problem in error.problems.prefix(50) { logger.error("\(problem)") }
        }
    }
}
