import LatticeHTTP
import LatticeModel
import Synchronization

/// The running service's state: the snapshot being served (swapped whole on reload), the
/// draining flag, and the metrics. One per process; shared by every request.
public final class LatticeService: Sendable {
    public let configuration: APIConfiguration
    public let metrics: Metrics
    private let current = Locked<Snapshot?>(nil)
    private let draining = Atomic<Bool>(false)
    /// Called once per request with what the access log needs; nil disables it.
    let accessLog: (@Sendable (AccessLogEntry) -> Void)?
    let requestIDs = RequestIDGenerator()
    /// The server answering for this service, once it runs: its state goes into /metrics.
    private let server = Locked<HTTPServer?>(nil)
    /// Dataset versions in memory: the one served, and old ones something still holds.
    let census = SnapshotCensus()

    public init(configuration: APIConfiguration = APIConfiguration(), accessLog: (@Sendable (AccessLogEntry) -> Void)? = nil) {
        self.configuration = configuration
        self.metrics = Metrics()
        self.accessLog = accessLog
    }

    /// The server that answers for this service reports to it from now on.
    public func attach(_ server: HTTPServer) {
        self.server.withLock { $0 = server }
    }

    /// Client connections open now (0 before a server is attached).
    var openConnections: Int { server.withLock { $0?.openConnections ?? 0 } }

    var snapshot: Snapshot? { current.withLock { $0 } }

    /// The dataset being served, if any.
    public var dataset: Dataset? { snapshot?.dataset }

    /// Loads the seeds, renders everything, and only then swaps it in. On any problem the
    /// current data stays and the error says why. Counts the outcome in the metrics.
    @discardableResult
    public func reload(from path: String) throws(SeedError) -> Dataset {
        do {
            let dataset = try SeedLoader.load(from: path)
            swap(in: Snapshot(dataset: dataset, cacheBudget: configuration.renderCacheBytes))
            metrics.recordReload(success: true, dataset: dataset, residentBytes: Self.residentAfterLoad())
            return dataset
        } catch {
            metrics.recordReload(success: false, dataset: nil, residentBytes: Self.residentAfterLoad())
            throw error
        }
    }

    /// Serves `snapshot` from now on; the one it replaces is marked retired, so streams still
    /// reading it know how long they have held an old version.
    private func swap(in snapshot: Snapshot) {
        snapshot.lifetime.enlist(in: census)
        let old = current.withLock { current in
            defer { current = snapshot }
            return current
        }
        old?.lifetime.retire(at: MonotonicClock.now())
    }

    /// Dataset versions no longer served that are still in memory (held by exports being
    /// streamed or requests being answered).
    var pinnedVersions: Int { max(0, census.count - (snapshot == nil ? 0 : 1)) }

    /// What a load (good or failed) leaves resident once its garbage is handed back.
    private static func residentAfterLoad() -> Int {
        ResidentMemory.releaseLoadingMemory()
        return ResidentMemory.bytes()
    }

    /// Serves an already loaded dataset (for tests and tools).
    public func serve(_ dataset: Dataset) {
        swap(in: Snapshot(dataset: dataset, cacheBudget: configuration.renderCacheBytes))
        metrics.recordReload(success: true, dataset: dataset, residentBytes: ResidentMemory.bytes())
    }

    /// From now on `/readyz` answers 503, so load balancers stop sending traffic.
    public func beginDraining() {
        draining.store(true, ordering: .relaxed)
    }

    public var isDraining: Bool { draining.load(ordering: .relaxed) }

    public var isReady: Bool { !isDraining && snapshot != nil }
}

/// Request ids: `<8 random hex>-<counter in hex>`, unique per process and cheap to make.
final class RequestIDGenerator: Sendable {
    /// A random per-process prefix and a dash: ids stay unique across restarts and replicas.
    private let prefix = Array((String(UInt32.random(in: 0...UInt32.max), radix: 16) + "-").utf8)
    private let counter = Atomic<UInt64>(0)

    /// `prefix-counter` in lowercase hex, written straight into the string's storage (this
    /// runs for every request that does not bring its own id).
    func next() -> String {
        var value = counter.wrappingAdd(1, ordering: .relaxed).newValue
        var digits = 1
        while value >> (4 * UInt64(digits)) != 0 && digits < 16 { digits += 1 }
        return String(unsafeUninitializedCapacity: prefix.count + digits) { buffer in
            _ = buffer.initialize(fromContentsOf: prefix)
            for position in stride(from: prefix.count + digits - 1, through: prefix.count, by: -1) {
                buffer[position] = Self.hexDigits[Int(value & 0xF)]
                value >>= 4
            }
            return prefix.count + digits
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A client's id is echoed when it is sane: 1–128 characters of letters, digits and `-_.:`.
    static func isSane(_ id: String) -> Bool {
        let utf8 = id.utf8
        return !utf8.isEmpty && utf8.count <= 128
            && utf8.allSatisfy { byte in
                (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                    || byte == 45 || byte == 95 || byte == 46 || byte == 58
            }
    }
}

/// One line of the access log.
public struct AccessLogEntry: Sendable {
    public let method: String
    public let path: String
    public let route: String
    public let status: Int
    public let bytes: Int
    public let durationSeconds: Double
    public let requestID: String
}
