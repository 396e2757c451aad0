/// A document's `NAME.links.json` sidecar: the document's own cited sources, as Unicode
/// scalar offsets into its text. Every entry is checked against the text, like a span.
package enum LinksSidecar {
    /// The sidecar's path for a document file: `NAME.txt` → `NAME.links.json`.
    package static func path(for documentFile: String) -> String {
        let base = documentFile.hasSuffix(".txt") ? String(documentFile.dropLast(4)) : documentFile
        return base + ".links.json"
    }

    static func isSidecar(_ path: String) -> Bool { path.lowercased().hasSuffix(".links.json") }

    /// The links in text order, or nil after logging every problem (file and entry named).
    static func read(_ bytes: [UInt8], path: String, documentFile: String, text: DocumentText, log: ProblemLog) -> [DocumentLink]? {
        let before = log.problems.count
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            log.add(file: path, line: error.line, column: error.column, error.message)
            return nil
        }
        let site = Site(file: path, line: root.line, column: root.column, path: "$")
        guard let top = Fields(root, site: site, log: log, what: "a links sidecar") else { return nil }
        top.rejectUnknownKeys(allowed: ["document_file", "unit", "links"])
        let named = documentFile.split(separator: "/").last.map(String.init) ?? documentFile
        if let file = top.string("document_file"), file != named {
            log.add(top.site("document_file").problem("names \"\(file)\" but this sidecar sits beside \"\(named)\""))
        }
        if let unit = top.string("unit"), unit != "unicode_scalar" {
            log.add(top.site("unit").problem("\"\(unit)\" is not supported; offsets are counted in \"unicode_scalar\""))
        }
        var links: [DocumentLink] = []
        for (index, (node, _)) in top.array("links", required: true).enumerated() {
            let at = Site(file: path, line: node.line, column: node.column, path: "links[\(index)]")
            guard let entry = Fields(node, site: at, log: log, what: "a link") else { continue }
            entry.rejectUnknownKeys(allowed: ["start", "end", "text", "url"])
            let start = entry.integer("start", in: 0...text.count), end = entry.integer("end", in: 0...text.count)
            let written = entry.string("text"), url = entry.string("url")
            if entry.object["start"] == nil || entry.object["end"] == nil {
                log.add(at.problem("needs \"start\" and \"end\" (Unicode scalar offsets, end exclusive)"))
            }
            guard let start, let end, let written, let url else { continue }
            guard start < end else {
                log.add(at.problem("start \(start) is not before end \(end)"))
                continue
            }
            let actual = text.slice(start, end)
            guard actual == written else {
                log.add(at.problem("text \"\(written)\" does not match the document's \(start)..<\(end), which is \"\(actual)\"; fix the offsets"))
                continue
            }
            links.append(DocumentLink(start: start, end: end, text: written, url: url))
        }
        guard log.problems.count == before else { return nil }
        return links.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }
}
