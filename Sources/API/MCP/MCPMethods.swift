import LatticeHTTP
import LatticeModel

/// One JSON-RPC request, with the era and version it speaks and the dataset it is answered from.
struct MCPRequest {
    let id: JSONRPCID
    let message: JSONRPCMessage
    let era: MCPEra
    let version: String
    let snapshot: Snapshot
    let configuration: APIConfiguration

    var params: JSONObject? { message.params }

    func invalidParams(_ detail: String) -> MCPFailure { .invalidParams(detail, id: id, status: .ok) }
}

/// The methods: lifecycle and discovery, tools, resources.
enum MCPMethods {
    static let serverName = "lattice"
    static let serverVersion = "1.0.0"
    static let instructions =
        "Lattice is a curated, source-verified knowledge base of Indo-Pacific security actors, alliances, relations and statements. Find ids with search, read records with get_record, and quote only what verify_quote or get_statement confirms: cite each quote with its speaker, document title, publisher, date, url and offsets as the tools give them."

    static func answer(_ request: MCPRequest) -> Result<[UInt8], MCPFailure> {
        let method = request.message.method
        guard MCPEndpoint.methods(for: request.era).contains(method) else {
            return .failure(.methodNotFound(method, era: request.era, id: request.id))
        }
        switch method {
        case "initialize": return initialize(request)
        case "ping": return .success(result(request) { _ in })
        case "server/discover": return .success(result(request, cacheable: true, discover))
        case "tools/list":
            if request.params?["cursor"] != nil { return .failure(request.invalidParams("invalid cursor: tools/list has a single page")) }
            return .success(result(request, cacheable: true) { $0.raw("tools", toolList) })
        case "tools/call": return MCPToolCallMethod.call(request)
        case "resources/list":
            var cursor: String?
            if let node = request.params?["cursor"] {
                guard case .string(let given) = node.value else { return .failure(request.invalidParams("cursor must be a string from nextCursor")) }
                cursor = given
            }
            guard let page = MCPResources.page(cursor, count: request.snapshot.dataset.documents.count) else {
                return .failure(request.invalidParams("invalid cursor: give a nextCursor of resources/list, or none for the first page"))
            }
            return .success(result(request, cacheable: true) { MCPResources.list(page, dataset: request.snapshot.dataset, into: &$0) })
        case "resources/templates/list":
            return .success(result(request, cacheable: true) { MCPResources.templates(into: &$0) })
        case "resources/read":
            guard case .string(let uri)? = request.params?["uri"]?.value else {
                return .failure(request.invalidParams("resources/read needs params.uri, a string such as \(MCPResources.scheme)<id>"))
            }
            guard let position = MCPResources.document(uri, dataset: request.snapshot.dataset) else {
                return .failure(resourceNotFound(uri, request))
            }
            return .success(result(request, cacheable: true) { MCPResources.read(position, snapshot: request.snapshot, into: &$0) })
        default:
            return .failure(.methodNotFound(method, era: request.era, id: request.id))
        }
    }

    /// An unknown resource: -32602 in 2026-07-28, -32002 before (server/resources "Error
    /// Handling" of each revision), with the URI in `data`; never empty contents.
    static func resourceNotFound(_ uri: String, _ request: MCPRequest) -> MCPFailure {
        var data = JSONWriter(capacity: 96)
        data.object { $0.field("uri", Excerpt.of(uri, limit: 200)) }
        let message = "Resource not found: \(Excerpt.of(uri, limit: 200)); documents are \(MCPResources.template) with an id from resources/list"
        return MCPFailure(
            code: request.era == .modern ? MCPFailure.invalidParamsCode : MCPFailure.legacyResourceNotFoundCode,
            message: message, data: data.bytes, id: request.id, status: .ok)
    }

    /// `initialize` (2025-11-25 basic/lifecycle): the version negotiated, the capabilities,
    /// who the server is. Nothing is remembered: each later request stands alone.
    private static func initialize(_ request: MCPRequest) -> Result<[UInt8], MCPFailure> {
        guard case .string(let requested)? = request.params?["protocolVersion"]?.value else {
            return .failure(
                request.invalidParams("initialize needs params.protocolVersion, the version the client speaks (e.g. \(MCPVersion.legacy[0]))"))
        }
        return .success(
            result(request) { o in
                o.field("protocolVersion", MCPVersion.negotiated(requested))
                o.raw("capabilities", capabilities)
                o.field("serverInfo") { serverInfo(&$0) }
                o.field("instructions", instructions)
            })
    }

    /// `server/discover` (2026-07-28 server/discover): versions, capabilities, identity.
    private static func discover(_ o: inout JSONWriter.ObjectWriter) {
        o.field("supportedVersions", MCPVersion.supported)
        o.raw("capabilities", capabilities)
        o.field("_meta") { $0.object { m in m.field("io.modelcontextprotocol/serverInfo") { serverInfo(&$0) } } }
        o.field("instructions", instructions)
    }

    static let capabilities = Array(#"{"tools":{},"resources":{}}"#.utf8)

    private static func serverInfo(_ json: inout JSONWriter) {
        json.object { s in
            s.field("name", serverName)
            s.field("title", "Lattice")
            s.field("version", serverVersion)
        }
    }

    /// Every tool, as `tools/list` gives them, rendered once.
    static let toolList: [UInt8] = {
        var json = JSONWriter(capacity: 64 * 1024)
        JSONTree.array(
            MCPToolCatalog.all.map { tool in
                [
                    "name": .string(tool.name), "title": .string(tool.title), "description": .string(tool.description),
                    "inputSchema": tool.inputSchema, "outputSchema": tool.outputSchema,
                    "annotations": [
                        "title": .string(tool.title), "readOnlyHint": true, "destructiveHint": false,
                        "idempotentHint": true, "openWorldHint": false,
                    ],
                ]
            }
        ).write(to: &json)
        return json.bytes
    }()

    /// `{"jsonrpc":"2.0","id":…,"result":{…}}`. In 2026-07-28 a result says its
    /// `resultType` (basic protocol, "ResultType"), and the cacheable ones their `ttlMs` and
    /// `cacheScope` (server/utilities/caching: discover, the lists, reads): the dataset is
    /// public and changes only on reload, so as long as REST's `Cache-Control` says.
    static func result(_ request: MCPRequest, cacheable: Bool = false, _ body: (inout JSONWriter.ObjectWriter) -> Void) -> [UInt8] {
        var json = JSONWriter(capacity: 1024)
        json.object { o in
            o.field("jsonrpc", "2.0")
            o.field("id") { request.id.write(to: &$0) }
            o.field("result") {
                $0.object { r in
                    if request.era == .modern { r.field("resultType", "complete") }
                    body(&r)
                    if request.era == .modern && cacheable {
                        r.field("ttlMs", request.configuration.cacheMaxAge * 1000)
                        r.field("cacheScope", "public")
                    }
                }
            }
        }
        return json.bytes
    }
}

/// `tools/call`: a protocol error for an unknown tool or arguments that break its input
/// schema (-32602), else the tool's result, `isError` set for what the caller can fix
/// (2026-07-28 server/tools "Error Handling").
enum MCPToolCallMethod {
    static func call(_ request: MCPRequest) -> Result<[UInt8], MCPFailure> {
        guard case .string(let name)? = request.params?["name"]?.value else {
            return .failure(request.invalidParams("tools/call needs params.name, a tool's name from tools/list"))
        }
        guard let tool = MCPToolCatalog.named(name) else {
            return .failure(
                request.invalidParams(
                    "Unknown tool: \(Excerpt.of(name, limit: 80)); the tools are \(MCPToolCatalog.all.map(\.name).joined(separator: ", "))"))
        }
        var arguments: JSONObject?
        if let node = request.params?["arguments"] {
            switch node.value {
            case .object(let object): arguments = object
            case .null: break
            default:
                return .failure(
                    request.invalidParams("Invalid arguments for tool \(name): params.arguments must be an object, not \(node.typeDescription)"))
            }
        }
        let items: [QueryItem]
        switch tool.items(arguments) {
        case .success(let decoded): items = decoded
        case .failure(let fix): return .failure(request.invalidParams("Invalid arguments for tool \(name): \(fix.text)"))
        }
        let outcome = tool.run(MCPToolCall(items: items, snapshot: request.snapshot, configuration: request.configuration))
        return .success(
            MCPMethods.result(request) { r in
                r.field("content") { json in
                    json.raw("[")
                    json.object { t in
                        t.field("type", "text")
                        t.field("text", outcome.text)
                    }
                    if let structured = outcome.structured {
                        json.raw(",")
                        json.object { t in
                            t.field("type", "text")
                            t.field("text", String(decoding: structured, as: UTF8.self))
                        }
                    }
                    json.raw("]")
                }
                if let structured = outcome.structured { r.raw("structuredContent", structured) }
                r.field("isError", outcome.isError)
            })
    }
}
