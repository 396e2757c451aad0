/// Where something was written: file, line, column and record path.
package struct Site: Sendable {
    package let file: String
    package let line: Int
    package let column: Int
    package let path: String

    package func problem(_ message: String) -> SeedProblem {
        SeedProblem(file: file, line: line, column: column, path: path, message: message)
    }

    func child(_ key: String, _ node: JSONNode?) -> Site {
        Site(file: file, line: node?.line ?? line, column: node?.column ?? column, path: "\(path).\(key)")
    }

    package init(file: String, line: Int, column: Int, path: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
    }
}

/// A reference as written: an id, and where.
package struct RawRef {
    package let id: String
    package let site: Site

    package init(id: String, site: Site) {
        self.id = id
        self.site = site
    }
}

/// A span as written: a quote, located later against its document.
package struct RawSpan {
    package let quote: String
    package let document: String?
    package let occurrence: Int?
    package let context: String?
    package let site: Site

    package init(quote: String, document: String?, occurrence: Int?, context: String?, site: Site) {
        self.quote = quote
        self.document = document
        self.occurrence = occurrence
        self.context = context
        self.site = site
    }
}

package struct RawDocument {
    package let id: String
    package let file: String
    package let title: String
    package let publisher: String?
    package let outlet: String?
    package let kind: DocumentKind
    package let published: PartialDate?
    package let publishedBasis: PublishedBasis?
    package let url: String?
    package let rights: String
    package let language: String
    package let sha256: String?
    package let site: Site

    package init(
        id: String, file: String, title: String, publisher: String?, outlet: String?, kind: DocumentKind, published: PartialDate?,
        publishedBasis: PublishedBasis?, url: String?, rights: String, language: String, sha256: String?, site: Site
    ) {
        self.id = id
        self.file = file
        self.title = title
        self.publisher = publisher
        self.outlet = outlet
        self.kind = kind
        self.published = published
        self.publishedBasis = publishedBasis
        self.url = url
        self.rights = rights
        self.language = language
        self.sha256 = sha256
        self.site = site
    }
}

package struct RawActor {
    package let id: String
    package let name: String
    package let kind: ActorKind
    package let aliases: [String]
    package let codes: ISOCodes?
    package let anonymous: Bool
    package let roles: [String]
    package let affiliations: [RawRef]
    package let region: Region
    package let summary: String
    package let evidence: [RawSpan]
    package let site: Site

    package init(
        id: String, name: String, kind: ActorKind, aliases: [String], codes: ISOCodes?, anonymous: Bool, roles: [String], affiliations: [RawRef],
        region: Region, summary: String, evidence: [RawSpan], site: Site
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.aliases = aliases
        self.codes = codes
        self.anonymous = anonymous
        self.roles = roles
        self.affiliations = affiliations
        self.region = region
        self.summary = summary
        self.evidence = evidence
        self.site = site
    }
}

package struct RawMember {
    package let ref: RawRef
    package let role: MemberRole
    package let valid: ValidTime

    package init(ref: RawRef, role: MemberRole, valid: ValidTime) {
        self.ref = ref
        self.role = role
        self.valid = valid
    }
}

package struct RawPosition {
    package let actor: RawRef
    package let stance: Stance
    package let statement: RawRef?

    package init(actor: RawRef, stance: Stance, statement: RawRef?) {
        self.actor = actor
        self.stance = stance
        self.statement = statement
    }
}

package struct RawAlliance {
    package let id: String
    package let name: String
    package let shortName: String?
    package let aliases: [String]
    package let kind: AllianceKind
    package let status: AllianceStatus
    package let obligations: [Obligation]
    package let members: [RawMember]
    package let excluded: [RawRef]
    package let initiatedBy: [RawRef]
    package let positions: [RawPosition]
    package let valid: ValidTime
    package let summary: String
    package let evidence: [RawSpan]
    package let site: Site

    package init(
        id: String, name: String, shortName: String?, aliases: [String], kind: AllianceKind, status: AllianceStatus, obligations: [Obligation],
        members: [RawMember], excluded: [RawRef], initiatedBy: [RawRef], positions: [RawPosition], valid: ValidTime, summary: String,
        evidence: [RawSpan], site: Site
    ) {
        self.id = id
        self.name = name
        self.shortName = shortName
        self.aliases = aliases
        self.kind = kind
        self.status = status
        self.obligations = obligations
        self.members = members
        self.excluded = excluded
        self.initiatedBy = initiatedBy
        self.positions = positions
        self.valid = valid
        self.summary = summary
        self.evidence = evidence
        self.site = site
    }
}

package struct RawRelation {
    package let id: String
    package let kind: RelationKind
    package let from: RawRef
    package let to: RawRef
    package let directed: Bool
    package let valence: Valence
    package let subject: String?
    package let valid: ValidTime
    package let summary: String
    package let evidence: [RawSpan]
    package let site: Site

    package init(
        id: String, kind: RelationKind, from: RawRef, to: RawRef, directed: Bool, valence: Valence, subject: String?, valid: ValidTime,
        summary: String, evidence: [RawSpan], site: Site
    ) {
        self.id = id
        self.kind = kind
        self.from = from
        self.to = to
        self.directed = directed
        self.valence = valence
        self.subject = subject
        self.valid = valid
        self.summary = summary
        self.evidence = evidence
        self.site = site
    }
}

package struct RawStatement {
    package let id: String
    package let speaker: RawRef
    package let span: RawSpan
    package let mode: StatementMode
    package let verb: String?
    package let about: [RawRef]
    package let stance: (target: RawRef, value: Stance)?
    package let saidOn: PartialDate?
    package let saidOnBasis: SaidOnBasis?
    package let site: Site

    package init(
        id: String, speaker: RawRef, span: RawSpan, mode: StatementMode, verb: String?, about: [RawRef], stance: (target: RawRef, value: Stance)?,
        saidOn: PartialDate?, saidOnBasis: SaidOnBasis?, site: Site
    ) {
        self.id = id
        self.speaker = speaker
        self.span = span
        self.mode = mode
        self.verb = verb
        self.about = about
        self.stance = stance
        self.saidOn = saidOn
        self.saidOnBasis = saidOnBasis
        self.site = site
    }
}

/// Everything read from the annotation files, before cross-checking.
package struct RawSeeds {
    package var documents: [RawDocument] = []
    package var actors: [RawActor] = []
    package var alliances: [RawAlliance] = []
    package var relations: [RawRelation] = []
    package var statements: [RawStatement] = []
    /// Quoted terms: quotation marks a curator looked at that are not anyone's words.
    package var terms: [RawSpan] = []
    /// Ids of records that were written but could not be read; references to them are not
    /// reported again as dangling.
    package var brokenIDs: Set<String> = []
    /// Annotation files that could not be read or parsed, or hold no object. Which records they hold is
    /// unknown, so a reference that names no record is not reported while there are any:
    /// it may name one of theirs, and their own problem is the one to fix first.
    package var unparsedFiles: Set<String> = []

    package mutating func merge(_ other: RawSeeds) {
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
    package mutating func noteBroken(from root: JSONNode, decoded: Set<String>) {
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

    package init() {}
}
