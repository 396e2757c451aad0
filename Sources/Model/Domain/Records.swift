/// A reference from one record to another: the id and what kind of record it names.
/// The dataset resolves it to a name (and the API to an href).
public struct EntityRef: Hashable, Sendable {
    public let type: EntityType
    public let id: String

    public init(_ type: EntityType, _ id: String) {
        self.type = type
        self.id = id
    }
}

/// A located passage of a document: Unicode scalar offsets, end exclusive.
public struct Span: Hashable, Sendable {
    public let document: String
    public let start: Int
    public let end: Int
    public let text: String
}

public struct Document: Sendable, Identifiable {
    public let id: String
    public let file: String
    public let title: String
    public let publisher: String?
    public let outlet: String?
    /// ISO date (`2024-11-20`) or nil when the source does not say.
    public let published: String?
    public let language: String
    public let text: String
    /// Length in Unicode scalars.
    public let length: Int
    public let sha256: String
}

public struct ISOCodes: Hashable, Sendable {
    public let alpha2: String
    public let alpha3: String
}

public struct Actor: Sendable, Identifiable {
    public let id: String
    public let name: String
    public let kind: ActorKind
    public let aliases: [String]
    public let codes: ISOCodes?
    public let anonymous: Bool
    public let roles: [String]
    public let affiliations: [EntityRef]
    public let region: Region
    public let summary: String
    public let evidence: [Span]
}

public struct Membership: Hashable, Sendable {
    public let member: EntityRef
    public let role: MemberRole
}

public struct Position: Hashable, Sendable {
    public let actor: EntityRef
    public let stance: Stance
    public let statement: String?
}

public struct Alliance: Sendable, Identifiable {
    public let id: String
    public let name: String
    public let shortName: String?
    public let aliases: [String]
    public let kind: AllianceKind
    public let status: AllianceStatus
    public let obligations: [Obligation]
    public let members: [Membership]
    public let excluded: [EntityRef]
    public let initiatedBy: [EntityRef]
    public let positions: [Position]
    public let summary: String
    public let evidence: [Span]
}

public struct Relation: Sendable, Identifiable {
    public let id: String
    public let kind: RelationKind
    public let from: EntityRef
    public let to: EntityRef
    public let directed: Bool
    public let valence: Valence
    public let subject: String?
    public let summary: String
    public let evidence: [Span]
}

public struct StanceTarget: Hashable, Sendable {
    public let target: EntityRef
    public let value: Stance
}

public struct Statement: Sendable, Identifiable {
    public let id: String
    public let speaker: EntityRef
    public let text: String
    public let mode: StatementMode
    public let verb: String?
    public let about: [EntityRef]
    public let stance: StanceTarget?
    public let source: Span
    /// The sentence (or sentences) of the document that contain the statement.
    public let sentence: String
}
