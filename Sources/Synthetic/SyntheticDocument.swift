import LatticeModel

/// A sentence of a generated document. Its final form (decomposed in NFD documents) and its
/// offset are known once the document is rendered.
final class SyntheticSentence {
    let text: String
    unowned let document: SyntheticDocument
    fileprivate(set) var final = ""
    fileprivate(set) var start = 0

    init(_ text: String, in document: SyntheticDocument) {
        self.text = text
        self.document = document
    }

    /// A span quoting `quote` where it first occurs in this sentence or, `inside` quotation
    /// marks, right after the first opening mark followed by it.
    func mark(_ quote: String, inside: Bool = false) -> SyntheticMark {
        SyntheticMark(sentence: self, quote: quote, inside: inside)
    }
}

/// A span before its document is rendered: a quote and the sentence it is in.
struct SyntheticMark {
    let sentence: SyntheticSentence
    let quote: String
    let inside: Bool
}

/// A generated article: a header (publisher, title) and paragraphs of sentences, rendered
/// once to its final text; some documents use CRLF line ends, some are decomposed (NFD).
final class SyntheticDocument {
    let index: Int
    let id: String
    let file: String
    let newline: String
    let decomposed: Bool
    var header: [String] = []
    var paragraphs: [[SyntheticSentence]] = []
    private(set) var text = DocumentText("")
    private(set) var bytes: [UInt8] = []
    var record: RawDocument?

    init(index: Int, width: Int) {
        self.index = index
        id = "doc-" + SyntheticGenerator.padded(index, width)
        file = "docs/\(id).txt"
        newline = index % 37 == 0 ? "\r\n" : "\n"
        decomposed = index % 23 == 0
    }

    func normalized(_ text: String) -> String { decomposed ? WordPools.decompose(text) : text }

    func render() {
        var output = ""
        var offset = 0
        func append(_ piece: String) {
            output += piece
            offset += piece.unicodeScalars.count
        }
        for line in header { append(normalized(line) + newline) }
        for (index, paragraph) in paragraphs.enumerated() {
            for (position, sentence) in paragraph.enumerated() {
                if position > 0 { append(" ") }
                sentence.final = normalized(sentence.text)
                sentence.start = offset
                append(sentence.final)
            }
            if index < paragraphs.count - 1 { append(newline) }
        }
        precondition(!output.unicodeScalars.contains("\""), "generated text must not hold ASCII quotation marks")
        text = DocumentText(output)
        bytes = Array(output.utf8)
    }
}

/// Settles how each span is written: a bare quote when it occurs once in its document,
/// otherwise its occurrence or (every third time, when it is unique) its sentence as context.
struct SpanResolver {
    private(set) var withOccurrence = 0
    private(set) var withContext = 0
    private(set) var crossDocument = 0

    mutating func resolve(_ mark: SyntheticMark, defaultDocument: String) -> RawSpan {
        let sentence = mark.sentence, document = sentence.document
        let quote = document.normalized(mark.quote)
        let local = DocumentText(sentence.final)
        let localStart = mark.inside ? local.occurrences(of: "“" + quote).first.map { $0 + 1 } : local.occurrences(of: quote).first
        guard let localStart else { preconditionFailure("\"\(quote)\" is not in its sentence \"\(sentence.final)\"") }
        let start = sentence.start + localStart
        let places = document.text.occurrences(of: quote)
        var occurrence: Int?
        var context: String?
        if places.count > 1 {
            if (withOccurrence + withContext) % 3 == 0, local.occurrences(of: quote).count == 1,
                document.text.occurrences(of: sentence.final).count == 1
            {
                context = sentence.final
                withContext += 1
            } else {
                occurrence = places.firstIndex(of: start)! + 1
                withOccurrence += 1
            }
        }
        if document.id != defaultDocument { crossDocument += 1 }
        return RawSpan(quote: quote, document: document.id, occurrence: occurrence, context: context, site: SyntheticGenerator.site)
    }
}
