/// Counts the distinct documents behind a record — its evidence, the statements it speaks or
/// is about, and (for an alliance) its positions' statements — and finds the earliest of
/// their publication dates, where a record without `since` begins for `as_of`.
struct SourceCounter {
    private var documentsOf: [String: Set<String>] = [:]
    private let statementDocument: [String: String]
    private let published: [String: PartialDate?]

    init(statements: [Statement], published: [String: PartialDate?]) {
        self.published = published
        var statementDocument: [String: String] = [:]
        for statement in statements {
            statementDocument[statement.id] = statement.source.document
            documentsOf[statement.speaker.id, default: []].insert(statement.source.document)
            for about in statement.about { documentsOf[about.id, default: []].insert(statement.source.document) }
        }
        self.statementDocument = statementDocument
    }

    func sources(of id: String, evidence: [Span], positions: [String] = []) -> Sources {
        var documents = documentsOf[id] ?? []
        for span in evidence { documents.insert(span.document) }
        for statement in positions { if let document = statementDocument[statement] { documents.insert(document) } }
        let earliest = documents.compactMap { published[$0] ?? nil }.min()
        return Sources(documents: documents.sorted(), earliest: earliest)
    }
}
