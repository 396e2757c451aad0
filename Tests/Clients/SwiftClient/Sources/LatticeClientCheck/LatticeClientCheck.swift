// Calls every GET operation of Lattice's API through the client that swift-openapi-generator
// made from openapi.json (beside this file), against a live server, and decodes every
// response: each collection, every single record in it, the CSV, text and NDJSON bodies.
// Then it compares the operations it called with those the live document lists, so an
// operation added to the API without a call here fails too.
//
//   swift run LatticeClientCheck http://127.0.0.1:8080
//
// Exits 0 when every call decoded, 1 otherwise (each failure is printed).
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import OpenAPIRuntime
import OpenAPIURLSession

/// Keeps 308 responses as they are: the root operation documents its redirect, and a client
/// that follows it would see an undocumented 200.
final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}

struct CheckFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// What was called and what failed.
final class Tally {
    var called: [String: Int] = [:]
    var failures: [String] = []

    func call(_ operation: String, _ label: String, _ body: () async throws -> Void) async {
        called[operation, default: 0] += 1
        do {
            try await body()
        } catch {
            failures.append("\(operation) \(label): \(error)")
            print("FAIL \(operation) \(label): \(error)")
        }
    }
}

func text(_ body: HTTPBody) async throws -> String {
    try await String(collecting: body, upTo: 64 * 1024 * 1024)
}

func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    if !condition { throw CheckFailure(message()) }
}

func require<T>(_ value: T?, _ message: String) throws -> T {
    guard let value else { throw CheckFailure(message) }
    return value
}

@main
struct LatticeClientCheck {
    static func main() async {
        guard CommandLine.arguments.count == 2, let serverURL = URL(string: CommandLine.arguments[1]) else {
            print("usage: LatticeClientCheck BASE_URL   (e.g. http://127.0.0.1:8080)")
            exit(2)
        }
        let session = URLSession(configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)
        let client = Client(serverURL: serverURL, transport: URLSessionTransport(configuration: .init(session: session)))
        let tally = Tally()
        await exercise(client, tally)
        let documented = await documentedOperations(client, tally)
        let notCalled = documented.subtracting(tally.called.keys).sorted()
        for operation in notCalled {
            tally.failures.append("\(operation): documented but never called by this check")
            print("FAIL \(operation): documented but never called by this check; add it to LatticeClientCheck.swift")
        }
        let calls = tally.called.values.reduce(0, +)
        print("swift client: \(tally.called.count) GET operations, \(calls) calls, \(tally.failures.count) failures")
        exit(tally.failures.isEmpty ? 0 : 1)
    }

    /// The GET operations of the live document, by operationId.
    static func documentedOperations(_ client: Client, _ tally: Tally) async -> Set<String> {
        var operations: Set<String> = []
        await tally.call(Operations.GetOpenapi.id, "") {
            let document = try await client.getOpenapi().ok.body.json
            let paths = try require(document.value["paths"] as? [String: (any Sendable)?], "paths")
            for case let item as [String: (any Sendable)?] in paths.values {
                for verb in ["get", "post"] {
                    if let operation = item[verb] as? [String: (any Sendable)?], let id = operation["operationId"] as? String {
                        operations.insert(id)
                    }
                }
            }
            try expect(!operations.isEmpty, "the document lists no GET operation")
        }
        return operations
    }

    static func exercise(_ client: Client, _ tally: Tally) async {
        await tally.call(Operations.GetRoot.id, "") {
            // A generated client asks for what the operation lists, text/html, so it gets the
            // explorer's page; a client that does not (check.py's) gets the 308 to /v1.
            let page = try await text(client.getRoot().ok.body.html)
            try expect(page.contains("<!doctype html>"), "not the explorer's page")
        }
        // The explorer's files: whatever their media type, a 200 with a body.
        for asset in ["index.html", "app.js", "style.css", "icon.svg"] {
            await tally.call(Operations.GetExplorer.id, asset) {
                _ = try await client.getExplorer(path: .init(asset: asset)).ok
            }
        }
        var counts: Components.Schemas.Index.CountsPayload?
        await tally.call(Operations.GetIndex.id, "") {
            counts = try await client.getIndex().ok.body.json.counts
        }
        await tally.call(Operations.GetHealthz.id, "") {
            try expect(try await client.getHealthz().ok.body.json.status == .ok, "status")
        }
        await tally.call(Operations.GetReadyz.id, "") {
            _ = try await client.getReadyz().ok.body.json.datasetVersion
        }
        await tally.call(Operations.GetMetrics.id, "") {
            let metrics = try await text(client.getMetrics().ok.body.plainText)
            try expect(metrics.contains("lattice_http_requests_total"), "no request counter in /metrics")
        }

        // Every record's id, from the export (so single records are checked even when a
        // collection fails to decode).
        var ids: [String: [String]] = [:]
        await tally.call(Operations.GetExport.id, "") {
            let body = try await client.getExport().ok.body.applicationXNdjson
            var lines = 0
            for try await record in body.asDecodedJSONLines(of: OpenAPIObjectContainer.self) {
                let type = try require(record.value["type"] as? String, "a line without type")
                ids[type, default: []].append(try require(record.value["id"] as? String, "a line without id"))
                lines += 1
            }
            let total = counts.map { $0.documents + $0.actors + $0.alliances + $0.relations + $0.statements }
            try expect(lines == total, "\(lines) lines, \(total ?? -1) records")
            try expect(Set(ids.keys).isSuperset(of: ["document", "actor", "alliance", "statement", "relation"]), "types \(ids.keys)")
        }

        // Actors: the collection, every actor, a filtered page (form-style lists), CSV.
        await tally.call(Operations.GetActors.id, "limit=500") {
            let page = try await client.getActors(query: .init(limit: 500), headers: .init(accept: [.init(contentType: .json)])).ok.body.json
            try expect(page.meta.total == counts?.actors, "total \(page.meta.total) vs index \(counts?.actors ?? -1)")
            // Nullable objects decode both ways: states have codes, the others null.
            try expect(page.data.allSatisfy { ($0.kind == .state) == ($0.codes != nil) }, "codes")
        }
        for id in ids["actor", default: []] {
            await tally.call(Operations.GetActor.id, id) {
                try expect(try await client.getActor(path: .init(id: id)).ok.body.json.id == id, "wrong record")
            }
        }
        await tally.call(Operations.GetActors.id, "kind=state,person&region=east-asia") {
            let page = try await client.getActors(
                query: .init(kind: [.state, .person], region: [.eastAsia], sort: ._hyphen_name, limit: 5),
                headers: .init(accept: [.init(contentType: .json)])
            ).ok.body.json
            try expect(page.data.allSatisfy { $0.region == .eastAsia && $0.kind != .organization }, "filter ignored")
        }
        await tally.call(Operations.GetActors.id, "text/csv") {
            let csv = try await text(client.getActors(headers: .init(accept: [.init(contentType: .csv)])).ok.body.csv)
            try expect(csv.hasPrefix("id,"), "CSV without its header row")
        }

        await tally.call(Operations.GetAlliances.id, "limit=500") {
            let page = try await client.getAlliances(query: .init(limit: 500), headers: .init(accept: [.init(contentType: .json)])).ok.body.json
            try expect(page.meta.total == counts?.alliances, "total")
            let positions = page.data.flatMap(\.positions)
            try expect(positions.contains { $0.statement != nil } && positions.contains { $0.statement == nil }, "position statements")
        }
        for id in ids["alliance", default: []] {
            await tally.call(Operations.GetAlliance.id, id) {
                try expect(try await client.getAlliance(path: .init(id: id)).ok.body.json.id == id, "wrong record")
            }
        }
        await tally.call(Operations.GetAlliances.id, "status=proposed") {
            let page = try await client.getAlliances(query: .init(status: [.proposed]), headers: .init(accept: [.init(contentType: .json)])).ok.body
                .json
            try expect(!page.data.isEmpty && page.data.allSatisfy { $0.status == .proposed }, "filter")
        }

        await tally.call(Operations.GetStatements.id, "limit=500") {
            let page = try await client.getStatements(query: .init(limit: 500), headers: .init(accept: [.init(contentType: .json)])).ok.body.json
            try expect(page.meta.total == counts?.statements, "total")
            try expect(page.data.contains { $0.stance != nil } && page.data.contains { $0.stance == nil }, "stances")
        }
        for id in ids["statement", default: []] {
            await tally.call(Operations.GetStatement.id, id) {
                try expect(try await client.getStatement(path: .init(id: id)).ok.body.json.id == id, "wrong record")
            }
        }

        await tally.call(Operations.GetRelations.id, "limit=500") {
            let page = try await client.getRelations(query: .init(limit: 500), headers: .init(accept: [.init(contentType: .json)])).ok.body.json
            try expect(page.meta.total == counts?.relations, "total")
        }
        for id in ids["relation", default: []] {
            await tally.call(Operations.GetRelation.id, id) {
                try expect(try await client.getRelation(path: .init(id: id)).ok.body.json.id == id, "wrong record")
            }
        }

        await tally.call(Operations.GetDocuments.id, "") {
            let page = try await client.getDocuments(headers: .init(accept: [.init(contentType: .json)])).ok.body.json
            try expect(page.meta.total == counts?.documents, "total")
        }
        for id in ids["document", default: []] {
            await tally.call(Operations.GetDocument.id, id) {
                let document = try await client.getDocument(path: .init(id: id)).ok.body.json
                await tally.call(Operations.GetDocumentText.id, id) {
                    let body = try await text(client.getDocumentText(path: .init(id: id)).ok.body.plainText)
                    try expect(body.unicodeScalars.count == document.length, "text length \(body.unicodeScalars.count) vs \(document.length)")
                }
            }
        }

        await tally.call(Operations.GetSearch.id, "q=nato") {
            let page = try await client.getSearch(query: .init(q: "nato", limit: 500), headers: .init(accept: [.init(contentType: .json)])).ok.body
                .json
            try expect(!page.data.isEmpty, "no results")
        }
        await tally.call(Operations.GetGraph.id, "") {
            let graph = try await client.getGraph().ok.body.json
            try expect(graph.edges.contains { $0.role == .member } && graph.edges.contains { $0.role == nil }, "edge roles")
        }
        await tally.call(Operations.GetGraph.id, "focus=japan&depth=2") {
            _ = try await client.getGraph(query: .init(focus: "japan", depth: 2)).ok.body.json
        }
        await tally.call(Operations.GetCohesion.id, "alliance=ap4") {
            let cohesion = try await client.getCohesion(query: .init(alliance: "ap4"), headers: .init(accept: [.init(contentType: .json)])).ok.body
                .json
            try expect(Set([cohesion.weakest?.a.id, cohesion.weakest?.b.id]) == ["japan", "south-korea"], "weakest pair")
            try expect(cohesion.matrix.count == cohesion.actors.count, "matrix rows")
        }
        await tally.call(Operations.GetCohesion.id, "text/csv") {
            let csv = try await text(
                client.getCohesion(query: .init(actors: ["japan", "china"]), headers: .init(accept: [.init(contentType: .csv)])).ok.body.csv)
            try expect(csv.hasPrefix("actor,"), "CSV without its header row")
        }
        await tally.call(Operations.GetPositions.id, "alliance=asian-nato") {
            let positions = try await client.getPositions(query: .init(alliance: "asian-nato")).ok.body.json
            try expect(positions.groups.contains { $0.stance == .supports }, "supporters")
        }
        await tally.call(Operations.GetMixedTies.id, "") {
            let ties = try await client.getMixedTies().ok.body.json
            try expect(!ties.data.isEmpty, "mixed ties")
        }
        await tally.call(Operations.GetTimeline.id, "actor=north-korea&limit=500") {
            let page = try await client.getTimeline(
                query: .init(actor: "north-korea", limit: 500), headers: .init(accept: [.init(contentType: .json)])
            ).ok.body.json
            try expect(!page.data.isEmpty && page.data.map(\.date) == page.data.map(\.date).sorted(), "north-korea's timeline, oldest first")
        }
        await tally.call(Operations.PostMcp.id, "ping") {
            // A handshake-era ping: the JSON-RPC response decodes as the documented model.
            let response = try await client.postMcp(body: .json(.init(jsonrpc: ._2_0, id: "1", method: "ping")))
            let body = try response.ok.body.json
            try expect(body.result != nil && body.error == nil, "ping: no result")
        }
        await tally.call(Operations.GetTimeline.id, "event=statement&since=2026") {
            let page = try await client.getTimeline(
                query: .init(since: "2026", event: [.statement]), headers: .init(accept: [.init(contentType: .json)])
            ).ok.body.json
            try expect(!page.data.isEmpty && page.data.allSatisfy { $0.event == .statement }, "2026 statements")
        }
    }
}
