@testable import LatticeHTTP
import Testing

/// The connection's protocol, driven directly: each row is a script of what the client, the
/// clock and the server's shutdown do, with the exact bytes the server must write after each
/// step. No socket, no thread, no sleep: ``FakePeer`` performs the machine's actions and the
/// clock moves only when a row says so (timeouts: header 10 s, body 20 s, idle 60 s, write
/// 30 s, linger 2 s, drain window 1 s). Socket-level tests (ServerTests, LifecycleTests,
/// EdgeTriggerTests) prove that the shell performs the same actions on a real socket.
@Suite("Connection state machine")
struct ConnectionMachineTests {
    enum Step: Sendable {
        /// The connection is accepted with these bytes already waiting.
        case accept(String)
        /// The client sends bytes (one readiness event).
        case send(String)
        /// The client sends these bytes one per packet (an event each).
        case sendEach(String)
        /// The client sends its last bytes and its FIN, reported in one event.
        case sendWithFIN(String)
        /// The client half-closes.
        case fin
        /// The client reads this many bytes (nil: everything, from now on).
        case clientReads(Int?)
        /// The clock reaches this many seconds; the worker's timer checks deadlines.
        case clock(Double)
        /// The server begins its shutdown.
        case drain
        /// The server ends keep-alive (`drain_delay`): responses from now on close.
        case serverDraining
        case failNextRead, failNextWrite
        /// Exactly these bytes were written since the last `output` step.
        case output(String)
        case state(FakePeer.State)
        case halfClosed(Bool)
        /// Every request the handler has seen, as `METHOD path body-length`.
        case requests([String])
    }

    struct Script: CustomTestStringConvertible, Sendable {
        let name: String
        var readSize = 64 * 1024
        var wantsBody = true
        /// The client's receive window at the start (nil: unlimited).
        var window: Int?
        let steps: [Step]
        var testDescription: String { name }
    }

    // MARK: Literal responses (the handler answers the path without its slash)

    static func ok(_ body: String, close: Bool = false, keepAlive10: Bool = false) -> String {
        "HTTP/1.1 200 OK\r\nDate: D\r\nContent-Length: \(body.utf8.count)\r\n"
            + (close ? "Connection: close\r\n" : "") + (keepAlive10 ? "Connection: keep-alive\r\n" : "") + "\r\n\(body)"
    }

    static func error(_ status: String, _ slug: String) -> String {
        "HTTP/1.1 \(status)\r\nDate: D\r\nContent-Length: \(slug.utf8.count)\r\nConnection: close\r\n\r\n\(slug)"
    }

    static let getA = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
    static let getB = "GET /b HTTP/1.1\r\nHost: x\r\n\r\n"
    static let timeout408 = error("408 Request Timeout", "request-timeout")

    // MARK: Timeouts

    static let timeouts: [Script] = [
        Script(name: "slow header: 408 ten seconds after its first byte, then a lingering close", steps: [
            .accept(""), .clock(5), .send("GET / HTTP/1.1\r\nHost: x\r\n"),
            .clock(14.9), .output(""), .state(.waiting(writable: false)),
            .clock(15.1), .output(timeout408), .halfClosed(true), .state(.waiting(writable: false)),
            .clock(17), .state(.waiting(writable: false)),
            .clock(17.2), .state(.closed),
        ]),
        Script(name: "a trickled head is still on the clock of its first byte (slowloris)", steps: [
            .accept(""), .send("GET / HTTP/1.1\r\n"), .clock(4), .send("X-A: 1\r\n"), .clock(8), .send("X-B: 1\r\n"),
            .clock(10.1), .output(timeout408), .halfClosed(true),
        ]),
        Script(name: "a connection that never sends a byte is closed silently at the header timeout", steps: [
            .accept(""), .clock(9.9), .state(.waiting(writable: false)),
            .clock(10.1), .state(.closed), .output(""), .halfClosed(false),
        ]),
        Script(name: "idle keep-alive: closed silently sixty seconds after the last response", steps: [
            .accept(getA), .output(ok("a")), .clock(59.9), .state(.waiting(writable: false)),
            .clock(60.1), .state(.closed), .output(""),
        ]),
        Script(name: "idle clock restarts with each response", steps: [
            .accept(getA), .clock(50), .send(getB), .output(ok("a") + ok("b")),
            .clock(100), .state(.waiting(writable: false)), .clock(110.1), .state(.closed),
        ]),
        Script(name: "slow body: 408 twenty seconds after the head; the rest is read and dropped", steps: [
            .accept("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"),
            .clock(19.9), .output(""), .clock(20.1), .output(timeout408), .halfClosed(true),
            .send("defghij"), .output(""), .fin, .state(.closed), .requests([]),
        ]),
        Script(name: "write timeout: a client that reads nothing for thirty seconds is dropped", window: 0, steps: [
            .accept("GET /big/100 HTTP/1.1\r\nHost: x\r\n\r\n"), .state(.waiting(writable: true)),
            .clock(29.9), .state(.waiting(writable: true)), .clock(30.1), .state(.closed),
        ]),
        Script(name: "progress restarts the write clock", window: 0, steps: [
            .accept("GET /big/100 HTTP/1.1\r\nHost: x\r\n\r\n"), .clock(20), .clientReads(10),
            .output("HTTP/1.1 2"), .clock(49.9), .state(.waiting(writable: true)), .clock(50.1), .state(.closed),
        ]),
        Script(name: "lingering ends at the client's FIN", steps: [
            .accept("GET / HTTP/2.0\r\nHost: x\r\n\r\n"),
            .output(error("505 HTTP Version Not Supported", "version-not-supported")), .halfClosed(true),
            .state(.waiting(writable: false)), .fin, .state(.closed),
        ]),
        Script(name: "lingering ends at its deadline while the client keeps sending", steps: [
            .accept("get / HTTP/1.1\r\n\r\n"), .output(error("400 Bad Request", "invalid-method")),
            .clock(1), .send(getA), .clock(1.9), .send(getB), .output(""), .state(.waiting(writable: false)),
            .clock(2.1), .state(.closed), .requests([]),
        ]),
    ]

    // MARK: Shutdown

    static let shutdown: [Script] = [
        Script(name: "an idle connection gets a drain window, then a half-close, then waits for the FIN", steps: [
            .accept(getA), .output(ok("a")), .drain, .state(.waiting(writable: false)), .halfClosed(false),
            .clock(0.9), .halfClosed(false), .clock(1.1), .halfClosed(true), .state(.waiting(writable: false)),
            .fin, .state(.closed), .output(""),
        ]),
        Script(name: "a half-closed idle connection closes at the drain deadline without a FIN", steps: [
            .accept(getA), .drain, .clock(1.1), .halfClosed(true), .clock(2.0), .state(.waiting(writable: false)),
            .clock(2.2), .state(.closed),
        ]),
        Script(name: "a request on the wire when shutdown begins is answered with Connection: close", steps: [
            .accept(getA), .output(ok("a")), .serverDraining, .drain, .clock(0.5), .send(getB),
            .output(ok("b", close: true)), .state(.closed), .halfClosed(false),
        ]),
        Script(name: "a request already read when shutdown begins is answered", steps: [
            .accept("GET /a HTTP/1.1\r\nHost: x\r\n"), .serverDraining, .drain, .send("\r\n"),
            .output(ok("a", close: true)), .state(.closed),
        ]),
        Script(name: "a connection whose response is blocked finishes it, then gets its drain window", window: 0, steps: [
            .accept("GET /big/3 HTTP/1.1\r\nHost: x\r\n\r\n"), .drain, .state(.waiting(writable: true)),
            .clientReads(nil), .output(ok("xxx")), .state(.waiting(writable: false)),
            .clock(1.1), .halfClosed(true), .fin, .state(.closed),
        ]),
        Script(name: "drain_delay: every response closes its connection", steps: [
            .serverDraining, .accept(getA + getB), .output(ok("a", close: true)), .halfClosed(true),
            .requests(["GET /a 0"]), .fin, .state(.closed),
        ]),
    ]

    // MARK: Pipelining and back-pressure

    static let pipelining: [Script] = [
        Script(name: "pipelined requests in one read are answered in order, in one flush", steps: [
            .accept(getA + getB), .output(ok("a") + ok("b")), .requests(["GET /a 0", "GET /b 0"]),
        ]),
        Script(name: "requests pipelined behind a blocked response are answered once it drains", window: 0, steps: [
            .accept("GET /big/5 HTTP/1.1\r\nHost: x\r\n\r\n"), .state(.waiting(writable: true)),
            .send(getA), .send(getB), .output(""), .requests(["GET /big/5 0"]),
            .clientReads(20), .output("HTTP/1.1 200 OK\r\nDat"), .state(.waiting(writable: true)),
            .clientReads(nil), .output("e: D\r\nContent-Length: 5\r\n\r\nxxxxx" + ok("a") + ok("b")),
            .state(.waiting(writable: false)),
        ]),
        Script(name: "a request split around a blocked response is completed after it", window: 0, steps: [
            .accept("GET /big/2 HTTP/1.1\r\nHost: x\r\n\r\nGET /a HT"), .send("TP/1.1\r\nHost: x\r\n\r\n"),
            .clientReads(nil), .output(ok("xx") + ok("a")),
        ]),
        Script(name: "output over the high-water mark is flushed before more pipelined requests are answered", window: 0, steps: [
            .accept(String(repeating: "GET /big/5000 HTTP/1.1\r\nHost: x\r\n\r\n", count: 3)),
            .requests(["GET /big/5000 0", "GET /big/5000 0"]),
            .clientReads(nil), .requests(["GET /big/5000 0", "GET /big/5000 0", "GET /big/5000 0"]),
            .state(.waiting(writable: false)),
        ]),
        Script(name: "a stream is pulled one chunk at a time as the client reads", window: 0, steps: [
            .accept("GET /stream/3 HTTP/1.1\r\nHost: x\r\n\r\n"), .state(.waiting(writable: true)),
            .clientReads(nil),
            .output("HTTP/1.1 200 OK\r\nDate: D\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n1\r\n1\r\n2\r\n1\r\n3\r\n0\r\n\r\n"),
            .state(.waiting(writable: false)),
        ]),
        Script(name: "requests pipelined behind a stream are answered after it", steps: [
            .accept("GET /stream/1 HTTP/1.1\r\nHost: x\r\n\r\n" + getA),
            .output("HTTP/1.1 200 OK\r\nDate: D\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n1\r\n0\r\n\r\n" + ok("a")),
        ]),
        Script(name: "HTTP/1.0 gets a stream until close", steps: [
            .accept("GET /stream/2 HTTP/1.0\r\n\r\n"),
            .output("HTTP/1.1 200 OK\r\nDate: D\r\nConnection: close\r\n\r\n12"), .state(.closed),
        ]),
    ]

    // MARK: Reading (the edge-triggered traps) and half-close

    static let reading: [Script] = [
        Script(name: "a request larger than one read is read to its end on one event", readSize: 16, steps: [
            .accept("GET /a HTTP/1.1\r\nHost: x\r\nX-Padding: \(String(repeating: "p", count: 100))\r\n\r\n"),
            .output(ok("a")), .state(.waiting(writable: false)),
        ]),
        Script(name: "a head and a body arriving one byte per packet", steps: [
            .accept(""), .sendEach("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"),
            .output(ok("got 5")), .requests(["POST /p 5"]),
        ]),
        Script(name: "a chunked body in small packets, then a second request", steps: [
            .accept("POST /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"),
            .sendEach("3\r\nabc\r\n"), .send("0\r\n\r\n" + getA), .output(ok("got 3") + ok("a")),
        ]),
        Script(name: "the last bytes and the FIN in one event are answered, then closed", steps: [
            .accept(""), .sendWithFIN(getA), .output(ok("a")), .state(.closed), .halfClosed(false),
        ]),
        Script(name: "a FIN on an idle connection closes it", steps: [
            .accept(getA), .output(ok("a")), .fin, .state(.closed),
        ]),
        Script(name: "a FIN in the middle of a head closes silently", steps: [
            .accept("GET / HT"), .fin, .output(""), .state(.closed),
        ]),
        Script(name: "a FIN while a response is blocked: the response is finished, then the connection closes", window: 0, steps: [
            .accept("GET /big/4 HTTP/1.1\r\nHost: x\r\n\r\n"), .fin, .state(.waiting(writable: true)),
            .clientReads(nil), .output(ok("xxxx")), .state(.closed),
        ]),
        Script(name: "a request and a FIN behind a blocked response are answered, then closed", window: 0, steps: [
            .accept("GET /big/1 HTTP/1.1\r\nHost: x\r\n\r\n"), .sendWithFIN(getA), .output(""),
            .clientReads(nil), .output(ok("x") + ok("a")), .state(.closed),
        ]),
        Script(name: "a read error closes the connection", steps: [
            .accept(getA), .failNextRead, .send(getB), .state(.closed), .requests(["GET /a 0"]),
        ]),
        Script(name: "a write error closes the connection", steps: [
            .accept(""), .failNextWrite, .send(getA), .state(.closed), .output(""),
        ]),
    ]

    // MARK: Expect, HEAD, and connections that end after a response

    static let responses: [Script] = [
        Script(name: "Expect: 100-continue with the body still to come gets 100 Continue, then the response", steps: [
            .accept("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n"),
            .output("HTTP/1.1 100 Continue\r\n\r\n"), .send("abc"), .output(ok("got 3")),
        ]),
        Script(name: "Expect: 100-continue with the body already sent gets no 100", steps: [
            .accept("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\nabc"),
            .output(ok("got 3")),
        ]),
        Script(name: "Expect: 100-continue to a handler that takes no body: answered at once, then closed", wantsBody: false, steps: [
            .accept("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n"),
            .output(ok("p", close: true)), .halfClosed(true), .send("abc"), .output(""), .fin, .state(.closed),
        ]),
        Script(name: "a body nobody wants is read and dropped, then its request and the next are answered", wantsBody: false, steps: [
            .accept("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n"), .output(""),
            .send("ab"), .output(""), .send("c" + getA), .output(ok("p") + ok("a")), .requests(["POST /p 0", "GET /a 0"]),
        ]),
        Script(name: "HEAD gets GET's head and no body", steps: [
            .accept("HEAD /abc HTTP/1.1\r\nHost: x\r\n\r\n"), .output("HTTP/1.1 200 OK\r\nDate: D\r\nContent-Length: 3\r\n\r\n"),
        ]),
        Script(name: "Connection: close is echoed and the connection closes at once", steps: [
            .accept("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), .output(ok("a", close: true)),
            .state(.closed), .halfClosed(false),
        ]),
        Script(name: "Connection: close with a request behind it lingers instead of resetting", steps: [
            .accept("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" + getB), .output(ok("a", close: true)),
            .halfClosed(true), .requests(["GET /a 0"]), .fin, .state(.closed),
        ]),
        Script(name: "HTTP/1.0 closes by default", steps: [
            .accept("GET /a HTTP/1.0\r\n\r\n"), .output(ok("a", close: true)), .state(.closed),
        ]),
        Script(name: "HTTP/1.0 with keep-alive stays open", steps: [
            .accept("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"), .output(ok("a", keepAlive10: true)),
            .state(.waiting(writable: false)),
        ]),
        Script(name: "HTTP/1.2 is answered as HTTP/1.1", steps: [
            .accept("GET /a HTTP/1.2\r\nHost: x\r\n\r\n"), .output(ok("a")), .state(.waiting(writable: false)),
        ]),
    ]

    @Test("timeouts", arguments: timeouts) func timeoutScripts(_ script: Script) { Self.play(script) }
    @Test("shutdown", arguments: shutdown) func shutdownScripts(_ script: Script) { Self.play(script) }
    @Test("pipelining and back-pressure", arguments: pipelining) func pipeliningScripts(_ script: Script) { Self.play(script) }
    @Test("reading and half-close", arguments: reading) func readingScripts(_ script: Script) { Self.play(script) }
    @Test("responses that end or keep the connection", arguments: responses) func responseScripts(_ script: Script) { Self.play(script) }

    // MARK: Every error status

    /// Each error the HTTP layer detects is answered with its status and `Connection: close`,
    /// then the connection half-closes and lingers until the client's FIN.
    @Test("errors answer with their status, then linger until the FIN", arguments: [
        ("get / HTTP/1.1\r\nHost: x\r\n\r\n", "400 Bad Request", "invalid-method"),
        ("GET / HTTP/1.1\r\n\r\n", "400 Bad Request", "missing-host"),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "400 Bad Request", "multiple-hosts"),
        ("GET / HTTP/1.1\nHost: x\n\n", "400 Bad Request", "bare-line-feed"),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: x\r\n\r\n", "400 Bad Request", "invalid-content-length"),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nnope\r\n", "400 Bad Request", "invalid-chunk"),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n", "413 Content Too Large", "content-too-large"),
        ("GET /\(String(repeating: "a", count: 9000)) HTTP/1.1\r\nHost: x\r\n\r\n", "414 URI Too Long", "target-too-long"),
        ("GET / HTTP/1.1\r\nHost: x\r\nExpect: nothing\r\n\r\n", "417 Expectation Failed", "expectation-failed"),
        ("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 17000))\r\n\r\n",
         "431 Request Header Fields Too Large", "headers-too-large"),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", "501 Not Implemented", "unsupported-transfer-coding"),
        ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", "505 HTTP Version Not Supported", "version-not-supported"),
    ])
    func errors(raw: String, status: String, slug: String) {
        Self.play(Script(name: status, steps: [
            .accept(raw + Self.getA), .output(Self.error(status, slug)), .halfClosed(true), .requests([]),
            .state(.waiting(writable: false)), .send(Self.getB), .output(""), .fin, .state(.closed),
        ]))
    }

    /// A request whose body nobody wants gets one response, after its body: when the body
    /// turns out malformed, too large or too slow, that response is the error, and nothing
    /// follows it (a second response would answer the client's, or a proxy's, next request).
    @Test("an unwanted body that fails gets its request's only response", arguments: [
        ("GET", "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n", nil,
         "400 Bad Request", "invalid-chunk"),
        ("DELETE", "Transfer-Encoding: chunked\r\n\r\nzz\r\n", nil, "400 Bad Request", "invalid-chunk"),
        ("OPTIONS", "Transfer-Encoding: chunked\r\n\r\n80000\r\n\(String(repeating: "b", count: 0x80000))\r\n80001\r\n", nil,
         "413 Content Too Large", "content-too-large"),
        ("POST", "Content-Length: 10\r\n\r\nabc", 20.1, "408 Request Timeout", "request-timeout"),
        ("HEAD", "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n", nil, "400 Bad Request", ""),
    ] as [(String, String, Double?, String, String)])
    func unwantedBodyFails(method: String, rest: String, clock: Double?, status: String, slug: String) {
        let body = method == "HEAD" ? "" : slug
        let expected = "HTTP/1.1 \(status)\r\nDate: D\r\nContent-Length: \(method == "HEAD" ? "invalid-chunk".utf8.count : slug.utf8.count)\r\n"
            + "Connection: close\r\n\r\n\(body)"
        var steps: [Step] = [.accept("\(method) /a HTTP/1.1\r\nHost: x\r\n\(rest)")]
        if let clock { steps += [.output(""), .clock(clock)] }
        steps += [.output(expected), .requests([]), .halfClosed(true), .send(Self.getB), .output(""), .fin, .state(.closed)]
        Self.play(Script(name: "\(method) \(status)", wantsBody: false, steps: steps))
    }

    /// RFC 9110 §9.3.2: a response to HEAD has no body, an error found while parsing its
    /// head included (the head is still buffered then, so the method is known).
    @Test("errors in a HEAD request's head are answered without a body", arguments: [
        ("HEAD * HTTP/1.1\r\nHost: x\r\n\r\n", "400 Bad Request"),
        ("HEAD /%zz HTTP/1.1\r\nHost: x\r\n\r\n", "400 Bad Request"),
        ("HEAD / HTTP/1.1\r\n\r\n", "400 Bad Request"),
        ("HEAD /\(String(repeating: "a", count: 9000)) HTTP/1.1\r\nHost: x\r\n\r\n", "414 URI Too Long"),
        ("HEAD / HTTP/1.1\r\nHost: x\r\nExpect: nothing\r\n\r\n", "417 Expectation Failed"),
        ("HEAD / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 17000))\r\n\r\n",
         "431 Request Header Fields Too Large"),
        ("HEAD / HTTP/2.0\r\nHost: x\r\n\r\n", "505 HTTP Version Not Supported"),
        ("HEAD / HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n", "413 Content Too Large"),
    ])
    func headErrorsHaveNoBody(raw: String, status: String) {
        var peer = FakePeer()
        peer.accept(raw)
        let output = peer.output()
        #expect(output.hasPrefix("HTTP/1.1 \(status)\r\n"), "\(output.prefix(60))")
        #expect(output.hasSuffix("Connection: close\r\n\r\n"), "no body after the head: \(output.suffix(40))")
    }

    /// A client that pipelines without reading its answers holds at most the input bound
    /// and the output high-water mark (plus one response) of the server's memory: reading
    /// stops, and the rest waits in the kernel, until the client reads.
    @Test("a client that sends without reading holds bounded input and output")
    func boundedBuffers() {
        let count = 20_000
        var peer = FakePeer(window: 0)
        peer.accept(String(repeating: Self.getA, count: count))
        let held = peer.machine.heldBufferBytes
        #expect(held <= 4 * (ConnectionTuning.bufferedInputBytes + ConnectionTuning.outputHighWater), "held \(held) bytes")
        #expect(peer.unread > count * Self.getA.utf8.count / 2, "reading stopped while the answers wait")
        #expect(peer.requests.count < count / 10)
        peer.clientReads(nil)
        #expect(peer.requests.count == count, "every request is answered once the client reads")
        #expect(peer.output() == String(repeating: Self.ok("a"), count: count))
        #expect(peer.state == .waiting(writable: false))
    }

    /// A connection that used up its worker's turn waits with bytes unread, and is resumed by
    /// the worker (no read event comes for them); resumed as often as needed, it answers
    /// everything. The same while lingering after an error: the client's bytes are drained.
    @Test("a connection that yields its turn is resumed and answers everything")
    func yieldsAndResumes() {
        let count = 3_000
        var peer = FakePeer(readSize: 4096, readsPerTurn: 2)
        peer.accept(String(repeating: Self.getA, count: count))
        #expect(peer.yielded && peer.unread > 0, "two reads, then the turn ends")
        var turns = 1
        while peer.yielded && turns < 1_000 {
            peer.resume()
            turns += 1
        }
        #expect(peer.requests.count == count)
        #expect(peer.output() == String(repeating: Self.ok("a"), count: count))
        #expect(turns > 10, "\(turns) turns")
        #expect(peer.state == .waiting(writable: false))

        // Yielding between responses: one read of 400 requests answers 7 per turn.
        var answering = FakePeer(responsesPerTurn: 7)
        answering.accept(String(repeating: Self.getA, count: 400))
        #expect(answering.yielded && answering.requests.count == 7)
        while answering.yielded { answering.resume() }
        #expect(answering.requests.count == 400)
        #expect(answering.output() == String(repeating: Self.ok("a"), count: 400))

        var lingering = FakePeer(readSize: 100, readsPerTurn: 2)
        lingering.accept("get / HTTP/1.1\r\n\r\n")
        #expect(lingering.halfClosed)
        lingering.send(String(repeating: "x", count: 1_000))
        #expect(lingering.yielded)
        while lingering.yielded { lingering.resume() }
        #expect(lingering.unread == 0, "the lingering close drained what the client sent")
        lingering.sendFIN()
        #expect(lingering.state == .closed)
    }

    /// An idle connection's cost is its `Connection` object, which glibc's malloc serves
    /// from its 288-byte size class while it takes at most 280 bytes (10,000 idle
    /// connections: 3.8 MB). A field added to the machine must fit in what is left.
    @Test("the connection machine's layout keeps an idle connection in malloc's 288-byte class")
    func machineLayout() {
        // Connection's fields: the object header and `worker` (24 bytes), the machine, three
        // one-byte flags, then the four-byte descriptor at the next multiple of four.
        let flagsEnd = 24 + MemoryLayout<ConnectionMachine>.size + 3
        let connectionBytes = (flagsEnd + 3) / 4 * 4 + 4
        #expect(connectionBytes <= 280, "Connection: \(connectionBytes) bytes, machine \(MemoryLayout<ConnectionMachine>.size)")
    }

    /// A head larger than the input bound (but within the limits) is still read and answered.
    @Test("a head larger than the input bound is read to its end")
    func largeHead() {
        // A 6,000-byte target and a 12,000-byte header section: within both limits, over the bound.
        let query = String(repeating: "q", count: 6000), header = String(repeating: "p", count: 12_000)
        #expect(query.utf8.count + header.utf8.count > ConnectionTuning.bufferedInputBytes)
        var peer = FakePeer(readSize: 5000)
        peer.accept("GET /a?\(query) HTTP/1.1\r\nHost: x\r\nX-A: \(header)\r\n\r\n" + Self.getB)
        #expect(peer.output() == Self.ok("a") + Self.ok("b"))
        #expect(peer.state == .waiting(writable: false))
    }

    /// An aborted stream ends its connection without the chunked body's end, so the client
    /// sees that the body is incomplete.
    @Test("an aborted stream closes its connection without the last chunk")
    func abortedStream() {
        var sent = 0
        var peer = FakePeer(handler: { _ in
            HTTPResponse(status: .ok, body: .stream(HTTPBodyStream(steps: {
                sent += 1
                return sent <= 2 ? .chunk(Array("\(sent)".utf8)) : .abort
            })))
        })
        peer.accept(Self.getA + Self.getB)
        #expect(peer.output() == "HTTP/1.1 200 OK\r\nDate: D\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n1\r\n1\r\n2\r\n")
        #expect(peer.state == .closed)
        #expect(peer.requests.count == 1, "nothing after it is answered")
    }

    @Test("a 408 on a HEAD request has no body")
    func headTimeout() {
        Self.play(Script(name: "HEAD 408", steps: [
            .accept("HEAD / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab"), .clock(20.1),
            .output("HTTP/1.1 408 Request Timeout\r\nDate: D\r\nContent-Length: 15\r\nConnection: close\r\n\r\n"),
        ]))
    }

    /// The costs the machine exists to keep low: a request that arrives with its connection
    /// is answered after one read (no second read for EAGAIN), and registering waits until
    /// then; a keep-alive request costs one read.
    @Test("a request answered on the first read costs one read, a keep-alive one one more")
    func readsPerRequest() {
        var peer = FakePeer()
        peer.accept(Self.getA)
        #expect(peer.reads == 1)
        #expect(peer.output() == Self.ok("a"))
        peer.send(Self.getB)
        #expect(peer.reads == 2)
        #expect(peer.output() == Self.ok("b"))
        #expect(peer.machine.heldBufferBytes == 0, "an idle connection gives its buffers back")
        peer.send("GET /c HT")
        #expect(peer.machine.heldBufferBytes > 0, "half a request stays with its connection")
    }

    /// The same pipelined conversation, cut into packets at random places and read by a
    /// client with a random, often empty, window, must produce exactly the bytes it produces
    /// in one piece: whatever the schedule, no request is lost, reordered or stalled (the
    /// peer checks the stall at every wait). Seeded, so a failure names its schedule.
    @Test("any packet boundaries and any client window give the same bytes", arguments: 0..<200)
    func randomSchedules(seed: UInt64) {
        let conversation = Array((
            Self.getA
            + "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
            + "GET /stream/3 HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /q HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n"
            + "GET /big/70000 HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /r HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nxyz"
            + Self.getB
        ).utf8)
        var reference = FakePeer()
        reference.accept(String(decoding: conversation, as: UTF8.self))
        let expected = reference.output()
        #expect(expected.hasSuffix(Self.ok("b")))

        var random = SplitMix64(seed: seed)
        var peer = FakePeer(readSize: 1 + Int(random.next() % 4096), window: 0)
        peer.accept()
        var sent = 0
        while sent < conversation.count {
            let packet = min(conversation.count - sent, 1 + Int(random.next() % 300))
            peer.send(Array(conversation[sent..<(sent + packet)]))
            sent += packet
            if random.next() % 3 == 0 { peer.clientReads(Int(random.next() % 20_000)) }
        }
        peer.clientReads(nil)
        #expect(peer.output() == expected, "seed \(seed)")
        #expect(peer.state == .waiting(writable: false), "seed \(seed)")
        #expect(peer.requests.count == 7, "seed \(seed)")
    }

    @Test("a respond action's request is handed over once, and no request before one is ready")
    func requestHandedOverOnce() {
        var machine = ConnectionMachine(policy: ConnectionPolicy(configuration: FakePeer.configuration), now: FakePeer.epoch)
        guard case .read = machine.start() else { Issue.record("a new connection reads first"); return }
        #expect(machine.takeRequest() == nil)
        let action = Array(Self.getA.utf8).withUnsafeBytes { machine.read(.bytes($0, filledBuffer: false), now: FakePeer.epoch) }
        guard case .respond = action else { Issue.record("expected a respond action, got \(action)"); return }
        #expect(machine.takeRequest()?.path == "/a")
        #expect(machine.takeRequest() == nil)
    }

    // MARK: Playing a script

    static func play(_ script: Script, sourceLocation: SourceLocation = #_sourceLocation) {
        var peer = FakePeer(readSize: script.readSize, wantsBody: script.wantsBody, window: script.window)
        for (index, step) in script.steps.enumerated() {
            let at = Comment(rawValue: "step \(index + 1): \(step)")
            switch step {
            case .accept(let bytes): peer.accept(bytes)
            case .send(let bytes): peer.send(bytes)
            case .sendEach(let bytes): for byte in bytes.utf8 { peer.send([byte]) }
            case .sendWithFIN(let bytes): peer.send(Array(bytes.utf8), fin: true)
            case .fin: peer.sendFIN()
            case .clientReads(let count): peer.clientReads(count)
            case .clock(let seconds): peer.clock(seconds)
            case .drain: peer.drain()
            case .serverDraining: peer.serverDraining = true
            case .failNextRead: peer.failNextRead = true
            case .failNextWrite: peer.failNextWrite = true
            case .output(let expected):
                let actual = peer.output()
                #expect(actual == expected, at, sourceLocation: sourceLocation)
            case .state(let expected):
                #expect(peer.state == expected, at, sourceLocation: sourceLocation)
            case .halfClosed(let expected):
                #expect(peer.halfClosed == expected, at, sourceLocation: sourceLocation)
            case .requests(let expected):
                #expect(peer.requests == expected, at, sourceLocation: sourceLocation)
            }
        }
    }
}

/// A small seeded generator (SplitMix64), so a random schedule can be replayed. The same
/// algorithm as LatticeModel's SeedRandom; the HTTP layer's tests do not depend on the model.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
