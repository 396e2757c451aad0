import Foundation
import Testing
import TestSupport

/// Every filter, their combinations, sorting and paging edges.
@Suite("Filters and paging")
struct FilterTests {
    @Test("actors: kind, region, alliance, q; OR within a parameter, AND across", arguments: TestMode.allCases)
    func actors(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let states = try api.json("/v1/actors?kind=state&limit=500")
        #expect(meta(states)["total"] as? Int == 17)
        let statesAndPersons = try api.json("/v1/actors?kind=state,person&limit=500")
        #expect(meta(statesAndPersons)["total"] as? Int == 44)
        let repeated = try api.json("/v1/actors?kind=state&kind=person&limit=500")
        #expect(ids(repeated) == ids(statesAndPersons), "a repeated list parameter is the same as a comma list")
        let eastAsianStates = try api.json("/v1/actors?kind=state&region=east-asia")
        #expect(Set(ids(eastAsianStates)) == ["china", "japan", "north-korea", "south-korea", "taiwan"])
        let quad = try api.json("/v1/actors?alliance=quad")
        #expect(Set(ids(quad)) == ["australia", "india", "japan", "united-states"])
        let quadOrSquad = try api.json("/v1/actors?alliance=quad,squad")
        #expect(Set(ids(quadOrSquad)) == ["australia", "india", "japan", "united-states", "philippines"])
        let byAlias = try api.json("/v1/actors?alliance=quadrilateral-security-dialogue")
        #expect(ids(byAlias) == ids(quad))
        let named = try api.json("/v1/actors?q=kor")
        #expect(Set(ids(named)) == ["north-korea", "south-korea", "us-forces-korea", "south-korean-officials"])
        let byMetonym = try api.json("/v1/actors?q=seoul")
        #expect(ids(byMetonym) == ["south-korea"])
        let byCode = try api.json("/v1/actors?q=PHL")
        #expect(ids(byCode) == ["philippines"])
    }

    @Test("alliances: kind, status, member, q", arguments: TestMode.allCases)
    func alliances(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        #expect(Set(ids(try api.json("/v1/alliances?status=proposed"))) == ["asian-nato", "economic-nato"])
        #expect(ids(try api.json("/v1/alliances?kind=security_dialogue")) == ["quad"])
        #expect(Set(ids(try api.json("/v1/alliances?member=india"))) == ["quad"])
        #expect(
            Set(ids(try api.json("/v1/alliances?member=japan"))) == [
                "ap4", "eu-japan-security-and-defense-partnership", "nato", "quad", "us-japan-alliance", "us-japan-south-korea-trilateral",
                "us-japan-strategic-trade-and-investment-agreement",
            ])
        #expect(Set(ids(try api.json("/v1/alliances?member=japan&status=active&kind=security_dialogue,partner_group"))) == ["ap4", "quad"])
        #expect(ids(try api.json("/v1/alliances?q=squad")) == ["squad"])
    }

    @Test("statements: speaker, about, mode, document, q", arguments: TestMode.allCases)
    func statements(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let lin = try api.json("/v1/statements?speaker=ying-yu-lin")
        #expect(meta(lin)["total"] as? Int == 4)
        let linDirect = try api.json("/v1/statements?speaker=ying-yu-lin&mode=direct")
        #expect(Set(ids(linDirect)) == ["lin-rather-share-intelligence", "lin-korea-japan-business-with-china"])
        let aboutAsianNato = try api.json("/v1/statements?about=asian-nato&limit=100")
        #expect(ids(aboutAsianNato).contains("ishiba-asian-nato"))
        let emanuelOrRutte = try api.json("/v1/statements?speaker=rahm-emanuel,mark-rutte")
        #expect(meta(emanuelOrRutte)["total"] as? Int == 5)
        let inDocument = try api.json("/v1/statements?document=ecci-unlikelihood-of-an-asian-nato&limit=500")
        #expect(meta(inDocument)["total"] as? Int == 21)
        let starts = (inDocument["data"] as? [[String: Any]] ?? []).compactMap { ($0["source"] as? [String: Any])?["start"] as? Int }
        #expect(starts == starts.sorted(), "statements come in document order")
        let words = try api.json("/v1/statements?q=latticework")
        #expect(ids(words) == ["emanuel-economic-statecraft"])
    }

    @Test("relations: kind, valence, actor, from, to", arguments: TestMode.allCases)
    func relations(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let disputes = try api.json("/v1/relations?kind=territorial_dispute")
        #expect(meta(disputes)["total"] as? Int == 7)
        let withChina = try api.json("/v1/relations?kind=territorial_dispute&actor=china")
        #expect(Set(ids(withChina)) == ["indonesia-china-south-china-sea", "malaysia-china-south-china-sea", "vietnam-china-south-china-sea"])
        let fromSouthKorea = try api.json("/v1/relations?from=south-korea&valence=hostile")
        #expect(Set(ids(fromSouthKorea)).isSuperset(of: ["south-korea-japan-threat-perception", "south-korea-china-threat-perception"]))
        let toUkraine = try api.json("/v1/relations?to=ukraine&kind=military_support")
        #expect(Set(ids(toUkraine)) == ["south-korea-ukraine-ammunition"])
        let cooperative = try api.json("/v1/relations?valence=cooperative&limit=500")
        #expect((cooperative["data"] as? [[String: Any]] ?? []).allSatisfy { $0["valence"] as? String == "cooperative" })
    }

    @Test("sort orders, ascending and descending", arguments: TestMode.allCases)
    func sorting(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let byName = try api.json("/v1/actors?sort=name&limit=500")
        let names = (byName["data"] as? [[String: Any]] ?? []).compactMap { ($0["name"] as? String)?.lowercased() }
        #expect(names == names.sorted())
        let reversed = try api.json("/v1/actors?sort=-name&limit=500")
        #expect(ids(reversed) == ids(byName).reversed())
        let byID = try api.json("/v1/actors?limit=500")
        #expect(ids(byID) == ids(byID).sorted())
        let statesByName = try api.json("/v1/actors?kind=state&sort=-name")
        #expect(ids(statesByName).first == "vietnam")
        let titles = try api.json("/v1/documents?sort=title")
        #expect(
            ids(titles) == [
                "crs-if12760-russia-north-korea", "crs-if10165-south-korea", "ecci-unlikelihood-of-an-asian-nato", "crs-if10199-us-japan",
            ])
        #expect(try api.get("/v1/actors?sort=region").status == 400)
    }

    @Test("paging: limits, offsets, links and the Link header", arguments: TestMode.allCases)
    func paging(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let first = try api.get("/v1/actors?limit=25")
        let body = try #require(try first.json() as? [String: Any])
        #expect(ids(body).count == 25)
        #expect(meta(body)["total"] as? Int == 63)
        #expect(meta(body)["limit"] as? Int == 25)
        #expect(links(body)["next"] as? String == "/v1/actors?limit=25&offset=25")
        #expect(links(body)["prev"] is NSNull)
        #expect(first.header("Link") == "</v1/actors?limit=25&offset=25>; rel=\"next\"")
        let middle = try api.get("/v1/actors?limit=25&offset=25&kind=state,person,organization")
        let middleBody = try #require(try middle.json() as? [String: Any])
        // Links are canonical: list values in the enumeration's order, paging last.
        #expect(
            middle.header("Link")
                == "</v1/actors?kind=state,organization,person&limit=25&offset=50>; rel=\"next\", </v1/actors?kind=state,organization,person&limit=25&offset=0>; rel=\"prev\""
        )
        let last = try api.json(links(middleBody)["next"] as! String)
        #expect(ids(last).count == 13)
        #expect(links(last)["next"] is NSNull)
        // Walking the pages visits every record exactly once.
        #expect(ids(body) + ids(middleBody) + ids(last) == ids(try api.json("/v1/actors?limit=500")))

        let past = try api.json("/v1/actors?offset=100")
        #expect(ids(past).isEmpty)
        #expect(meta(past)["total"] as? Int == 63)
        #expect(links(past)["next"] is NSNull)
        #expect(links(past)["prev"] as? String == "/v1/actors?limit=50&offset=13")
        #expect(ids(try api.json("/v1/actors?limit=500")).count == 63)
        #expect(ids(try api.json("/v1/actors?limit=1&offset=62")) == [ids(try api.json("/v1/actors?limit=500")).last!])
    }

    @Test(
        "invalid values are 400 problems naming the parameter and what is accepted", arguments: TestMode.allCases,
        [
            ("/v1/actors?limit=0", "limit", "an integer from 1 to 500"),
            ("/v1/actors?limit=501", "limit", "an integer from 1 to 500"),
            ("/v1/actors?limit=ten", "limit", "is not an integer"),
            ("/v1/actors?offset=-1", "offset", "an integer from 0"),
            ("/v1/actors?limit=5&limit=6", "limit", "given more than once"),
            ("/v1/actors?kind=country", "kind", "state, organization, person"),
            ("/v1/actors?kind=", "kind", "must not be empty"),
            ("/v1/actors?kind=state,", "kind", "must not be empty"),
            ("/v1/actors?region=asia", "region", "east-asia"),
            ("/v1/actors?alliance=Warsaw_Pact", "alliance", "is not an id"),
            ("/v1/actors?colour=red", "colour", "accepted parameters are kind, region, alliance, source_document, q, sort, limit, offset, format"),
            ("/v1/alliances?status=dead", "status", "active, proposed, hypothetical"),
            ("/v1/statements?mode=quoted", "mode", "direct, partial, paraphrase"),
            ("/v1/statements?speaker=no%20body", "speaker", "actor or alliance ids"),
            ("/v1/relations?valence=neutral", "valence", "cooperative, hostile, mixed"),
            ("/v1/relations?kind=love", "kind", "territorial_dispute"),
            ("/v1/actors?format=xml", "format", "json, csv"),
            ("/v1/actors?kind=" + Array(repeating: "state", count: 101).joined(separator: ","), "kind", "at most 100 are accepted"),
            ("/v1/search?q=" + (1...17).map { "w\($0)" }.joined(separator: "+"), "q", "more than 16 distinct words"),
            ("/v1/actors/japan?pretty=1", "pretty", "accepted parameters are format"),
            ("/healthz?verbose=1", "verbose", "this endpoint takes no query parameters"),
            ("/openapi.json?v=2", "v", "this endpoint takes no query parameters"),
            ("/v1/graph?focus=Japan", "focus", "is not an id"),
            ("/v1/search?q=nato&type=person", "type", "document, actor, alliance, relation, statement"),
        ])
    func invalid(mode: TestMode, example: (String, String, String)) throws {
        let api = APIClient.shared(mode)
        let (path, parameter, mentions) = example
        let response = try api.get(path)
        #expect(response.status == 400)
        #expect(response.header("Content-Type") == "application/problem+json; charset=utf-8")
        let problem = try #require(try response.json() as? [String: Any])
        #expect(problem["type"] as? String == "urn:lattice:problem:invalid-parameter")
        #expect(problem["status"] as? Int == 400)
        let errors = try #require(problem["errors"] as? [[String: String]])
        let error = try #require(errors.first { $0["parameter"] == parameter }, "\(errors)")
        #expect(error["detail"]?.contains(mentions) == true, "\(error)")
    }

    @Test("ids of no record match nothing: an empty page, not an error; an unknown focus is 404", arguments: TestMode.allCases)
    func unknownIDs(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let none = try api.json("/v1/statements?speaker=nobody")
        #expect(ids(none).isEmpty)
        #expect(meta(none)["total"] as? Int == 0)
        let some = try api.json("/v1/statements?speaker=nobody,ying-yu-lin")
        #expect(meta(some)["total"] as? Int == 4, "OR with a known id still matches")
        #expect(ids(try api.json("/v1/actors?alliance=warsaw-pact")).isEmpty)
        // ... and say so, so a typo in a dashboard's filter is a message, not an empty chart.
        let warned = meta(try api.json("/v1/actors?alliance=atlantis,quad"))
        let warnings = try #require(warned["warnings"] as? [[String: String]])
        #expect(warnings.count == 1)
        #expect(warnings.first?["parameter"] == "alliance")
        #expect(warnings.first?["detail"]?.contains("no alliance has the id \"atlantis\"") == true)
        #expect(meta(try api.json("/v1/actors?alliance=quad"))["warnings"] == nil, "no warnings, no member")
        let wrongKind = meta(try api.json("/v1/alliances?member=taiwan-china-invasion-threat"))
        #expect(((wrongKind["warnings"] as? [[String: String]])?.first?["detail"]) != nil)
        let focus = try api.get("/v1/graph?focus=atlantis")
        #expect(focus.status == 404)
        #expect(focus.header("Content-Type") == "application/problem+json; charset=utf-8")
    }

    @Test("several invalid parameters are reported together", arguments: TestMode.allCases)
    func several(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let problem = try #require(try api.get("/v1/relations?kind=love&valence=meh&limit=0&bogus=1").json() as? [String: Any])
        let parameters = Set((problem["errors"] as? [[String: String]] ?? []).compactMap { $0["parameter"] })
        #expect(parameters == ["kind", "valence", "limit", "bogus"])
    }

    @Test("a blank q is no constraint: collections are not narrowed, a search finds nothing", arguments: TestMode.allCases)
    func blankQuery(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        #expect(meta(try api.json("/v1/actors?q=%20%20"))["total"] as? Int == meta(try api.json("/v1/actors"))["total"] as? Int)
        let empty = try api.json("/v1/search?q=")
        #expect(ids(empty).isEmpty)
        #expect(meta(empty)["total"] as? Int == 0)
        #expect(try api.get("/v1/search?q=%1C").status == 200)
        #expect(try api.get("/v1/search").status == 400, "q itself is still required")
    }

    @Test("repeated words and values cost nothing and change nothing", arguments: TestMode.allCases)
    func repeats(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let once = try api.json("/v1/search?q=asian+nato"), repeated = try api.json("/v1/search?q=asian+asian+nato+nato+asian")
        #expect(!ids(once).isEmpty)
        #expect((once["data"] as? NSArray) == (repeated["data"] as? NSArray), "same hits, same scores")
        let states = try api.json("/v1/actors?kind=" + Array(repeating: "state", count: 100).joined(separator: ",") + "&limit=500")
        #expect(ids(states) == ids(try api.json("/v1/actors?kind=state&limit=500")))
    }

    @Test("an error never grows with the attack: the first 20 problems and a count", arguments: TestMode.allCases)
    func boundedProblems(mode: TestMode) throws {
        let api = APIClient.shared(mode)
        let target = "/v1/actors?" + (0..<1_000).map { "x\($0)=" }.joined(separator: "&")
        let response = try api.get(target)
        #expect(response.status == 400)
        #expect(response.body.count < 8_192, "\(response.body.count) bytes")
        let problem = try #require(try response.json() as? [String: Any])
        #expect((problem["errors"] as? [[String: String]])?.count == 20)
        #expect(problem["error_count"] as? Int == 1_000)
        #expect((problem["detail"] as? String)?.contains("1000 query parameters are invalid") == true)
        let name = String(repeating: "n", count: 5_000)
        let long = try #require(try api.get("/v1/actors?\(name)=1").json() as? [String: Any])
        let echoed = try #require((long["errors"] as? [[String: String]])?.first?["parameter"])
        #expect(echoed.count <= 41, "a 5,000-character name is echoed cut: \(echoed.count)")
    }
}
