import Foundation
import Testing
@testable import LatticeModel

/// The bundled dataset, checked against the article it annotates.
@Suite("Shipped seeds")
struct ShippedSeedsTests {
    static let dataset: Dataset = try! SeedLoader.load(from: shippedSeeds)
    var dataset: Dataset { Self.dataset }

    @Test("load with zero problems, and every quotation is covered by a statement")
    func loadsClean() throws {
        _ = try SeedLoader.load(from: shippedSeeds)
        #expect(dataset.uncoveredQuotations.isEmpty)
        #expect(dataset.counts.documents == 1)
        let article = try #require(dataset.documents.first)
        let quotations = DocumentText(article.text).quotations()
        #expect(quotations.count == 14, "the article has 14 pairs of quotation marks")
        #expect(dataset.statements.count >= quotations.count)
    }

    @Test("the article is byte for byte the shared source, and its hash is pinned")
    func articleIsVerbatim() throws {
        let article = try #require(dataset.documents.first)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: shippedSeeds).appendingPathComponent(article.file))
        #expect(SHA256.hex(of: [UInt8](bytes)) == "e55eaa796e9ea33f8d42dba561a39de381e7923e7b313688b6635d273a5e6c83")
        #expect(article.sha256 == "e55eaa796e9ea33f8d42dba561a39de381e7923e7b313688b6635d273a5e6c83")
        #expect(article.title == "The unlikelihood of an Asian NATO")
        #expect(article.length == article.text.unicodeScalars.count)
    }

    @Test("every span and statement is the exact text at its offsets")
    func offsets() throws {
        var checked = 0
        for statement in dataset.statements {
            let text = try #require(dataset.document(statement.source.document)).text
            let scalars = Array(text.unicodeScalars)
            #expect(String(String.UnicodeScalarView(scalars[statement.source.start..<statement.source.end])) == statement.text)
            #expect(statement.sentence.contains(statement.text))
            checked += 1
        }
        let spans = dataset.actors.flatMap(\.evidence) + dataset.alliances.flatMap(\.evidence) + dataset.relations.flatMap(\.evidence)
        for span in spans {
            let scalars = Array(try #require(dataset.document(span.document)).text.unicodeScalars)
            #expect(String(String.UnicodeScalarView(scalars[span.start..<span.end])) == span.text)
            checked += 1
        }
        #expect(checked > 100)
        #expect(dataset.actors.allSatisfy { !$0.evidence.isEmpty })
        #expect(dataset.alliances.allSatisfy { !$0.evidence.isEmpty })
        #expect(dataset.relations.allSatisfy { !$0.evidence.isEmpty })
    }

    @Test("the Quad is Australia, India, Japan and the United States, revived by Biden")
    func quad() throws {
        let quad = try #require(dataset.alliance("quad"))
        #expect(Set(quad.members.map(\.member.id)) == ["australia", "india", "japan", "united-states"])
        #expect(quad.initiatedBy.map(\.id) == ["joe-biden"])
        #expect(quad.shortName == "Quad")
        #expect(dataset.matching(.alliance, [.anyOf(.allianceMember, ["india"])]).positions.map { dataset.alliances[Int($0)].id } == ["quad"])
        #expect(dataset.resolve("quadrilateral-security-dialogue", as: [.alliance]) == EntityRef(.alliance, "quad"))
    }

    @Test("the Squad includes the Philippines and excludes India")
    func squad() throws {
        let squad = try #require(dataset.alliance("squad"))
        #expect(squad.members.map(\.member.id).contains("philippines"))
        #expect(squad.excluded.map(\.id) == ["india"])
    }

    @Test("the AP4 are Japan, South Korea, Australia and New Zealand")
    func ap4() throws {
        let ap4 = try #require(dataset.alliance("ap4"))
        #expect(Set(ap4.members.map(\.member.id)) == ["japan", "south-korea", "australia", "new-zealand"])
    }

    @Test("who said what: Lin's quotes, the Brussels diplomat, Emanuel")
    func speakers() throws {
        let lin = dataset.matching(.statement, [.anyOf(.statementSpeaker, ["ying-yu-lin"])]).positions.map { dataset.statements[Int($0)] }
        #expect(lin.contains { $0.text == "They would rather share intelligence with the U.S. than with each other" && $0.mode == .direct && $0.verb == "said" })
        #expect(lin.contains { $0.text.hasPrefix("Korea and Japan feel maybe China will attack in the future") })
        #expect(lin.contains { $0.text == "group defensive alliances" && $0.verb == "added" })
        let invention = try #require(dataset.statements.first { $0.text.hasPrefix("NATO in Asia, that is a Chinese invention") })
        #expect(invention.speaker.id == "brussels-based-diplomat")
        #expect(invention.verb == "told")
        #expect(dataset.actor("brussels-based-diplomat")?.anonymous == true)
        let latticework = try #require(dataset.statements.first { $0.text.contains("strategic latticework architecture") })
        #expect(latticework.speaker.id == "rahm-emanuel")
        #expect(latticework.verb == "noted")
        let isolating = try #require(dataset.statements.first { $0.text.hasSuffix("isolating China") })
        #expect(isolating.speaker.id == "rahm-emanuel")
        #expect(isolating.verb == "wrote")
        let premature = try #require(dataset.statements.first { $0.text == "premature" })
        #expect(premature.speaker.id == "united-states")
        let dichotomies = try #require(dataset.statements.first { $0.text == "dichotomies and divergence in country interests" })
        #expect(dichotomies.speaker.id == "gilberto-teodoro")
        let asianNato = try #require(dataset.statements.first { $0.text == "Asian NATO" })
        #expect(asianNato.speaker.id == "shigeru-ishiba")
        let kursk = try #require(dataset.statements.first { $0.text.contains("Kursk") && $0.mode == .partial })
        #expect(kursk.speaker.id == "mark-rutte")
        #expect(kursk.verb == "revealed")
    }

    @Test("South Korea's relations: Japan (history, Liancourt Rocks, threat), China, Ukraine, NATO")
    func southKoreaRelations() throws {
        let relations = dataset.matching(.relation, [.anyOf(.relationEnd, ["south-korea"])]).positions.map { dataset.relations[Int($0)] }
        let kinds = Set(relations.map { "\($0.kind.rawValue):\($0.from.id == "south-korea" ? $0.to.id : $0.from.id)" })
        #expect(kinds.isSuperset(of: [
            "historical_animosity:japan", "territorial_dispute:japan", "threat_perception:japan",
            "threat_perception:china", "military_support:ukraine", "intelligence_sharing:nato",
        ]))
        let rocks = try #require(relations.first { $0.kind == .territorialDispute })
        #expect(rocks.subject == "Liancourt Rocks")
        #expect(rocks.valence == .hostile)
        #expect(dataset.counts(for: "south-korea").relations == relations.count)
    }

    /// The relations between two actors, either way round, as "kind:valence".
    func ties(_ a: String, _ b: String) -> Set<String> {
        Set(dataset.relations
            .filter { ($0.from.id == a && $0.to.id == b) || ($0.from.id == b && $0.to.id == a) }
            .map { "\($0.kind.rawValue):\($0.valence.rawValue)" })
    }

    @Test("Seoul and Tokyo: the mistrust, and the confidence-building the U.S. encouraged")
    func southKoreaJapan() throws {
        #expect(ties("south-korea", "japan") == [
            "historical_animosity:hostile", "territorial_dispute:hostile", "threat_perception:hostile",
            "defense_cooperation:cooperative",
        ])
        let building = try #require(dataset.relations.first { $0.id == "south-korea-japan-confidence-building" })
        #expect(building.evidence.map(\.text) == [
            "encouraged confidence-building measures between Seoul and Tokyo",
            "the mistrust between Seoul and Tokyo might show signs of abating",
        ])
        let history = try #require(dataset.relations.first { $0.id == "south-korea-japan-historical-animosity" })
        #expect(history.subject == "Imperial Japan’s exploitation of South Korea during and before World War II")
    }

    @Test("Japan and South Korea perceive China as a threat and depend on it for trade, as Lin says of them")
    func mixedTiesWithChina() throws {
        for state in ["japan", "south-korea"] {
            #expect(ties(state, "china").isSuperset(of: ["threat_perception:hostile", "trade_dependence:cooperative"]))
            let trade = try #require(dataset.relations.first { $0.id == "\(state)-china-trade" })
            #expect(trade.evidence.allSatisfy { $0.text.hasPrefix("Korea and Japan feel maybe China will attack") })
        }
        // "Beijing remains the top trade partner of both" is about Asia and Europe.
        #expect(!dataset.relations.contains { $0.evidence.contains { $0.text.contains("top trade partner") } })
    }

    @Test("no relation gives Taiwan a view the article never reports")
    func taiwan() {
        #expect(!dataset.relations.contains { $0.from.id == "taiwan" || $0.to.id == "taiwan" })
    }

    @Test("the Asian NATO: Ishiba supports it, Teodoro opposes it, the U.S. calls it premature")
    func asianNATO() throws {
        let asianNATO = try #require(dataset.alliance("asian-nato"))
        let stances = Dictionary(uniqueKeysWithValues: asianNATO.positions.map { ($0.actor.id, $0.stance) })
        #expect(stances["shigeru-ishiba"] == .supports)
        #expect(stances["gilberto-teodoro"] == .opposes)
        #expect(stances["united-states"] == .skeptical)
        #expect(asianNATO.positions.first { $0.actor.id == "united-states" }?.statement == "us-asian-nato-premature")
        // Descriptions of it ("a unified military alliance") are evidence, not names that redirect.
        #expect(asianNATO.aliases.isEmpty)
        #expect(dataset.resolve("unified-military-alliance", as: [.alliance]) == nil)
        #expect(dataset.resolve("common-defensive-umbrella", as: [.alliance]) == nil)
    }

    @Test("metonyms are aliases: Seoul, Tokyo, Beijing, Moscow")
    func metonyms() {
        #expect(dataset.resolve("seoul", as: [.actor])?.id == "south-korea")
        #expect(dataset.resolve("tokyo", as: [.actor])?.id == "japan")
        #expect(dataset.resolve("beijing", as: [.actor])?.id == "china")
        #expect(dataset.resolve("moscow", as: [.actor])?.id == "russia")
        #expect(dataset.actor("south-korea")?.codes == ISOCodes(alpha2: "KR", alpha3: "KOR"))
    }

    @Test("filters combine: OR within a parameter, AND across")
    func combinedFilters() {
        let states = dataset.matching(.actor, [.anyOf(.actorKind, ["state"])]).count
        let statesOrPersons = dataset.matching(.actor, [.anyOf(.actorKind, ["state", "person"])]).count
        #expect(statesOrPersons > states)
        let eastAsian = dataset.matching(.actor, [.anyOf(.actorKind, ["state", "person"]), .anyOf(.actorRegion, ["east-asia"])])
            .positions.map { dataset.actors[Int($0)] }
        #expect(eastAsian.allSatisfy { ($0.kind == .state || $0.kind == .person) && $0.region == .eastAsia })
        #expect(eastAsian.contains { $0.id == "ying-yu-lin" } && eastAsian.contains { $0.id == "japan" })
        #expect(Set(dataset.matching(.actor, [.text("kor", fields: [.name, .alias, .code])]).positions.map { dataset.actors[Int($0)].id }) == ["north-korea", "south-korea"])
    }

    @Test("search ranks names first, ignores case and diacritics, matches prefixes")
    func search() throws {
        let hits = dataset.search.search("NATO")
        let top = try #require(hits.first)
        #expect(dataset.search.entries[top.entry].ref == EntityRef(.alliance, "nato"))
        #expect(hits.count > 5)
        let prefix = dataset.search.search("liancou")
        #expect(prefix.contains { dataset.search.entries[$0.entry].ref == EntityRef(.relation, "south-korea-japan-liancourt-rocks") })
        #expect(dataset.search.search("TAMKANG").first.map { dataset.search.entries[$0.entry].ref.id } == "tamkang-university")
        #expect(dataset.search.search("téodoro").first.map { dataset.search.entries[$0.entry].ref.id } == "gilberto-teodoro")
        #expect(dataset.search.search("zzzz").isEmpty)
        let snippet = dataset.search.snippet(for: try #require(dataset.search.search("kursk").first), query: "kursk")
        #expect(snippet.lowercased().contains("kursk"))
    }

    @Test("the graph holds memberships and relations; focus cuts an ego network")
    func graph() {
        let whole = dataset.graph()
        #expect(whole.nodes.count == dataset.actors.count + dataset.alliances.count)
        #expect(whole.edges.contains { $0.kind == "membership" && $0.from.id == "quad" && $0.to.id == "india" })
        let ego = dataset.graph(focus: EntityRef(.actor, "south-korea"), depth: 1)
        let ids = Set(ego.nodes.map(\.ref.id))
        #expect(ids.isSuperset(of: ["south-korea", "japan", "china", "ap4", "nato", "ukraine"]))
        #expect(!ids.contains("vietnam"))
        #expect(ego.edges.allSatisfy { ids.contains($0.from.id) && ids.contains($0.to.id) })
        let wider = dataset.graph(focus: EntityRef(.actor, "south-korea"), depth: 2)
        #expect(wider.nodes.count > ego.nodes.count)
    }
}
