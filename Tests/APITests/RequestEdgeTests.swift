import Foundation
import Testing
import TestSupport

/// Requests at the edges of what the HTTP layer hands the API.
@Suite("Request edges")
struct RequestEdgeTests {
    let api = APIClient.shared(.live)

    @Test("a query that does not decode is a 400 for its own method and path")
    func undecodableQuery() throws {
        let response = try api.get("/v1/search?q=%ZZ")
        #expect(response.status == 400)
        let problem = try #require(try response.json() as? [String: Any])
        #expect(problem["instance"] as? String == "/v1/search")
        #expect((problem["detail"] as? String)?.contains("\"%ZZ\" in the query at byte 13 of the request target") == true, "\(problem)")
    }

    @Test("OPTIONS * is answered for the server as a whole")
    func optionsAsterisk() throws {
        let client = try RawClient(port: api.server.port)
        client.send("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 204)
        #expect(response.header("Allow") == "GET, HEAD, OPTIONS")
    }

    @Test("a long path is cut alike in a problem's detail and its instance")
    func longPathInstance() throws {
        let path = "/v1/" + String(repeating: "a", count: 8_000)
        let response = try api.get(path)
        #expect(response.status == 404)
        #expect(response.body.count < 1_000, "the problem must not echo the 8 KB path")
        let problem = try #require(try response.json() as? [String: Any])
        let instance = try #require(problem["instance"] as? String)
        let detail = try #require(problem["detail"] as? String)
        #expect(instance == String(path.prefix(200)) + "…")
        #expect(detail.contains(instance), "detail quotes the same excerpt")
        #expect(try api.json("/v1/actors/atlantis")["instance"] as? String == "/v1/actors/atlantis", "a short path is echoed whole")
    }
}
