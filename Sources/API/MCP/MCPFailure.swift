import LatticeHTTP

/// A JSON-RPC error response and the HTTP status it goes with. The codes are JSON-RPC 2.0's
/// (§5.1) and MCP's own (2026-07-28 basic protocol, "Error Codes"); the statuses are the
/// Streamable HTTP transport's of the era the request speaks.
struct MCPFailure: Error, Sendable {
    let code: Int
    let message: String
    /// The `data` member, as JSON.
    var data: [UInt8]?
    /// The request's id when it could be read; an error about an unreadable message has none.
    var id: JSONRPCID?
    var status: HTTPStatus = .badRequest

    static let parseErrorCode = -32700
    static let invalidRequestCode = -32600
    static let methodNotFoundCode = -32601
    static let invalidParamsCode = -32602
    static let internalErrorCode = -32603
    /// 2026-07-28, Streamable HTTP "Server Validation".
    static let headerMismatchCode = -32020
    /// 2026-07-28, Versioning "Protocol Version Negotiation".
    static let unsupportedVersionCode = -32022
    /// Resource not found in 2025-11-25 and earlier (server/resources "Error Handling");
    /// 2026-07-28 uses -32602 instead and forbids this one.
    static let legacyResourceNotFoundCode = -32002

    /// Invalid JSON: no id can be read, so the response has none (400).
    static func parse(_ detail: String) -> MCPFailure {
        MCPFailure(code: parseErrorCode, message: "Parse error: \(detail)")
    }

    /// Not a JSON-RPC request object (400).
    static func invalidRequest(_ detail: String, id: JSONRPCID? = nil) -> MCPFailure {
        MCPFailure(code: invalidRequestCode, message: "Invalid Request: \(detail)", id: id)
    }

    /// Params that break the method's schema. 400 when the request is malformed before any
    /// method runs (missing per-request `_meta` fields, 2026-07-28 basic protocol "_meta");
    /// the methods themselves answer it with 200.
    static func invalidParams(_ detail: String, id: JSONRPCID? = nil, status: HTTPStatus = .badRequest) -> MCPFailure {
        MCPFailure(code: invalidParamsCode, message: "Invalid params: \(detail)", id: id, status: status)
    }

    static func headerMismatch(_ detail: String, id: JSONRPCID?) -> MCPFailure {
        MCPFailure(code: headerMismatchCode, message: "Header mismatch: \(detail)", id: id)
    }

    /// `data` lists the versions this server speaks and the one asked for (400).
    static func unsupportedVersion(_ requested: String, id: JSONRPCID?) -> MCPFailure {
        var json = JSONWriter(capacity: 128)
        json.object { o in
            o.field("supported", MCPVersion.supported)
            o.field("requested", requested)
        }
        return MCPFailure(
            code: unsupportedVersionCode,
            message:
                "Unsupported protocol version \"\(Excerpt.of(requested, limit: 40))\"; this server speaks \(MCPVersion.supported.joined(separator: ", "))",
            data: json.bytes, id: id)
    }

    /// An unknown method: 404 in 2026-07-28 (Streamable HTTP, "Protocol Version Header");
    /// earlier revisions answer every JSON-RPC response with 200 (a 404 there means the
    /// session is gone, and the client would start over).
    static func methodNotFound(_ method: String, era: MCPEra, id: JSONRPCID?) -> MCPFailure {
        let known = MCPEndpoint.methods(for: era).joined(separator: ", ")
        return MCPFailure(
            code: methodNotFoundCode, message: "Method not found: \(Excerpt.of(method, limit: 80)); this server answers \(known)",
            id: id, status: era == .modern ? .notFound : .ok)
    }

    /// The request's `Origin` is not on the allow-list (403), per every revision's Streamable
    /// HTTP "Security Warning" / "Security & Endpoint": it stops DNS rebinding.
    static func forbiddenOrigin(_ origin: String) -> MCPFailure {
        MCPFailure(
            code: invalidRequestCode,
            message:
                "Forbidden: the Origin \(Excerpt.of(origin, limit: 100)) is not allowed to use this MCP endpoint; add it to the mcp_origins setting, or call without an Origin header",
            status: HTTPStatus(403, "Forbidden"))
    }

    func json() -> [UInt8] {
        var json = JSONWriter(capacity: 256)
        json.object { o in
            o.field("jsonrpc", "2.0")
            if let id { o.field("id") { id.write(to: &$0) } }
            o.field("error") {
                $0.object { e in
                    e.field("code", code)
                    e.field("message", message)
                    if let data { e.raw("data", data) }
                }
            }
        }
        return json.bytes
    }
}
