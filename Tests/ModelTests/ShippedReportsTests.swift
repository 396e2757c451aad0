import Foundation
import Testing
@testable import LatticeModel

/// The facts the three CRS reports add to the bundled dataset, and the review's corrections
/// of the first article. (The loading, the documents and the first article's facts are in
/// ShippedSeedsTests.swift.)
extension ShippedSeedsTests {
    @Test("North Korean troops for Kursk: one relation, evidence from the article and IF12760, October 2024 to 2025")
    func kursk() throws {
        let troops = try #require(dataset.relation("north-korea-russia-troops"))
        #expect(troops.kind == .militarySupport && troops.from.id == "north-korea" && troops.to.id == "russia")
        #expect(documents(troops.evidence) == [Self.article, Self.if12760])
        #expect(troops.sources == Sources(documents: [Self.if12760, Self.article].sorted(), earliest: date("2024")))
        #expect(troops.valid == ValidTime(since: date("2024-10"), until: date("2025")))
        let texts = troops.evidence.map(\.text)
        #expect(texts.contains("deployment of thousands of North Korean troops to Russia’s Kursk region"))
        #expect(texts.contains("In October 2024, North Korea committed more than 10,000 troops to aid Russia's war effort"))
        #expect(troops.valid.holds(during: date("2025-03")))
        #expect(!troops.valid.holds(during: date("2026")))
        // The personnel IF12760 still places in Russia in 2026 are another relation, not ended.
        let personnel = try #require(dataset.relation("north-korea-russia-military-personnel"))
        #expect(personnel.valid.until == nil && personnel.valid.holds(during: date("2026-10"), start: personnel.sources.earliest))
        // Munitions began, reportedly, in 2022.
        #expect(dataset.relation("north-korea-russia-munitions")?.valid.since == date("2022"))
        // Rutte's words in the article and Putin's "heroes" in the report are about the same troops.
        #expect(
            dataset.statement("rutte-north-korean-troops-kursk")?.text == "deployment of thousands of North Korean troops to Russia’s Kursk region")
        #expect(dataset.statement("putin-heroes")?.about.map(\.id).contains("north-korea-russia-troops") == true)
    }

    @Test("the June 2024 treaty: Russia and North Korea, mutual assistance, Article 3 in its own words")
    func treaty() throws {
        let treaty = try #require(dataset.alliance("russia-north-korea-treaty"))
        #expect(treaty.kind == .militaryAlliance && treaty.status == .active)
        #expect(treaty.obligations == [.mutualDefense])
        #expect(treaty.valid == ValidTime(since: date("2024-06"), until: nil))
        #expect(Set(treaty.members.map(\.member.id)) == ["russia", "north-korea"])
        #expect(treaty.members.allSatisfy { $0.role == .party && $0.valid.since == date("2024-06") })
        #expect(treaty.initiatedBy.map(\.id) == ["vladimir-putin", "kim-jong-un"])
        #expect(treaty.evidence.contains { $0.text == "Article 3 of the new bilateral treaty calls for each side to" && $0.document == Self.if12760 })
        #expect(dataset.resolve("comprehensive-strategic-partnership-treaty", as: [.alliance]) == EntityRef(.alliance, "russia-north-korea-treaty"))
        let article3 = dataset.matching(.statement, [.anyOf(.statementSpeaker, ["russia-north-korea-treaty"])]).positions.map {
            dataset.statements[Int($0)]
        }
        #expect(
            article3.map(\.text) == [
                "provide military and other assistance with all means in its possession without delay",
                "is put in a state of war by an armed invasion",
            ])
        #expect(article3.allSatisfy { $0.saidOn == date("2024-06") && $0.saidOnBasis == .stated && $0.source.document == Self.if12760 })
        #expect(article3.allSatisfy { $0.sentence.hasPrefix("Article 3 of the new bilateral treaty") })
    }

    @Test("who said what in the reports, and when: Paparo's April 2026 testimony, the threat assessments, Putin, Kim, Takaichi")
    func reportSpeakers() throws {
        func said(_ id: String) throws -> Statement { try #require(dataset.statement(id)) }
        let paparo = try said("paparo-russian-assistance")
        #expect(paparo.speaker.id == "samuel-paparo" && paparo.verb == "testified" && paparo.mode == .direct)
        #expect(paparo.saidOn == date("2026-04") && paparo.saidOnBasis == .stated)
        #expect(paparo.text.hasPrefix("North Korea continues to attempt to gain Russian assistance") && !paparo.text.hasSuffix("."))
        #expect(try said("paparo-interconnected-challenge").saidOn == date("2026"))
        let brunson = try said("brunson-significant-shifts")
        #expect(brunson.speaker.id == "xavier-brunson" && brunson.text == "significant shifts" && brunson.saidOn == date("2026"))
        for (id, year) in [("ata-2025-russian-benefits", "2025"), ("ata-2026-north-korean-capabilities", "2026")] {
            let ata = try said(id)
            #expect(ata.speaker.id == "us-intelligence-community" && ata.verb == "according to" && ata.saidOn == date(year), "\(id)")
        }
        let msmt = try said("msmt-russian-air-defense")
        #expect(msmt.speaker == EntityRef(.alliance, "msmt") && msmt.saidOn == date("2025-05"))
        #expect(try said("zelensky-troop-warning").saidOn == date("2026-08"))
        // Undated words take their document's date, basis publication.
        let heroes = try said("putin-heroes")
        #expect(heroes.speaker.id == "vladimir-putin" && heroes.text == "heroes")
        #expect(heroes.saidOn == date("2026-09-18") && heroes.saidOnBasis == .publication)
        let never = try said("kim-never-denuclearize")
        #expect(never.speaker.id == "kim-jong-un" && never.text == "never" && never.source.document == Self.if10165)
        let survival = try said("takaichi-taiwan-survival-comment")
        #expect(survival.speaker.id == "sanae-takaichi" && survival.mode == .paraphrase && survival.saidOn == date("2025-11"))
        #expect(try said("us-rok-2006-strategic-flexibility").saidOn == date("2006"))
        // One pair of marks, two speakers.
        let modernize = dataset.statements.filter { $0.text == "modernize" }
        #expect(Set(modernize.map(\.speaker.id)) == ["donald-trump", "lee-jae-myung"])
        // No statement is dated after its document.
        for statement in dataset.statements {
            let published = try #require(dataset.document(statement.source.document)?.published)
            #expect(statement.saidOn.map { $0.firstDay <= published.lastDay } == true, "\(statement.id)")
        }
    }

    @Test("Japan and China: the row since November 2025, beside Lin's undated threat perception")
    func japanChina() throws {
        let tension = try #require(dataset.relation("japan-china-tension"))
        #expect(tension.valence == .hostile && tension.valid == ValidTime(since: date("2025-11"), until: nil))
        #expect(documents(tension.evidence) == [Self.if10199])
        #expect(!tension.valid.holds(during: date("2025-10")))
        let threat = try #require(dataset.relation("japan-china-threat-perception"))
        #expect(threat.valid == .always && documents(threat.evidence) == [Self.article, Self.if10199])
    }

    @Test("alliances the reports date: U.S.-ROK 1953, U.S.-Japan 1952, the trilateral since 2023, the MSMT 2024")
    func datedAlliances() throws {
        for (id, since, members) in [
            ("us-rok-alliance", "1953", ["united-states", "south-korea"]), ("us-japan-alliance", "1952", ["united-states", "japan"]),
            ("us-japan-south-korea-trilateral", "2023", ["united-states", "japan", "south-korea"]), ("msmt", "2024", ["united-states"]),
        ] {
            let alliance = try #require(dataset.alliance(id))
            #expect(alliance.valid.since == date(since), "\(id)")
            #expect(Set(alliance.members.map(\.member.id)) == Set(members), "\(id)")
        }
        let trilateral = try #require(dataset.alliance("us-japan-south-korea-trilateral"))
        #expect(Set(trilateral.obligations) == [.consultation, .intelligenceSharing])
        #expect(documents(trilateral.evidence) == [Self.if10165, Self.if10199])
        #expect(dataset.alliance("us-japan-alliance")?.obligations == [.mutualDefense])
        #expect(dataset.relation("japan-united-states-alliance-tie")?.valid.since == date("1952"))
    }

    @Test("existing records gain the reports' evidence and aliases instead of duplicates")
    func sharedRecords() throws {
        for (alias, id) in [
            ("dprk", "north-korea"), ("pyongyang", "north-korea"), ("rok", "south-korea"), ("republic-of-korea", "south-korea"),
            ("prc", "china"), ("washington", "united-states"), ("russian-federation", "russia"), ("moscow", "russia"),
            ("usfk", "us-forces-korea"), ("unsc", "un-security-council"),
        ] {
            #expect(dataset.resolve(alias, as: [.actor]) == EntityRef(.actor, id), "\(alias)")
        }
        #expect(dataset.resolve("msmt", as: [.alliance]) == EntityRef(.alliance, "msmt"))
        for (id, count) in [("north-korea", 3), ("china", 4), ("south-korea", 4), ("united-states", 4), ("russia", 3), ("japan", 4)] {
            #expect(dataset.actor(id)?.sources.count == count, "\(id)")
        }
        #expect(!dataset.actors.contains { ["dprk", "rok", "prc", "north-korea-dprk"].contains($0.id) })
        #expect(dataset.actor("donald-trump")?.roles == ["U.S. President-elect", "U.S. President"])
        // The article names no predecessor of Takaichi, and neither report names Ishiba.
        #expect(!(dataset.actor("sanae-takaichi")?.summary.contains("Ishiba") ?? true))
    }

    @Test("the second review's corrections of the first article hold")
    func reviewCorrections() throws {
        let expansion = try #require(dataset.alliance("nato-asia-expansion"))
        #expect(!expansion.positions.contains { $0.actor.id == "china" })
        #expect(expansion.positions.contains { $0.actor.id == "two-eu-diplomats" && $0.statement == "eu-diplomats-no-defense-guarantees" })
        #expect(expansion.summary.contains("no one believes NATO will expand"))
        #expect(dataset.alliance("quad")?.positions.isEmpty == true)
        #expect(ties("quad", "china") == ["deterrence:hostile"] && ties("squad", "china") == ["deterrence:hostile"])
        #expect(dataset.alliance("squad")?.evidence.contains { $0.text.hasSuffix("smaller groups to contain China") } == true)
        for (a, b) in [("indonesia", "vietnam"), ("indonesia", "malaysia"), ("vietnam", "malaysia")] {
            #expect(ties(a, b) == ["territorial_dispute:hostile"], "\(a)-\(b)")
        }
        #expect(dataset.relation("nato-south-korea-defense-industrial-cooperation") == nil)
        #expect(dataset.relation("india-china-counterweight")?.valence == .mixed)
        #expect(dataset.alliance("asian-nato")?.obligations.isEmpty == true)
        #expect(dataset.relation("eu-ukraine-support")?.kind == .strategicPartnership)
        #expect(dataset.statement("nato-allies-china-supplying-russia")?.speaker.id == "unnamed-allies")
        #expect(dataset.statement("china-russia-no-limits") == nil)
        #expect(
            !dataset.statements.contains {
                $0.source.document == Self.article && ($0.mode == .direct || $0.mode == .partial) && $0.text.hasSuffix(".")
            })
    }
}
