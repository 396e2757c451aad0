/// A pair of quotation marks in a document that no statement covers: a quote the curators
/// have not yet attributed.
public struct UncoveredQuotation: Sendable, Hashable, CustomStringConvertible {
    public let document: String
    public let file: String
    public let line: Int
    public let start: Int
    public let end: Int
    public let text: String

    public var description: String { "\(file):\(line): \(document) [\(start)..<\(end)] “\(text)” has no statement" }
}

/// One document's quotation marks, as the curators have accounted for them.
public struct DocumentCoverage: Sendable, Hashable {
    public let document: String
    public let file: String
    /// Pairs of quotation marks in the text.
    public let quotations: Int
    /// Covered by a statement's span.
    public let statements: Int
    /// Marked as quoted terms (no one's words).
    public let terms: Int
    /// Neither: the ones to curate.
    public let uncovered: [UncoveredQuotation]
}

enum QuotationCoverage {
    /// A quotation is covered when some statement's span in the same document overlaps the
    /// text between its marks; else it is a term when a term's span does.
    static func report(
        documents: [Document], texts: [String: DocumentText], statements: [Statement],
        terms: [Span]
    ) -> [DocumentCoverage] {
        var spansByDocument: [String: [Span]] = [:]
        for statement in statements { spansByDocument[statement.source.document, default: []].append(statement.source) }
        var termsByDocument: [String: [Span]] = [:]
        for term in terms { termsByDocument[term.document, default: []].append(term) }
        return documents.compactMap { document in
            guard let text = texts[document.id] else { return nil }
            let spans = spansByDocument[document.id] ?? [], termSpans = termsByDocument[document.id] ?? []
            var byStatement = 0, byTerm = 0, total = 0
            var uncovered: [UncoveredQuotation] = []
            for quotation in text.quotations() where !quotation.isEmpty {
                total += 1
                func overlaps(_ span: Span) -> Bool { span.start < quotation.upperBound && span.end > quotation.lowerBound }
                if spans.contains(where: overlaps) {
                    byStatement += 1
                } else if termSpans.contains(where: overlaps) {
                    byTerm += 1
                } else {
                    uncovered.append(
                        UncoveredQuotation(
                            document: document.id, file: document.file, line: text.line(of: quotation.lowerBound),
                            start: quotation.lowerBound, end: quotation.upperBound,
                            text: text.slice(quotation.lowerBound, quotation.upperBound)))
                }
            }
            return DocumentCoverage(
                document: document.id, file: document.file, quotations: total,
                statements: byStatement, terms: byTerm, uncovered: uncovered)
        }
    }
}
