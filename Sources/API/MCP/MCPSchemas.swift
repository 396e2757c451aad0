/// JSON Schemas for MCP: a tool's output schema must resolve every `$ref` within itself
/// (2026-07-28 basic protocol, "`$ref` Resolution": no network references), so the API's
/// component schemas a tool's result uses are copied into its `$defs`, and the
/// `#/components/schemas/` references rewritten to them.
enum MCPSchemas {
    /// Schemas of MCP's own, beside the OpenAPI components.
    static let own: [(String, JSONTree)] = [
        (
            "Citation",
            [
                "type": "object",
                "description":
                    "Where a quote is: the verbatim text at start..<end (Unicode scalar offsets, end exclusive) of the document, and the document's identity.",
                "required": ["statement", "speaker", "document", "title", "publisher", "published", "url", "start", "end", "text", "sha256"],
                "properties": [
                    "statement": ["type": ["string", "null"], "description": "The statement's id; null for a passage no statement covers."],
                    "speaker": [
                        "type": ["object", "null"], "description": "Who said it, as the statement attributes it.",
                        "required": ["id", "name"],
                        "properties": ["id": ["type": "string"], "name": ["type": "string"]],
                    ],
                    "document": ["type": "string"],
                    "title": ["type": "string"],
                    "publisher": ["type": ["string", "null"]],
                    "published": ["type": ["string", "null"], "description": "YYYY, YYYY-MM or YYYY-MM-DD."],
                    "url": ["type": ["string", "null"]],
                    "start": ["type": "integer", "minimum": 0],
                    "end": ["type": "integer", "minimum": 0],
                    "text": ["type": "string", "description": "The document's text at start..<end, verbatim."],
                    "sha256": ["type": "string", "description": "SHA-256 of the document's text (UTF-8), hex."],
                ],
            ]
        )
    ]

    private static let prefix = "#/components/schemas/"

    /// `schema` with the component schemas it reaches (transitively) in `$defs`.
    static func selfContained(_ schema: JSONTree) -> JSONTree {
        let components = Dictionary(Schemas.all + Endpoints.table.flatMap(\.schemas) + own, uniquingKeysWith: { first, _ in first })
        var needed: [String] = []
        var queue = references(in: schema)
        while let name = queue.popLast() {
            guard !needed.contains(name), let component = components[name] else { continue }
            needed.append(name)
            queue += references(in: component)
        }
        let defs = needed.sorted().compactMap { name in components[name].map { (name, rewritten($0)) } }
        return rewritten(schema).merging([("$defs", .object(defs))])
    }

    private static func references(in tree: JSONTree) -> [String] {
        switch tree {
        case .object(let members):
            members.flatMap { key, value -> [String] in
                if key == "$ref", case .string(let target) = value, target.hasPrefix(prefix) { return [String(target.dropFirst(prefix.count))] }
                return references(in: value)
            }
        case .array(let elements): elements.flatMap(references(in:))
        default: []
        }
    }

    private static func rewritten(_ tree: JSONTree) -> JSONTree {
        switch tree {
        case .object(let members):
            .object(
                members.map { key, value in
                    if key == "$ref", case .string(let target) = value, target.hasPrefix(prefix) {
                        return (key, .string("#/$defs/" + target.dropFirst(prefix.count)))
                    }
                    return (key, rewritten(value))
                })
        case .array(let elements): .array(elements.map(rewritten))
        default: tree
        }
    }
}
