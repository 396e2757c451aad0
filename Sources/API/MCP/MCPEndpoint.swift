import LatticeHTTP
import LatticeModel

/// `POST /mcp`: the Model Context Protocol over Streamable HTTP, stateless and read-only.
/// One JSON-RPC message per POST, answered with one JSON object (never an SSE stream, which
/// every revision lets a server choose, 2026-07-28 Streamable HTTP, "Sending Messages": the
/// server MUST either return `application/json` or open an SSE stream);
/// a notification, or in the handshake era a client's response, gets 202 and no body.
/// Both eras are served, chosen per request (``MCPVersion/select(_:headers:)``); no
/// `Mcp-Session-Id` is ever minted, so none is required or checked.
enum MCPEndpoint {
    static let descriptor = EndpointDescriptor(
        name: "mcp", template: "/mcp", summary: "Model Context Protocol (Streamable HTTP): tools and resources for AI assistants.", tag: .mcp,
        method: method,
        ok:
            "The JSON-RPC response: a result, or an error that is not a transport error (an unknown tool, invalid arguments; in the handshake era also an unknown method).",
        content: [.init(mediaType: "application/json", schema: Schemas.ref("JSONRPCResponse"))],
        operation: .post,
        otherResponses: [
            (
                "202",
                [
                    "description": "A notification (or, before 2026-07-28, a client's JSON-RPC response) was accepted; no body.",
                    "headers": ["X-Request-Id": OpenAPIDocument.header("RequestId")],
                ]
            ),
            ("403", rpcError("The Origin header names an origin the mcp_origins setting does not allow (DNS rebinding protection).")),
            ("404", rpcError("2026-07-28: an unknown method (-32601).")),
        ],
        badRequest: [
            "description":
                "A JSON-RPC error: invalid JSON (-32700), not one JSON-RPC message (-32600), an unsupported protocol version (-32022), headers that do not match the body (-32020), missing per-request _meta fields (-32602); or, as a problem document, a query string (this path takes none) or a malformed HTTP request.",
            "headers": ["X-Request-Id": OpenAPIDocument.header("RequestId")],
            "content": [
                "application/json": ["schema": Schemas.ref("JSONRPCResponse")],
                "application/problem+json": ["schema": Schemas.ref("Problem")],
            ],
        ],
        schemas: [
            (
                "JSONRPCRequest",
                [
                    "type": "object", "required": ["jsonrpc", "method"],
                    "description": "One JSON-RPC 2.0 request or notification (no id). A batch (array) is refused.",
                    "properties": [
                        "jsonrpc": ["type": "string", "enum": ["2.0"]],
                        "id": ["type": ["string", "integer"], "description": "Absent for a notification; never null."],
                        "method": ["type": "string", "minLength": 1, "maxLength": .int(JSONRPCMessage.maximumMethodLength)],
                        "params": ["type": "object"],
                    ],
                ]
            ),
            (
                "JSONRPCResponse",
                [
                    "type": "object", "required": ["jsonrpc"],
                    "description": "A JSON-RPC 2.0 response: result or error. An error about a message whose id could not be read has no id.",
                    "properties": [
                        "jsonrpc": ["type": "string", "enum": ["2.0"]],
                        "id": ["type": ["string", "integer"]],
                        "result": ["type": "object"],
                        "error": [
                            "type": "object", "required": ["code", "message"],
                            "properties": ["code": ["type": "integer"], "message": ["type": "string"], "data": [:]],
                        ],
                    ],
                ]
            ),
        ],
        answersNotModified: false,
        answer: .dataset(answer))

    private static func rpcError(_ description: String) -> JSONTree {
        [
            "description": .string(description), "headers": ["X-Request-Id": OpenAPIDocument.header("RequestId")],
            "content": ["application/json": ["schema": Schemas.ref("JSONRPCResponse")]],
        ]
    }

    static let method = """
        Stateless MCP on Streamable HTTP, JSON responses only. Protocol versions: 2026-07-28 (no handshake: params._meta carries \
        io.modelcontextprotocol/protocolVersion and clientCapabilities, the MCP-Protocol-Version, Mcp-Method and Mcp-Name headers \
        must match the body; server/discover) and 2025-11-25, 2025-06-18, 2025-03-26 (initialize, notifications/initialized, ping; \
        no Mcp-Session-Id). Errors: invalid JSON -32700 (400), not one JSON-RPC message (a batch included) -32600 (400), \
        unsupported version -32022 (400), header mismatch -32020 (400), missing _meta fields -32602 (400), unknown method -32601 \
        (404 in 2026-07-28, 200 before), unknown tool or invalid arguments -32602 (200). A request with an Origin header not in \
        mcp_origins gets 403. GET and DELETE get 405. The tools and resources are listed by tools/list and resources/list.
        """

    /// The methods each era answers, in the order error messages list them.
    static func methods(for era: MCPEra) -> [String] {
        let shared = ["tools/list", "tools/call", "resources/list", "resources/templates/list", "resources/read"]
        return era == .modern ? ["server/discover"] + shared : ["initialize", "ping"] + shared
    }

    static func answer(_ context: EndpointContext) -> Reply {
        let request = context.request
        if let origin = request.headers["origin"], !MCPOrigin.allowed(origin, in: context.configuration.mcpOrigins) {
            return reply(.failure(.forbiddenOrigin(origin)))
        }
        let message: JSONRPCMessage
        switch JSONRPCMessage.parse(request.body) {
        case .success(let parsed): message = parsed
        case .failure(let failure): return reply(.failure(failure))
        }
        let era: MCPEra, version: String
        switch MCPVersion.select(message, headers: request.headers) {
        case .success(let selected): (era, version) = selected
        case .failure(let failure): return reply(.failure(failure))
        }
        switch message.kind {
        case .notification:
            return Reply(status: HTTPStatus(202, "Accepted"), compression: .none).uncached
        case .response:
            // 2026-07-28 Streamable HTTP, "Sending Messages": the client MUST NOT send
            // responses (this server never sends a request); earlier revisions accept them.
            guard era == .legacy else {
                return reply(
                    .failure(.invalidRequest("this revision's clients send no JSON-RPC responses, and this server sends no requests to answer")))
            }
            return Reply(status: HTTPStatus(202, "Accepted"), compression: .none).uncached
        case .request(let id):
            let call = MCPRequest(
                id: id, message: message, era: era, version: version, snapshot: context.snapshot,
                configuration: context.configuration)
            return reply(MCPMethods.answer(call))
        }
    }

    /// A JSON-RPC response as the HTTP response that carries it: never stored by caches
    /// (`ttlMs` is the protocol's own freshness hint), gzipped when large.
    static func reply(_ outcome: Result<[UInt8], MCPFailure>) -> Reply {
        switch outcome {
        case .success(let body):
            return Reply(contentType: ContentTypes.json, body: .bytes(body)).uncached
        case .failure(let failure):
            return Reply(status: failure.status, contentType: ContentTypes.json, body: .bytes(failure.json()), compression: .none).uncached
        }
    }
}

/// The Origin check of every revision's Streamable HTTP transport ("Security Warning";
/// 2026-07-28 "Security & Endpoint": servers MUST validate Origin): a request without Origin (not from a browser)
/// is served; one whose Origin is on the allow-list is served; any other is refused with
/// 403, which stops a web page from reaching a local server through DNS rebinding.
enum MCPOrigin {
    /// Origins compare as RFC 6454 serialises them: scheme and host are case-insensitive.
    static func allowed(_ origin: String, in list: [String]) -> Bool {
        let given = origin.lowercased()
        return list.contains { $0.lowercased() == given }
    }
}
