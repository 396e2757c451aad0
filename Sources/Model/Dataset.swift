/// The verified, indexed, immutable dataset. Built once per load; a reload builds a new one.
///
/// Collections are kept in a fixed order — actors, alliances, relations and documents by id,
/// statements by document and position — and every index lists positions in that order, so
/// filtered results need no sorting.
public final class Dataset: Sendable {
    /// A hash over every seed file's path and bytes: changes whenever the data does.
    public let version: String
    public let documents: [Document]
    public let actors: [Actor]
    public let alliances: [Alliance]
    public let relations: [Relation]
    public let statements: [Statement]
    /// Alias slugs (`seoul`, `quadrilateral-security-dialogue`) to canonical records.
    public let redirects: [String: EntityRef]
    public let search: SearchIndex
    /// The documents' texts in normal form, for checking a claimed quotation.
    public let quotes: QuoteIndex
    /// Per document: its quotation marks, and which a statement or a quoted term covers.
    public let coverage: [DocumentCoverage]
    /// Quotation-mark pairs in the documents that neither a statement nor a term covers.
    public var uncoveredQuotations: [UncoveredQuotation] { coverage.flatMap(\.uncovered) }

    let positions: [EntityType: [String: Int]]
    /// Every ``IndexKey``'s index, built at load.
    let indexes: [IndexKey: PostingIndex<String>]
    let collections: Collections
    /// Per actor or alliance id: the alliances it belongs to, with its role and dates.
    public let memberships: [String: [AllianceMembership]]
    let statementsBy: [String: Int]
    let statementsAbout: [String: Int]
    let relationsOf: [String: Int]
    let evidenceByDocument: [String: Int]
    let graphIndex: GraphIndex
    /// The dated events, oldest first.
    public let timeline: Timeline

    struct Parts {
        var documents: [Document]
        var texts: [String: DocumentText]
        var actors: [Actor]
        var alliances: [Alliance]
        var relations: [Relation]
        var statements: [Statement]
        var terms: [Span]
        var redirects: [String: EntityRef]
    }

    init(parts: Parts, version: String) {
        self.version = version
        // Locals, so the jobs below can read them before `self` is whole.
        let documents = parts.documents.sorted { $0.id < $1.id }
        let actors = parts.actors.sorted { $0.id < $1.id }
        let alliances = parts.alliances.sorted { $0.id < $1.id }
        let relations = parts.relations.sorted { $0.id < $1.id }
        let statements = parts.statements.sorted {
            ($0.source.document, $0.source.start, $0.id) < ($1.source.document, $1.source.start, $1.id)
        }
        (self.documents, self.actors, self.alliances, self.relations, self.statements) = (documents, actors, alliances, relations, statements)
        redirects = parts.redirects

        var positions: [EntityType: [String: Int]] = [:]
        positions[.document] = Dictionary(uniqueKeysWithValues: documents.enumerated().map { ($1.id, $0) })
        positions[.actor] = Dictionary(uniqueKeysWithValues: actors.enumerated().map { ($1.id, $0) })
        positions[.alliance] = Dictionary(uniqueKeysWithValues: alliances.enumerated().map { ($1.id, $0) })
        positions[.relation] = Dictionary(uniqueKeysWithValues: relations.enumerated().map { ($1.id, $0) })
        positions[.statement] = Dictionary(uniqueKeysWithValues: statements.enumerated().map { ($1.id, $0) })
        self.positions = positions

        var memberships: [String: [AllianceMembership]] = [:]
        for alliance in alliances {
            for membership in alliance.members {
                memberships[membership.member.id, default: []].append(
                    AllianceMembership(alliance: alliance.id, role: membership.role, valid: membership.valid))
            }
        }
        self.memberships = memberships

        let collections = Collections(
            documents: documents, actors: actors, alliances: alliances, relations: relations,
            statements: statements, memberships: memberships)
        self.collections = collections

        // The indexes read the records and not each other: built side by side (the load's
        // longest single-threaded stretch otherwise), the longest first.
        let search = Slot<SearchIndex>(), quotes = Slot<QuoteIndex>(), timeline = Slot<Timeline>()
        let indexes = Slot<[IndexKey: PostingIndex<String>]>(), graph = Slot<GraphIndex>()
        let coverage = Slot<[DocumentCoverage]>(), counts = Slot<Counters>()
        Concurrently.run([
            { search.fill(Self.searchIndex(collections)) },
            { quotes.fill(QuoteIndex(documents: documents)) },
            {
                coverage.fill(
                    QuotationCoverage.report(documents: documents, texts: parts.texts, statements: statements, terms: parts.terms))
            },
            { timeline.fill(Timeline(collections)) },
            { indexes.fill(Self.buildIndexes(collections)) },
            { graph.fill(GraphIndex(actors: actors, alliances: alliances, relations: relations) { positions[$0.type]?[$0.id] }) },
            { counts.fill(Counters(collections)) },
        ])
        self.search = search.value
        self.quotes = quotes.value
        self.coverage = coverage.value
        self.timeline = timeline.value
        self.indexes = indexes.value
        graphIndex = graph.value
        (statementsBy, statementsAbout, relationsOf, evidenceByDocument) =
            (counts.value.statementsBy, counts.value.statementsAbout, counts.value.relationsOf, counts.value.evidenceByDocument)
    }

    /// How many statements, relations and evidence spans name each record.
    private struct Counters {
        var statementsBy: [String: Int] = [:]
        var statementsAbout: [String: Int] = [:]
        var relationsOf: [String: Int] = [:]
        var evidenceByDocument: [String: Int] = [:]

        init(_ c: Collections) {
            for statement in c.statements {
                for about in Set(statement.about.map(\.id)) { statementsAbout[about, default: 0] += 1 }
                statementsBy[statement.speaker.id, default: 0] += 1
            }
            for relation in c.relations {
                relationsOf[relation.from.id, default: 0] += 1
                relationsOf[relation.to.id, default: 0] += 1
            }
            for span in c.actors.flatMap(\.evidence) + c.alliances.flatMap(\.evidence) + c.relations.flatMap(\.evidence) {
                evidenceByDocument[span.document, default: 0] += 1
            }
        }
    }

    /// The full-text index. The fields are read once to build it and not kept: a snippet
    /// reads them again from the record (``searchFields(of:)``).
    private static func searchIndex(_ c: Collections) -> SearchIndex {
        let refs =
            c.actors.map { EntityRef(.actor, $0.id) } + c.alliances.map { EntityRef(.alliance, $0.id) }
            + c.relations.map { EntityRef(.relation, $0.id) } + c.statements.map { EntityRef(.statement, $0.id) }
            + c.documents.map { EntityRef(.document, $0.id) }
        let fields =
            c.actors.map(Self.searchFields) + c.alliances.map(Self.searchFields) + c.relations.map(Self.searchFields)
            + c.statements.map(Self.searchFields) + c.documents.map(Self.searchFields)
        let hitNames =
            c.actors.map(\.name) + c.alliances.map(\.name) + c.relations.map { $0.subject ?? $0.id } + c.statements.map(\.text)
            + c.documents.map(\.title)
        let entries = zip(refs, hitNames).map { SearchIndex.Entry(ref: $0, name: $1) }
        return SearchIndex(entries: entries) { fields[$0] }
    }

    /// Every declared index, filled by its rule and finished (each list sorted, once per position).
    private static func buildIndexes(_ collections: Collections) -> [IndexKey: PostingIndex<String>] {
        var indexes: [IndexKey: PostingIndex<String>] = [:]
        for key in IndexKey.all {
            var index = PostingIndex<String>()
            for position in 0..<collections.count(of: key.type) {
                for value in key.values(collections, position) { index.add(value, position) }
            }
            indexes[key] = index.finished()
        }
        return indexes
    }

    /// The index a key names (empty for a key that was not declared in ``IndexKey/all``).
    func index(_ key: IndexKey) -> PostingIndex<String> { indexes[key] ?? PostingIndex() }

    static func searchFields(_ actor: Actor) -> [(SearchIndex.Field, String)] {
        var fields: [(SearchIndex.Field, String)] = [(.name, actor.name)]
        fields += actor.aliases.map { (.alias, $0) }
        if let codes = actor.codes { fields += [(.code, codes.alpha2), (.code, codes.alpha3)] }
        fields += actor.roles.map { (.role, $0) }
        fields.append((.summary, actor.summary))
        return fields
    }

    static func searchFields(_ alliance: Alliance) -> [(SearchIndex.Field, String)] {
        var fields: [(SearchIndex.Field, String)] = [(.name, alliance.name)]
        if let short = alliance.shortName { fields.append((.shortName, short)) }
        fields += alliance.aliases.map { (.alias, $0) }
        fields.append((.summary, alliance.summary))
        return fields
    }

    static func searchFields(_ relation: Relation) -> [(SearchIndex.Field, String)] {
        var fields: [(SearchIndex.Field, String)] = []
        if let subject = relation.subject { fields.append((.subject, subject)) }
        fields.append((.summary, relation.summary))
        return fields
    }

    static func searchFields(_ statement: Statement) -> [(SearchIndex.Field, String)] { [(.text, statement.text)] }

    static func searchFields(_ document: Document) -> [(SearchIndex.Field, String)] { [(.title, document.title)] }

    /// The texts a record is found by in search, by field.
    public func searchFields(of ref: EntityRef) -> [(SearchIndex.Field, String)] {
        guard let position = position(of: ref) else { return [] }
        return switch ref.type {
        case .actor: Self.searchFields(actors[position])
        case .alliance: Self.searchFields(alliances[position])
        case .relation: Self.searchFields(relations[position])
        case .statement: Self.searchFields(statements[position])
        case .document: Self.searchFields(documents[position])
        }
    }

    /// Up to `width` scalars of the field a hit matched best, around the first matching word.
    public func snippet(for hit: SearchIndex.Hit, query: String, width: Int = 120) -> String {
        let entry = search.entries[hit.entry]
        let text = searchFields(of: entry.ref).first { $0.0 == hit.field }?.1 ?? entry.name
        return SearchIndex.snippet(of: text, query: query, width: width)
    }

    // MARK: Lookup

    public struct Counts: Sendable, Equatable {
        public let documents, actors, alliances, relations, statements: Int

        package init(documents: Int, actors: Int, alliances: Int, relations: Int, statements: Int) {
            (self.documents, self.actors, self.alliances, self.relations, self.statements) = (documents, actors, alliances, relations, statements)
        }
    }

    public var counts: Counts {
        Counts(
            documents: documents.count, actors: actors.count, alliances: alliances.count,
            relations: relations.count, statements: statements.count)
    }

    /// How many records of `type` there are.
    public func count(of type: EntityType) -> Int { collections.count(of: type) }

    /// The record an id names, if any.
    public func entity(_ id: String) -> EntityRef? {
        for type in EntityType.allCases where positions[type]?[id] != nil { return EntityRef(type, id) }
        return nil
    }

    /// Position of a record in its collection.
    public func position(of ref: EntityRef) -> Int? { positions[ref.type]?[ref.id] }

    public func actor(_ id: String) -> Actor? { positions[.actor]?[id].map { actors[$0] } }
    public func alliance(_ id: String) -> Alliance? { positions[.alliance]?[id].map { alliances[$0] } }
    public func relation(_ id: String) -> Relation? { positions[.relation]?[id].map { relations[$0] } }
    public func statement(_ id: String) -> Statement? { positions[.statement]?[id].map { statements[$0] } }
    public func document(_ id: String) -> Document? { positions[.document]?[id].map { documents[$0] } }

    /// The display name of a referenced record.
    public func name(of ref: EntityRef) -> String {
        guard let position = position(of: ref) else { return ref.id }
        switch ref.type {
        case .actor: return actors[position].name
        case .alliance: return alliances[position].name
        case .document: return documents[position].title
        case .relation: return relations[position].subject ?? relations[position].id
        case .statement: return statements[position].text
        }
    }

    /// An id or an alias slug, resolved to a record of one of `types`.
    public func resolve(_ idOrAlias: String, as types: Set<EntityType>) -> EntityRef? {
        if let ref = entity(idOrAlias), types.contains(ref.type) { return ref }
        if let ref = redirects[idOrAlias], types.contains(ref.type) { return ref }
        return nil
    }

    public struct ActorCounts: Sendable, Equatable {
        public let statementsBy, statementsAbout, relations: Int
    }

    public func counts(for id: String) -> ActorCounts {
        ActorCounts(statementsBy: statementsBy[id] ?? 0, statementsAbout: statementsAbout[id] ?? 0, relations: relationsOf[id] ?? 0)
    }

    public struct DocumentCounts: Sendable, Equatable {
        public let statements, evidence: Int
    }

    public func counts(forDocument id: String) -> DocumentCounts {
        DocumentCounts(statements: index(.statementDocument).list(id).count, evidence: evidenceByDocument[id] ?? 0)
    }
}
