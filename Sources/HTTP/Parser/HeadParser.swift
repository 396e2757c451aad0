import Glibc

/// Parses one complete request head — request line and field lines, ending in the empty
/// line — and applies the message-framing rules of RFC 9112 §6.
struct HeadParser {
    let limits: HTTPLimits

    enum Framing {
        case none
        case contentLength(Int)
        case chunked
    }

    struct Head {
        var request: HTTPRequest
        var framing: Framing
        var expectsContinue: Bool
    }

    /// `bytes` runs from the request line to just past the empty line; `requestLineEnd` is
    /// the index of the LF that ends the request line.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>, requestLineEnd: Int) throws(HTTPError) -> Head {
        let line = UnsafeBufferPointer(rebasing: bytes[..<(requestLineEnd - 1)])
        let (method, targetRange, version) = try parseRequestLine(line)
        let target = UnsafeBufferPointer(rebasing: line[targetRange])

        // The field lines, copied once into storage that the request keeps.
        let fieldBytes = UnsafeBufferPointer(rebasing: bytes[(requestLineEnd + 1)..<(bytes.count - 2)])
        let storage = Array(fieldBytes)
        let fields = try storage.withUnsafeBufferPointer { bytes throws(HTTPError) in try parseFields(bytes) }
        let headers = HTTPHeaders(storage: storage, fields: fields)

        let known = headers.framingFields()
        try checkHost(headers, known, version: version)
        let framing = try framing(of: headers, known, version: version)
        var expectsContinue = false
        if known.expect > 0, let expectation = headers["expect"] {
            guard expectation.lowercased() == "100-continue" else {
                throw .expectationFailed(String(expectation.prefix(64)))
            }
            expectsContinue = version == .http1_1
        }

        let parsedTarget = try RequestTarget.parse(target, method: method)
        let keepAlive =
            switch version {
            case .http1_1: known.connection == 0 || !headers.containsToken("close", in: "connection")
            case .http1_0: known.connection > 0 && headers.containsToken("keep-alive", in: "connection")
            }
        // The usual target is its own decoded path (no query, no escapes): share one string.
        let isOwnPath =
            parsedTarget.query.isEmpty
            && parsedTarget.path.utf8.withContiguousStorageIfAvailable {
                $0.count == target.count && memcmp($0.baseAddress!, target.baseAddress!, target.count) == 0
            } == true
        let targetText = isOwnPath ? parsedTarget.path : String(decoding: target, as: UTF8.self)
        let request = HTTPRequest(
            method: method, version: version, target: targetText,
            path: parsedTarget.path, query: parsedTarget.query, queryError: parsedTarget.queryError, headers: headers,
            body: [], keepAlive: keepAlive)
        return Head(request: request, framing: framing, expectsContinue: expectsContinue)
    }

    /// `method SP request-target SP HTTP-version` (RFC 9112 §3), single spaces only.
    private func parseRequestLine(
        _ line: UnsafeBufferPointer<UInt8>
    ) throws(HTTPError) -> (HTTPMethod, Range<Int>, HTTPVersion) {
        for byte in line where byte < 0x20 || byte == 0x7F {
            if byte == ASCII.cr { throw .bareCarriageReturn }
            throw .malformedRequestLine("it contains a control character")
        }
        guard let firstSpace = line.firstIndex(of: ASCII.space),
            let lastSpace = line.lastIndex(of: ASCII.space), lastSpace > firstSpace
        else {
            throw .malformedRequestLine("expected \"METHOD target HTTP/1.1\"")
        }
        let methodBytes = UnsafeBufferPointer(rebasing: line[..<firstSpace])
        guard !methodBytes.isEmpty else { throw .malformedRequestLine("it starts with a space") }
        let isToken = ASCII.isTokenTable
        for byte in methodBytes {
            guard isToken[Int(byte)] else {
                throw .invalidMethod("it contains a character that is not allowed in a token")
            }
            if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") {
                throw .invalidMethod("methods are case-sensitive and \(String(decoding: methodBytes, as: UTF8.self).prefix(16)) is not uppercase")
            }
        }
        let targetRange = (firstSpace + 1)..<lastSpace
        if targetRange.count > limits.maxTargetLength { throw .targetTooLong(limit: limits.maxTargetLength) }
        guard !targetRange.isEmpty, !line[targetRange].contains(ASCII.space) else {
            throw .malformedRequestLine("expected single spaces between method, target and version")
        }
        let version = try parseVersion(UnsafeBufferPointer(rebasing: line[(lastSpace + 1)...]))
        return (HTTPMethod(bytes: methodBytes), targetRange, version)
    }

    /// uri-host [ ":" port ]: reg-name, IPv4 or an IP-literal in brackets.
    private static let isHostByte: [Bool] = (0..<256).map { byte in
        let c = UInt8(byte)
        return ASCII.isToken(c) && c != UInt8(ascii: "`") && c != UInt8(ascii: "^") && c != UInt8(ascii: "|")
            || c == UInt8(ascii: ":") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]")
            || c == UInt8(ascii: "(") || c == UInt8(ascii: ")") || c == UInt8(ascii: ",")
            || c == UInt8(ascii: ";") || c == UInt8(ascii: "=")
    }

    /// `HTTP/DIGIT.DIGIT`; 1.0 and 1.1 are served, 1.2–1.9 as 1.1, other versions get 505.
    private func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPError) -> HTTPVersion {
        if ASCII.equals(bytes, "HTTP/1.1") { return .http1_1 }
        if ASCII.equals(bytes, "HTTP/1.0") { return .http1_0 }
        let text = String(decoding: bytes.prefix(16), as: UTF8.self)
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard bytes.count == 8, ASCII.equals(UnsafeBufferPointer(rebasing: bytes[..<5]), "HTTP/"), isDigit(bytes[5]),
            bytes[6] == UInt8(ascii: "."), isDigit(bytes[7])
        else {
            throw .malformedVersion(text)
        }
        // RFC 9110 §2.5: a higher minor version of a major version we implement is processed
        // as the highest minor version we conform to.
        if bytes[5] == UInt8(ascii: "1") { return .http1_1 }
        throw .versionNotSupported(text)
    }

    /// Field lines `name: OWS value OWS CRLF` (RFC 9112 §5), without obs-fold.
    private func parseFields(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPError) -> [HTTPHeaders.Field] {
        var fields: [HTTPHeaders.Field] = []
        var lineStart = 0
        while lineStart < bytes.count {
            // Every line ends in CRLF (the scanner has checked that each LF follows a CR).
            var lineEnd = lineStart
            while bytes[lineEnd] != ASCII.lf { lineEnd += 1 }
            let contentEnd = lineEnd - 1
            fields.append(try parseField(bytes, lineStart, contentEnd))
            lineStart = lineEnd + 1
        }
        return fields
    }

    private func parseField(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int
    ) throws(HTTPError) -> HTTPHeaders.Field {
        if bytes[start] == ASCII.space || bytes[start] == ASCII.tab {
            throw .malformedHeader("a line starts with whitespace (obs-fold line folding is not allowed)")
        }
        var colon = start
        let isToken = ASCII.isTokenTable
        while colon < end, bytes[colon] != ASCII.colon {
            let byte = bytes[colon]
            if byte == ASCII.space || byte == ASCII.tab {
                throw .malformedHeader("whitespace between a field name and its colon is not allowed")
            }
            guard isToken[Int(byte)] else {
                if byte == ASCII.cr { throw .bareCarriageReturn }
                throw .malformedHeader("a field name contains a character that is not allowed in a token")
            }
            colon += 1
        }
        guard colon < end else { throw .malformedHeader("a line has no colon") }
        guard colon > start else { throw .malformedHeader("a field has an empty name") }
        var valueStart = colon + 1
        var valueEnd = end
        while valueStart < valueEnd, bytes[valueStart] == ASCII.space || bytes[valueStart] == ASCII.tab {
            valueStart += 1
        }
        while valueEnd > valueStart, bytes[valueEnd - 1] == ASCII.space || bytes[valueEnd - 1] == ASCII.tab {
            valueEnd -= 1
        }
        for index in valueStart..<valueEnd where !ASCII.isFieldValue(bytes[index]) {
            if bytes[index] == ASCII.cr { throw .bareCarriageReturn }
            let name = String(decoding: bytes[start..<colon].prefix(64), as: UTF8.self)
            throw .malformedHeader("the value of \(name) contains a control character")
        }
        return HTTPHeaders.Field(
            nameStart: Int32(start), nameEnd: Int32(colon), valueStart: Int32(valueStart), valueEnd: Int32(valueEnd))
    }

    /// RFC 9112 §3.2: an HTTP/1.1 request carries exactly one Host, and it must be valid.
    private func checkHost(_ headers: HTTPHeaders, _ known: HTTPHeaders.FramingFields, version: HTTPVersion) throws(HTTPError) {
        if version == .http1_1 {
            if known.host == 0 { throw .missingHost }
        }
        if known.host > 1 { throw .multipleHosts }
        guard let host = known.firstHost else { return }
        let allowed = Self.isHostByte
        guard headers.withBytes(in: host, { $0.allSatisfy { allowed[Int($0)] } }) else { throw .invalidHost }
    }

    /// RFC 9112 §6.1–§6.3, strictly: Transfer-Encoding is exactly `chunked`, Content-Length is
    /// one decimal number, and never both.
    private func framing(of headers: HTTPHeaders, _ known: HTTPHeaders.FramingFields, version: HTTPVersion) throws(HTTPError) -> Framing {
        // Most requests have no body: answer that without building strings.
        if known.transferEncoding == 0 && known.contentLength == 0 { return .none }
        let transferEncodings = headers.values(for: "transfer-encoding")
        let contentLengths = headers.values(for: "content-length")
        if !transferEncodings.isEmpty {
            if !contentLengths.isEmpty { throw .contentLengthWithTransferEncoding }
            if version == .http1_0 { throw .transferEncodingOnHTTP10 }
            let codings = transferEncodings.flatMap { $0.split(separator: ",") }.map {
                $0.trimmingSpaces().lowercased()
            }
            if codings.isEmpty { throw .invalidTransferEncoding("it is empty; the only coding accepted is chunked") }
            if let unknown = codings.first(where: { $0 != "chunked" }) {
                if unknown.isEmpty { throw .invalidTransferEncoding("it has an empty coding") }
                throw .unsupportedTransferCoding(String(unknown.prefix(32)))
            }
            guard codings.count == 1 else { throw .invalidTransferEncoding("chunked may be applied only once") }
            return .chunked
        }
        guard let text = contentLengths.first else { return .none }
        guard contentLengths.count == 1 else { throw .invalidContentLength("the header appears more than once") }
        guard !text.isEmpty, text.utf8.count <= 18,
            text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let length = Int(text)
        else {
            throw .invalidContentLength("\(text.prefix(32)) is not a single non-negative decimal number")
        }
        if length > limits.maxBodyBytes { throw .contentTooLarge(limit: limits.maxBodyBytes) }
        return length == 0 ? .none : .contentLength(length)
    }
}
