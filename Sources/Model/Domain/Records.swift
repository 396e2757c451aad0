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
    public let kind: DocumentKind
    /// At the precision the document gives, or nil when nothing dates it.
    public let published: PartialDate?
    /// Nil exactly when `published` is.
    public let publishedBasis: PublishedBasis?
    /// The published original.
    public let url: String?
    /// Why we may serve the text, in one sentence.
    public let rights: String
    /// The document's own cited sources (its `NAME.links.json` sidecar), in text order.
    public let links: [DocumentLink]
    public let language: String
    public let text: String
    /// Length in Unicode scalars.
    public let length: Int
    public let sha256: String
}

/// A passage of a document that cites a source of its own.
public struct DocumentLink: Hashable, Sendable {
    public let start: Int
    public let end: Int
    public let text: String
    public let url: String
}

/// The distinct documents that back a record — its evidence and the statements by or about
/// it — and the earliest of their publication dates (where a record without `since` begins).
public struct Sources: Hashable, Sendable {
    /// Document ids, sorted.
    public let documents: [String]
    public let earliest: PartialDate?

    public var count: Int { documents.count }

    public static let none = Sources(documents: [], earliest: nil)
}

public struct ISOCodes: Hashable, Sendable {
    public let alpha2: String
    public let alpha3: String

    package init(alpha2: String, alpha3: String) {
        self.alpha2 = alpha2
        self.alpha3 = alpha3
    }
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
    public let sources: Sources
}

public struct Membership: Hashable, Sendable {
    public let member: EntityRef
    public let role: MemberRole
    /// When it joined and left, as far as the sources say.
    public let valid: ValidTime
}

/// One alliance an actor belongs to, seen from the actor.
public struct AllianceMembership: Hashable, Sendable {
    public let alliance: String
    public let role: MemberRole
    public let valid: ValidTime
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
    /// Founded and dissolved.
    public let valid: ValidTime
    public let summary: String
    public let evidence: [Span]
    public let sources: Sources
}

public struct Relation: Sendable, Identifiable {
    public let id: String
    public let kind: RelationKind
    public let from: EntityRef
    public let to: EntityRef
    public let directed: Bool
    public let valence: Valence
    public let subject: String?
    /// Began and ended; `until` nil means not known to have ended.
    public let valid: ValidTime
    public let summary: String
    public let evidence: [Span]
    public let sources: Sources
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
    /// When it was said or written, or nil when neither the text nor its document dates it.
    public let saidOn: PartialDate?
    /// Nil exactly when `saidOn` is.
    public let saidOnBasis: SaidOnBasis?
    /// The sentence (or sentences) of the document that contain the statement.
    public let sentence: String
}
