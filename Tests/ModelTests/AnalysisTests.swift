import Foundation
import Testing
@testable import LatticeModel

/// The analyses (cohesion, positions, mixed ties): bounds, determinism and monotonicity on
/// synthetic additions, and what the bundled article yields.
@Suite("Analysis")
struct AnalysisTests {
    static let dataset: Dataset = try! SeedLoader.load(from: shippedSeeds)
    var dataset: Dataset { Self.dataset }
    static let ap4 = ["japan", "south-korea", "australia", "new-zealand"]

    /// The shipped dataset plus `extra` relations, built directly (no seed files).
    func with(_ extra: [Relation]) -> Dataset {
        Dataset(
            parts: Dataset.Parts(
                documents: dataset.documents, texts: [:], actors: dataset.actors, alliances: dataset.alliances,
                relations: dataset.relations + extra, statements: dataset.statements, terms: [], redirects: dataset.redirects),
            version: dataset.version + "+test")
    }

    func relation(_ id: String, _ from: String, _ to: String, _ kind: RelationKind, _ valence: Valence) -> Relation {
        Relation(
            id: id, kind: kind, from: EntityRef(.actor, from), to: EntityRef(.actor, to), directed: false, valence: valence,
            subject: nil, valid: .always, summary: "Synthetic.", evidence: [], sources: .none)
    }

    func score(_ dataset: Dataset, _ a: String, _ b: String) -> Double {
        Cohesion.of([a, b], in: dataset).pairs[0].score
    }

    @Test("the score is bounded in (-1, 1) and strictly monotone in each tie count")
    func scoreBoundsAndMonotonicity() {
        for c in 0...30 {
            for h in 0...30 {
                let s = Cohesion.score(cooperative: c, hostile: h)
                #expect(s > -1 && s < 1)
                #expect(Cohesion.score(cooperative: c + 1, hostile: h) > s)
                #expect(Cohesion.score(cooperative: c, hostile: h + 1) < s)
            }
        }
        #expect(Cohesion.score(cooperative: 0, hostile: 0) == 0)
    }

    @Test("one more cooperative relation never lowers a pair or group score; one more hostile never raises it")
    func monotoneOnTheData() {
        let pairs = [("japan", "south-korea"), ("japan", "china"), ("australia", "new-zealand"), ("india", "pakistan-absent")]
        for (a, b) in pairs.filter({ dataset.actor($0.0) != nil && dataset.actor($0.1) != nil }) {
            let base = score(dataset, a, b)
            let friendlier = with([relation("zz-test-coop", a, b, .defenseCooperation, .cooperative)])
            let hostiler = with([relation("zz-test-hostile", a, b, .threatPerception, .hostile)])
            let mixed = with([relation("zz-test-mixed", a, b, .tradeDependence, .mixed)])
            #expect(score(friendlier, a, b) > base)
            #expect(score(hostiler, a, b) < base)
            #expect(score(mixed, a, b) == base)
            #expect(Cohesion.of(Self.ap4, in: friendlier).cohesion >= Cohesion.of(Self.ap4, in: dataset).cohesion)
            #expect(Cohesion.of(Self.ap4, in: hostiler).cohesion <= Cohesion.of(Self.ap4, in: dataset).cohesion)
        }
        // A tie to a third party changes no member pair.
        let outside = with([relation("zz-test-outside", "japan", "india", .threatPerception, .hostile)])
        #expect(Cohesion.of(Self.ap4, in: outside).pairs.map(\.score) == Cohesion.of(Self.ap4, in: dataset).pairs.map(\.score))
    }

    @Test("cohesion is deterministic and bounded, and the matrix is symmetric")
    func deterministic() throws {
        let first = Cohesion.of(Self.ap4, in: dataset), second = Cohesion.of(Self.ap4, in: dataset)
        #expect(first.pairs.map(\.score) == second.pairs.map(\.score))
        #expect(first.cohesion == second.cohesion)
        #expect(first.cohesion > -1 && first.cohesion < 1)
        #expect(first.pairs.count == 6)
        for a in 0..<4 {
            for b in 0..<4 where a != b {
                #expect(try #require(first.pair(a, b)).score == (try #require(first.pair(b, a))).score)
            }
        }
        #expect(Cohesion.of(["japan"], in: dataset).pairs.isEmpty)
    }

    @Test("AP4: the weakest pair is Japan–South Korea, and both perceive China as a threat")
    func ap4() throws {
        let result = Cohesion.of(Self.ap4, in: dataset)
        let weakest = result.pairs[try #require(result.weakest)]
        #expect(Set([result.actors[weakest.row], result.actors[weakest.column]]) == ["japan", "south-korea"])
        #expect(weakest.sharedThreats.map(\.actor).contains("china"))
        #expect(!weakest.hostile.isEmpty && !weakest.cooperative.isEmpty)
        let china = try #require(result.commonThreats.first { $0.actor == "china" })
        #expect(Set(china.perceivedBy) == ["japan", "south-korea"])
        #expect(result.dividingTies.allSatisfy { dataset.relation($0)?.valence == .hostile })
    }

    @Test("Asian NATO: Ishiba supports, Teodoro opposes, the United States is skeptical (\"premature\")")
    func asianNATO() throws {
        let groups = Positions.on(try #require(dataset.alliance("asian-nato")), in: dataset)
        func actors(_ stance: Stance) -> Set<String> { Set(groups.first { $0.stance == stance }?.entries.map(\.actor.id) ?? []) }
        #expect(actors(.supports).contains("shigeru-ishiba"))
        #expect(actors(.opposes).contains("gilberto-teodoro"))
        #expect(actors(.skeptical).contains("united-states"))
        let us = try #require(groups.first { $0.stance == .skeptical }?.entries.first { $0.actor.id == "united-states" })
        let statement = try #require(us.evidence.compactMap(\.statement).first.flatMap(dataset.statement))
        #expect(statement.sentence.contains("premature"))
    }

    @Test("positions: a statement is evidence once per actor and stance, on every bundled alliance")
    func positionsDeduplicated() throws {
        for alliance in dataset.alliances {
            for group in Positions.on(alliance, in: dataset) {
                for entry in group.entries {
                    let statements = entry.evidence.map(\.statement)
                    #expect(Set(statements).count == statements.count, "\(alliance.id) \(entry.actor.id) \(group.stance): \(statements)")
                    #expect(statements.allSatisfy { dataset.statement($0) != nil })
                }
            }
        }
        let asianNATO = Positions.on(try #require(dataset.alliance("asian-nato")), in: dataset)
        let rows = asianNATO.flatMap { group in
            group.entries.flatMap { entry in entry.evidence.map { "\(group.stance) \(entry.actor.id) \($0.source) \($0.statement)" } }
        }
        #expect(
            rows == [
                "supports shigeru-ishiba position ishiba-asian-nato",
                "opposes gilberto-teodoro position teodoro-quashed-asian-nato",
                "opposes india position lin-india-group-defensive-alliances",
                "skeptical gilberto-teodoro statement teodoro-dichotomies-and-divergence",
                "skeptical united-states position us-asian-nato-premature",
                "skeptical ying-yu-lin position lin-common-defensive-umbrella",
            ])
        // Lee's position on the trilateral names no statement: Lee is listed, with no evidence.
        let trilateral = Positions.on(try #require(dataset.alliance("us-japan-south-korea-trilateral")), in: dataset)
        let lee = try #require(trilateral.first { $0.stance == .supports }?.entries.first { $0.actor.id == "lee-jae-myung" })
        #expect(lee.evidence.isEmpty)
    }

    @Test("Japan–China and South Korea–China are mixed ties: threat perceived, trade depended on")
    func mixedTies() throws {
        let ties = MixedTies.find(in: dataset)
        for member in ["japan", "south-korea"] {
            let tie = try #require(ties.first { Set([$0.a.id, $0.b.id]) == [member, "china"] })
            #expect(tie.hostile.contains { dataset.relation($0)?.kind == .threatPerception })
            #expect(tie.cooperative.contains { dataset.relation($0)?.kind == .tradeDependence })
        }
        #expect(MixedTies.find(in: dataset, involving: ["japan"]).allSatisfy { $0.a.id == "japan" || $0.b.id == "japan" })
        let added = with([relation("zz-test-mixed", "australia", "new-zealand", .tradeDependence, .mixed)])
        #expect(MixedTies.find(in: added).contains { $0.mixed == ["zz-test-mixed"] })
    }
}
