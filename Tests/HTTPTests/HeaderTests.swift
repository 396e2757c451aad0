import Testing
@testable import LatticeHTTP

@Suite("Header fields")
struct HeaderTests {
    @Test("containsToken: list elements, case, whitespace, parameters and q=0", arguments: [
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
