import Testing
import LatticeHTTP
@testable import LatticeAPI

@Suite("Metrics accounting")
struct MetricsTests {
    @Test("requests are counted by route, method and status, including statuses outside the fast table")
    func counts() {
        let metrics = Metrics()
        metrics.record(route: .endpoint(.actor), method: .get, status: 200, bytes: 10, seconds: 0.0002)
        metrics.record(route: .endpoint(.actor), method: .get, status: 200, bytes: 10, seconds: 0.0002)
        metrics.record(route: .endpoint(.actor), method: .head, status: 304, bytes: 0, seconds: 0.0002)
        metrics.record(route: .unmatched, method: .other("BREW"), status: 418, bytes: 5, seconds: 2)
        metrics.record(route: .httpError, method: nil, status: 400, bytes: 7, seconds: 0)
        let text = String(decoding: metrics.render(openConnections: 3), as: UTF8.self)
        let requests = text.split(separator: "\n").filter { $0.hasPrefix("lattice_http_requests_total{") }
        #expect(
            requests == [
                "lattice_http_requests_total{route=\"/v1/actors/{id}\",method=\"GET\",status=\"200\"} 2",
                "lattice_http_requests_total{route=\"/v1/actors/{id}\",method=\"HEAD\",status=\"304\"} 1",
                "lattice_http_requests_total{route=\"http-error\",method=\"other\",status=\"400\"} 1",
                "lattice_http_requests_total{route=\"unmatched\",method=\"other\",status=\"418\"} 1",
            ])
        #expect(text.contains("lattice_http_request_duration_seconds_bucket{route=\"/v1/actors/{id}\",le=\"0.00025\"} 3\n"))
        #expect(text.contains("lattice_http_request_duration_seconds_bucket{route=\"unmatched\",le=\"1.0\"} 0\n"))
        #expect(text.contains("lattice_http_request_duration_seconds_count{route=\"unmatched\"} 1\n"))
        #expect(!text.contains("route=\"/v1/search\""), "routes never requested have no series")
        #expect(text.contains("lattice_http_response_bytes_total 32\n"))
    }

    @Test("server events and the resident set are exposed")
    func serverEvents() {
        let metrics = Metrics()
        metrics.recordServerEvent("accept_exhausted")
        metrics.recordServerEvent("accept_exhausted")
        metrics.recordServerEvent("write_failed")
        let text = String(decoding: metrics.render(openConnections: 0), as: UTF8.self)
        #expect(text.contains("lattice_http_server_events_total{event=\"accept_exhausted\"} 2\n"))
        #expect(text.contains("lattice_http_server_events_total{event=\"write_failed\"} 1\n"))
        #expect(text.contains("lattice_http_server_events_total{event=\"read_failed\"} 0\n"))
        let resident = text.split(separator: "\n").first { $0.hasPrefix("process_resident_memory_bytes ") }
        #expect((resident?.split(separator: " ").last).flatMap { Int($0) }.map { $0 > 1_000_000 } == true)
    }
}
