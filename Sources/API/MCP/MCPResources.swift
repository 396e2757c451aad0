import LatticeModel

/// The documents as MCP resources: `lattice://documents/{id}`, their text as `text/plain`.
enum MCPResources {
    static let scheme = "lattice://documents/"
    static let template = scheme + "{id}"
    /// Resources per `resources/list` page; `nextCursor` names the next.
    static let pageSize = 100

    static func uri(_ document: Document) -> String { scheme + document.id }

    /// One page of documents from `cursor` (an offset this server gave), or nil for a
    /// cursor it did not give.
    static func page(_ cursor: String?, count: Int) -> Range<Int>? {
        let start: Int
        if let cursor {
            guard cursor.utf8.count <= 12, let offset = Int(cursor), offset > 0, offset < count, offset % pageSize == 0 else { return nil }
            start = offset
        } else {
            start = 0
        }
        return start..<min(start + pageSize, count)
    }

    static func list(_ range: Range<Int>, dataset: Dataset, into o: inout JSONWriter.ObjectWriter) {
        o.field("resources") {
            $0.array(dataset.documents[range]) { json, document in
                json.object { r in
                    r.field("uri", uri(document))
                    r.field("name", document.id)
                    r.field("title", document.title)
                    r.field(
                        "description",
                        ([document.publisher, document.published?.description].compactMap { $0 }
                            + ["\(document.length) Unicode scalars, sha256 \(document.sha256)"]).joined(separator: ", "))
                    r.field("mimeType", "text/plain")
                    r.field("size", document.text.utf8.count)
                }
            }
        }
        if range.upperBound < dataset.documents.count { o.field("nextCursor", String(range.upperBound)) }
    }

    static func templates(into o: inout JSONWriter.ObjectWriter) {
        o.field("resourceTemplates") {
            $0.array([()]) { json, _ in
                json.object { t in
                    t.field("uriTemplate", template)
                    t.field("name", "document")
                    t.field("title", "A source document's text")
                    t.field(
                        "description",
                        "The full text of a source document; span and citation offsets are Unicode scalars into it. Ids from resources/list or the search tool."
                    )
                    t.field("mimeType", "text/plain")
                }
            }
        }
    }

    /// The document a URI names (an alias resolves), or nil.
    static func document(_ uri: String, dataset: Dataset) -> Int? {
        guard uri.hasPrefix(scheme) else { return nil }
        let id = String(uri.dropFirst(scheme.count))
        guard Slug.isValid(id), let ref = dataset.resolve(id, as: [.document]) else { return nil }
        return dataset.position(of: ref)
    }

    static func read(_ position: Int, snapshot: Snapshot, into o: inout JSONWriter.ObjectWriter) {
        let document = snapshot.dataset.documents[position]
        o.field("contents") {
            $0.array([document]) { json, document in
                json.object { c in
                    c.field("uri", uri(document))
                    c.field("mimeType", "text/plain")
                    c.field("text", document.text)
                }
            }
        }
    }
}
