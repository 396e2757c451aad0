import Testing
@testable import LatticeHTTP

@Suite("Header fields")
struct HeaderTests {
    @Test(
        "containsToken: list elements, case, whitespace, parameters and q=0",
        arguments: [
            ("gzip", true), ("GZIP", true), (" deflate ,\tgzip ", true), ("gzip;q=0.5", true), ("gzip ; level=1", true),
            ("gzip;q=0", false), ("gzip; Q=0.000", false), ("gzipx", false), ("x-gzip", false), ("", false), (",,", false),
            ("br, gzip;q=0, gzip", true),
        ])
    func containsToken(value: String, expected: Bool) {
        let headers = HTTPHeaders([("Accept-Encoding", value)])
        #expect(headers.containsToken("gzip", in: "accept-encoding") == expected)
    }

    @Test("containsToken looks through every field with the name, and only those")
    func repeatedFields() {
        let headers = HTTPHeaders([("Connection", "keep-alive"), ("X-Other", "close"), ("connection", "Upgrade, close")])
        #expect(headers.containsToken("close", in: "Connection"))
        #expect(headers.containsToken("upgrade", in: "connection"))
        #expect(!headers.containsToken("keep-alive", in: "x-other"))
    }

    @Test("a response field is encoded once, and an unsafe one is marked so the serializer drops it")
    func responseField() {
        let field = HTTPField("ETag", "\"abc\"")
        #expect(field.isSafe && field.name == "ETag" && field.value == "\"abc\"")
        #expect(field.line == Array("ETag: \"abc\"\r\n".utf8))
        #expect(!HTTPField("X-Evil", "a\r\nSet-Cookie: owned").isSafe)
        #expect(!HTTPField("X-Nul", "a\u{0}b").isSafe)
        #expect(!HTTPField("Bad Name", "v").isSafe)
        #expect(!HTTPField("", "v").isSafe)
        #expect(HTTPField("X-Empty", "").isSafe)
    }
}

@Suite("Request line words")
struct RequestLineWordTests {
    @Test(
        "every standard method is recognised from its bytes; anything else is kept as written",
        arguments: [
            ("GET", HTTPMethod.get), ("HEAD", .head), ("POST", .post), ("PUT", .put), ("DELETE", .delete),
            ("CONNECT", .connect), ("OPTIONS", .options), ("TRACE", .trace), ("PATCH", .patch),
            ("GETS", .other("GETS")), ("PATCHY", .other("PATCHY")), ("OPTION", .other("OPTION")),
        ])
    func methods(text: String, expected: HTTPMethod) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { HTTPMethod(bytes: $0) } == expected)
    }

    @Test(
        "versions: 1.x parses, 0.9, 2.0 and 3.0 are unsupported, anything else is malformed",
        arguments: [
            ("HTTP/1.1", nil), ("HTTP/1.0", nil), ("HTTP/1.2", nil), ("HTTP/1.9", nil),
            ("HTTP/2.0", "505"), ("HTTP/0.9", "505"), ("HTTP/3.0", "505"),
            ("HTTP/1.10", "400"), ("http/1.1", "400"), ("HTTP/1.x", "400"), ("HTTP/11", "400"),
        ])
    func versions(version: String, status: String?) {
        let results = parseAll(Array("GET / \(version)\r\nHost: x\r\n\r\n".utf8), byteByByte: false)
        #expect(failure(results).map { String($0.status.code) } == status)
    }

    @Test("the target string is shared with the path only when they are the same text")
    func targetAndPath() {
        for (target, path) in [
            ("/v1/actors/japan", "/v1/actors/japan"), ("/v1/actors?kind=state", "/v1/actors"),
            ("/a%20b", "/a b"), ("/v1/actors?", "/v1/actors"), ("http://x/v1", "/v1"),
        ] {
            let request = requests(parseAll(Array("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n".utf8), byteByByte: false)).first
            #expect(request?.target == target && request?.path == path, "\(target)")
        }
    }
}

@Suite("Response serialization")
struct SerializationTests {
    @Test("decimal numbers are written as ASCII digits", arguments: [0, 7, 10, 2606, 1_000_000, Int.max, -42, Int.min])
    func decimals(value: Int) {
        var output: [UInt8] = [UInt8(ascii: "<")]
        ResponseSerializer.appendDecimal(value, to: &output)
        #expect(output == Array("<\(value)".utf8))
    }

    /// RFC 9110 §2.5: a higher minor version is processed as the highest we conform to.
    @Test("HTTP/1.2 is processed as HTTP/1.1")
    func higherMinorVersion() throws {
        var input = ByteQueue(Array("GET /a HTTP/1.2\r\nHost: x\r\n\r\n".utf8))
        var parser = RequestParser()
        guard case .request(let request) = parser.parse(&input) else {
            Issue.record("HTTP/1.2 was not parsed")
            return
        }
        #expect(request.version == .http1_1)
        #expect(request.keepAlive)
    }
}
