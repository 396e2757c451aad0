import LatticeModel

/// A quote's citation: the document, the offsets, the verbatim text and the document's
/// hash, so a reader can check the quote against the source byte for byte.
struct MCPCitation {
    let statement: Statement?
    let document: Document
    let start: Int
    let end: Int
    let text: String

    init(statement: Statement, document: Document) {
        self.statement = statement
        self.document = document
        start = statement.source.start
        end = statement.source.end
        text = statement.source.text
    }

    init(passage document: Document, start: Int, end: Int, text: String) {
        statement = nil
        self.document = document
        self.start = start
        self.end = end
        self.text = text
    }

    func write(to json: inout JSONWriter, dataset: Dataset) {
        json.object { o in
            o.field("statement", statement?.id)
            if let speaker = statement?.speaker {
                o.field("speaker") {
                    $0.object { s in
                        s.field("id", speaker.id)
                        s.field("name", dataset.name(of: speaker))
                    }
                }
            } else {
                o.null("speaker")
            }
            o.field("document", document.id)
            o.field("title", document.title)
            o.field("publisher", document.publisher)
            o.field("published", document.published?.description)
            o.field("url", document.url)
            o.field("start", start)
            o.field("end", end)
            o.field("text", text)
            o.field("sha256", document.sha256)
        }
    }

    /// The quote in quotation marks, then who said it and where: what an assistant that
    /// reads only text needs to cite it.
    func line(dataset: Dataset) -> String {
        var parts: [String] = []
        if let speaker = statement?.speaker { parts.append(dataset.name(of: speaker)) }
        var source = "“\(document.title)”"
        let imprint = [document.publisher, document.published?.description].compactMap { $0 }
        if !imprint.isEmpty { source += " (\(imprint.joined(separator: ", ")))" }
        parts.append(source)
        if let url = document.url { parts.append(url) }
        parts.append("document \(document.id), scalars \(start)–\(end), sha256 \(document.sha256)")
        if let statement { parts.append("statement \(statement.id)") }
        return "“\(text)” — " + parts.joined(separator: ", ")
    }

    /// The citations of every statement a rendered answer mentions (a record, a reference
    /// or a search result whose href is a statement's), in order of first mention.
    static func statements(in root: JSONNode, dataset: Dataset) -> [MCPCitation] {
        var seen = Set<String>()
        var citations: [MCPCitation] = []
        let prefix = Paths.collection(.statement) + "/"
        func visit(_ node: JSONNode) {
            switch node.value {
            case .object(let object):
                if case .string(let href)? = object["href"]?.value, href.hasPrefix(prefix) {
                    let id = String(href.dropFirst(prefix.count))
                    if seen.insert(id).inserted, let statement = dataset.statement(id), let document = dataset.document(statement.source.document) {
                        citations.append(MCPCitation(statement: statement, document: document))
                    }
                }
                for member in object.members { visit(member.value) }
            case .array(let elements):
                for element in elements { visit(element) }
            default:
                break
            }
        }
        visit(root)
        return citations
    }
}
