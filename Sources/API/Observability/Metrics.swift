import Glibc
import LatticeModel
import LatticeHTTP

/// Prometheus metrics: request counts by route template and status, a latency histogram,
/// bytes sent, reloads by outcome, and the dataset's version and counts. Labels use route
/// templates (`/v1/actors/{id}`), never raw paths, so cardinality stays bounded.
public final class Metrics: Sendable {
    static let buckets: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1]

    /// What a request is counted under: its endpoint's route template, `unmatched` for an
    /// unknown path, `http-error` for what the HTTP layer refused before routing.
    enum Route: Sendable {
        case endpoint(Endpoint)
        case unmatched
        case httpError

        static let count = Endpoints.table.count + 2
        static let labels = Endpoints.table.map(\.template) + ["unmatched", "http-error"]

        var index: Int {
            switch self {
            case .endpoint(let endpoint): endpoint.ordinal
            case .unmatched: Self.count - 2
            case .httpError: Self.count - 1
            }
        }

        var label: String { Self.labels[index] }
    }

    /// Method labels: the four the API answers (POST only on `/mcp`), and `other`.
    static let methods = ["GET", "HEAD", "OPTIONS", "POST", "other"]

    static func methodIndex(_ method: HTTPMethod?) -> Int {
        switch method {
        case .get: 0
        case .head: 1
        case .options: 2
        case .post: 3
        default: 4
        }
    }

    /// Statuses the server answers get a counter slot each, so counting a request is array
    /// indexing under the lock (no hashing); any other status falls back to a dictionary.
    static let statuses = [200, 202, 204, 301, 304, 308, 400, 403, 404, 405, 406, 408, 413, 414, 417, 431, 500, 501, 503, 505]
    private static let statusSlot: [Int] = (0..<600).map { statuses.firstIndex(of: $0) ?? -1 }

    struct RequestKey: Hashable {
        let route: Int
        let method: Int
        let status: Int
    }

    struct Histogram {
        var counts = [Int](repeating: 0, count: Metrics.buckets.count + 1)
        var sum: Double = 0
        var count = 0

        mutating func observe(bucket: Int, seconds: Double) {
            counts[bucket] += 1
            sum += seconds
            count += 1
        }
    }

    struct State {
        /// Indexed by (route × methods + method) × statuses + status slot.
        var requests = [Int](repeating: 0, count: Route.count * Metrics.methods.count * Metrics.statuses.count)
        var otherRequests: [RequestKey: Int] = [:]
        var latency = [Histogram?](repeating: nil, count: Route.count)
        var bytesSent = 0
        var reloads = (success: 0, failure: 0)
        var dataset: (version: String, counts: Dataset.Counts)?
        var residentBytesAfterReload = 0
        /// What the HTTP server could not do, by event kind (accept_exhausted, read_failed, …).
        var serverEvents: [String: Int] = [:]

        /// Every request counter that is not zero, with its key.
        var requestCounts: [(key: RequestKey, value: Int)] {
            var counts = Array(otherRequests)
            for (index, value) in requests.enumerated() where value > 0 {
                let status = index % Metrics.statuses.count
                let routeAndMethod = index / Metrics.statuses.count
                counts.append(
                    (
                        RequestKey(
                            route: routeAndMethod / Metrics.methods.count, method: routeAndMethod % Metrics.methods.count,
                            status: Metrics.statuses[status]), value
                    ))
            }
            return counts
        }
    }

    private let state = Locked(State())
    let startTime: Double = {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }()

    func record(route: Route, method: HTTPMethod?, status: Int, bytes: Int, seconds: Double) {
        let routeIndex = route.index
        let methodIndex = Self.methodIndex(method)
        let slot = status >= 0 && status < Self.statusSlot.count ? Self.statusSlot[status] : -1
        let counter = (routeIndex * Self.methods.count + methodIndex) * Self.statuses.count + slot
        let bucket = Self.buckets.firstIndex { seconds <= $0 } ?? Self.buckets.count
        state.withLock { state in
            if slot >= 0 {
                state.requests[counter] += 1
            } else {
                state.otherRequests[RequestKey(route: routeIndex, method: methodIndex, status: status), default: 0] += 1
            }
            if state.latency[routeIndex] == nil { state.latency[routeIndex] = Histogram() }
            state.latency[routeIndex]!.observe(bucket: bucket, seconds: seconds)
            state.bytesSent += bytes
        }
    }

    func recordReload(success: Bool, dataset: Dataset?, residentBytes: Int) {
        state.withLock { state in
            if success { state.reloads.success += 1 } else { state.reloads.failure += 1 }
            if let dataset { state.dataset = (dataset.version, dataset.counts) }
            state.residentBytesAfterReload = residentBytes
        }
    }

    /// Counts one event the HTTP server reported (accept out of descriptors, a failed read…).
    public func recordServerEvent(_ kind: String) {
        state.withLock { $0.serverEvents[kind, default: 0] += 1 }
    }

    /// The resident set measured right after the last load, good or failed.
    public var residentBytesAfterReload: Int { state.withLock { $0.residentBytesAfterReload } }

    /// The text exposition format, version 0.0.4.
    func render(openConnections: Int, pinnedVersions: Int = 0, renderCache: RenderCache.Statistics? = nil) -> [UInt8] {
        let state = self.state.withLock { $0 }
        var out = ""
        func line(_ text: String) { out += text + "\n" }
        line("# HELP lattice_http_requests_total HTTP requests answered, by route template, method and status.")
        line("# TYPE lattice_http_requests_total counter")
        let labels = Route.labels
        for (key, value) in state.requestCounts.sorted(by: {
            (labels[$0.key.route], Self.methods[$0.key.method], $0.key.status) < (labels[$1.key.route], Self.methods[$1.key.method], $1.key.status)
        }) {
            line(
                "lattice_http_requests_total{route=\"\(escape(labels[key.route]))\",method=\"\(Self.methods[key.method])\",status=\"\(key.status)\"} \(value)"
            )
        }
        line("# HELP lattice_http_request_duration_seconds Time to answer a request, by route template.")
        line("# TYPE lattice_http_request_duration_seconds histogram")
        let histograms = state.latency.enumerated().compactMap { index, histogram in histogram.map { (labels[index], $0) } }
        for (route, histogram) in histograms.sorted(by: { $0.0 < $1.0 }) {
            var cumulative = 0
            for (index, bound) in Self.buckets.enumerated() {
                cumulative += histogram.counts[index]
                line("lattice_http_request_duration_seconds_bucket{route=\"\(escape(route))\",le=\"\(bound)\"} \(cumulative)")
            }
            cumulative += histogram.counts[Self.buckets.count]
            line("lattice_http_request_duration_seconds_bucket{route=\"\(escape(route))\",le=\"+Inf\"} \(cumulative)")
            line("lattice_http_request_duration_seconds_sum{route=\"\(escape(route))\"} \(histogram.sum)")
            line("lattice_http_request_duration_seconds_count{route=\"\(escape(route))\"} \(histogram.count)")
        }
        line("# HELP lattice_http_response_bytes_total Response body bytes sent.")
        line("# TYPE lattice_http_response_bytes_total counter")
        line("lattice_http_response_bytes_total \(state.bytesSent)")
        line("# HELP lattice_http_open_connections Client connections open now.")
        line("# TYPE lattice_http_open_connections gauge")
        line("lattice_http_open_connections \(openConnections)")
        line(
            "# HELP lattice_http_server_events_total What the server could not do: accept out of descriptors or memory, unexpected read or write errors."
        )
        line("# TYPE lattice_http_server_events_total counter")
        for kind in ["accept_exhausted", "read_failed", "register_failed", "write_failed"] {
            line("lattice_http_server_events_total{event=\"\(kind)\"} \(state.serverEvents[kind] ?? 0)")
        }
        line("# HELP lattice_dataset_reloads_total Dataset loads, by outcome; a failed one keeps the data being served.")
        line("# TYPE lattice_dataset_reloads_total counter")
        line("lattice_dataset_reloads_total{outcome=\"success\"} \(state.reloads.success)")
        line("lattice_dataset_reloads_total{outcome=\"failure\"} \(state.reloads.failure)")
        if let dataset = state.dataset {
            line("# HELP lattice_dataset_info The dataset being served.")
            line("# TYPE lattice_dataset_info gauge")
            line("lattice_dataset_info{version=\"\(escape(dataset.version))\"} 1")
            line("# HELP lattice_dataset_records Records in the dataset being served, by type.")
            line("# TYPE lattice_dataset_records gauge")
            let counts = dataset.counts
            for (type, count) in [
                ("actor", counts.actors), ("alliance", counts.alliances), ("document", counts.documents),
                ("relation", counts.relations), ("statement", counts.statements),
            ] {
                line("lattice_dataset_records{type=\"\(type)\"} \(count)")
            }
        }
        line(
            "# HELP lattice_dataset_versions_pinned Dataset versions no longer served that are still in memory, held by exports being streamed or requests being answered; each is freed when they end (an export within write_timeout of the reload, plus the write_timeout a stalled reader is allowed)."
        )
        line("# TYPE lattice_dataset_versions_pinned gauge")
        line("lattice_dataset_versions_pinned \(pinnedVersions)")
        line("# HELP lattice_dataset_reload_resident_bytes Resident memory right after the last load, good or failed.")
        line("# TYPE lattice_dataset_reload_resident_bytes gauge")
        line("lattice_dataset_reload_resident_bytes \(state.residentBytesAfterReload)")
        if let cache = renderCache {
            line(
                "# HELP lattice_render_cache_bytes Bytes of rendered records and documents' text kept to serve again (as charged against render_cache_bytes)."
            )
            line("# TYPE lattice_render_cache_bytes gauge")
            line("lattice_render_cache_bytes \(cache.bytes)")
            line("# HELP lattice_render_cache_entries Rendered representations kept to serve again.")
            line("# TYPE lattice_render_cache_entries gauge")
            line("lattice_render_cache_entries \(cache.entries)")
            line(
                "# HELP lattice_render_cache_lookups_total Records and texts asked for since the dataset loaded, by whether a rendered copy was kept."
            )
            line("# TYPE lattice_render_cache_lookups_total counter")
            line("lattice_render_cache_lookups_total{result=\"hit\"} \(cache.hits)")
            line("lattice_render_cache_lookups_total{result=\"miss\"} \(cache.misses)")
            line("# HELP lattice_render_cache_evictions_total Rendered copies dropped to stay within render_cache_bytes since the dataset loaded.")
            line("# TYPE lattice_render_cache_evictions_total counter")
            line("lattice_render_cache_evictions_total \(cache.evictions)")
        }
        line("# HELP process_resident_memory_bytes Resident memory size in bytes.")
        line("# TYPE process_resident_memory_bytes gauge")
        line("process_resident_memory_bytes \(ResidentMemory.bytes())")
        line("# HELP process_start_time_seconds Start time of the process since the Unix epoch, in seconds.")
        line("# TYPE process_start_time_seconds gauge")
        line("process_start_time_seconds \(startTime)")
        return Array(out.utf8)
    }

    /// Label values escape backslash, double quote and line feed (exposition format 0.0.4).
    private func escape(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
