import LatticeHTTP
import LatticeModel

/// The two eras of MCP this endpoint serves, chosen per request, with no session either way.
enum MCPEra: Sendable, Equatable {
    /// 2026-07-28 and later: every request carries its version and capabilities in `_meta`.
    case modern
    /// 2025-03-26 to 2025-11-25: an `initialize` handshake negotiates the version.
    case legacy
}

/// Protocol versions, and the era and version of each request.
enum MCPVersion {
    static let modern = ["2026-07-28"]
    /// Newest first: what `initialize` offers when the client asks for one it cannot have.
    static let legacy = ["2025-11-25", "2025-06-18", "2025-03-26"]
    static let supported = modern + legacy
    /// What a request without `MCP-Protocol-Version` and without `_meta` speaks: 2025-11-25
    /// Streamable HTTP "Protocol Version Header" says to assume 2025-03-26.
    static let assumedWithoutHeader = "2025-03-26"

    static let versionKey = "io.modelcontextprotocol/protocolVersion"
    static let capabilitiesKey = "io.modelcontextprotocol/clientCapabilities"

    /// What `initialize` answers (2025-11-25 basic/lifecycle "Version Negotiation"): the
    /// requested version when this server speaks it, else its latest handshake version.
    static func negotiated(_ requested: String) -> String {
        legacy.contains(requested) ? requested : legacy[0]
    }

    /// The era and version of one request (a notification included), or the error that
    /// refuses it:
    ///
    /// - `initialize` opens the legacy era (2026-07-28 Versioning, "Backward Compatibility":
    ///   a dual-era server selects its behaviour from how the client opens).
    /// - A request with `_meta`'s protocol version, or a modern `MCP-Protocol-Version`
    ///   header, is modern: `_meta` must hold the version and the client capabilities
    ///   (-32602, 400), the headers must be present and match the body (2026-07-28
    ///   Streamable HTTP "Server Validation": -32020, 400), and the version must be one
    ///   this server speaks (-32022, 400).
    /// - Otherwise the header, when given, must name a version this server speaks (400,
    ///   2025-11-25 Streamable HTTP "Protocol Version Header"), and without it the request
    ///   speaks 2025-03-26.
    static func select(_ message: JSONRPCMessage, headers: HTTPHeaders) -> Result<(MCPEra, String), MCPFailure> {
        let id = message.id
        let header = headers["mcp-protocol-version"]
        if message.method == "initialize" { return .success((.legacy, legacy[0])) }
        let meta = message.meta
        let metaVersion = meta?[versionKey]
        if metaVersion != nil || header.map(modern.contains) == true {
            guard case .string(let version)? = metaVersion?.value else {
                return .failure(
                    .invalidParams(
                        metaVersion == nil
                            ? "params._meta must carry \"\(versionKey)\" (the protocol version) on every request of this revision"
                            : "params._meta \"\(versionKey)\" must be a string", id: id))
            }
            guard case .object? = meta?[capabilitiesKey]?.value else {
                return .failure(
                    .invalidParams(
                        "params._meta must carry \"\(capabilitiesKey)\" (an object, {} for none) on every request of this revision", id: id))
            }
            guard let header else {
                return .failure(
                    .headerMismatch(
                        "the MCP-Protocol-Version header is missing; it must repeat params._meta \"\(versionKey)\" (\(Excerpt.of(version, limit: 40)))",
                        id: id))
            }
            guard header == version else {
                return .failure(
                    .headerMismatch(
                        "MCP-Protocol-Version header value '\(Excerpt.of(header, limit: 40))' does not match body value '\(Excerpt.of(version, limit: 40))'",
                        id: id))
            }
            guard modern.contains(version) else { return .failure(.unsupportedVersion(version, id: id)) }
            if case .notification = message.kind { return .success((.modern, version)) }
            if let failure = mismatchedHeaders(message, headers: headers) { return .failure(failure) }
            return .success((.modern, version))
        }
        if let header {
            guard legacy.contains(header) else { return .failure(.unsupportedVersion(header, id: id)) }
            return .success((.legacy, header))
        }
        return .success((.legacy, assumedWithoutHeader))
    }

    /// `Mcp-Method` must repeat `method`, and `Mcp-Name` the `params.name` of `tools/call`
    /// or the `params.uri` of `resources/read` (Base64-decoded when it is written
    /// `=?base64?…?=`): 2026-07-28 Streamable HTTP "Standard Request Headers".
    private static func mismatchedHeaders(_ message: JSONRPCMessage, headers: HTTPHeaders) -> MCPFailure? {
        let id = message.id
        guard let method = headers["mcp-method"] else {
            return .headerMismatch(
                "the Mcp-Method header is missing; it must repeat the body's method (\(Excerpt.of(message.method, limit: 80)))", id: id)
        }
        guard method == message.method else {
            return .headerMismatch(
                "Mcp-Method header value '\(Excerpt.of(method, limit: 80))' does not match body value '\(Excerpt.of(message.method, limit: 80))'",
                id: id)
        }
        let field =
            switch message.method {
            case "tools/call", "prompts/get": "name"
            case "resources/read": "uri"
            default: ""
            }
        guard !field.isEmpty, case .string(let value)? = message.params?[field]?.value else { return nil }
        guard let given = headers["mcp-name"] else {
            return .headerMismatch("the Mcp-Name header is missing; it must repeat params.\(field) (\(Excerpt.of(value, limit: 80)))", id: id)
        }
        guard let name = decodeHeaderValue(given) else {
            return .headerMismatch("Mcp-Name header value '\(Excerpt.of(given, limit: 80))' is not valid Base64 between =?base64? and ?=", id: id)
        }
        guard name == value else {
            return .headerMismatch(
                "Mcp-Name header value '\(Excerpt.of(name, limit: 80))' does not match body value '\(Excerpt.of(value, limit: 80))'", id: id)
        }
        return nil
    }

    /// A header value as sent, or the UTF-8 text of a `=?base64?…?=` sentinel; nil for a
    /// sentinel that is not Base64 of UTF-8.
    static func decodeHeaderValue(_ value: String) -> String? {
        let prefix = "=?base64?", suffix = "?="
        guard value.hasPrefix(prefix), value.hasSuffix(suffix), value.utf8.count >= prefix.utf8.count + suffix.utf8.count else { return value }
        let encoded = value.utf8.dropFirst(prefix.utf8.count).dropLast(suffix.utf8.count)
        guard let bytes = Base64.decode(Array(encoded)) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }
}

/// RFC 4648 Base64 (standard alphabet, padding optional), decoding only.
enum Base64 {
    static func decode(_ text: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(text.count * 3 / 4)
        var buffer: UInt32 = 0, bits = 0
        var padding = 0
        for byte in text {
            if byte == UInt8(ascii: "=") { padding += 1; continue }
            guard padding == 0 else { return nil }
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            default: return nil
            }
            buffer = buffer << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        guard padding <= 2, bits < 6 else { return nil }
        return output
    }
}
