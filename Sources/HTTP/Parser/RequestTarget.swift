/// Parses a request-target (RFC 9112 §3.2) into a decoded path and query items.
enum RequestTarget {
    struct Parsed {
        var path: String
        var query: [QueryItem]
        /// Set when the query does not decode: the path still names a resource, so the
        /// request reaches the application (with no query items), which answers 400 with
        /// its method and path known.
        var queryError: HTTPError?
    }

    /// Accepts origin-form (`/a?b`), absolute-form (`http://host/a?b`, of which only the path
    /// and query are used) and asterisk-form (`*`, only with OPTIONS).
    static func parse(_ target: [UInt8], method: HTTPMethod) throws(HTTPError) -> Parsed {
        try target.withUnsafeBufferPointer { bytes throws(HTTPError) in
            try parse(bytes, method: method)
        }
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, method: HTTPMethod) throws(HTTPError) -> Parsed {
        guard let first = bytes.first else { throw .invalidTarget("it is empty") }
        for byte in bytes where !ASCII.isTargetByte(byte) {
            throw .invalidTarget("byte 0x\(String(byte, radix: 16)) is not allowed; percent-encode it")
        }
        if first == UInt8(ascii: "*") {
            guard bytes.count == 1 else { throw .invalidTarget("it must start with \"/\" or be an absolute URI") }
            guard method == .options else { throw .invalidTarget("\"*\" is only valid with OPTIONS") }
            return Parsed(path: "*", query: [])
        }
        var pathStart = 0
        if first != UInt8(ascii: "/") {
            guard let afterScheme = schemeEnd(bytes) else {
                throw .invalidTarget("it must start with \"/\" or be an absolute http(s) URI")
            }
            // Skip the authority; the path starts at the next "/" (or is empty, meaning "/").
            var index = afterScheme
            while index < bytes.count, bytes[index] != UInt8(ascii: "/"), bytes[index] != UInt8(ascii: "?") {
                index += 1
            }
            guard index > afterScheme else { throw .invalidTarget("the absolute URI has no host") }
            pathStart = index
        }
        var queryStart = bytes.count
        for index in pathStart..<bytes.count where bytes[index] == UInt8(ascii: "?") {
            queryStart = index
            break
        }
        // A fragment never belongs in a request-target.
        if bytes[pathStart...].contains(UInt8(ascii: "#")) {
            throw .invalidTarget("it must not contain a fragment (\"#\")")
        }
        let rawPath = UnsafeBufferPointer(rebasing: bytes[pathStart..<queryStart])
        let path = rawPath.isEmpty ? "/" : try PercentDecoding.decode(rawPath, plusIsSpace: false, part: "path", at: pathStart)
        var parsed = Parsed(path: path, query: [])
        if queryStart < bytes.count {
            do {
                parsed.query = try parseQuery(UnsafeBufferPointer(rebasing: bytes[(queryStart + 1)...]), at: queryStart + 1)
            } catch {
                parsed.queryError = error
            }
        }
        return parsed
    }

    /// Index just after `http://` or `https://` (case-insensitive), or nil.
    private static func schemeEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for scheme in ["http://", "https://"] where bytes.count >= scheme.utf8.count {
            if zip(bytes, scheme.utf8).allSatisfy({ ASCII.lowercase($0) == $1 }) {
                return scheme.utf8.count
            }
        }
        return nil
    }

    /// `a=1&b=2&flag` → [(a, 1), (b, 2), (flag, "")]; empty pairs are skipped. `base` is the
    /// query's offset in the request-target, for error messages.
    static func parseQuery(_ bytes: UnsafeBufferPointer<UInt8>, at base: Int = 0) throws(HTTPError) -> [QueryItem] {
        var items: [QueryItem] = []
        var pairStart = 0
        var index = 0
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == UInt8(ascii: "&") {
                if index > pairStart {
                    let pair = UnsafeBufferPointer(rebasing: bytes[pairStart..<index])
                    let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
                    let name = try PercentDecoding.decode(
                        UnsafeBufferPointer(rebasing: pair[pair.startIndex..<equals]), plusIsSpace: true, part: "query",
                        at: base + pairStart)
                    let value =
                        equals == pair.endIndex
                        ? ""
                        : try PercentDecoding.decode(
                            UnsafeBufferPointer(rebasing: pair[(equals + 1)...]), plusIsSpace: true, part: "query",
                            at: base + pairStart + equals + 1)
                    items.append(QueryItem(name: name, value: value))
                }
                pairStart = index + 1
            }
            index += 1
        }
        return items
    }
}

/// Percent-decoding (RFC 3986 §2.1) into UTF-8 text, strictly: a `%` must be followed by two
/// hex digits, and the result must be valid UTF-8. A path may not contain NUL (it would
/// truncate it for anything C-like downstream); a query value may — it is only data.
enum PercentDecoding {
    /// `base` is where `bytes` start in the request-target: positions in errors count from there.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, plusIsSpace: Bool, part: String, at base: Int = 0) throws(HTTPError) -> String {
        // Fast path: nothing to decode.
        if !bytes.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count,
                    let high = ASCII.hexValue(bytes[index + 1]), let low = ASCII.hexValue(bytes[index + 2])
                else {
                    let excerpt = String(decoding: bytes[index..<min(index + 3, bytes.count)], as: UTF8.self)
                    throw .invalidPercentEncoding(
                        "\"\(excerpt)\" in the \(part) at byte \(base + index) of the request target is not \"%\" followed by two hex digits")
                }
                let value = high << 4 | low
                if value == 0 && part == "path" { throw .invalidPercentEncoding("the path must not contain %00") }
                decoded.append(value)
                index += 3
            } else {
                decoded.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        guard let text = String(validating: decoded, as: UTF8.self) else {
            throw .invalidPercentEncoding("the decoded \(part) is not valid UTF-8")
        }
        return text
    }
}
