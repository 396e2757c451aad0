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

enum QuotationCoverage {
    /// A quotation is covered when some statement's span in the same document overlaps the
    /// text between its marks.
    static func uncovered(documents: [Document], texts: [String: DocumentText], statements: [Statement]) -> [UncoveredQuotation] {
        var spansByDocument: [String: [Span]] = [:]
        for statement in statements { spansByDocument[statement.source.document, default: []].append(statement.source) }
        var result: [UncoveredQuotation] = []
        for document in documents {
            guard let text = texts[document.id] else { continue }
            let spans = spansByDocument[document.id] ?? []
            for quotation in text.quotations() where !quotation.isEmpty {
                let covered = spans.contains { $0.start < quotation.upperBound && $0.end > quotation.lowerBound }
                if !covered {
                    result.append(UncoveredQuotation(
                        document: document.id, file: document.file, line: text.line(of: quotation.lowerBound),
                        start: quotation.lowerBound, end: quotation.upperBound,
                        text: text.slice(quotation.lowerBound, quotation.upperBound)))
                }
            }
        }
        return result
    }
}
