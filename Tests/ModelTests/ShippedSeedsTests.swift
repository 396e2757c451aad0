import Foundation
import Testing
@testable import LatticeModel

/// The bundled dataset, checked against the four documents it annotates: the first article and
/// the three CRS reports.
@Suite("Shipped seeds")
struct ShippedSeedsTests {
    static let dataset: Dataset = try! SeedLoader.load(from: shippedSeeds)
    var dataset: Dataset { Self.dataset }

    static let article = "ecci-unlikelihood-of-an-asian-nato"
    static let if12760 = "crs-if12760-russia-north-korea"
    static let if10165 = "crs-if10165-south-korea"
    static let if10199 = "crs-if10199-us-japan"

    static func date(_ text: String) -> PartialDate { try! PartialDate(parsing: text) }
    func date(_ text: String) -> PartialDate { Self.date(text) }

    /// The documents a record's evidence comes from.
    func documents(_ spans: [Span]) -> Set<String> { Set(spans.map(\.document)) }

    @Test("load with zero problems, and every quotation is covered by a statement or marked as a term")
    func loadsClean() throws {
        _ = try SeedLoader.load(from: shippedSeeds)
        #expect(dataset.uncoveredQuotations.isEmpty)
        #expect(dataset.counts.documents == 4)
        // Pairs of quotation marks per document, and how many are someone's words (statements)
        // or terms nobody spoke ("counterstrike", "no limits", a law's "adversary alignment").
        let expected: [String: (quotations: Int, statements: Int, terms: Int)] = [
            Self.article: (14, 13, 1), Self.if12760: (12, 9, 3), Self.if10165: (7, 6, 1), Self.if10199: (9, 4, 5),
        ]
        for (id, counts) in expected {
            let document = try #require(dataset.document(id))
            #expect(DocumentText(document.text).quotations().count == counts.quotations, "\(id)")
            let coverage = try #require(dataset.coverage.first { $0.document == id })
            #expect(
                coverage.quotations == counts.quotations && coverage.statements == counts.statements && coverage.terms == counts.terms,
                "\(id): \(coverage)")
        }
        // Terms are no one's words: none of them is a statement.
        for term in ["no limits", "counterstrike", "survival threatening", "Commitment to Consult", "adversary alignment"] {
            #expect(!dataset.statements.contains { $0.text == term }, "\(term)")
        }
    }

    @Test("the documents are byte for byte the shared sources, and their hashes are pinned")
    func documentsAreVerbatim() throws {
        let pinned = [
            Self.article: "e55eaa796e9ea33f8d42dba561a39de381e7923e7b313688b6635d273a5e6c83",
            Self.if12760: "5808898136b8aadc6965c2c99bb043fd601e0a80eaaea27ef07998c48a537244",
            Self.if10165: "0eb34f44043bde9d9214fb3d6c180536d5d38a7378a21f347f234f695e28fbdf",
            Self.if10199: "c7e6d39e9204b795737d5579614a93643588cefc18d19e79727a93663fb8b21b",
        ]
        for (id, hash) in pinned {
            let document = try #require(dataset.document(id))
            let bytes = try Data(contentsOf: URL(fileURLWithPath: shippedSeeds).appendingPathComponent(document.file))
            #expect(SHA256.hex(of: [UInt8](bytes)) == hash, "\(id)")
            #expect(document.sha256 == hash, "\(id)")
            #expect(document.length == document.text.unicodeScalars.count)
        }
        #expect(dataset.document(Self.article)?.title == "The unlikelihood of an Asian NATO")
        #expect(dataset.document(Self.if12760)?.title == "Russia-North Korea Relations")
    }

    @Test("documents: the reports' Updated dates are stated, the article's is inferred; kinds, urls, rights, links")
    func documentDates() throws {
        let article = try #require(dataset.document(Self.article))
        #expect(article.kind == .article)
        #expect(article.published == date("2024") && article.publishedBasis == .inferred)
        #expect(article.url == nil)
        for (id, updated, product, links) in [
            (Self.if12760, "2026-09-18", "IF12760", 50), (Self.if10165, "2026-09-17", "IF10165", 1),
            (Self.if10199, "2026-10-01", "IF10199", 1),
        ] {
            let report = try #require(dataset.document(id))
            #expect(report.kind == .report)
            #expect(report.published == date(updated) && report.publishedBasis == .stated, "\(id)")
            #expect(report.url == "https://www.congress.gov/crs-product/\(product)")
            #expect(report.rights.contains("17 U.S.C. § 105"))
            #expect(
                report.text.contains(
                    "Updated \(["2026-09-18": "September 18, 2026", "2026-09-17": "September 17, 2026", "2026-10-01": "October 1, 2026"][updated]!)"))
            // The sidecar's cited sources, each the exact text at its offsets.
            #expect(report.links.count == links, "\(id)")
            let scalars = Array(report.text.unicodeScalars)
            #expect(report.links.allSatisfy { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) == $0.text && $0.url.hasPrefix("http") })
        }
        #expect(dataset.document(Self.if12760)?.links.first?.text == "Comprehensive Strategic Partnership Treaty")
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
        #expect(
            lin.contains {
                $0.text == "They would rather share intelligence with the U.S. than with each other" && $0.mode == .direct && $0.verb == "said"
            })
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
        #expect(
            kinds.isSuperset(of: [
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
        Set(
            dataset.relations
                .filter { ($0.from.id == a && $0.to.id == b) || ($0.from.id == b && $0.to.id == a) }
                .map { "\($0.kind.rawValue):\($0.valence.rawValue)" })
    }

    @Test("Seoul and Tokyo: the first article's mistrust beside the rapprochement the CRS reports date from 2023")
    func southKoreaJapan() throws {
        #expect(
            ties("south-korea", "japan") == [
                "historical_animosity:hostile", "territorial_dispute:hostile", "threat_perception:hostile",
                "defense_cooperation:cooperative",
            ])
        // The cooperative tie comes from the reports alone, dated by them; the article says only
        // that the U.S. encouraged confidence-building and that others believe mistrust might abate.
        let rapprochement = try #require(dataset.relation("south-korea-japan-rapprochement"))
        #expect(rapprochement.valence == .cooperative)
        #expect(rapprochement.valid == ValidTime(since: date("2023"), until: nil))
        #expect(documents(rapprochement.evidence) == [Self.if10165, Self.if10199])
        #expect(rapprochement.sources.count == 2)
        #expect(
            rapprochement.evidence.contains {
                $0.text == "In 2023 and 2024, South Korea and Japan largely set aside their disagreements over history"
            })
        #expect(dataset.relation("south-korea-japan-confidence-building") == nil)
        let building = try #require(dataset.statement("others-mistrust-might-abate"))
        #expect(building.speaker.id == "unnamed-others" && building.text.hasSuffix("might show signs of abating"))

        // The mistrust keeps the article's evidence (and gains the reports' "often are fraught"),
        // undated: it begins, for as_of, at its earliest source, the article of 2024.
        let history = try #require(dataset.relation("south-korea-japan-historical-animosity"))
        #expect(history.subject == "Imperial Japan’s exploitation of South Korea during and before World War II")
        #expect(history.valid == .always)
        #expect(documents(history.evidence).contains(Self.article))
        #expect(history.sources.earliest == date("2024"))
        for id in ["south-korea-japan-liancourt-rocks", "south-korea-japan-threat-perception"] {
            let mistrust = try #require(dataset.relation(id))
            #expect(documents(mistrust.evidence) == [Self.article] && mistrust.valid == .always, "\(id)")
        }
        // The contrast in time: in 2023 only the rapprochement holds; in 2024 both do.
        let y2023 = date("2023"), y2024 = date("2024")
        #expect(rapprochement.valid.holds(during: y2023, start: rapprochement.sources.earliest))
        #expect(!history.valid.holds(during: y2023, start: history.sources.earliest))
        #expect(history.valid.holds(during: y2024, start: history.sources.earliest))
        #expect(rapprochement.valid.holds(during: y2024, start: rapprochement.sources.earliest))
        // The same through the query that serves as_of.
        func seoulTokyo(asOf date: PartialDate) -> Set<String> {
            Set(
                dataset.matching(.relation, [.anyOf(.relationEnd, ["south-korea"]), .holds(on: date)]).positions
                    .map { dataset.relations[Int($0)] }.filter { $0.from.id == "japan" || $0.to.id == "japan" }.map(\.id))
        }
        #expect(seoulTokyo(asOf: y2023) == ["south-korea-japan-rapprochement"])
        #expect(
            seoulTokyo(asOf: y2024) == [
                "south-korea-japan-rapprochement", "south-korea-japan-historical-animosity",
                "south-korea-japan-liancourt-rocks", "south-korea-japan-threat-perception",
            ])
    }

    @Test("Japan and South Korea perceive China as a threat and depend on it for trade, as Lin says of them")
    func mixedTiesWithChina() throws {
        for state in ["japan", "south-korea"] {
            #expect(ties(state, "china").isSuperset(of: ["threat_perception:hostile", "trade_dependence:cooperative"]))
            let trade = try #require(dataset.relations.first { $0.id == "\(state)-china-trade" })
            #expect(
                trade.evidence.filter { $0.document == Self.article }.allSatisfy { $0.text.hasPrefix("Korea and Japan feel maybe China will attack") }
            )
        }
        // IF10165 says it of South Korea outright.
        #expect(dataset.relation("south-korea-china-trade")?.evidence.map(\.text).contains("China is South Korea's top trade partner") == true)
        // "Beijing remains the top trade partner of both" is about Asia and Europe.
        #expect(!dataset.relations.contains { $0.evidence.contains { $0.text.contains("top trade partner of both") } })
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
        #expect(
            Set(dataset.matching(.actor, [.text("kor", fields: [.name, .alias, .code])]).positions.map { dataset.actors[Int($0)].id }) == [
                "north-korea", "south-korea", "us-forces-korea", "south-korean-officials",
            ])
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
        let snippet = dataset.snippet(for: try #require(dataset.search.search("kursk").first), query: "kursk")
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
