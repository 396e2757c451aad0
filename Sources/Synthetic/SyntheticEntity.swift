import LatticeModel

/// An actor or alliance while it is generated; it becomes a ``RawActor`` or ``RawAlliance``.
final class SyntheticEntity {
    enum Kind { case state, organization, person, alliance }

    let kind: Kind
    let id: String
    let name: String
    /// How the text names it mid-sentence ("the Kestrel Sea Defense Pact").
    let prose: String
    /// How quotes name an alliance: its short name or its prose.
    var short: String
    unowned let document: SyntheticDocument
    var evidence: [SyntheticMark] = []
    /// Evidence spans taken from other documents so far (capped).
    var borrowedEvidence = 0

    var aliases: [String] = []
    var region: Region = .global
    var summary = ""
    var codes: ISOCodes?
    var capital: String?
    /// Persons and organizations: the state they belong to.
    var state: SyntheticEntity?
    /// Persons: the name used after the first mention, and the first mention itself.
    var surname = ""
    var introduction = ""
    var anonymous = false
    var roles: [String] = []
    var affiliations: [SyntheticEntity] = []

    var shortName: String?
    var allianceKind: AllianceKind = .minilateral
    var status: AllianceStatus = .active
    var obligations: [Obligation] = []
    var members: [(SyntheticEntity, MemberRole)] = []
    var excluded: [SyntheticEntity] = []
    var initiators: [SyntheticEntity] = []
    var positions: [(SyntheticEntity, Stance, String?)] = []

    init(_ kind: Kind, id: String, name: String, prose: String, in document: SyntheticDocument) {
        self.kind = kind
        self.id = id
        self.name = name
        self.prose = prose
        self.short = prose
        self.document = document
    }

    var possessive: String { prose + "’s" }
    var isMemberOfAnything: Bool { !members.isEmpty }

    func hasMember(_ entity: SyntheticEntity) -> Bool { members.contains { $0.0 === entity } }

    var actorKind: ActorKind {
        switch kind {
        case .state: .state
        case .organization: .organization
        case .person, .alliance: .person
        }
    }

    func rawActor(_ spans: (SyntheticMark) -> RawSpan) -> RawActor {
        RawActor(
            id: id, name: name, kind: actorKind, aliases: aliases, codes: codes, anonymous: anonymous, roles: roles,
            affiliations: affiliations.map(\.reference), region: region, summary: summary, evidence: evidence.map(spans),
            site: SyntheticGenerator.site)
    }

    func rawAlliance(_ spans: (SyntheticMark) -> RawSpan, anchor: PartialDate?) -> RawAlliance {
        RawAlliance(
            id: id, name: name, shortName: shortName, aliases: aliases, kind: allianceKind, status: status,
            obligations: obligations,
            members: members.map {
                RawMember(
                    ref: $0.0.reference, role: $0.1,
                    valid: SyntheticDates.valid("\(id)/\($0.0.id)", anchor: anchor, percent: 30))
            },
            excluded: excluded.map(\.reference), initiatedBy: initiators.map(\.reference),
            positions: positions.map { RawPosition(actor: $0.0.reference, stance: $0.1, statement: $0.2.map(SyntheticEntity.reference)) },
            valid: SyntheticDates.valid(id, anchor: anchor, percent: 50),
            summary: summary, evidence: evidence.map(spans), site: SyntheticGenerator.site)
    }

    var reference: RawRef { Self.reference(id) }

    static func reference(_ id: String) -> RawRef { RawRef(id: id, site: SyntheticGenerator.site) }
}

/// A relation or statement while it is generated.
struct SyntheticRelation {
    let id: String
    let kind: RelationKind
    let from: SyntheticEntity
    let to: SyntheticEntity
    let directed: Bool
    let valence: Valence
    let subject: String?
    let summary: String
    let evidence: SyntheticMark
}

struct SyntheticStatement {
    let id: String
    let speaker: SyntheticEntity
    let quote: SyntheticMark
    let mode: StatementMode
    let verb: String?
    let about: [String]
    let stance: (target: SyntheticEntity, value: Stance)?
}
