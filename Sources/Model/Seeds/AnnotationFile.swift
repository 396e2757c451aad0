/// Decodes one annotation file into raw records (see seeds/README.md for the format).
package struct AnnotationFile {
    static let topLevelKeys = ["document", "documents", "actors", "alliances", "relations", "statements", "terms"]

    let path: String
    let log: ProblemLog

    package init(path: String, log: ProblemLog) {
        self.path = path
        self.log = log
    }

    package func decode(_ bytes: [UInt8], into seeds: inout RawSeeds) {
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            log.add(file: path, line: error.line, column: error.column, error.message)
            seeds.unparsedFiles.insert(path)
            return
        }
        let site = Site(file: path, line: root.line, column: root.column, path: "$")
        guard let top = Fields(root, site: site, log: log, what: "an annotation file") else {
            seeds.unparsedFiles.insert(path)  // not an object: which records it meant to hold is unknown
            return
        }
        top.rejectUnknownKeys(allowed: Self.topLevelKeys)
        let defaultDocument = top.optionalString("document")

        let before = (seeds.documents.count, seeds.actors.count, seeds.alliances.count, seeds.relations.count, seeds.statements.count)
        defer {
            let decoded = Set(
                seeds.documents[before.0...].map(\.id) + seeds.actors[before.1...].map(\.id)
                    + seeds.alliances[before.2...].map(\.id) + seeds.relations[before.3...].map(\.id)
                    + seeds.statements[before.4...].map(\.id))
            seeds.noteBroken(from: root, decoded: decoded)
        }
        for (index, (node, site)) in top.array("documents").enumerated() {
            if let record = document(node, site.renamed("documents[\(index)]", node)) { seeds.documents.append(record) }
        }
        for (index, (node, site)) in top.array("actors").enumerated() {
            if let record = actor(node, site.renamed("actors[\(index)]", node), defaultDocument) { seeds.actors.append(record) }
        }
        for (index, (node, site)) in top.array("alliances").enumerated() {
            if let record = alliance(node, site.renamed("alliances[\(index)]", node), defaultDocument) { seeds.alliances.append(record) }
        }
        for (index, (node, site)) in top.array("relations").enumerated() {
            if let record = relation(node, site.renamed("relations[\(index)]", node), defaultDocument) { seeds.relations.append(record) }
        }
        for (index, (node, site)) in top.array("statements").enumerated() {
            if let record = statement(node, site.renamed("statements[\(index)]", node), defaultDocument) { seeds.statements.append(record) }
        }
        for (index, (node, site)) in top.array("terms").enumerated() {
            if let span = Fields.span(node, site.renamed("terms[\(index)]", node), defaultDocument: defaultDocument, log) {
                seeds.terms.append(span)
            }
        }
    }

    /// Opens a record: checks it is an object with keys from `allowed` and a valid id,
    /// and names it by its id in every later message.
    private func open(_ node: JSONNode, _ site: Site, what: String, allowed: [String]) -> (Fields, String)? {
        guard let probe = Fields(node, site: site, log: log, what: what) else { return nil }
        let id = probe.string("id")
        let named = id.map { Site(file: site.file, line: site.line, column: site.column, path: "\(site.path) (\($0))") } ?? site
        let fields = Fields(node, site: named, log: log, what: what)!
        fields.rejectUnknownKeys(allowed: allowed + ["id", "note"])
        if let note = node.object?["note"], case .string = note.value {
        } else if node.object?["note"] != nil {
            log.add(fields.site("note").problem("must be a string"))
        }
        guard let id else { return nil }
        guard Slug.isValid(id) else {
            log.add(
                fields.site("id").problem(
                    "\"\(id)\" is not a slug; use lowercase letters and digits joined by single hyphens, e.g. \"\(Slug.make(id))\""))
            return nil
        }
        return (fields, id)
    }

    private func document(_ node: JSONNode, _ site: Site) -> RawDocument? {
        guard
            let (f, id) = open(
                node, site, what: "a document",
                allowed: [
                    "file", "title", "publisher", "outlet", "kind", "published", "published_basis", "url", "rights", "language", "sha256",
                ])
        else { return nil }
        let (published, publishedBasis) = f.datedBy("published", "published_basis", PublishedBasis.self)
        let kind = f.enumeration("kind", DocumentKind.self), rights = f.string("rights"), url = f.optionalString("url")
        if let url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
            log.add(f.site("url").problem("\"\(url)\" is not an http(s) URL; use null when the original has none"))
        }
        let sha = f.optionalString("sha256")
        if let sha, !(sha.count == 64 && sha.allSatisfy { $0.isHexDigit && !$0.isUppercase }) {
            log.add(f.site("sha256").problem("must be 64 lowercase hex digits (sha256sum prints them)"))
        }
        let file = f.string("file"), title = f.string("title"), language = f.string("language")
        let publisher = f.optionalString("publisher"), outlet = f.optionalString("outlet")
        guard let file, let title, let language, let kind, let rights else { return nil }
        return RawDocument(
            id: id, file: file, title: title, publisher: publisher, outlet: outlet, kind: kind,
            published: published, publishedBasis: publishedBasis, url: url, rights: rights,
            language: language, sha256: sha, site: f.site)
    }

    private func actor(_ node: JSONNode, _ site: Site, _ defaultDocument: String?) -> RawActor? {
        guard
            let (f, id) = open(
                node, site, what: "an actor",
                allowed: [
                    "name", "kind", "aliases", "codes", "anonymous", "roles", "affiliations", "region", "summary", "evidence",
                ])
        else { return nil }
        let kind = f.enumeration("kind", ActorKind.self)
        var codes: ISOCodes?
        if let node = f.object["codes"], !node.isNull {
            if let c = Fields(node, site: f.site("codes"), log: log, what: "codes") {
                c.rejectUnknownKeys(allowed: ["iso3166_alpha2", "iso3166_alpha3"])
                if let a2 = c.string("iso3166_alpha2"), let a3 = c.string("iso3166_alpha3") {
                    if a2.count != 2 || !a2.allSatisfy({ $0.isASCII && $0.isUppercase }) {
                        log.add(c.site("iso3166_alpha2").problem("\"\(a2)\" is not two uppercase letters"))
                    }
                    if a3.count != 3 || !a3.allSatisfy({ $0.isASCII && $0.isUppercase }) {
                        log.add(c.site("iso3166_alpha3").problem("\"\(a3)\" is not three uppercase letters"))
                    }
                    codes = ISOCodes(alpha2: a2, alpha3: a3)
                }
            }
        }
        if kind == .state && f.object["codes"]?.isNull ?? true {
            log.add(f.site.problem("a state needs \"codes\" with its ISO 3166 iso3166_alpha2 and iso3166_alpha3"))
        }
        if let kind, kind != .state, codes != nil {
            log.add(f.site("codes").problem("only states have ISO 3166 codes; remove \"codes\" from this \(kind.rawValue)"))
        }
        let roles = f.strings("roles")
        if let kind, kind != .person, !roles.isEmpty {
            log.add(f.site("roles").problem("only persons have roles"))
        }
        // Every field is read before deciding, so one run reports all of a record's problems.
        let name = f.string("name"), region = f.enumeration("region", Region.self), summary = f.string("summary")
        let anonymous = f.bool("anonymous", default: false), aliases = f.strings("aliases")
        let affiliations = f.references("affiliations")
        let evidence = f.spans("evidence", defaultDocument: defaultDocument, required: true)
        guard let name, let kind, let region, let summary, let anonymous else { return nil }
        return RawActor(
            id: id, name: name, kind: kind, aliases: aliases, codes: kind == .state ? codes : nil,
            anonymous: anonymous, roles: roles, affiliations: affiliations, region: region,
            summary: summary, evidence: evidence, site: f.site)
    }

    private func alliance(_ node: JSONNode, _ site: Site, _ defaultDocument: String?) -> RawAlliance? {
        guard
            let (f, id) = open(
                node, site, what: "an alliance",
                allowed: [
                    "name", "short_name", "aliases", "kind", "status", "obligations", "members", "excluded", "initiated_by",
                    "positions", "since", "until", "summary", "evidence",
                ])
        else { return nil }
        let members: [RawMember] = f.array("members").compactMap { node, site in
            guard let m = Fields(node, site: site, log: log, what: "a member") else { return nil }
            m.rejectUnknownKeys(allowed: ["actor", "role", "since", "until"])
            let valid = m.validTime()
            guard let ref = m.reference("actor"), let role = m.enumeration("role", MemberRole.self) else { return nil }
            return RawMember(ref: ref, role: role, valid: valid)
        }
        let positions: [RawPosition] = f.array("positions").compactMap { node, site in
            guard let p = Fields(node, site: site, log: log, what: "a position") else { return nil }
            p.rejectUnknownKeys(allowed: ["actor", "stance", "statement"])
            guard let actor = p.reference("actor"), let stance = p.enumeration("stance", Stance.self) else { return nil }
            return RawPosition(actor: actor, stance: stance, statement: p.optionalReference("statement"))
        }
        let kind = f.enumeration("kind", AllianceKind.self)
        let status = f.enumeration("status", AllianceStatus.self)
        let name = f.string("name"), summary = f.string("summary"), shortName = f.optionalString("short_name")
        let aliases = f.strings("aliases"), obligations = f.enumerations("obligations", Obligation.self)
        let excluded = f.references("excluded"), initiatedBy = f.references("initiated_by")
        let evidence = f.spans("evidence", defaultDocument: defaultDocument, required: true)
        let valid = f.validTime()
        guard let name, let kind, let status, let summary else { return nil }
        return RawAlliance(
            id: id, name: name, shortName: shortName, aliases: aliases, kind: kind, status: status,
            obligations: obligations, members: members, excluded: excluded, initiatedBy: initiatedBy,
            positions: positions, valid: valid, summary: summary, evidence: evidence, site: f.site)
    }

    private func relation(_ node: JSONNode, _ site: Site, _ defaultDocument: String?) -> RawRelation? {
        guard
            let (f, id) = open(
                node, site, what: "a relation",
                allowed: [
                    "kind", "from", "to", "directed", "valence", "subject", "since", "until", "summary", "evidence",
                ])
        else { return nil }
        let kind = f.enumeration("kind", RelationKind.self)
        let valence = f.enumeration("valence", Valence.self)
        let from = f.reference("from"), to = f.reference("to")
        if f.object["directed"] == nil { log.add(f.site.problem("missing required field \"directed\" (true when the order of from and to matters)")) }
        let directed = f.bool("directed", default: false), summary = f.string("summary"), subject = f.optionalString("subject")
        let evidence = f.spans("evidence", defaultDocument: defaultDocument, required: true)
        let valid = f.validTime()
        guard let kind, let valence, let from, let to, let directed, let summary else { return nil }
        if from.id == to.id { log.add(f.site("to").problem("a relation needs two different ends; from and to are both \"\(from.id)\"")) }
        return RawRelation(
            id: id, kind: kind, from: from, to: to, directed: directed, valence: valence,
            subject: subject, valid: valid, summary: summary, evidence: evidence, site: f.site)
    }

    private func statement(_ node: JSONNode, _ site: Site, _ defaultDocument: String?) -> RawStatement? {
        guard
            let (f, id) = open(
                node, site, what: "a statement",
                allowed: [
                    "speaker", "quote", "document", "occurrence", "context", "mode", "verb", "about", "stance",
                    "said_on", "said_on_basis",
                ])
        else { return nil }
        let (saidOn, saidOnBasis) = f.datedBy("said_on", "said_on_basis", SaidOnBasis.self)
        var stance: (RawRef, Stance)?
        if let node = f.object["stance"], !node.isNull, let s = Fields(node, site: f.site("stance"), log: log, what: "a stance") {
            s.rejectUnknownKeys(allowed: ["target", "value"])
            if let target = s.reference("target"), let value = s.enumeration("value", Stance.self) { stance = (target, value) }
        }
        if f.object["verb"] == nil {
            log.add(f.site.problem("missing required field \"verb\" (the reporting verb, or null when the source has none)"))
        }
        let mode = f.enumeration("mode", StatementMode.self)
        let speaker = f.reference("speaker")
        // The quote is a string located with the statement's own occurrence/context/document,
        // or a span object carrying them itself.
        var span: RawSpan?
        if let node = f.object["quote"], case .object = node.value {
            span = Fields.span(node, f.site("quote"), defaultDocument: f.optionalString("document") ?? defaultDocument, log)
        } else if let quote = f.string("quote") {
            span = RawSpan(
                quote: quote, document: f.optionalString("document") ?? defaultDocument,
                occurrence: f.integer("occurrence", in: 1...1_000_000), context: f.optionalString("context"),
                site: f.site("quote"))
        }
        let verb = f.optionalString("verb"), about = f.references("about")
        guard let speaker, let span, let mode else { return nil }
        return RawStatement(
            id: id, speaker: speaker, span: span, mode: mode, verb: verb, about: about, stance: stance,
            saidOn: saidOn, saidOnBasis: saidOnBasis, site: f.site)
    }
}

extension JSONNode {
    var isNull: Bool { if case .null = value { true } else { false } }
    var object: JSONObject? { if case .object(let object) = value { object } else { nil } }
}

extension Site {
    func renamed(_ path: String, _ node: JSONNode) -> Site {
        Site(file: file, line: node.line, column: node.column, path: path)
    }
}
