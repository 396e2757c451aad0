/// Loads a seeds folder into a verified ``Dataset``, or reports every problem it has.
///
/// Loading is all-or-nothing: a folder with any problem produces no dataset, so a server
/// keeps serving what it had (the API target's `LatticeService.reload(from:)` swaps a
/// dataset in only once it has loaded).
public enum SeedLoader {
    public static func load(from path: String) throws(SeedError) -> Dataset {
        try load(from: SeedFolder(path: path), named: path)
    }

    /// Loads from any source of files (the fuzzer's keeps its constant files in memory).
    static func load(from folder: some SeedSource, named path: String) throws(SeedError) -> Dataset {
        let log = ProblemLog()
        // Files are read, parsed and decoded in parallel, then merged in path order, so
        // records and problems come out the same however many CPUs did the work.
        let files = folder.annotationFiles(log: log)
        let decode = { (file: String) -> (String, String?, RawSeeds, ProblemLog) in
            let fileLog = ProblemLog()
            var seeds = RawSeeds()
            guard let bytes = folder.read(file, limit: SeedFolder.maximumAnnotationBytes, log: fileLog) else {
                seeds.unparsedFiles.insert(file)
                return (file, nil, seeds, fileLog)
            }
            AnnotationFile(path: file, log: fileLog).decode(bytes, into: &seeds)
            return (file, folder.sha256(of: file, bytes), seeds, fileLog)
        }
        let decoded = folder.decodesInParallel ? files.parallelMap(decode) : files.map(decode)
        var seeds = RawSeeds()
        var hashed: [(String, String)] = []  // path and sha256 of every file read
        for (file, digest, fileSeeds, fileLog) in decoded {
            if let digest { hashed.append((file, digest)) }
            seeds.merge(fileSeeds)
            fileLog.problems.forEach(log.add)
        }
        if hashed.isEmpty && log.isEmpty {
            log.add(file: path, "no annotation files (*.json) found; see seeds/README.md")
        }
        var builder = DatasetBuilder(seeds: seeds, folder: folder, log: log)
        let parts = builder.build(hashedFiles: &hashed)
        guard log.isEmpty, let parts else {
            // A file that does not parse comes first: what else is reported may follow from it.
            let problems = Array(Set(log.problems)).sorted()
            let unparsed = problems.filter { seeds.unparsedFiles.contains($0.file) }
            throw SeedError(problems: unparsed + problems.filter { !seeds.unparsedFiles.contains($0.file) })
        }
        // The version hashes each file's path and digest: it changes whenever any byte does.
        let manifest = hashed.sorted { $0.0 < $1.0 }.map { "\($0.0)\u{0}\($0.1)\n" }.joined()
        let version = SHA256.hex(of: Array(manifest.utf8))
        return Dataset(parts: parts, version: String(version.prefix(16)))
    }
}

/// Cross-checks raw records and resolves them into domain values.
struct DatasetBuilder {
    let seeds: RawSeeds
    let folder: any SeedSource
    let log: ProblemLog

    private var ids: [String: (EntityType, Site)] = [:]
    private var texts: [String: DocumentText] = [:]
    private var aliasOwner: [String: (EntityRef, Site)] = [:]

    init(seeds: RawSeeds, folder: any SeedSource, log: ProblemLog) {
        self.seeds = seeds
        self.folder = folder
        self.log = log
    }

    mutating func build(hashedFiles: inout [(String, String)]) -> Dataset.Parts? {
        registerIDs()
        let documents = seeds.documents.compactMap { loadDocument($0, hashed: &hashedFiles) }
        registerAliases()

        let published = Dictionary(uniqueKeysWithValues: documents.map { ($0.id, $0.published) })
        let statements = seeds.statements.compactMap { raw -> Statement? in
            let speaker = resolve(raw.speaker, as: [.actor, .alliance], field: "a speaker")
            let about = raw.about.compactMap { resolve($0, as: [.actor, .alliance, .relation, .document], field: "a subject") }
            var stance: StanceTarget?
            if let (target, value) = raw.stance,
                let resolved = resolve(target, as: [.actor, .alliance, .relation], field: "a stance target")
            {
                stance = StanceTarget(target: resolved, value: value)
            }
            guard let span = locate(raw.span), let speaker, let text = texts[span.document] else { return nil }
            let (saidOn, basis) = dated(raw, documentPublished: published[span.document] ?? nil)
            return Statement(
                id: raw.id, speaker: speaker, text: span.text, mode: raw.mode, verb: raw.verb, about: about,
                stance: stance, source: span, saidOn: saidOn, saidOnBasis: basis,
                sentence: text.sentence(covering: span.start, span.end))
        }
        let backing = SourceCounter(statements: statements, published: published)

        let actors = seeds.actors.map { raw in
            let evidence = raw.evidence.compactMap(locate)
            return Actor(
                id: raw.id, name: raw.name, kind: raw.kind, aliases: raw.aliases, codes: raw.codes,
                anonymous: raw.anonymous, roles: raw.roles,
                affiliations: raw.affiliations.compactMap { resolve($0, as: [.actor, .alliance], field: "an affiliation") },
                region: raw.region, summary: raw.summary, evidence: evidence,
                sources: backing.sources(of: raw.id, evidence: evidence))
        }
        let alliances = seeds.alliances.map { raw in
            let evidence = raw.evidence.compactMap(locate)
            let positions = raw.positions.compactMap { p -> Position? in
                guard let actor = resolve(p.actor, as: [.actor, .alliance], field: "a position holder") else { return nil }
                let statement = p.statement.flatMap { resolve($0, as: [.statement], field: "a position's statement") }
                if p.statement != nil && statement == nil { return nil }
                return Position(actor: actor, stance: p.stance, statement: statement?.id)
            }
            return Alliance(
                id: raw.id, name: raw.name, shortName: raw.shortName, aliases: raw.aliases, kind: raw.kind,
                status: raw.status, obligations: Array(Set(raw.obligations)).sorted(),
                members: raw.members.compactMap { m in
                    resolve(m.ref, as: [.actor, .alliance], field: "a member").map { Membership(member: $0, role: m.role, valid: m.valid) }
                },
                excluded: raw.excluded.compactMap { resolve($0, as: [.actor, .alliance], field: "an excluded party") },
                initiatedBy: raw.initiatedBy.compactMap { resolve($0, as: [.actor, .alliance], field: "an initiator") },
                positions: positions, valid: raw.valid, summary: raw.summary, evidence: evidence,
                sources: backing.sources(of: raw.id, evidence: evidence, positions: positions.compactMap(\.statement)))
        }
        for raw in seeds.alliances {
            checkNoDuplicates(raw.members.map(\.ref), what: "member")
        }
        let relations = seeds.relations.compactMap { raw -> Relation? in
            let from = resolve(raw.from, as: [.actor, .alliance], field: "a relation end")
            let to = resolve(raw.to, as: [.actor, .alliance], field: "a relation end")
            let evidence = raw.evidence.compactMap(locate)
            guard let from, let to else { return nil }
            return Relation(
                id: raw.id, kind: raw.kind, from: from, to: to, directed: raw.directed, valence: raw.valence,
                subject: raw.subject, valid: raw.valid, summary: raw.summary, evidence: evidence,
                sources: backing.sources(of: raw.id, evidence: evidence))
        }
        let terms = seeds.terms.compactMap(locate)
        guard log.isEmpty else { return nil }
        return Dataset.Parts(
            documents: documents, texts: texts, actors: actors, alliances: alliances, relations: relations,
            statements: statements, terms: terms, redirects: aliasOwner.mapValues(\.0))
    }

    /// A statement's date: as written, else its document's with basis `publication`. A date
    /// after its document's publication, or a `publication` date that is not it, is a problem.
    private func dated(_ raw: RawStatement, documentPublished: PartialDate?) -> (PartialDate?, SaidOnBasis?) {
        guard let saidOn = raw.saidOn, let basis = raw.saidOnBasis else {
            return documentPublished.map { ($0, .publication) } ?? (nil, nil)
        }
        if let documentPublished, saidOn.isAfter(documentPublished) {
            log.add(
                raw.site.child("said_on", nil).problem(
                    "said_on \(saidOn) is after its document's published date \(documentPublished); a text cannot quote words said after it appeared")
            )
        }
        if basis == .publication && saidOn != documentPublished {
            let expected = documentPublished.map { "\($0)" } ?? "null (the document is undated)"
            log.add(
                raw.site.child("said_on", nil).problem(
                    "said_on_basis publication means the document's date, \(expected), but said_on is \(saidOn); use basis stated for a date the text gives"
                ))
        }
        return (saidOn, basis)
    }

    // MARK: Ids and aliases

    private mutating func registerIDs() {
        func register(_ id: String, _ type: EntityType, _ site: Site) {
            if let (existingType, existing) = ids[id] {
                log.add(
                    site.problem(
                        "id \"\(id)\" is already used by the \(existingType.rawValue) at \(existing.file):\(existing.line); ids are unique across the whole dataset"
                    ))
            } else {
                ids[id] = (type, site)
            }
        }
        seeds.documents.forEach { register($0.id, .document, $0.site) }
        seeds.actors.forEach { register($0.id, .actor, $0.site) }
        seeds.alliances.forEach { register($0.id, .alliance, $0.site) }
        seeds.relations.forEach { register($0.id, .relation, $0.site) }
        seeds.statements.forEach { register($0.id, .statement, $0.site) }
    }

    /// Names, short names and aliases become redirect slugs; none may be claimed twice or
    /// shadow another record's id.
    private mutating func registerAliases() {
        func claim(_ name: String, for ref: EntityRef, _ site: Site, explicit: Bool) {
            let slug = Slug.make(name)
            guard !slug.isEmpty else {
                if explicit { log.add(site.problem("the alias \"\(name)\" has no letters or digits, so it cannot be a slug")) }
                return
            }
            if slug == ref.id { return }
            if let (type, owner) = ids[slug] {
                log.add(
                    site.problem(
                        "\"\(name)\" would redirect /\(slug) but \"\(slug)\" is the id of the \(type.rawValue) at \(owner.file):\(owner.line)"))
                return
            }
            if let (other, otherSite) = aliasOwner[slug] {
                if other != ref {
                    log.add(
                        site.problem(
                            "the name or alias \"\(name)\" (slug \"\(slug)\") is already claimed by \(other.id) at \(otherSite.file):\(otherSite.line)"
                        ))
                }
                return
            }
            aliasOwner[slug] = (ref, site)
        }
        for actor in seeds.actors {
            let ref = EntityRef(.actor, actor.id)
            claim(actor.name, for: ref, actor.site, explicit: false)
            actor.aliases.forEach { claim($0, for: ref, actor.site, explicit: true) }
        }
        for alliance in seeds.alliances {
            let ref = EntityRef(.alliance, alliance.id)
            claim(alliance.name, for: ref, alliance.site, explicit: false)
            if let short = alliance.shortName { claim(short, for: ref, alliance.site, explicit: false) }
            alliance.aliases.forEach { claim($0, for: ref, alliance.site, explicit: true) }
        }
    }

    private func resolve(_ ref: RawRef, as types: [EntityType], field: String) -> EntityRef? {
        guard let (type, _) = ids[ref.id] else {
            if seeds.brokenIDs.contains(ref.id) { return nil }  // its own problem is already reported
            if !seeds.unparsedFiles.isEmpty { return nil }  // it may be defined in a file that did not parse
            var hint = ""
            if let (alias, _) = aliasOwner[Slug.make(ref.id)] {
                hint = "; \"\(ref.id)\" is an alias, use the id \"\(alias.id)\""
            } else if ids.count <= 5_000, let close = closest(to: ref.id, in: ids.keys, within: 3) {
                hint = "; did you mean \"\(close)\"?"
            }
            log.add(ref.site.problem("\(field) refers to \"\(ref.id)\", which is not the id of any record\(hint)"))
            return nil
        }
        guard types.contains(type) else {
            log.add(
                ref.site.problem(
                    "\(field) must be \(types.map { "an \($0.rawValue)" }.joined(separator: " or ")), but \"\(ref.id)\" is a \(type.rawValue)"))
            return nil
        }
        return EntityRef(type, ref.id)
    }

    private func checkNoDuplicates(_ refs: [RawRef], what: String) {
        var seen = Set<String>()
        for ref in refs where !seen.insert(ref.id).inserted {
            log.add(ref.site.problem("\"\(ref.id)\" is listed as a \(what) more than once"))
        }
    }

    // MARK: Documents and spans

    private mutating func loadDocument(_ raw: RawDocument, hashed: inout [(String, String)]) -> Document? {
        let fileSite = raw.site.child("file", nil)
        guard
            let bytes = folder.read(
                raw.file, limit: SeedFolder.maximumDocumentBytes, log: log,
                referencedAt: (fileSite.file, fileSite.line, fileSite.path))
        else { return nil }
        if let offset = UTF8Validation.firstInvalidOffset(in: bytes) {
            let (line, column) = UTF8Validation.position(of: offset, in: bytes)
            log.add(
                file: raw.file, line: line, column: column,
                "invalid UTF-8 (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) at offset \(offset)); documents must be UTF-8")
            return nil
        }
        let sha = folder.sha256(of: raw.file, bytes)
        if let pinned = raw.sha256, pinned != sha {
            log.add(
                raw.site.child("sha256", nil).problem(
                    "\(raw.file) has sha256 \(sha) but the annotation pins \(pinned): the document changed since it was annotated; re-check every span, then update sha256"
                ))
        }
        hashed.append((raw.file, sha))
        let text = String(decoding: bytes, as: UTF8.self)
        let scalars = folder.scalars(of: raw.file, text)
        texts[raw.id] = scalars
        var links: [DocumentLink] = []
        let sidecar = LinksSidecar.path(for: raw.file)
        if folder.exists(sidecar) {
            guard let bytes = folder.read(sidecar, limit: SeedFolder.maximumAnnotationBytes, log: log),
                let read = LinksSidecar.read(bytes, path: sidecar, documentFile: raw.file, text: scalars, log: log)
            else { return nil }
            hashed.append((sidecar, folder.sha256(of: sidecar, bytes)))
            links = read
        }
        return Document(
            id: raw.id, file: raw.file, title: raw.title, publisher: raw.publisher, outlet: raw.outlet,
            kind: raw.kind, published: raw.published, publishedBasis: raw.publishedBasis, url: raw.url,
            rights: raw.rights, links: links, language: raw.language, text: text, length: scalars.count, sha256: sha)
    }

    /// Finds a quote in its document: exactly once, or as its occurrence/context says.
    private func locate(_ span: RawSpan) -> Span? {
        guard let documentID = span.document else {
            log.add(span.site.problem("no document for this quote; set \"document\" on it or at the top of the file"))
            return nil
        }
        guard let text = texts[documentID] else {
            // Unless it may be defined in a file that did not parse.
            if ids[documentID]?.0 != .document && seeds.unparsedFiles.isEmpty {
                log.add(span.site.problem("the document \"\(documentID)\" is not defined in any \"documents\" list"))
            }
            return nil
        }
        var searchRange = 0..<text.count
        if let context = span.context {
            let places = text.occurrences(of: context)
            guard places.count == 1 else {
                log.add(
                    span.site.problem(
                        places.isEmpty
                            ? "the context \"\(excerpt(context))\" is not in \(documentID)"
                            : "the context \"\(excerpt(context))\" occurs \(places.count) times in \(documentID); make it longer"))
                return nil
            }
            searchRange = places[0]..<(places[0] + context.unicodeScalars.count)
        }
        let places = text.occurrences(of: span.quote, in: searchRange)
        let chosen: Int
        if places.isEmpty {
            log.add(
                span.site.problem(
                    "the quote \"\(excerpt(span.quote))\" is not in \(documentID)\(span.context != nil ? " within its context" : "")\(nearMiss(span.quote, text)); copy it exactly from \(folderFile(documentID))"
                ))
            return nil
        } else if let occurrence = span.occurrence {
            guard occurrence <= places.count else {
                log.add(
                    span.site.problem(
                        "occurrence \(occurrence) requested but the quote \"\(excerpt(span.quote))\" occurs \(places.count) time\(places.count == 1 ? "" : "s")"
                    ))
                return nil
            }
            chosen = places[occurrence - 1]
        } else if places.count > 1 {
            let lines = places.map { String(text.line(of: $0)) }.joined(separator: ", ")
            log.add(
                span.site.problem(
                    "the quote \"\(excerpt(span.quote))\" is ambiguous: it occurs \(places.count) times in \(documentID) (lines \(lines)); add \"occurrence\" (1–\(places.count)) or a longer \"context\""
                ))
            return nil
        } else {
            chosen = places[0]
        }
        let end = chosen + span.quote.unicodeScalars.count
        return Span(document: documentID, start: chosen, end: end, text: text.slice(chosen, end))
    }

    private func folderFile(_ documentID: String) -> String {
        seeds.documents.first { $0.id == documentID }?.file ?? documentID
    }

    /// When a quote differs from the text only in quotes, apostrophes or dashes, say so.
    private func nearMiss(_ quote: String, _ text: DocumentText) -> String {
        func loosen(_ s: String) -> String {
            String(
                s.unicodeScalars.map { scalar -> Character in
                    switch scalar {
                    case "“", "”", "„", "\"": "\""
                    case "‘", "’", "'": "'"
                    case "–", "—", "-": "-"
                    default: Character(scalar)
                    }
                })
        }
        let loose = DocumentText(loosen(text.slice(0, text.count)))
        let hits = loose.occurrences(of: loosen(quote))
        guard let hit = hits.first else { return "" }
        return " (it differs only in quotes, apostrophes or dashes from the text on line \(text.line(of: hit)))"
    }

    private func excerpt(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(57)) + "…" : text
    }
}
