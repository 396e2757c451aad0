import LatticeModel

/// A deterministic synthetic seeds folder for scale tests, written with the loader's own
/// record types (``AnnotationWriter``), so it is in the format the loader reads by
/// construction: `docs/doc-00001.txt` … (the articles, sha256 pinned) and
/// `annotations/doc-00001.json` … (their records, one file per document or per batch).
///
/// Each record type is about `scale` times the one real article's count (1 document,
/// 29 actors, 11 alliances, 35 relations, 22 statements). The text is generated first and
/// every quote and evidence span is settled against the final text (with an occurrence or a
/// context whenever a quote occurs more than once), and every pair of quotation marks is a
/// statement. The data is fictional and mixes in curly quotes and apostrophes, dashes,
/// ellipses, accented names (every 23rd document decomposed, NFD), an astral-plane
/// ideograph and CRLF line ends (every 37th document), so offsets in scalars are exercised.
public struct SyntheticSeeds: Sendable {
    public struct File: Sendable {
        /// Relative to the seeds folder.
        public let path: String
        public let bytes: [UInt8]
    }

    /// Articles first, then annotation files and the articles' links sidecars.
    public let files: [File]
    public let counts: Dataset.Counts
    public let spansWithOccurrence: Int
    public let spansWithContext: Int
    public let crossDocumentSpans: Int
    /// "stance neutral"-style names of enumeration values no record uses (none is expected).
    public let unusedValues: [String]

    /// - Parameters:
    ///   - reserving: a real seeds folder whose ids, names and aliases generated ones must
    ///     not collide with (to copy it beside them). Its problems are thrown.
    public static func generate(
        scale: Int, seed: UInt64 = 42, documentsPerFile: Int = 1,
        reserving realSeeds: String? = nil
    ) throws(SeedError) -> SyntheticSeeds {
        precondition(scale >= 1 && documentsPerFile >= 1)
        var ids = Set<String>(), slugs = Set<String>()
        if let realSeeds { try reserve(realSeeds, ids: &ids, slugs: &slugs) }
        let generator = SyntheticGenerator(scale: scale, seed: seed, reservedIDs: ids, reservedSlugs: slugs)
        generator.generate()
        return write(generator, documentsPerFile: documentsPerFile)
    }

    /// Reads the real folder's annotation files with the loader's reader.
    private static func reserve(_ path: String, ids: inout Set<String>, slugs: inout Set<String>) throws(SeedError) {
        let folder = try SeedFolder(path: path)
        let log = ProblemLog()
        var seeds = RawSeeds()
        for file in folder.annotationFiles(log: log) {
            guard let bytes = folder.read(file, limit: SeedFolder.maximumAnnotationBytes, log: log) else { continue }
            AnnotationFile(path: file, log: log).decode(bytes, into: &seeds)
        }
        guard log.isEmpty else { throw SeedError(problems: log.problems) }
        ids.formUnion(
            seeds.documents.map(\.id) + seeds.actors.map(\.id) + seeds.alliances.map(\.id)
                + seeds.relations.map(\.id) + seeds.statements.map(\.id))
        let names =
            seeds.actors.flatMap { [$0.name] + $0.aliases }
            + seeds.alliances.flatMap { [$0.name] + ($0.shortName.map { [$0] } ?? []) + $0.aliases }
        slugs.formUnion(names.map(Slug.make))
    }

    private static func write(_ generator: SyntheticGenerator, documentsPerFile: Int) -> SyntheticSeeds {
        var resolver = SpanResolver()
        var files = generator.documents.map { File(path: $0.file, bytes: $0.bytes) }
        var counts = (documents: 0, actors: 0, alliances: 0, relations: 0, statements: 0)
        var usage = EnumerationUsage()
        for start in stride(from: 0, to: generator.documents.count, by: documentsPerFile) {
            let batch = start..<min(start + documentsPerFile, generator.documents.count)
            let defaultDocument = generator.documents[batch.lowerBound].id
            func span(_ mark: SyntheticMark) -> RawSpan { resolver.resolve(mark, defaultDocument: defaultDocument) }
            var seeds = RawSeeds()
            for index in batch {
                let contents = generator.contents[index]
                let document = generator.documents[index], record = document.record!
                seeds.documents.append(record)
                seeds.actors += contents.actors.map { $0.rawActor(span) }
                seeds.alliances += contents.alliances.map { $0.rawAlliance(span, anchor: record.published) }
                let relations = contents.relations.map { relation in
                    RawRelation(
                        id: relation.id, kind: relation.kind, from: relation.from.reference, to: relation.to.reference,
                        directed: relation.directed, valence: relation.valence, subject: relation.subject,
                        valid: SyntheticDates.valid(relation.id, anchor: record.published, percent: 40),
                        summary: relation.summary, evidence: [span(relation.evidence)], site: SyntheticGenerator.site)
                }
                seeds.relations += relations
                seeds.statements += contents.statements.map { statement in
                    let (saidOn, basis) = SyntheticDates.saidOn(statement.id, published: record.published)
                    return RawStatement(
                        id: statement.id, speaker: statement.speaker.reference, span: span(statement.quote),
                        mode: statement.mode, verb: statement.verb, about: statement.about.map(SyntheticEntity.reference),
                        stance: statement.stance.map { ($0.target.reference, $0.value) }, saidOn: saidOn, saidOnBasis: basis,
                        site: SyntheticGenerator.site)
                }
                let quotes = relations.flatMap(\.evidence).filter { $0.document == document.id && $0.context == nil }.map(\.quote)
                if let sidecar = SyntheticDates.links(for: document, quotes: quotes) {
                    files.append(File(path: LinksSidecar.path(for: document.file), bytes: sidecar))
                }
            }
            usage.note(seeds)
            counts.documents += seeds.documents.count
            counts.actors += seeds.actors.count
            counts.alliances += seeds.alliances.count
            counts.relations += seeds.relations.count
            counts.statements += seeds.statements.count
            let last = generator.documents[batch.upperBound - 1].id
            let name = batch.count == 1 ? defaultDocument : "\(defaultDocument)-to-\(last.dropFirst(4))"
            files.append(File(path: "annotations/\(name).json", bytes: AnnotationWriter(defaultDocument: defaultDocument).file(seeds)))
        }
        return SyntheticSeeds(
            files: files,
            counts: Dataset.Counts(
                documents: counts.documents, actors: counts.actors, alliances: counts.alliances,
                relations: counts.relations, statements: counts.statements),
            spansWithOccurrence: resolver.withOccurrence, spansWithContext: resolver.withContext,
            crossDocumentSpans: resolver.crossDocument, unusedValues: usage.unused)
    }
}

/// Which values of the dataset's vocabularies the records use.
private struct EnumerationUsage {
    private var used: [String: Set<String>] = [:]

    private mutating func use<E: DatasetEnumeration>(_ values: [E]) {
        used["\(E.self)", default: []].formUnion(values.map(\.rawValue))
    }

    mutating func note(_ seeds: RawSeeds) {
        use(seeds.actors.map(\.kind))
        use(seeds.actors.map(\.region))
        use(seeds.alliances.map(\.kind))
        use(seeds.alliances.map(\.status))
        use(seeds.alliances.flatMap(\.obligations))
        use(seeds.alliances.flatMap { $0.members.map(\.role) })
        use(seeds.alliances.flatMap { $0.positions.map(\.stance) } + seeds.statements.compactMap { $0.stance?.value })
        use(seeds.relations.map(\.kind))
        use(seeds.relations.map(\.valence))
        use(seeds.statements.map(\.mode))
    }

    var unused: [String] {
        func missing<E: DatasetEnumeration>(_ type: E.Type) -> [String] {
            E.allCases.filter { !(used["\(E.self)"]?.contains($0.rawValue) ?? false) }.map { "\(E.self) \($0.rawValue)" }
        }
        return missing(ActorKind.self) + missing(Region.self) + missing(AllianceKind.self) + missing(AllianceStatus.self)
            + missing(Obligation.self) + missing(MemberRole.self) + missing(Stance.self) + missing(RelationKind.self)
            + missing(Valence.self) + missing(StatementMode.self)
    }
}
