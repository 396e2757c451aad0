import Foundation
@testable import LatticeAPI
import LatticeHTTP
import Testing

/// The handler called directly, without sockets: routing, parameters and headers. The
/// socket tests keep what needs a connection (framing, keep-alive, streaming, timeouts).
@Suite("API handler, directly")
struct APIHandlerTests {
    static let service: LatticeService = {
        let service = LatticeService()
        _ = try! service.reload(from: shippedSeeds)
        return service
    }()

    let handler = APIHandler(service: APIHandlerTests.service)

    func respond(_ target: String, method: HTTPMethod = .get, headers: [(String, String)] = []) throws -> HTTPResponse {
        handler.respond(to: try HTTPRequest(method: method, target: target, headers: HTTPHeaders([("Host", "x")] + headers)))
    }

    func body(_ response: HTTPResponse) -> [UInt8] {
        if case .bytes(let bytes) = response.body { return bytes }
        return []
    }

    func json(_ response: HTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body(response))) as? [String: Any])
    }

    @Test("routes: each template reaches its endpoint; unknown paths and ids are 404", arguments: [
        ("/v1", 200), ("/v1/actors", 200), ("/v1/actors/japan", 200), ("/v1/actors/seoul", 308), ("/v1/alliances/quad", 200),
        ("/v1/statements", 200), ("/v1/relations", 200), ("/v1/documents", 200), ("/v1/search?q=nato", 200),
        ("/v1/graph", 200), ("/v1/graph?focus=japan&depth=2", 200), ("/openapi.json", 200), ("/healthz", 200),
        ("/readyz", 200), ("/metrics", 200), ("/v1/nothing", 404), ("/v1/actors/quad", 404), ("/v2/actors", 404),
    ])
    func routes(target: String, status: Int) throws {
        #expect(try respond(target).status.code == status)
    }

    @Test("every response carries the shared headers; data is cacheable, health is not")
    func sharedHeaders() throws {
        let data = try respond("/v1/actors/japan")
        for name in ["ETag", "Cache-Control", "Content-Type", "Vary", "Access-Control-Allow-Origin", "X-Request-Id"] {
            #expect(data.header(name) != nil, "\(name)")
        }
        #expect(data.header("Cache-Control") == "public, max-age=60")
        #expect(try respond("/healthz").header("Cache-Control") == "no-store")
        #expect(try respond("/v1/actors/japan", headers: [("X-Request-Id", "abc-1")]).header("X-Request-Id") == "abc-1")
    }

    @Test("typed parameters: filters, sort and paging reach the query")
    func parameters() throws {
        let page = try json(try respond("/v1/actors?kind=state&region=oceania&sort=-name&limit=1"))
        let first = try #require((page["data"] as? [[String: Any]])?.first)
        #expect(first["id"] as? String == "new-zealand")
        #expect((page["meta"] as? [String: Any])?["total"] as? Int == 2)
        let statements = try json(try respond("/v1/statements?speaker=ying-yu-lin&sort=id&limit=2"))
        #expect((statements["meta"] as? [String: Any])?["total"] as? Int == 4)
        let bad = try respond("/v1/relations?kind=love&limit=0")
        #expect(bad.status.code == 400)
        #expect((try json(bad)["errors"] as? [Any])?.count == 2)
    }

    @Test("methods: HEAD and OPTIONS as documented, others 405 with Allow")
    func methods() throws {
        let head = try respond("/v1/actors/japan", method: .head)
        let get = try respond("/v1/actors/japan")
        #expect(head.status.code == 200 && head.header("ETag") == get.header("ETag"))
        let preflight = try respond("/v1/actors", method: .options, headers: [("Origin", "https://dash.example"),
                                                                             ("Access-Control-Request-Method", "GET")])
        #expect(preflight.status.code == 204)
        #expect(preflight.header("Access-Control-Allow-Methods") == "GET, HEAD, OPTIONS")
        let post = try respond("/v1/actors", method: .post)
        #expect(post.status.code == 405 && post.header("Allow") == "GET, HEAD, OPTIONS")
    }
}
