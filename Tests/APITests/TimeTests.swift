import Foundation
import Testing
import LatticeHTTP
@testable import LatticeAPI

/// A seeds folder where time matters: two documents years apart, a pact founded in June 2024
/// that one member left in January 2026, a hostile relation of 2023–24 backed by both
/// documents, a cooperative one that only the 2026 document records.
struct TimeFixture {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("lattice-time-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let older = "Avia and Brel quarrelled over the river. “We will not yield,” Brel said.\n"
        let newer =
            "Avia and Brel quarrelled until 2024. Avia founded the Pact in June 2024. Avia now trades with Cora. “The Pact holds,” Avia said in March 2024.\n"
        try Data(older.utf8).write(to: URL(fileURLWithPath: "\(path)/older.txt"))
        try Data(newer.utf8).write(to: URL(fileURLWithPath: "\(path)/newer.txt"))
        let json = #"""
            {"document": "newer",
             "documents": [
               {"id": "older", "file": "older.txt", "title": "Old news", "language": "en", "kind": "article",
                "published": "2023-05", "published_basis": "inferred", "rights": "Test.", "url": "https://example.org/old"},
               {"id": "newer", "file": "newer.txt", "title": "New report", "language": "en", "kind": "report",
                "published": "2026-09-18", "published_basis": "stated", "rights": "Test."}],
             "actors": [
               {"id": "avia", "name": "Avia", "kind": "organization", "region": "global", "summary": "A.", "evidence": [{"quote": "Avia", "occurrence": 1}]},
               {"id": "brel", "name": "Brel", "kind": "organization", "region": "global", "summary": "B.", "evidence": [{"quote": "Brel", "occurrence": 1}]},
               {"id": "cora", "name": "Cora", "kind": "organization", "region": "global", "summary": "C.", "evidence": ["Cora"]}],
             "alliances": [
               {"id": "pact", "name": "The Pact", "kind": "minilateral", "status": "active", "since": "2024-06",
                "members": [{"actor": "avia", "role": "member", "since": "2024-06"},
                            {"actor": "brel", "role": "member", "since": "2025", "until": "2026-01"}],
                "summary": "A pact.", "evidence": ["Avia founded the Pact in June 2024"]}],
             "relations": [
               {"id": "river-quarrel", "kind": "territorial_dispute", "from": "avia", "to": "brel", "directed": false,
                "valence": "hostile", "since": "2023", "until": "2024", "summary": "They quarrelled.",
                "evidence": ["Avia and Brel quarrelled until 2024", {"quote": "Avia and Brel quarrelled over the river", "document": "older"}]},
               {"id": "avia-cora-trade", "kind": "trade_dependence", "from": "avia", "to": "cora", "directed": false,
                "valence": "cooperative", "summary": "They trade.", "evidence": ["Avia now trades with Cora"]}],
             "statements": [
               {"id": "pact-holds", "speaker": "avia", "quote": "The Pact holds", "mode": "direct", "verb": "said", "about": ["pact"],
                "stance": {"target": "pact", "value": "supports"}, "said_on": "2024-03", "said_on_basis": "stated"},
               {"id": "not-yield", "speaker": "brel", "quote": "We will not yield", "document": "older", "mode": "direct", "verb": "said"}]}
            """#
        try Data(json.utf8).write(to: URL(fileURLWithPath: "\(path)/seeds.json"))
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

@Suite("Time: as_of, date filters and sources, over HTTP")
struct TimeTests {
    static let fixture = try! TimeFixture()
    static let api = try! APIClient(.live, seeds: fixture.path)
    var api: APIClient { Self.api }

    @Test("as_of on relations: the interval runs from since (or the first source) to until, a partial date is its span")
    func relationsAsOf() throws {
        #expect(ids(try api.json("/v1/relations?as_of=2023-06")) == ["river-quarrel"])
        #expect(ids(try api.json("/v1/relations?as_of=2024-12-31")) == ["river-quarrel"])  // until 2024 is all of 2024
        #expect(ids(try api.json("/v1/relations?as_of=2025")) == [])
        // No since: from its only source's publication, 2026-09-18.
        #expect(ids(try api.json("/v1/relations?as_of=2026-09-17")) == [])
        #expect(ids(try api.json("/v1/relations?as_of=2026")) == ["avia-cora-trade"])
        let dated = try api.get("/v1/relations?as_of=2026")
        #expect(meta(try dated.json() as! [String: Any])["as_of"] as? String == "2026")
        let today = try api.get("/v1/relations")
        #expect(meta(try today.json() as! [String: Any])["as_of"] == nil)
        #expect(dated.header("ETag") != nil && dated.header("ETag") != today.header("ETag"))
        #expect(try api.get("/v1/relations?as_of=2026", headers: ["If-None-Match: \(dated.header("ETag")!)"]).status == 304)
    }

    @Test("sources count distinct documents; min_sources and source_document filter by them")
    func sources() throws {
        let quarrel = try api.json("/v1/relations/river-quarrel")
        #expect(quarrel["sources"] as? Int == 2)
        #expect(quarrel["since"] as? String == "2023" && quarrel["until"] as? String == "2024")
        #expect(ids(try api.json("/v1/relations?min_sources=2")) == ["river-quarrel"])
        #expect(ids(try api.json("/v1/relations?source_document=older")) == ["river-quarrel"])
        #expect(ids(try api.json("/v1/actors?source_document=older")) == ["brel"])  // Brel speaks there; no evidence of Avia comes from it
        #expect(try api.get("/v1/relations?min_sources=0").status == 400)
    }

    @Test("as_of on one alliance and one actor: members, positions and alliances of that date, and the date in the body")
    func singleAsOf() throws {
        func members(_ query: String) throws -> [String] {
            let body = try api.json("/v1/alliances/pact\(query)")
            return (body["members"] as! [[String: Any]]).map { ($0["actor"] as! [String: Any])["id"] as! String }
        }
        #expect(try members("") == ["avia", "brel"])
        #expect(try members("?as_of=2025-06") == ["avia", "brel"])
        #expect(try members("?as_of=2026-06") == ["avia"])
        #expect(try members("?as_of=2024") == ["avia"])  // brel joined in 2025
        #expect(try api.json("/v1/alliances/pact?as_of=2024")["as_of"] as? String == "2024")
        #expect(try api.json("/v1/alliances/pact")["as_of"] == nil)
        let positions = { (q: String) throws -> Int in (try api.json("/v1/alliances/pact\(q)")["positions"] as! [Any]).count }
        #expect(try positions("") == 0)  // a stance from a statement is not a recorded position
        let brelIn2025 = try api.json("/v1/actors/brel?as_of=2025-06")["alliances"] as! [[String: Any]]
        #expect(brelIn2025.count == 1 && brelIn2025[0]["since"] as? String == "2025" && brelIn2025[0]["until"] as? String == "2026-01")
        #expect((try api.json("/v1/actors/brel?as_of=2026-06")["alliances"] as! [Any]).isEmpty)
        #expect(ids(try api.json("/v1/alliances?as_of=2023")) == [])
        #expect(ids(try api.json("/v1/alliances?as_of=2024-06-01")) == ["pact"])
        // Without as_of, the pre-rendered bytes, as before.
        let plain = try api.get("/v1/actors/brel")
        #expect(plain.body == Array(Self.api.service.snapshot!.record(.actor, 1).json))
    }

    @Test("statements and documents by date; a bad date is a 400 naming its parameter")
    func dateFilters() throws {
        #expect(ids(try api.json("/v1/statements?said_since=2024")) == ["pact-holds"])
        #expect(ids(try api.json("/v1/statements?said_until=2023-12")) == ["not-yield"])
        let statement = try api.json("/v1/statements/not-yield")
        #expect(statement["said_on"] as? String == "2023-05" && statement["said_on_basis"] as? String == "publication")
        #expect(ids(try api.json("/v1/documents?published_since=2026")) == ["newer"])
        #expect(ids(try api.json("/v1/documents?kind=article")) == ["older"])
        let document = try api.json("/v1/documents/older")
        #expect(document["published"] as? String == "2023-05" && document["published_basis"] as? String == "inferred")
        #expect(document["url"] as? String == "https://example.org/old" && document["kind"] as? String == "article")
        for (query, parameter, detail) in [
            ("said_since=2025-13", "said_since", "month 13 is not 01–12"),
            ("said_until=2025-02-30", "said_until", "day 30 does not exist"),
            ("said_since=yesterday", "said_since", "is not a date"),
            ("said_since=20250101", "said_since", "is not a date"),
        ] {
            let response = try api.get("/v1/statements?\(query)")
            #expect(response.status == 400)
            let errors = (try response.json() as! [String: Any])["errors"] as! [[String: Any]]
            #expect(errors.first?["parameter"] as? String == parameter)
            #expect((errors.first?["detail"] as? String)?.contains(detail) == true, "\(errors)")
        }
        #expect(try api.get("/v1/relations?as_of=2024-13").status == 400)
    }

    @Test("the graph and the analyses take as_of")
    func graphAndAnalyses() throws {
        func edges(_ query: String) throws -> Set<String> {
            Set((try api.json("/v1/graph\(query)")["edges"] as! [[String: Any]]).map { $0["id"] as! String })
        }
        #expect(try edges("?as_of=2025-06") == ["membership-pact-avia", "membership-pact-brel"])
        #expect(try edges("?as_of=2023") == ["river-quarrel"])
        #expect(try edges("?focus=brel&as_of=2023") == ["river-quarrel"])
        #expect(try api.json("/v1/graph?as_of=2023")["as_of"] as? String == "2023")
        let nodes = (try api.json("/v1/graph?as_of=2023")["nodes"] as! [[String: Any]]).map { $0["id"] as! String }
        #expect(!nodes.contains("pact"))
        let cohesion = try api.json("/v1/analysis/cohesion?alliance=pact&as_of=2025-06")
        #expect((cohesion["actors"] as! [[String: Any]]).map { $0["id"] as! String } == ["avia", "brel"])
        #expect(meta(cohesion)["as_of"] as? String == "2025-06")
        let later = try api.json("/v1/analysis/cohesion?actors=avia,brel&as_of=2023")
        #expect((later["cohesion"] as! Double) < 0)  // the quarrel, before the pact
        let after = try api.json("/v1/analysis/cohesion?actors=avia,brel&as_of=2025-06")
        #expect((after["cohesion"] as! Double) > 0)  // the pact, after the quarrel
        let positions = try api.json("/v1/analysis/positions?alliance=pact&as_of=2024-01")
        #expect((positions["groups"] as! [Any]).isEmpty)  // Avia spoke in March 2024
        #expect(((try api.json("/v1/analysis/positions?alliance=pact&as_of=2024-03"))["groups"] as! [Any]).count == 1)
    }

    @Test("the timeline: dated events oldest first, filtered by actor, alliance, dates and event; one new endpoint")
    func timeline() throws {
        let all = try api.json("/v1/timeline")
        let events = (all["data"] as! [[String: Any]]).map { "\($0["date"]!) \($0["event"]!) \(($0["record"] as! [String: Any])["id"]!)" }
        #expect(
            events == [
                "2023 relation_began river-quarrel",
                "2023-05 document_published older",
                "2023-05 statement not-yield",
                "2024 relation_ended river-quarrel",
                "2024-03 statement pact-holds",
                "2024-06 membership_began pact",
                "2024-06 alliance_founded pact",
                "2025 membership_began pact",
                "2026-01 membership_ended pact",
                "2026-09-18 document_published newer",
            ])
        let first = (all["data"] as! [[String: Any]])[2]
        #expect(first["date_basis"] as? String == "publication")
        #expect(first["summary"] as? String == "Brel (said): “We will not yield”")
        #expect(((first["evidence"] as! [[String: Any]])[0]["text"]) as? String == "We will not yield")
        #expect(meta(all)["total"] as? Int == 10)
        func records(_ query: String) throws -> [String] {
            (try api.json("/v1/timeline?\(query)")["data"] as! [[String: Any]]).map { "\($0["event"]!)" }
        }
        #expect(try records("actor=brel") == ["relation_began", "statement", "relation_ended", "membership_began", "membership_ended"])
        #expect(try records("alliance=pact&event=membership_began,membership_ended") == ["membership_began", "membership_began", "membership_ended"])
        #expect(try records("event=document_published,alliance_founded") == ["document_published", "alliance_founded", "document_published"])
        #expect(try records("event=statement&since=2024") == ["statement"])
        // An event is in when its date overlaps the range: "2024" does.
        #expect(try records("since=2024-06&until=2025") == ["relation_ended", "membership_began", "alliance_founded", "membership_began"])
        // Brel's events that are also about the pact or Avia, a member.
        #expect(try records("actor=brel&alliance=pact") == ["relation_began", "relation_ended", "membership_began", "membership_ended"])
        let missing = try api.get("/v1/timeline?actor=nobody")
        #expect(missing.status == 404)
        #expect(((try missing.json() as! [String: Any])["errors"] as! [[String: Any]])[0]["parameter"] as? String == "actor")
        #expect(try api.get("/v1/timeline?since=2024-02-30").status == 400)
        let csv = try api.get("/v1/timeline?format=csv&limit=1").text
        #expect(
            csv == "date,date_basis,event,record_type,record_id,summary\r\n2023,stated,relation_began,relation,river-quarrel,They quarrelled.\r\n")
        #expect(try api.json("/v1")["links"].flatMap { ($0 as? [String: Any])?["timeline"] } as? String == "/v1/timeline")
    }
}
