/// Where something was written: file, line, column and record path.
struct Site: Sendable {
    let file: String
    let line: Int
    let column: Int
    let path: String

    func problem(_ message: String) -> SeedProblem {
        SeedProblem(file: file, line: line, column: column, path: path, message: message)
    }

    func child(_ key: String, _ node: JSONNode?) -> Site {
        Site(file: file, line: node?.line ?? line, column: node?.column ?? column, path: "\(path).\(key)")
    }
}

/// A reference as written: an id, and where.
struct RawRef {
    let id: String
    let site: Site
}

/// A span as written: a quote, located later against its document.
struct RawSpan {
    let quote: String
    let document: String?
    let occurrence: Int?
    let context: String?
    let site: Site
}

struct RawDocument {
    let id: String
    let file: String
    let title: String
    let publisher: String?
    let outlet: String?
    let kind: DocumentKind
    let published: PartialDate?
    let publishedBasis: PublishedBasis?
    let url: String?
    let rights: String
    let language: String
    let sha256: String?
    let site: Site
}

struct RawActor {
    let id: String
    let name: String
    let kind: ActorKind
    let aliases: [String]
    let codes: ISOCodes?
    let anonymous: Bool
    let roles: [String]
    let affiliations: [RawRef]
    let region: Region
    let summary: String
    let evidence: [RawSpan]
    let site: Site
}

struct RawMember {
    let ref: RawRef
    let role: MemberRole
    let valid: ValidTime
}

struct RawPosition {
    let actor: RawRef
    let stance: Stance
    let statement: RawRef?
}

struct RawAlliance {
    let id: String
    let name: String
    let shortName: String?
    let aliases: [String]
    let kind: AllianceKind
    let status: AllianceStatus
    let obligations: [Obligation]
    let members: [RawMember]
    let excluded: [RawRef]
    let initiatedBy: [RawRef]
    let positions: [RawPosition]
    let valid: ValidTime
    let summary: String
    let evidence: [RawSpan]
    let site: Site
}

struct RawRelation {
    let id: String
    let kind: RelationKind
    let from: RawRef
    let to: RawRef
    let directed: Bool
    let valence: Valence
    let subject: String?
    let valid: ValidTime
    let summary: String
    let evidence: [RawSpan]
    let site: Site
}

struct RawStatement {
    let id: String
    let speaker: RawRef
    let span: RawSpan
    let mode: StatementMode
    let verb: String?
    let about: [RawRef]
    let stance: (target: RawRef, value: Stance)?
    let saidOn: PartialDate?
    let saidOnBasis: SaidOnBasis?
    let site: Site
}

/// Everything read from the annotation files, before cross-checking.
struct RawSeeds {
    var documents: [RawDocument] = []
    var actors: [RawActor] = []
    var alliances: [RawAlliance] = []
    var relations: [RawRelation] = []
    var statements: [RawStatement] = []
    /// Quoted terms: quotation marks a curator looked at that are not anyone's words.
    var terms: [RawSpan] = []
    /// Ids of records that were written but could not be read; references to them are not
    /// reported again as dangling.
    var brokenIDs: Set<String> = []
    /// Annotation files that could not be read or parsed, or hold no object. Which records they hold is
    /// unknown, so a reference that names no record is not reported while there are any:
    /// it may name one of theirs, and their own problem is the one to fix first.
    var unparsedFiles: Set<String> = []

    mutating func merge(_ other: RawSeeds) {
        documents += other.documents
        actors += other.actors
        alliances += other.alliances
        relations += other.relations
        statements += other.statements
        terms += other.terms
        brokenIDs.formUnion(other.brokenIDs)
        unparsedFiles.formUnion(other.unparsedFiles)
    }

    /// Records the ids written in a file's record arrays that did not become records
    /// (`decoded` holds the ids the file's decoding produced).
    mutating func noteBroken(from root: JSONNode, decoded: Set<String>) {
        guard case .object(let top) = root.value else { return }
        for key in ["documents", "actors", "alliances", "relations", "statements"] {
            guard case .array(let records)? = top[key]?.value else { continue }
            for record in records {
                if case .object(let object) = record.value, case .string(let id)? = object["id"]?.value, !decoded.contains(id) {
                    brokenIDs.insert(id)
                }
            }
        }
    }
}
