import Foundation
import LatticeModel
import Testing
import TestSupport

/// Every endpoint, answered from the shipped seeds, checked against what the article says.
@Suite("Endpoints")
struct EndpointTests {
    @Test("/v1 links every collection and analysis, and reports versions and counts", arguments: TestMode.allCases)
    func index(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let body = try api.json("/v1")
        #expect(body["api_version"] as? String == "v1")
        #expect((body["dataset_version"] as? String)?.count == 16)
        let counts = try #require(body["counts"] as? [String: Int])
        #expect(counts["actors"] == 63 && counts["statements"] == 71 && counts["documents"] == 4)
        let links = try #require(body["links"] as? [String: String])
        #expect(links["cohesion"] == "/v1/analysis/cohesion" && links["mixed_ties"] == "/v1/analysis/mixed-ties")
        // The paths that need a parameter get one; every link answers.
        let examples = ["/v1/search": "?q=nato", "/v1/analysis/cohesion": "?alliance=ap4", "/v1/analysis/positions": "?alliance=asian-nato"]
        for (_, href) in links {
            #expect(try api.get(href + (examples[href] ?? "")).status == 200, "\(href)")
        }
    }

    @Test("/ redirects to /v1", arguments: TestMode.allCases)
    func root(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let response = try api.get("/")
        #expect(response.status == 308)
        #expect(response.header("Location") == "/v1")
    }

    @Test("the Quad's members, with references that resolve", arguments: TestMode.allCases)
    func quadMembers(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let quad = try api.json("/v1/alliances/quad")
        let members = try #require(quad["members"] as? [[String: Any]])
        let ids = members.compactMap { ($0["actor"] as? [String: Any])?["id"] as? String }
        #expect(Set(ids) == ["australia", "india", "japan", "united-states"])
        #expect(quad["short_name"] as? String == "Quad")
        #expect(quad["status"] as? String == "active")
        for member in members {
            let ref = try #require(member["actor"] as? [String: Any])
            #expect(ref["kind"] as? String == "state")
            let href = try #require(ref["href"] as? String)
            let target = try api.json(href)
            #expect(target["id"] as? String == ref["id"] as? String)
            #expect(target["name"] as? String == ref["name"] as? String)
        }
    }

    @Test("who said a quote: the Brussels-based diplomat, verbatim with its offsets", arguments: TestMode.allCases)
    func whoSaid(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let results = try api.json("/v1/statements?q=chinese+invention")
        let statement = try #require((results["data"] as? [[String: Any]])?.first)
        let speaker = try #require(statement["speaker"] as? [String: Any])
        #expect(speaker["id"] as? String == "brussels-based-diplomat")
        #expect(statement["mode"] as? String == "direct")
        #expect(statement["verb"] as? String == "told")
        let text = try #require(statement["text"] as? String)
        let source = try #require(statement["source"] as? [String: Any])
        let start = try #require(source["start"] as? Int), end = try #require(source["end"] as? Int)
        let document = try #require((source["document"] as? [String: Any])?["href"] as? String)
        let article = try api.get(document + "/text")
        #expect(article.header("Content-Type") == "text/plain; charset=utf-8")
        let scalars = Array(article.text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[start..<end])) == text)
        let sentence = try #require(source["sentence"] as? String)
        #expect(sentence.hasSuffix("a Brussels-based diplomat told me."))
        let diplomat = try api.json("/v1/actors/brussels-based-diplomat")
        #expect(diplomat["anonymous"] as? Bool == true)
    }

    @Test("the relations of South Korea", arguments: TestMode.allCases)
    func southKorea(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let body = try api.json("/v1/relations?actor=south-korea&limit=100")
        let relations = try #require(body["data"] as? [[String: Any]])
        func other(_ relation: [String: Any]) -> String {
            let from = (relation["from"] as? [String: Any])?["id"] as? String
            let to = (relation["to"] as? [String: Any])?["id"] as? String
            return from == "south-korea" ? to ?? "" : from ?? ""
        }
        let pairs = Set(relations.map { "\($0["kind"] as? String ?? ""):\(other($0))" })
        #expect(
            pairs.isSuperset(of: [
                "historical_animosity:japan", "territorial_dispute:japan", "threat_perception:japan",
                "threat_perception:china", "military_support:ukraine", "intelligence_sharing:nato",
            ]))
        let rocks = try #require(relations.first { $0["kind"] as? String == "territorial_dispute" })
        #expect(rocks["subject"] as? String == "Liancourt Rocks")
        let actor = try api.json("/v1/actors/south-korea")
        #expect((actor["counts"] as? [String: Int])?["relations"] == relations.count)
        #expect((actor["codes"] as? [String: String])?["iso3166_alpha3"] == "KOR")
        #expect((actor["aliases"] as? [String])?.contains("Seoul") == true)
    }

    @Test("single resources of every kind, and the document's metadata", arguments: TestMode.allCases)
    func singles(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        #expect(try api.json("/v1/statements/lin-rather-share-intelligence")["verb"] as? String == "said")
        #expect(try api.json("/v1/relations/russia-ukraine-war")["kind"] as? String == "war")
        let document = try api.json("/v1/documents/ecci-unlikelihood-of-an-asian-nato")
        #expect(document["sha256"] as? String == "e55eaa796e9ea33f8d42dba561a39de381e7923e7b313688b6635d273a5e6c83")
        #expect(document["title"] as? String == "The unlikelihood of an Asian NATO")
        #expect(document["length"] as? Int == 7472)
        let text = try api.get("/v1/documents/ecci-unlikelihood-of-an-asian-nato/text")
        let original = try Data(contentsOf: URL(fileURLWithPath: shippedSeeds).appendingPathComponent("000_87d4a8ef7e3f0c43.txt"))
        #expect(text.body == [UInt8](original), "the text is served byte for byte")
    }

    @Test("aliases answer 308 to the canonical path, keeping the query", arguments: TestMode.allCases)
    func aliases(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let seoul = try api.get("/v1/actors/seoul")
        #expect(seoul.status == 308)
        #expect(seoul.header("Location") == "/v1/actors/south-korea")
        let quad = try api.get("/v1/alliances/quadrilateral-security-dialogue")
        #expect(quad.header("Location") == "/v1/alliances/quad")
        let text = try api.get("/v1/actors/seoul", method: "HEAD")
        #expect(text.status == 308)
        let beijing = try api.get("/v1/actors/beijing")
        #expect(beijing.header("Location") == "/v1/actors/china")
    }

    @Test("unknown ids and paths are 404 problems; an id of another kind says where it is", arguments: TestMode.allCases)
    func notFound(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let missing = try api.get("/v1/actors/atlantis")
        #expect(missing.status == 404)
        #expect(missing.header("Content-Type") == "application/problem+json; charset=utf-8")
        let problem = try #require(try missing.json() as? [String: Any])
        #expect(problem["status"] as? Int == 404)
        #expect(problem["instance"] as? String == "/v1/actors/atlantis")
        #expect((problem["detail"] as? String)?.contains("atlantis") == true)
        let wrongKind = try #require(try api.get("/v1/actors/quad").json() as? [String: Any])
        #expect((wrongKind["detail"] as? String)?.contains("/v1/alliances/quad") == true)
        #expect(try api.get("/v2/actors").status == 404)
        #expect(try api.get("/v1/actors/japan/extra").status == 404)
    }

    @Test(
        "a near-miss id on any record path gets a did-you-mean in its 404, as lattice validate offers", arguments: TestMode.allCases,
        [
            ("/v1/actors/japn", "japan", "/v1/actors/japan"),
            ("/v1/alliances/quadd", "quad", "/v1/alliances/quad"),
            ("/v1/statements/lin-rather-share-inteligence", "lin-rather-share-intelligence", "/v1/statements/lin-rather-share-intelligence"),
            ("/v1/relations/north-korea-russia-troop", "north-korea-russia-troops", "/v1/relations/north-korea-russia-troops"),
            (
                "/v1/documents/ecci-unlikelihood-of-an-asian-nat", "ecci-unlikelihood-of-an-asian-nato",
                "/v1/documents/ecci-unlikelihood-of-an-asian-nato"
            ),
            (
                "/v1/documents/ecci-unlikelihood-of-an-asian-nat/text", "ecci-unlikelihood-of-an-asian-nato",
                "/v1/documents/ecci-unlikelihood-of-an-asian-nato/text"
            ),
        ])
    func nearMissID(mode: TestMode, example: (String, String, String)) throws {
        let api = APIClient.shared(mode)
        let (path, id, canonical) = example
        let response = try api.get(path)
        #expect(response.status == 404)
        let detail = try #require((try response.json() as? [String: Any])?["detail"] as? String)
        #expect(detail.contains("did you mean \"\(id)\" (\(canonical))?"), "\(detail)")
    }

    @Test("an id far from every id gets no guess", arguments: TestMode.allCases)
    func noNearMiss(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let detail = try #require(try api.json("/v1/actors/atlantis-xyz")["detail"] as? String)
        #expect(!detail.contains("did you mean"), "\(detail)")
        #expect(detail.contains("GET /v1/actors lists them"))
    }

    @Test("search ranks across kinds with snippets", arguments: TestMode.allCases)
    func search(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let body = try api.json("/v1/search?q=nato")
        let results = try #require(body["data"] as? [[String: Any]])
        #expect(results.first?["id"] as? String == "nato")
        #expect(Set(results.compactMap { $0["type"] as? String }).isSuperset(of: ["alliance", "statement"]))
        let scores = results.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
        for result in results {
            let href = try #require(result["href"] as? String)
            #expect(try api.get(href).status == 200)
        }
        let prefix = try api.json("/v1/search?q=teod")
        #expect(ids(prefix).first == "gilberto-teodoro")
        let accents = try api.json("/v1/search?q=T%C3%89ODORO")
        #expect(ids(accents).first == "gilberto-teodoro")
        let typed = try api.json("/v1/search?q=korea&type=actor")
        #expect(Set(ids(typed).prefix(2)) == ["south-korea", "north-korea"], "name matches rank above summary matches")
        #expect((typed["data"] as? [[String: Any]] ?? []).allSatisfy { $0["type"] as? String == "actor" })
        let kursk = try api.json("/v1/search?q=kursk&type=statement")
        let snippet = try #require((kursk["data"] as? [[String: Any]])?.first?["snippet"] as? String)
        #expect(snippet.contains("Kursk"))
        #expect(try api.get("/v1/search").status == 400, "q is required")
    }

    @Test("the graph, whole and around a focus", arguments: TestMode.allCases)
    func graph(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let whole = try api.json("/v1/graph")
        let nodes = try #require(whole["nodes"] as? [[String: Any]])
        let edges = try #require(whole["edges"] as? [[String: Any]])
        #expect(nodes.count == 63 + 19)
        let nodeIDs = Set(nodes.compactMap { $0["id"] as? String })
        for edge in edges {
            #expect(nodeIDs.contains(edge["from"] as? String ?? "") && nodeIDs.contains(edge["to"] as? String ?? ""))
        }
        #expect(edges.contains { $0["kind"] as? String == "membership" && $0["from"] as? String == "squad" && $0["to"] as? String == "philippines" })
        let ego = try api.json("/v1/graph?focus=india&depth=1")
        let egoIDs = Set((ego["nodes"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        #expect(egoIDs.isSuperset(of: ["india", "quad", "china"]))
        #expect(!egoIDs.contains("vietnam"))
        let deeper = try api.json("/v1/graph?focus=india&depth=2")
        #expect((deeper["nodes"] as? [Any])?.count ?? 0 > egoIDs.count)
        #expect(try api.json("/v1/graph?focus=tokyo")["focus"] as? String == "japan", "aliases work as a focus")
        #expect(try api.get("/v1/graph?depth=9").status == 400)
        // Depth counts hops from the focus: without one it means nothing, so it is refused, not ignored.
        // The default, which generated clients send on every call, is no constraint.
        #expect(try api.get("/v1/graph?depth=1").status == 200)
        for path in ["/v1/graph?depth=2", "/v1/graph?depth=5"] {
            let refused = try api.get(path)
            #expect(refused.status == 400, "\(path)")
            let errors = try #require((try refused.json() as? [String: Any])?["errors"] as? [[String: Any]])
            #expect(errors.count == 1 && errors[0]["parameter"] as? String == "depth")
            #expect((errors[0]["detail"] as? String)?.hasPrefix("depth needs focus") == true, "\(errors)")
        }
        #expect(try api.get("/v1/graph?focus=atlantis&depth=2").status == 404, "an unknown focus is still the 404")
    }

    @Test("export streams every record as NDJSON")
    func export() throws {
        let api = APIClient.shared(.live)
        let response = try api.get("/v1/export")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/x-ndjson")
        #expect(response.header("Transfer-Encoding") == "chunked")
        let lines = response.text.split(separator: "\n")
        #expect(lines.count == 4 + 63 + 19 + 62 + 71)
        var types: [String: Int] = [:]
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            types[object["type"] as? String ?? "?", default: 0] += 1
            #expect(object["id"] is String)
        }
        #expect(types == ["document": 4, "actor": 63, "alliance": 19, "relation": 62, "statement": 71])
    }

    @Test("health, readiness, metrics", arguments: TestMode.allCases)
    func service(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let health = try api.get("/healthz")
        #expect(health.status == 200)
        #expect(health.header("Cache-Control") == "no-store")
        let ready = try api.json("/readyz")
        #expect(ready["status"] as? String == "ready")
        _ = try api.get("/v1/actors/japan")
        let metrics = try api.get("/metrics")
        #expect(metrics.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        #expect(metrics.text.contains("lattice_http_requests_total{route=\"/v1/actors/{id}\",method=\"GET\",status=\"200\"}"))
        #expect(metrics.text.contains("lattice_dataset_records{type=\"actor\"} 63"))
        #expect(metrics.text.contains("process_start_time_seconds "))
        #expect(metrics.text.contains("lattice_http_open_connections "))
    }
}
