import Testing
@testable import LatticeHTTP

/// Feeds `bytes` to a parser whole, or one byte at a time, collecting every result.
func parseAll(_ bytes: [UInt8], byteByByte: Bool, limits: HTTPLimits = HTTPLimits()) -> [RequestParser.ParseResult] {
    var parser = RequestParser(limits: limits)
    var input = ByteQueue()
    var results: [RequestParser.ParseResult] = []
    func drain() -> Bool {
        while true {
            let result = parser.parse(&input)
            switch result {
            case .incomplete: return true
            case .request: results.append(result)
            case .failure: results.append(result); return false
            }
        }
    }
    if byteByByte {
        for byte in bytes {
            input.append(contentsOf: [byte])
            if !drain() { break }
        }
    } else {
        input.append(contentsOf: bytes)
        _ = drain()
    }
    return results
}

func requests(_ results: [RequestParser.ParseResult]) -> [HTTPRequest] {
    results.compactMap { if case .request(let r) = $0 { r } else { nil } }
}

func failure(_ results: [RequestParser.ParseResult]) -> HTTPError? {
    for case .failure(let error) in results { return error }
    return nil
}

struct ValidCase: CustomTestStringConvertible, Sendable {
    let name: String
    let raw: String
    let check: @Sendable ([HTTPRequest]) -> Bool
    var testDescription: String { name }
}

let validCases: [ValidCase] = [
    ValidCase(name: "simple GET", raw: "GET /v1/actors HTTP/1.1\r\nHost: x\r\n\r\n") {
        $0.count == 1 && $0[0].method == .get && $0[0].path == "/v1/actors" && $0[0].keepAlive && $0[0].version == .http1_1
    },
    ValidCase(name: "empty lines before the request line", raw: "\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n") {
        $0.count == 1 && $0[0].path == "/"
    },
    ValidCase(name: "HTTP/1.0 without Host closes by default", raw: "GET / HTTP/1.0\r\n\r\n") {
        $0.count == 1 && $0[0].version == .http1_0 && !$0[0].keepAlive
    },
    ValidCase(name: "HTTP/1.0 keep-alive", raw: "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") {
        $0.count == 1 && $0[0].keepAlive
    },
    ValidCase(
        name: "framing and connection fields are found whatever their case",
        raw: "POST / HTTP/1.1\r\nhOsT: x\r\nCONTENT-LENGTH: 3\r\nconnection: CLOSE\r\n\r\nabc"
    ) {
        $0.count == 1 && $0[0].body == Array("abc".utf8) && !$0[0].keepAlive
    },
    ValidCase(name: "Connection: close", raw: "GET / HTTP/1.1\r\nHost: x\r\nConnection: foo, close\r\n\r\n") {
        $0.count == 1 && !$0[0].keepAlive
    },
    ValidCase(name: "absolute-form target", raw: "GET http://example.com:8080/v1/actors?kind=state HTTP/1.1\r\nHost: example.com\r\n\r\n") {
        $0.count == 1 && $0[0].path == "/v1/actors" && $0[0].query == [QueryItem(name: "kind", value: "state")]
    },
    ValidCase(name: "absolute-form without path", raw: "GET HTTPS://example.com HTTP/1.1\r\nHost: example.com\r\n\r\n") {
        $0.count == 1 && $0[0].path == "/"
    },
    ValidCase(name: "OPTIONS *", raw: "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n") {
        $0.count == 1 && $0[0].method == .options && $0[0].path == "*"
    },
    ValidCase(name: "query decoding", raw: "GET /s?q=south+korea&kind=state%2Cperson&flag&&x= HTTP/1.1\r\nHost: x\r\n\r\n") {
        $0.count == 1
            && $0[0].query == [
                QueryItem(name: "q", value: "south korea"), QueryItem(name: "kind", value: "state,person"),
                QueryItem(name: "flag", value: ""), QueryItem(name: "x", value: ""),
            ]
    },
    ValidCase(
        name: "a query that does not decode reaches the application with its method and path",
        raw: "GET /v1/search?type=actor&q=%G1 HTTP/1.1\r\nHost: x\r\n\r\n"
    ) {
        $0.count == 1 && $0[0].path == "/v1/search" && $0[0].query.isEmpty
            && $0[0].queryError
                == .invalidPercentEncoding("\"%G1\" in the query at byte 24 of the request target is not \"%\" followed by two hex digits")
    },
    ValidCase(name: "percent-decoded UTF-8 path", raw: "GET /v1/caf%C3%A9 HTTP/1.1\r\nHost: x\r\n\r\n") {
        $0.count == 1 && $0[0].path == "/v1/café"
    },
    ValidCase(
        name: "repeated headers are kept, names case-insensitive",
        raw: "GET / HTTP/1.1\r\nHost: x\r\nAccept: a\r\naccept: b\r\nX-Empty:\r\n\r\n"
    ) {
        $0.count == 1 && $0[0].headers.values(for: "ACCEPT") == ["a", "b"] && $0[0].headers["x-empty"] == ""
            && $0[0].headers["HOST"] == "x"
    },
    ValidCase(
        name: "value whitespace trimmed, obs-text allowed",
        raw: "GET / HTTP/1.1\r\nHost: x\r\nX-Name: \t caf\u{e9} \t\r\n\r\n"
    ) {
        $0.count == 1 && $0[0].headers["x-name"] == "café"
    },
    ValidCase(name: "Content-Length body", raw: "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello") {
        $0.count == 1 && $0[0].body == Array("hello".utf8)
    },
    ValidCase(name: "Content-Length zero", raw: "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n") {
        $0.count == 1 && $0[0].body.isEmpty
    },
    ValidCase(
        name: "chunked body with extensions and trailers",
        raw: "POST /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n6 ; x\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"
    ) {
        $0.count == 1 && $0[0].body == Array("hello world".utf8)
    },
    ValidCase(
        name: "chunked, case-insensitive, uppercase hex",
        raw: "POST /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n"
    ) {
        $0.count == 1 && $0[0].body.count == 10
    },
    ValidCase(
        name: "pipelined requests, in order",
        raw: "GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhiGET /c HTTP/1.1\r\nHost: x\r\n\r\n"
    ) {
        $0.map(\.path) == ["/a", "/b", "/c"] && $0[1].body == Array("hi".utf8)
    },
    ValidCase(name: "NUL is data in a query value", raw: "GET /s?q=a%00b HTTP/1.1\r\nHost: x\r\n\r\n") {
        $0.count == 1 && $0[0].query == [QueryItem(name: "q", value: "a\u{0}b")]
    },
    ValidCase(name: "HEAD", raw: "HEAD /x HTTP/1.1\r\nHost: x\r\n\r\n") { $0.count == 1 && $0[0].method == .head },
    ValidCase(name: "an unknown but well-formed method reaches the handler", raw: "QUERY /x HTTP/1.1\r\nHost: x\r\n\r\n") {
        $0.count == 1 && $0[0].method == .other("QUERY") && !$0[0].method.isStandard
    },
    ValidCase(name: "empty Host is allowed", raw: "GET / HTTP/1.1\r\nHost:\r\n\r\n") { $0.count == 1 },
    ValidCase(name: "IPv6 Host", raw: "GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n") { $0.count == 1 },
]

struct ErrorCase: CustomTestStringConvertible, Sendable {
    let raw: String
    let expected: HTTPError
    var limits = HTTPLimits()
    var testDescription: String { "\(expected.status.code) \(expected.slug): \(raw.prefix(40).debugDescription)" }
}

let smallLimits = HTTPLimits(maxTargetLength: 64, maxHeaderBytes: 128, maxHeaderCount: 4, maxBodyBytes: 16)

let errorCases: [ErrorCase] = [
    ErrorCase(raw: "get / HTTP/1.1\r\nHost: x\r\n\r\n", expected: .invalidMethod("methods are case-sensitive and get is not uppercase")),
    ErrorCase(raw: "G(T / HTTP/1.1\r\nHost: x\r\n\r\n", expected: .invalidMethod("it contains a character that is not allowed in a token")),
    ErrorCase(
        raw: "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", expected: .malformedRequestLine("expected single spaces between method, target and version")),
    ErrorCase(raw: " GET / HTTP/1.1\r\nHost: x\r\n\r\n", expected: .malformedRequestLine("it starts with a space")),
    ErrorCase(raw: "GET /\r\nHost: x\r\n\r\n", expected: .malformedRequestLine("expected \"METHOD target HTTP/1.1\"")),
    ErrorCase(raw: "GET / HTTP/2.0\r\nHost: x\r\n\r\n", expected: .versionNotSupported("HTTP/2.0")),
    ErrorCase(raw: "GET / HTTP/3.0\r\nHost: x\r\n\r\n", expected: .versionNotSupported("HTTP/3.0")),
    ErrorCase(raw: "GET / HTTP/1.2\r\n\r\n", expected: .missingHost),  // processed as HTTP/1.1
    ErrorCase(raw: "GET / HTTP/1\r\nHost: x\r\n\r\n", expected: .malformedVersion("HTTP/1")),
    ErrorCase(raw: "GET / http/1.1\r\nHost: x\r\n\r\n", expected: .malformedVersion("http/1.1")),
    ErrorCase(raw: "GET / HTTP/1.1\r\n\r\n", expected: .missingHost),
    ErrorCase(raw: "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", expected: .multipleHosts),
    ErrorCase(raw: "GET / HTTP/1.1\r\nhost: a\r\nHOST: b\r\n\r\n", expected: .multipleHosts),
    ErrorCase(
        raw: "POST / HTTP/1.1\r\nHost: a\r\ntransfer-ENCODING: chunked\r\nContent-length: 3\r\n\r\n",
        expected: .contentLengthWithTransferEncoding),
    ErrorCase(raw: "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", expected: .invalidHost),
    ErrorCase(raw: "GET / HTTP/1.1\r\nHost : x\r\n\r\n", expected: .malformedHeader("whitespace between a field name and its colon is not allowed")),
    ErrorCase(
        raw: "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n",
        expected: .malformedHeader("a line starts with whitespace (obs-fold line folding is not allowed)")),
    ErrorCase(raw: "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u{0}b\r\n\r\n", expected: .malformedHeader("the value of X-A contains a control character")),
    ErrorCase(raw: "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u{1}b\r\n\r\n", expected: .malformedHeader("the value of X-A contains a control character")),
    ErrorCase(raw: "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n", expected: .bareCarriageReturn),
    ErrorCase(raw: "GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n", expected: .malformedHeader("a line has no colon")),
    ErrorCase(raw: "GET / HTTP/1.1\r\nHost: x\r\n: empty\r\n\r\n", expected: .malformedHeader("a field has an empty name")),
    ErrorCase(raw: "GET / HTTP/1.1\nHost: x\n\n", expected: .bareLineFeed),
    ErrorCase(raw: "GET / HTTP/1.1\r\nHost: x\n\r\n", expected: .bareLineFeed),
    ErrorCase(raw: "GET /\u{1} HTTP/1.1\r\nHost: x\r\n\r\n", expected: .malformedRequestLine("it contains a control character")),
    ErrorCase(
        raw: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
        expected: .invalidContentLength("abc is not a single non-negative decimal number")),
    ErrorCase(
        raw: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        expected: .invalidContentLength("-1 is not a single non-negative decimal number")),
    ErrorCase(
        raw: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 5\r\n\r\n",
        expected: .invalidContentLength("5, 5 is not a single non-negative decimal number")),
    ErrorCase(
        raw: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
        expected: .invalidContentLength("the header appears more than once")),
    ErrorCase(
        raw: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        expected: .invalidContentLength("99999999999999999999999 is not a single non-negative decimal number")),
    ErrorCase(
        raw: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", expected: .contentLengthWithTransferEncoding),
    ErrorCase(raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", expected: .unsupportedTransferCoding("gzip")),
    ErrorCase(
        raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n",
        expected: .invalidTransferEncoding("chunked may be applied only once")),
    ErrorCase(raw: "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", expected: .transferEncodingOnHTTP10),
    ErrorCase(
        raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        expected: .invalidChunk("a chunk-size line does not start with a hex number")),
    ErrorCase(
        raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5 x\r\n",
        expected: .invalidChunk("the chunk size is followed by something other than an extension")),
    ErrorCase(
        raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhello\r\n",
        expected: .invalidChunk("chunk data is longer than its size or not followed by CRLF")),
    ErrorCase(
        raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffff\r\n",
        expected: .invalidChunk("the chunk size overflows")),
    ErrorCase(
        raw: "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
        expected: .invalidPercentEncoding("\"%zz\" in the path at byte 1 of the request target is not \"%\" followed by two hex digits")),
    ErrorCase(
        raw: "GET /a%4 HTTP/1.1\r\nHost: x\r\n\r\n",
        expected: .invalidPercentEncoding("\"%4\" in the path at byte 2 of the request target is not \"%\" followed by two hex digits")),
    ErrorCase(
        raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\n\r\n",
        expected: .invalidTransferEncoding("it is empty; the only coding accepted is chunked")),
    ErrorCase(raw: "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", expected: .multipleHosts),
    ErrorCase(raw: "GET /a%00 HTTP/1.1\r\nHost: x\r\n\r\n", expected: .invalidPercentEncoding("the path must not contain %00")),
    ErrorCase(raw: "GET /%C3%28 HTTP/1.1\r\nHost: x\r\n\r\n", expected: .invalidPercentEncoding("the decoded path is not valid UTF-8")),
    ErrorCase(raw: "GET * HTTP/1.1\r\nHost: x\r\n\r\n", expected: .invalidTarget("\"*\" is only valid with OPTIONS")),
    ErrorCase(raw: "GET /a#b HTTP/1.1\r\nHost: x\r\n\r\n", expected: .invalidTarget("it must not contain a fragment (\"#\")")),
    ErrorCase(
        raw: "GET example.com:80 HTTP/1.1\r\nHost: x\r\n\r\n", expected: .invalidTarget("it must start with \"/\" or be an absolute http(s) URI")),
    ErrorCase(raw: "GET /caf\u{e9} HTTP/1.1\r\nHost: x\r\n\r\n", expected: .invalidTarget("byte 0xc3 is not allowed; percent-encode it")),
    ErrorCase(raw: "GET / HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\n\r\n", expected: .expectationFailed("200-ok")),
    // Limits (small ones, so the cases stay readable).
    ErrorCase(raw: "GET /\(String(repeating: "a", count: 65)) HTTP/1.1\r\nHost: x\r\n\r\n", expected: .targetTooLong(limit: 64), limits: smallLimits),
    ErrorCase(raw: "GET /\(String(repeating: "a", count: 200))", expected: .targetTooLong(limit: 64), limits: smallLimits),
    ErrorCase(
        raw: "GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 130))\r\n\r\n", expected: .headersTooLarge(limit: 128),
        limits: smallLimits),
    ErrorCase(
        raw: "GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 300))", expected: .headersTooLarge(limit: 128), limits: smallLimits),
    ErrorCase(raw: "GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", expected: .tooManyHeaders(limit: 4), limits: smallLimits),
    ErrorCase(raw: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\n\r\n", expected: .contentTooLarge(limit: 16), limits: smallLimits),
    ErrorCase(
        raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n9\r\n123456789\r\n9\r\n123456789\r\n",
        expected: .contentTooLarge(limit: 16), limits: smallLimits),
    ErrorCase(
        raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: \(String(repeating: "t", count: 200))\r\n\r\n",
        expected: .headersTooLarge(limit: 128), limits: smallLimits),
]

@Suite("Request parser")
struct ParserTests {
    @Test("valid requests, whole and byte by byte", arguments: validCases, [false, true])
    func valid(_ testCase: ValidCase, byteByByte: Bool) {
        let results = parseAll(Array(testCase.raw.utf8), byteByByte: byteByByte)
        #expect(failure(results) == nil)
        #expect(testCase.check(requests(results)), "\(testCase.name)")
    }

    @Test("malformed and oversized requests, whole and byte by byte", arguments: errorCases, [false, true])
    func invalid(_ testCase: ErrorCase, byteByByte: Bool) {
        let results = parseAll(Array(testCase.raw.utf8), byteByByte: byteByByte, limits: testCase.limits)
        #expect(failure(results) == testCase.expected)
    }

    @Test("every error names its status once")
    func statuses() {
        #expect(HTTPError.bareLineFeed.status.code == 400)
        #expect(HTTPError.targetTooLong(limit: 1).status.code == 414)
        #expect(HTTPError.tooManyHeaders(limit: 1).status.code == 431)
        #expect(HTTPError.headersTooLarge(limit: 1).status.code == 431)
        #expect(HTTPError.contentTooLarge(limit: 1).status.code == 413)
        #expect(HTTPError.unsupportedTransferCoding("x").status.code == 501)
        #expect(HTTPError.versionNotSupported("HTTP/2.0").status.code == 505)
        #expect(HTTPError.requestTimeout.status.code == 408)
        #expect(HTTPError.expectationFailed("x").status.code == 417)
    }

    @Test("Expect: 100-continue is owed until the body arrives")
    func expectContinue() {
        var parser = RequestParser()
        var input = ByteQueue(Array("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8))
        guard case .incomplete = parser.parse(&input) else { Issue.record("expected incomplete"); return }
        let first = parser.takeContinue()
        let second = parser.takeContinue()
        #expect(first)
        #expect(!second)
        #expect(parser.isMidRequest)
        input.append(contentsOf: Array("abc".utf8))
        guard case .request(let request) = parser.parse(&input) else { Issue.record("expected a request"); return }
        #expect(request.body == Array("abc".utf8))
    }

    @Test("no continue is owed when the body came with the head")
    func expectContinueWithBody() {
        var parser = RequestParser()
        var input = ByteQueue(Array("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc".utf8))
        guard case .request = parser.parse(&input) else { Issue.record("expected a request"); return }
        let owed = parser.takeContinue()
        #expect(!owed)
    }

    @Test("the default limits are the documented ones")
    func defaultLimits() {
        let limits = HTTPLimits()
        #expect(limits.maxTargetLength == 8192)
        #expect(limits.maxHeaderBytes == 16384)
        #expect(limits.maxHeaderCount == 100)
        #expect(limits.maxBodyBytes == 1_048_576)
        let target = String(repeating: "a", count: 8191)
        #expect(failure(parseAll(Array("GET /\(target) HTTP/1.1\r\nHost: x\r\n\r\n".utf8), byteByByte: false)) == nil)
        #expect(
            failure(parseAll(Array("GET /\(target)a HTTP/1.1\r\nHost: x\r\n\r\n".utf8), byteByByte: false))
                == .targetTooLong(limit: 8192))
        let hundred = (0..<99).map { "X-\($0): v\r\n" }.joined()
        #expect(failure(parseAll(Array("GET / HTTP/1.1\r\nHost: x\r\n\(hundred)\r\n".utf8), byteByByte: false)) == nil)
        #expect(
            failure(parseAll(Array("GET / HTTP/1.1\r\nHost: x\r\n\(hundred)X-Last: v\r\n\r\n".utf8), byteByByte: false))
                == .tooManyHeaders(limit: 100))
    }

    /// The connection's state machine takes requests through `advance`/`takeRequest`: a
    /// request waits in the parser until taken, and parsing then resumes where `parse` would
    /// have, discarding a body nobody wanted before the next request.
    @Test("advance holds a request until it is taken, then resumes as parse would")
    func advanceAndTake() {
        var parser = RequestParser()
        var input = ByteQueue(Array("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcHEAD /b HTTP/1.0\r\n\r\n".utf8))
        guard case .requestReady(isHead: false, version: .http1_1, keepAlive: true) = parser.advance(&input, wantsBody: { _ in false })
        else { Issue.record("the POST should be ready"); return }
        let post = parser.takeRequest()
        #expect(post.path == "/a" && post.body.isEmpty)
        #expect(!parser.isMidRequest, "its unwanted body was discarded before it was handed over")
        guard case .requestReady(isHead: true, version: .http1_0, keepAlive: false) = parser.advance(&input)
        else { Issue.record("the HEAD should be ready after the discarded body"); return }
        // Not taken: parse hands it over instead.
        guard case .request(let head) = parser.parse(&input) else { Issue.record("parse should return the waiting HEAD"); return }
        #expect(head.path == "/b")
        guard case .incomplete = parser.advance(&input) else { Issue.record("nothing more"); return }
    }

    /// A request whose body nobody wants is handed over only once its body has ended: a
    /// body that then fails is answered by that request's only response.
    @Test("an unwanted body is discarded before its request is handed over, and its failure is the request's answer")
    func unwantedBodyBeforeRequest() {
        var parser = RequestParser()
        var input = ByteQueue(Array("GET /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab".utf8))
        guard case .incomplete = parser.advance(&input, wantsBody: { _ in false })
        else { Issue.record("the GET must wait for its body"); return }
        #expect(parser.isMidRequest)
        input.append(contentsOf: Array("cde".utf8))
        guard case .requestReady = parser.advance(&input, wantsBody: { _ in false })
        else { Issue.record("the GET is ready once its body ended"); return }
        #expect(parser.takeRequest().body.isEmpty)

        for bad in ["FFFFFFFFFFFFFFFFFFFF\r\n", "zz\r\n", "100001\r\n"] {
            var parser = RequestParser()
            var input = ByteQueue(Array("GET /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\(bad)".utf8))
            guard case .failure(let error) = parser.advance(&input, wantsBody: { _ in false })
            else { Issue.record("chunk size \(bad) must fail before any request is handed over"); continue }
            #expect(error.status == .badRequest || error.status == .contentTooLarge, "\(bad)")
            #expect(parser.requestInProgress?.path == "/a", "the failed request is named in its error response")
        }
    }
}
