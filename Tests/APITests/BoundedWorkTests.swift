import Foundation
@testable import LatticeAPI
import LatticeModel
import Testing
import TestSupport

/// Every request costs a bounded amount of work: graphs are capped by `max_nodes`,
/// dataset-wide answers are computed once per dataset version, and a 304 whose tag is the
/// request's is answered before the body is built.
@Suite("Bounded work per request")
struct BoundedWorkTests {
    let api = APIClient.shared(.live)

    static func problem(_ response: TestResponse) throws -> (parameter: String?, detail: String?) {
        let body = try response.json() as? [String: Any] ?? [:]
        let error = (body["errors"] as? [[String: Any]])?.first
        return (error?["parameter"] as? String, error?["detail"] as? String)
    }

    @Test("an ego network over max_nodes is a 400 naming max_nodes; at the cap it is served whole")
    func egoNetworkCap() throws {
        // 150 extra actors, each tied to Japan: an ego network larger than the smallest cap.
        let folder = try ReloadRaceTests.largerSeeds(extraActors: 150)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let relations = (0..<150).map { index in
            #"{"id": "zz-tie-\#(index)", "kind": "trade_dependence", "from": "japan", "to": "zz-extra-\#(index)", "directed": false, "valence": "cooperative", "subject": "A synthetic tie", "summary": "A synthetic test tie.", "evidence": ["rolled into Kyiv"]}"#
        }
        let file = #"{"document": "ecci-unlikelihood-of-an-asian-nato", "relations": [\#(relations.joined(separator: ","))]}"#
        try Data(file.utf8).write(to: URL(fileURLWithPath: "\(folder)/extra-ties.json"))
        let api = try APIClient(.live, seeds: folder)
        defer { api.stop() }
        let whole = try api.json("/v1/graph?focus=japan&depth=1")
        let count = (whole["nodes"] as? [Any])?.count ?? 0
        #expect(count > GraphEndpoint.minimumNodes)
        let atCap = try api.get("/v1/graph?focus=japan&depth=1&max_nodes=\(count)")
        #expect(atCap.status == 200)
        #expect(((try atCap.json() as? [String: Any])?["nodes"] as? [Any])?.count == count)
        let over = try api.get("/v1/graph?focus=japan&depth=1&max_nodes=\(count - 1)")
        #expect(over.status == 400)
        #expect(over.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        let (parameter, detail) = try Self.problem(over)
        #expect(parameter == "max_nodes")
        #expect(detail?.contains("focus=japan with depth=1 reaches more than max_nodes=\(count - 1) nodes") == true, "\(detail ?? "")")
        #expect(detail?.contains("this focus has too many direct ties") == true)
        #expect(try api.get("/v1/graph?focus=japan&max_nodes=10001").status == 400, "the ceiling is 10,000")
        #expect(try api.get("/v1/graph?focus=japan&max_nodes=99").status == 400, "the floor is 100")
    }

    @Test("the whole graph over the default max_nodes (2,000) is a 400 naming max_nodes; raising it serves the graph")
    func wholeGraphCap() throws {
        let folder = try ReloadRaceTests.largerSeeds(extraActors: 2_100)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let large = try APIClient(.live, seeds: folder)
        defer { large.stop() }
        let nodes = try #require(large.service.dataset?.graphNodeCount)
        #expect(nodes > 2_000)
        let refused = try large.get("/v1/graph")
        #expect(refused.status == 400)
        let (parameter, detail) = try Self.problem(refused)
        #expect(parameter == "max_nodes")
        #expect(detail?.contains("the whole graph has \(nodes) nodes, more than max_nodes=2000") == true, "\(detail ?? "")")
        #expect(detail?.contains("raise max_nodes to \(nodes)") == true)
        let served = try large.get("/v1/graph?max_nodes=\(nodes)")
        #expect(served.status == 200)
        #expect(((try served.json() as? [String: Any])?["nodes"] as? [Any])?.count == nodes)
        // The shipped seeds' graph is far below the cap and unchanged.
        #expect(try api.get("/v1/graph").status == 200)
    }

    @Test(
        "dataset-wide answers are computed once per dataset version and freed with it",
        arguments: [
            "/v1/analysis/mixed-ties", "/v1/analysis/mixed-ties?format=csv", "/v1/analysis/positions?alliance=asian-nato",
            "/v1/analysis/cohesion?alliance=ap4",
        ])
    func answersComputedOnce(path: String) throws {
        let server = try APIClient(.live)
        defer { server.stop() }
        let snapshot = try #require(server.service.snapshot)
        #expect(snapshot.answers.count == 0)
        let first = try server.get(path)
        #expect(first.status == 200)
        #expect(snapshot.answers.count == 1)
        let second = try server.get(path)
        let head = try server.get(path, method: "HEAD")
        let gzip = try server.get(path, headers: ["Accept-Encoding: gzip"])
        #expect(second.body == first.body && second.header("ETag") == first.header("ETag"))
        #expect(head.status == 200 && head.header("ETag") == first.header("ETag"))
        #expect(gzip.status == 200)
        #expect(snapshot.answers.count == 1, "GET, HEAD and gzip share one computed answer")

        // A reload frees the old version's answers with it.
        weak let old = snapshot
        _ = consume snapshot
        try server.service.reload(from: shippedSeeds)
        #expect(old == nil)
        #expect(server.service.snapshot?.answers.count == 0)
        #expect(try server.get(path).body == first.body, "the same seeds give the same bytes")
    }

    @Test(
        "a 304 on a request-tagged answer is given before the body is built",
        arguments: ["/v1/analysis/mixed-ties", "/v1/analysis/positions?alliance=asian-nato"])
    func notModifiedBeforeTheBody(path: String) throws {
        var configuration = APIConfiguration()
        configuration.gzipMinimumBytes = 1
        // The tags, from one server; the 304s, from another on the same seeds, which never built the body.
        let tags = try APIClient(.live, configuration: configuration)
        defer { tags.stop() }
        let plain = try #require(try tags.get(path).header("ETag"))
        let gzipped = try #require(try tags.get(path, headers: ["Accept-Encoding: gzip"]).header("ETag"))
        #expect(gzipped == String(plain.dropLast()) + "-gz\"")

        let fresh = try APIClient(.live, configuration: configuration)
        defer { fresh.stop() }
        let snapshot = try #require(fresh.service.snapshot)
        let cached = try fresh.get(path, headers: ["If-None-Match: \(plain)"])
        #expect(cached.status == 304 && cached.body.isEmpty && cached.header("ETag") == plain)
        let cachedGzip = try fresh.get(path, headers: ["If-None-Match: \(gzipped)", "Accept-Encoding: gzip"])
        #expect(cachedGzip.status == 304 && cachedGzip.header("ETag") == gzipped)
        #expect(cachedGzip.header("Vary") == "Accept, Accept-Encoding")
        #expect(snapshot.answers.count == 0, "no body was built for either 304")
        // The gzip form's tag does not match for a client that does not accept gzip.
        #expect(try fresh.get(path, headers: ["If-None-Match: \(gzipped)"]).status == 200)
        #expect(try fresh.get(path, headers: ["If-None-Match: *"]).status == 304)
    }

    @Test("an ego network's 304 matches its 200's tag, plain and gzip")
    func egoNetworkNotModified() throws {
        let path = "/v1/graph?focus=japan&depth=3"
        for headers in [[], ["Accept-Encoding: gzip"]] {
            let first = try api.get(path, headers: headers)
            let tag = try #require(first.header("ETag"))
            let cached = try api.get(path, headers: headers + ["If-None-Match: \(tag)"])
            #expect(cached.status == 304 && cached.header("ETag") == tag)
            #expect(cached.header("Vary") == first.header("Vary"), "\(headers)")
        }
    }
}
