/// One index of the dataset: the records of one type by one field's values, and the rule
/// that reads those values from a record. Declared once here; ``Dataset`` builds every key
/// in ``all`` at load, filters name it in a ``Constraint``, and the analyses read it.
///
/// To index a new field, add one `static let` and list it in ``all``.
public struct IndexKey: Hashable, Sendable, CustomStringConvertible {
    public let type: EntityType
    public let field: String
    /// The values a record (at a position of its collection) is filed under.
    let values: @Sendable (Collections, Int) -> [String]

    init(_ type: EntityType, _ field: String, values: @escaping @Sendable (Collections, Int) -> [String]) {
        self.type = type
        self.field = field
        self.values = values
    }

    public static func == (a: IndexKey, b: IndexKey) -> Bool { a.type == b.type && a.field == b.field }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(field)
    }

    public var description: String { "\(type.rawValue).\(field)" }

    public static let actorKind = IndexKey(.actor, "kind") { [$0.actors[$1].kind.rawValue] }
    public static let actorRegion = IndexKey(.actor, "region") { [$0.actors[$1].region.rawValue] }
    public static let actorAlliance = IndexKey(.actor, "alliance") { c, p in (c.memberships[c.actors[p].id] ?? []).map(\.alliance) }
    public static let actorSource = IndexKey(.actor, "source_document") { c, p in c.actors[p].sources.documents }

    public static let allianceKind = IndexKey(.alliance, "kind") { [$0.alliances[$1].kind.rawValue] }
    public static let allianceStatus = IndexKey(.alliance, "status") { [$0.alliances[$1].status.rawValue] }
    public static let allianceMember = IndexKey(.alliance, "member") { c, p in c.alliances[p].members.map(\.member.id) }
    public static let allianceSource = IndexKey(.alliance, "source_document") { c, p in c.alliances[p].sources.documents }

    public static let statementSpeaker = IndexKey(.statement, "speaker") { [$0.statements[$1].speaker.id] }
    public static let statementAbout = IndexKey(.statement, "about") { c, p in c.statements[p].about.map(\.id) }
    public static let statementMode = IndexKey(.statement, "mode") { [$0.statements[$1].mode.rawValue] }
    public static let statementDocument = IndexKey(.statement, "document") { [$0.statements[$1].source.document] }
    public static let statementStance = IndexKey(.statement, "stance") { c, p in c.statements[p].stance.map { [$0.value.rawValue] } ?? [] }

    public static let relationKind = IndexKey(.relation, "kind") { [$0.relations[$1].kind.rawValue] }
    public static let relationValence = IndexKey(.relation, "valence") { [$0.relations[$1].valence.rawValue] }
    /// Either end.
    public static let relationEnd = IndexKey(.relation, "actor") { c, p in [c.relations[p].from.id, c.relations[p].to.id] }
    public static let relationFrom = IndexKey(.relation, "from") { [$0.relations[$1].from.id] }
    public static let relationTo = IndexKey(.relation, "to") { [$0.relations[$1].to.id] }
    public static let relationSource = IndexKey(.relation, "source_document") { c, p in c.relations[p].sources.documents }

    public static let documentKind = IndexKey(.document, "kind") { [$0.documents[$1].kind.rawValue] }

    static let all: [IndexKey] = [
        actorKind, actorRegion, actorAlliance, actorSource,
        allianceKind, allianceStatus, allianceMember, allianceSource,
        statementSpeaker, statementAbout, statementMode, statementDocument, statementStance,
        relationKind, relationValence, relationEnd, relationFrom, relationTo, relationSource,
        documentKind,
    ]
}

/// A date of one record type that filters compare with a range (`said_since`, `published_until`).
public struct DateKey: Sendable, CustomStringConvertible {
    public let type: EntityType
    public let field: String
    let value: @Sendable (Dataset, Int) -> PartialDate?

    public var description: String { "\(type.rawValue).\(field)" }

    public static let statementSaidOn = DateKey(type: .statement, field: "said_on") { $0.statements[$1].saidOn }
    public static let documentPublished = DateKey(type: .document, field: "published") { $0.documents[$1].published }
}

/// A count of one record type that filters bound from below (`min_sources`).
public struct CountKey: Sendable, CustomStringConvertible {
    public let type: EntityType
    public let field: String
    let value: @Sendable (Dataset, Int) -> Int

    public var description: String { "\(type.rawValue).\(field)" }

    public static let actorSources = CountKey(type: .actor, field: "sources") { $0.actors[$1].sources.count }
    public static let allianceSources = CountKey(type: .alliance, field: "sources") { $0.alliances[$1].sources.count }
    public static let relationSources = CountKey(type: .relation, field: "sources") { $0.relations[$1].sources.count }
}

/// The collections an index is built from, in their served order.
struct Collections: Sendable {
    let documents: [Document]
    let actors: [Actor]
    let alliances: [Alliance]
    let relations: [Relation]
    let statements: [Statement]
    let memberships: [String: [AllianceMembership]]

    func count(of type: EntityType) -> Int {
        switch type {
        case .document: documents.count
        case .actor: actors.count
        case .alliance: alliances.count
        case .relation: relations.count
        case .statement: statements.count
        }
    }
}
