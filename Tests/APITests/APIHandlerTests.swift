import Foundation
import Testing
import TestSupport

/// Routing, parameters and headers, in both modes: in process (the handler called directly)
/// and over a socket, with the same assertions, so the two modes are shown to agree. What
/// needs a connection (framing, keep-alive, streaming, timeouts) is tested live elsewhere.
@Suite("API handler, in process and live")
struct APIHandlerTests {
    @Test(
        "routes: each template reaches its endpoint; unknown paths and ids are 404", arguments: TestMode.allCases,
        [
            ("/v1", 200), ("/v1/actors", 200), ("/v1/actors/japan", 200), ("/v1/actors/seoul", 308), ("/v1/alliances/quad", 200),
            ("/v1/statements", 200), ("/v1/relations", 200), ("/v1/documents", 200), ("/v1/search?q=nato", 200),
            ("/v1/graph", 200), ("/v1/graph?focus=japan&depth=2", 200), ("/openapi.json", 200), ("/healthz", 200),
            ("/readyz", 200), ("/metrics", 200), ("/v1/nothing", 404), ("/v1/actors/quad", 404), ("/v2/actors", 404),
        ])
    func routes(mode: TestMode, route: (String, Int)) throws {
        #expect(try APIClient.shared(mode).get(route.0).status == route.1)
    }

    @Test("every response carries the shared headers; data is cacheable, health is not", arguments: TestMode.allCases)
    func sharedHeaders(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let data = try api.get("/v1/actors/japan")
        for name in ["ETag", "Cache-Control", "Content-Type", "Vary", "Access-Control-Allow-Origin", "X-Request-Id"] {
            #expect(data.header(name) != nil, "\(name)")
        }
        #expect(data.header("Cache-Control") == "public, max-age=60")
        #expect(try api.get("/healthz").header("Cache-Control") == "no-store")
        #expect(try api.get("/v1/actors/japan", headers: ["X-Request-Id: abc-1"]).header("X-Request-Id") == "abc-1")
    }

    @Test("typed parameters: filters, sort and paging reach the query", arguments: TestMode.allCases)
    func parameters(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let page = try api.json("/v1/actors?kind=state&region=oceania&sort=-name&limit=1")
        let first = try #require((page["data"] as? [[String: Any]])?.first)
        #expect(first["id"] as? String == "new-zealand")
        #expect((page["meta"] as? [String: Any])?["total"] as? Int == 2)
        let statements = try api.json("/v1/statements?speaker=ying-yu-lin&sort=id&limit=2")
        #expect((statements["meta"] as? [String: Any])?["total"] as? Int == 4)
        let bad = try api.get("/v1/relations?kind=love&limit=0")
        #expect(bad.status == 400)
        #expect(((try bad.json() as? [String: Any])?["errors"] as? [Any])?.count == 2)
    }

    @Test("methods: HEAD and OPTIONS as documented, others 405 with Allow", arguments: TestMode.allCases)
    func methods(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let head = try api.get("/v1/actors/japan", method: "HEAD")
        let get = try api.get("/v1/actors/japan")
        #expect(head.status == 200 && head.header("ETag") == get.header("ETag"))
        #expect(head.body.isEmpty && !get.body.isEmpty)
        let preflight = try api.get(
            "/v1/actors", method: "OPTIONS",
            headers: [
                "Origin: https://dash.example",
                "Access-Control-Request-Method: GET",
            ])
        #expect(preflight.status == 204)
        #expect(preflight.header("Access-Control-Allow-Methods") == "GET, HEAD, OPTIONS")
        let post = try api.get("/v1/actors", method: "POST")
        #expect(post.status == 405 && post.header("Allow") == "GET, HEAD, OPTIONS")
    }

    @Test(
        "the modes agree: the same request gets the same status, body and handler headers",
        arguments: [
            "/v1/actors/japan", "/v1/relations?actor=south-korea&limit=5", "/v1/actors/seoul", "/v1/nothing",
            "/v1/relations?kind=love", "/openapi.json", "/v1/graph?focus=japan&depth=2",
        ])
    func modesAgree(target: String) throws {
        let inProcess = try APIClient.shared(.inProcess).get(target), live = try APIClient.shared(.live).get(target)
        #expect(inProcess.status == live.status)
        #expect(inProcess.body == live.body, "\(target)")
        for name in ["ETag", "Cache-Control", "Content-Type", "Vary", "Location", "Allow"] {
            #expect(inProcess.header(name) == live.header(name), "\(target): \(name)")
        }
    }
}
