import Glibc
import LatticeModel
import LatticeHTTP

/// Prometheus metrics: request counts by route template and status, a latency histogram,
/// bytes sent, reloads by outcome, and the dataset's version and counts. Labels use route
/// templates (`/v1/actors/{id}`), never raw paths, so cardinality stays bounded.
public final class Metrics: Sendable {
    static let buckets: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1]

    struct RequestKey: Hashable {
        let route: String
        let method: String
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
        var requests: [RequestKey: Int] = [:]
        var latency: [String: Histogram] = [:]
        var bytesSent = 0
        var reloads = (success: 0, failure: 0)
        var dataset: (version: String, counts: Dataset.Counts)?
    }

    private let state = Locked(State())
    let startTime: Double = {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }()

    func record(route: String, method: String, status: Int, bytes: Int, seconds: Double) {
        let methodLabel = ["GET", "HEAD", "OPTIONS"].contains(method) ? method : "other"
        let bucket = Self.buckets.firstIndex { seconds <= $0 } ?? Self.buckets.count
        state.withLock { state in
            state.requests[RequestKey(route: route, method: methodLabel, status: status), default: 0] += 1
            state.latency[route, default: Histogram()].observe(bucket: bucket, seconds: seconds)
            state.bytesSent += bytes
        }
    }

    func recordReload(success: Bool, dataset: Dataset?) {
        state.withLock { state in
            if success { state.reloads.success += 1 } else { state.reloads.failure += 1 }
            if let dataset { state.dataset = (dataset.version, dataset.counts) }
        }
    }

    /// The text exposition format, version 0.0.4.
    func render(openConnections: Int) -> [UInt8] {
        let state = self.state.withLock { $0 }
        var out = ""
        func line(_ text: String) { out += text + "\n" }
        line("# HELP lattice_http_requests_total HTTP requests answered, by route template, method and status.")
        line("# TYPE lattice_http_requests_total counter")
        for (key, value) in state.requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            line("lattice_http_requests_total{route=\"\(escape(key.route))\",method=\"\(key.method)\",status=\"\(key.status)\"} \(value)")
        }
        line("# HELP lattice_http_request_duration_seconds Time to answer a request, by route template.")
        line("# TYPE lattice_http_request_duration_seconds histogram")
        for (route, histogram) in state.latency.sorted(by: { $0.key < $1.key }) {
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
            for (type, count) in [("actor", counts.actors), ("alliance", counts.alliances), ("document", counts.documents),
                                  ("relation", counts.relations), ("statement", counts.statements)] {
                line("lattice_dataset_records{type=\"\(type)\"} \(count)")
            }
        }
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
