import Foundation
import Testing
import TestSupport

/// Requests at the edges of what the HTTP layer hands the API.
@Suite("Request edges")
struct RequestEdgeTests {
    let api = APIServer.shared

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
}
