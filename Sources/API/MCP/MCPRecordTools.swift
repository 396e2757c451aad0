import LatticeModel

/// Tools that read one record, or one passage of a document.
enum MCPRecordTools {
    static let anyType = Set(EntityType.allCases)

    static func idArgument(_ types: Set<EntityType>, _ description: String) -> MCPArgument {
        MCPArgument(ParameterSpec(name: "id", kind: .id(types), description: description), required: true)
    }

    static let getRecord = recordTool(
        "get_record", "Get a record", types: anyType,
        "Any record — actor, alliance, relation, statement or document — by id or alias (an alias resolves to its record as the REST API's 308 does). With as_of, an actor's alliances or an alliance's members and positions are those of that date. The record is GET /v1/{kind}/{id}'s JSON."
    )

    static let getStatement = recordTool(
        "get_statement", "Get a statement with its citation", types: [.statement],
        "One statement by id: the verbatim quote, its speaker, what it is about, its stance, and its full citation (document, title, publisher, date, url, offsets, the document's sha256)."
    )

    static let getAlliance = recordTool(
        "get_alliance", "Get an alliance with members and positions", types: [.alliance],
        "One alliance or proposal by id or alias, with its members (role, since, until) and the positions actors take on it, each position's statement cited; with as_of, the members and positions of that date."
    )

    static func recordTool(_ name: String, _ title: String, types: Set<EntityType>, _ description: String) -> MCPTool {
        let takesDate = !types.isDisjoint(with: [.actor, .alliance])
        let arguments =
            [idArgument(types, "The record's id or an alias slug, e.g. `japan`, `quad`.")]
            + (takesDate ? [MCPArgument(AsOf.parameter.spec)] : [])
        return MCPTool(
            name: name, title: title, description: description, arguments: arguments,
            resultSchema: types.count == 1
                ? Schemas.ref(Resources.kind(types.first!).schemaName)
                : ["anyOf": .array(EntityType.allCases.map { Schemas.ref(Resources.kind($0).schemaName) })],
            extraProperties: [
                ("type", ["type": "string", "enum": .array(types.sorted { $0.ordinal < $1.ordinal }.map { .string($0.rawValue) })]),
                ("id", ["type": "string", "description": "The record's canonical id."]),
                ("resolved_from", ["type": ["string", "null"], "description": "The alias the request named, when it was one."]),
            ]
        ) { call in
            record(call, types: types, specs: arguments.map(\.spec), tool: name)
        }
    }

    private static func record(_ call: MCPToolCall, types: Set<EntityType>, specs: [ParameterSpec], tool name: String) -> MCPToolResult {
        let dataset = call.dataset
        let parameters = QueryParameters(call.items, specs: specs, dataset: dataset)
        guard parameters.isValid else {
            return .failure(parameters.problems.map { "\($0.parameter): \($0.detail)" }.joined(separator: "\n"))
        }
        let given = parameters.string("id") ?? ""
        guard let ref = parameters.refs("id").first, let position = dataset.position(of: ref) else {
            return .failure(notFound(call.value("id") ?? given, types: types, dataset: dataset))
        }
        var body = call.snapshot.record(ref.type, position).json
        if let asOf = AsOf.date(parameters),
            let endpoint = Endpoints.table.indices.first(where: { Endpoints.table[$0].shape == .resource(ref.type) }),
            let reply = try? ResourceEndpoints.single(Endpoint(ordinal: endpoint), id: ref.id, asOf: asOf, snapshot: call.snapshot, target: ""),
            case .bytes(let dated) = reply.body
        {
            body = dated
        }
        let alias = call.value("id").flatMap { $0 == ref.id ? nil : $0 }
        func quoted(_ text: String) -> [UInt8] { var json = JSONWriter(capacity: 64); json.string(text); return json.bytes }
        let named = alias.map { ", named by the alias \($0)" } ?? ""
        let dated = AsOf.date(parameters).map { ", as of \($0)" } ?? ""
        return MCPRestBridge.result(
            body, call, headline: "The \(ref.type.rawValue) \(dataset.name(of: ref)) (id \(ref.id)\(named))\(dated).",
            extra: [("type", quoted(ref.type.rawValue)), ("id", quoted(ref.id)), ("resolved_from", alias.map(quoted) ?? Array("null".utf8))])
    }

    /// What no record has this id says, with the nearest id of each kind asked for.
    static func notFound(_ id: String, types: Set<EntityType>, dataset: Dataset) -> String {
        var text = "No \(ParameterSpec.describe(types)) has the id \"\(Excerpt.of(id))\""
        if let other = dataset.resolve(id, as: anyType), !types.contains(other.type) {
            text += "; it is \(AnalysisGroup.article(other.type)) \(other.type.rawValue) (use get_record)"
        } else if let near = types.sorted(by: { $0.ordinal < $1.ordinal }).lazy.compactMap({ dataset.nearestID(to: id, as: $0) }).first {
            text += "; did you mean \"\(near)\"?"
        }
        return text + ". The search tool finds ids by name."
    }

    // MARK: read_passage

    static let maximumPassage = 5_000

    static let passageArguments = [
        MCPArgument(ParameterSpec(name: "document", kind: .id([.document]), description: "The document's id (or alias)."), required: true),
        MCPArgument(
            ParameterSpec(
                name: "start", kind: .integer(minimum: 0, maximum: 100_000_000, default: 0),
                description: "First Unicode scalar of the passage (0-based)."), required: true),
        MCPArgument(
            ParameterSpec(
                name: "end", kind: .integer(minimum: 0, maximum: 100_000_000, default: 0),
                description:
                    "End of the passage, exclusive: at most \(maximumPassage) scalars after start, and no further than the document's length."),
            required: true),
    ]

    static let readPassage = MCPTool(
        name: "read_passage", title: "Read a passage of a document",
        description:
            "The verbatim text of a document between two Unicode scalar offsets (as every span and citation gives them, end exclusive), with the sentence around it, the statements that overlap it, and its citation.",
        arguments: passageArguments,
        resultSchema: [
            "type": "object", "required": ["document", "start", "end", "text", "sentence", "statements"],
            "properties": [
                "document": Schemas.ref("Document"),
                "start": ["type": "integer"], "end": ["type": "integer"],
                "text": ["type": "string", "description": "The document's text at start..<end, verbatim."],
                "sentence": ["type": "string", "description": "The sentence or sentences holding the passage."],
                "statements": ["type": "array", "items": Schemas.ref("Statement"), "description": "Statements whose span overlaps the passage."],
            ],
        ]
    ) { call in passage(call) }

    private static func passage(_ call: MCPToolCall) -> MCPToolResult {
        let dataset = call.dataset
        let parameters = QueryParameters(call.items, specs: passageArguments.map(\.spec), dataset: dataset)
        guard parameters.isValid else {
            return .failure(parameters.problems.map { "\($0.parameter): \($0.detail)" }.joined(separator: "\n"))
        }
        guard let ref = parameters.refs("document").first, let position = dataset.position(of: ref) else {
            return .failure(notFound(call.value("document") ?? "", types: [.document], dataset: dataset))
        }
        let document = dataset.documents[position]
        let start = Int(call.value("start") ?? "") ?? 0, end = Int(call.value("end") ?? "") ?? 0
        guard start < end, end <= document.length else {
            return .failure(
                "start must be below end, and end at most the document's length (\(document.length) scalars); \(start)..<\(end) is not a passage of \(document.id)"
            )
        }
        guard end - start <= maximumPassage else {
            return .failure("a passage holds at most \(maximumPassage) scalars; \(start)..<\(end) holds \(end - start): read it in parts")
        }
        let text = DocumentText(document.text)
        let slice = text.slice(start, end)
        let statements = dataset.matching(.statement, [.anyOf(.statementDocument, [document.id])]).positions.map(Int.init)
            .filter { dataset.statements[$0].source.start < end && dataset.statements[$0].source.end > start }
        var json = JSONWriter(capacity: 1024 + slice.utf8.count)
        json.object { o in
            o.raw("document", call.snapshot.record(.document, position).json)
            o.field("start", start)
            o.field("end", end)
            o.field("text", slice)
            o.field("sentence", text.sentence(covering: start, end))
            o.field("statements") { $0.array(statements) { json, position in json.raw(call.snapshot.record(.statement, position).json) } }
        }
        let citations =
            [MCPCitation(passage: document, start: start, end: end, text: slice)]
            + statements.map { MCPCitation(statement: dataset.statements[$0], document: document) }
        return MCPRestBridge.result(
            json.bytes, call,
            headline: "Passage \(start)–\(end) of \(document.id) (“\(document.title)”), \(statements.count) statement(s) overlapping it.",
            citations: citations)
    }
}
