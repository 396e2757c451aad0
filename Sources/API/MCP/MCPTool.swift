import LatticeHTTP
import LatticeModel

/// One argument of a tool: its name, and the REST query parameter whose spec types it (its
/// JSON Schema, its bounds, its validation), so a tool checks what the endpoint checks.
struct MCPArgument: Sendable {
    let name: String
    let spec: ParameterSpec
    var required: Bool

    /// An argument named as the parameter it feeds.
    init(_ spec: ParameterSpec, required: Bool? = nil) {
        self.init(spec.name, spec, required: required)
    }

    init(_ name: String, _ spec: ParameterSpec, required: Bool? = nil, description: String? = nil) {
        self.name = name
        var spec = spec
        if let description { spec = ParameterSpec(name: spec.name, kind: spec.kind, description: description, required: spec.required) }
        self.spec = spec
        self.required = required ?? spec.required
    }

    var schema: JSONTree { OpenAPIDocument.schema(spec).merging([("description", .string(spec.description))]) }
}

/// What a tool is given: its arguments, decoded into query items of the parameters they
/// feed, and the dataset the request is answered from.
struct MCPToolCall {
    let items: [QueryItem]
    let snapshot: Snapshot
    let configuration: APIConfiguration

    var dataset: Dataset { snapshot.dataset }

    /// The value given for the parameter `name`, if any.
    func value(_ name: String) -> String? { items.first { $0.name == name }?.value }
}

/// A tool's answer: the structured content (a JSON object matching the tool's output
/// schema) and the text an assistant reads; or, for a failure the caller can fix, only the
/// text, with `isError` (2026-07-28 server/tools "Error Handling": tool execution errors).
struct MCPToolResult {
    var structured: [UInt8]?
    var text: String
    var isError = false

    static func failure(_ text: String) -> MCPToolResult { MCPToolResult(structured: nil, text: text, isError: true) }
}

/// One tool, declared once: its name, what it does, its arguments (input schema), its
/// output schema and the function that answers. All are read-only and idempotent: they read
/// the dataset the request sees, and the same call on the same version answers the same.
struct MCPTool: Sendable {
    let name: String
    let title: String
    let description: String
    let arguments: [MCPArgument]
    /// The schema of `structuredContent`'s `result` member.
    let resultSchema: JSONTree
    /// Other members of `structuredContent` besides `dataset_version`, `result` and `citations`.
    var extraProperties: [(String, JSONTree)] = []
    let run: @Sendable (MCPToolCall) -> MCPToolResult

    /// `properties`, `required`, no other argument: a JSON Schema 2020-12 object.
    var inputSchema: JSONTree {
        [
            "type": "object",
            "properties": .object(arguments.map { ($0.name, $0.schema) }),
            "required": .array(arguments.filter(\.required).map { .string($0.name) }),
            "additionalProperties": false,
        ]
    }

    var outputSchema: JSONTree {
        MCPSchemas.selfContained([
            "type": "object",
            "properties": .object(
                [
                    ("dataset_version", ["type": "string", "description": "The dataset version the answer was read from."]),
                    ("result", resultSchema),
                    (
                        "citations",
                        [
                            "type": "array", "items": Schemas.ref("Citation"),
                            "description": "A citation for every statement (quote) the result mentions, in order of first mention.",
                        ]
                    ),
                ] + extraProperties),
            "required": ["dataset_version", "result", "citations"],
        ])
    }

    /// The arguments as query items, or the -32602 that says what is wrong with them: an
    /// argument the tool does not take, a value of the wrong JSON type, a missing one.
    /// Values are then checked by the parameters' own validation, whose problems are tool
    /// execution errors (a bad date, an unknown id).
    func items(_ arguments: JSONObject?) -> Result<[QueryItem], MCPFix> {
        var items: [QueryItem] = []
        for member in arguments?.members ?? [] {
            guard let argument = self.arguments.first(where: { $0.name == member.key }) else {
                let accepted = self.arguments.map(\.name).joined(separator: ", ")
                return .failure(
                    "unknown argument \"\(Excerpt.of(member.key, limit: 60))\"; \(name) takes \(accepted.isEmpty ? "no arguments" : accepted)")
            }
            let node = member.value
            switch (argument.spec.kind, node.value) {
            case (_, .null):
                continue  // null is no value, as an absent argument
            case (.enumList, .array(let elements)), (.idList, .array(let elements)):
                guard elements.count <= QueryParameters.maxListValues else {
                    return .failure("\(argument.name) holds \(elements.count) values; at most \(QueryParameters.maxListValues) are accepted")
                }
                var values: [String] = []
                for element in elements {
                    guard case .string(let value) = element.value, !value.contains(",") else {
                        return .failure(
                            "\(argument.name) must be an array of strings (ids or values without commas), not one holding \(element.typeDescription)")
                    }
                    values.append(value)
                }
                guard !values.isEmpty else { return .failure("\(argument.name) must hold at least one value, or be left out") }
                items.append(QueryItem(name: argument.spec.name, value: values.joined(separator: ",")))
            case (.integer, .number(let value, let isInteger)) where isInteger:
                items.append(QueryItem(name: argument.spec.name, value: String(Int(value))))
            case (.enumValue, .string(let value)), (.id, .string(let value)), (.text, .string(let value)), (.date, .string(let value)):
                items.append(QueryItem(name: argument.spec.name, value: value))
            default:
                return .failure("\(argument.name) must be \(Self.jsonType(argument.spec.kind)), not \(node.typeDescription)")
            }
        }
        for argument in self.arguments where argument.required && !items.contains(where: { $0.name == argument.spec.name }) {
            return .failure("the argument \(argument.name) is required (\(argument.spec.accepted))")
        }
        return .success(items)
    }

    private static func jsonType(_ kind: ParameterSpec.Kind) -> String {
        switch kind {
        case .enumList, .idList: "an array of strings"
        case .integer: "an integer"
        case .enumValue, .id, .text, .date: "a string"
        }
    }
}

/// What the caller must fix, in words: a tool's arguments or a REST answer's problem.
struct MCPFix: Error, ExpressibleByStringInterpolation {
    let text: String

    init(_ text: String) { self.text = text }
    init(stringLiteral value: String) { text = value }
}
