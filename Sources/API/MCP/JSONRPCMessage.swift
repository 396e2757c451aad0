import LatticeModel

/// A JSON-RPC request id. MCP (basic protocol, "Requests") allows a string or an integer
/// and, unlike JSON-RPC, never null.
enum JSONRPCID: Sendable, Equatable {
    case number(Int)
    case string(String)

    func write(to json: inout JSONWriter) {
        switch self {
        case .number(let value): json.int(value)
        case .string(let value): json.string(value)
        }
    }
}

/// One JSON-RPC 2.0 message as a client sent it in a POST body.
struct JSONRPCMessage: Sendable {
    enum Kind: Sendable, Equatable {
        /// Has an id: answered with a result or an error.
        case request(JSONRPCID)
        /// No id: never answered (202, no body).
        case notification
        /// A client's answer to a server's request (it has `result` or `error`, no `method`).
        case response
    }

    let kind: Kind
    /// Empty for a response.
    let method: String
    /// `params`, which MCP requires to be an object when present.
    let params: JSONObject?

    var id: JSONRPCID? { if case .request(let id) = kind { id } else { nil } }

    /// `params._meta`, where MCP carries per-request protocol fields.
    var meta: JSONObject? {
        if case .object(let meta)? = params?["_meta"]?.value { meta } else { nil }
    }

    /// Longest method name accepted: every MCP method is a few words.
    static let maximumMethodLength = 256

    /// Parses a POST body: one JSON value (the package's strict parser, with its nesting
    /// limit), which must be one JSON-RPC request, notification or response object.
    ///
    /// JSON-RPC 2.0 §5.1: invalid JSON is -32700 (Parse error), a value that is not a
    /// Request object is -32600 (Invalid Request). MCP's Streamable HTTP transport (since
    /// 2025-06-18, and 2026-07-28 "Sending Messages") takes one message per POST, so
    /// a batch (an array) is an Invalid Request too.
    static func parse(_ body: [UInt8]) -> Result<JSONRPCMessage, MCPFailure> {
        guard !body.isEmpty else {
            return .failure(.parse("the request body is empty; send one JSON-RPC message as a JSON object"))
        }
        let root: JSONNode
        do {
            root = try JSONParser.parse(body, dialect: .message)
        } catch {
            return .failure(.parse("\(error.message) (line \(error.line), column \(error.column))"))
        }
        switch root.value {
        case .object(let object):
            return message(object)
        case .array:
            return .failure(.invalidRequest("a batch (a JSON array) is not accepted; send each JSON-RPC message in its own POST"))
        default:
            return .failure(.invalidRequest("the body is \(root.typeDescription), not a JSON-RPC message object"))
        }
    }

    private static func message(_ object: JSONObject) -> Result<JSONRPCMessage, MCPFailure> {
        var id: JSONRPCID?
        if let node = object["id"] {
            switch node.value {
            case .number(let value, let isInteger) where isInteger:
                id = .number(Int(value))
            case .string(let value):
                guard value.utf8.count <= 256 else { return .failure(.invalidRequest("the id is longer than 256 bytes")) }
                id = .string(value)
            case .null:
                return .failure(.invalidRequest("the id must not be null; give a string or an integer, or no id for a notification"))
            case .number:
                return .failure(.invalidRequest("the id is a number that is not an exact integer (within ±2^53); give a string or a smaller integer"))
            default:
                return .failure(.invalidRequest("the id is \(node.typeDescription); give a string or an integer"))
            }
        }
        guard case .string("2.0")? = object["jsonrpc"]?.value else {
            return .failure(.invalidRequest("\"jsonrpc\" must be the string \"2.0\"", id: id))
        }
        guard let methodNode = object["method"] else {
            if id != nil, object["result"] != nil || object["error"] != nil {
                return .success(JSONRPCMessage(kind: .response, method: "", params: nil))
            }
            return .failure(.invalidRequest("\"method\" is missing", id: id))
        }
        guard case .string(let method) = methodNode.value, !method.isEmpty else {
            return .failure(.invalidRequest("\"method\" must be a non-empty string", id: id))
        }
        guard method.utf8.count <= maximumMethodLength else {
            return .failure(.invalidRequest("\"method\" is longer than \(maximumMethodLength) bytes", id: id))
        }
        var params: JSONObject?
        if let node = object["params"] {
            guard case .object(let members) = node.value else {
                return .failure(.invalidParams("\"params\" must be an object, not \(node.typeDescription)", id: id))
            }
            params = members
        }
        return .success(JSONRPCMessage(kind: id.map { .request($0) } ?? .notification, method: method, params: params))
    }
}
