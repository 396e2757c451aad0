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
        Script(
            name: "slow header: 408 ten seconds after its first byte, then a lingering close",
            steps: [
                .accept(""), .clock(5), .send("GET / HTTP/1.1\r\nHost: x\r\n"),
                .clock(14.9), .output(""), .state(.waiting(writable: false)),
                .clock(15.1), .output(timeout408), .halfClosed(true), .state(.waiting(writable: false)),
                .clock(17), .state(.waiting(writable: false)),
                .clock(17.2), .state(.closed),
            ]),
        Script(
            name: "a trickled head is still on the clock of its first byte (slowloris)",
            steps: [
                .accept(""), .send("GET / HTTP/1.1\r\n"), .clock(4), .send("X-A: 1\r\n"), .clock(8), .send("X-B: 1\r\n"),
                .clock(10.1), .output(timeout408), .halfClosed(true),
            ]),
        Script(
            name: "a connection that never sends a byte is closed silently at the header timeout",
            steps: [
                .accept(""), .clock(9.9), .state(.waiting(writable: false)),
                .clock(10.1), .state(.closed), .output(""), .halfClosed(false),
            ]),
        Script(
            name: "idle keep-alive: closed silently sixty seconds after the last response",
            steps: [
                .accept(getA), .output(ok("a")), .clock(59.9), .state(.waiting(writable: false)),
                .clock(60.1), .state(.closed), .output(""),
            ]),
        Script(
            name: "idle clock restarts with each response",
            steps: [
                .accept(getA), .clock(50), .send(getB), .output(ok("a") + ok("b")),
                .clock(100), .state(.waiting(writable: false)), .clock(110.1), .state(.closed),
            ]),
        Script(
            name: "slow body: 408 twenty seconds after the head; the rest is read and dropped",
            steps: [
                .accept("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"),
                .clock(19.9), .output(""), .clock(20.1), .output(timeout408), .halfClosed(true),
                .send("defghij"), .output(""), .fin, .state(.closed), .requests([]),
            ]),
        Script(
            name: "write timeout: a client that reads nothing for thirty seconds is dropped", window: 0,
            steps: [
                .accept("GET /big/100 HTTP/1.1\r\nHost: x\r\n\r\n"), .state(.waiting(writable: true)),
                .clock(29.9), .state(.waiting(writable: true)), .clock(30.1), .state(.closed),
            ]),
        Script(
            name: "progress restarts the write clock", window: 0,
            steps: [
                .accept("GET /big/100 HTTP/1.1\r\nHost: x\r\n\r\n"), .clock(20), .clientReads(10),
                .output("HTTP/1.1 2"), .clock(49.9), .state(.waiting(writable: true)), .clock(50.1), .state(.closed),
            ]),
        Script(
            name: "lingering ends at the client's FIN",
            steps: [
                .accept("GET / HTTP/2.0\r\nHost: x\r\n\r\n"),
                .output(error("505 HTTP Version Not Supported", "version-not-supported")), .halfClosed(true),
                .state(.waiting(writable: false)), .fin, .state(.closed),
            ]),
        Script(
            name: "lingering ends at its deadline while the client keeps sending",
            steps: [
                .accept("get / HTTP/1.1\r\n\r\n"), .output(error("400 Bad Request", "invalid-method")),
                .clock(1), .send(getA), .clock(1.9), .send(getB), .output(""), .state(.waiting(writable: false)),
                .clock(2.1), .state(.closed), .requests([]),
            ]),
    ]

    // MARK: Shutdown

    static let shutdown: [Script] = [
        Script(
            name: "an idle connection gets a drain window, then a half-close, then waits for the FIN",
            steps: [
                .accept(getA), .output(ok("a")), .drain, .state(.waiting(writable: false)), .halfClosed(false),
                .clock(0.9), .halfClosed(false), .clock(1.1), .halfClosed(true), .state(.waiting(writable: false)),
                .fin, .state(.closed), .output(""),
            ]),
        Script(
            name: "a half-closed idle connection closes at the drain deadline without a FIN",
            steps: [
                .accept(getA), .drain, .clock(1.1), .halfClosed(true), .clock(2.0), .state(.waiting(writable: false)),
                .clock(2.2), .state(.closed),
            ]),
        Script(
            name: "a request on the wire when shutdown begins is answered with Connection: close",
            steps: [
                .accept(getA), .output(ok("a")), .serverDraining, .drain, .clock(0.5), .send(getB),
                .output(ok("b", close: true)), .state(.closed), .halfClosed(false),
            ]),
        Script(
            name: "a request already read when shutdown begins is answered",
            steps: [
                .accept("GET /a HTTP/1.1\r\nHost: x\r\n"), .serverDraining, .drain, .send("\r\n"),
                .output(ok("a", close: true)), .state(.closed),
            ]),
        Script(
            name: "a connection whose response is blocked finishes it, then gets its drain window", window: 0,
            steps: [
                .accept("GET /big/3 HTTP/1.1\r\nHost: x\r\n\r\n"), .drain, .state(.waiting(writable: true)),
                .clientReads(nil), .output(ok("xxx")), .state(.waiting(writable: false)),
                .clock(1.1), .halfClosed(true), .fin, .state(.closed),
            ]),
        Script(
            name: "drain_delay: every response closes its connection",
            steps: [
                .serverDraining, .accept(getA + getB), .output(ok("a", close: true)), .halfClosed(true),
                .requests(["GET /a 0"]), .fin, .state(.closed),
            ]),
    ]

    // MARK: Pipelining and back-pressure

    static let pipelining: [Script] = [
        Script(
            name: "pipelined requests in one read are answered in order, in one flush",
            steps: [
                .accept(getA + getB), .output(ok("a") + ok("b")), .requests(["GET /a 0", "GET /b 0"]),
            ]),
        Script(
            name: "requests pipelined behind a blocked response are answered once it drains", window: 0,
            steps: [
                .accept("GET /big/5 HTTP/1.1\r\nHost: x\r\n\r\n"), .state(.waiting(writable: true)),
                .send(getA), .send(getB), .output(""), .requests(["GET /big/5 0"]),
                .clientReads(20), .output("HTTP/1.1 200 OK\r\nDat"), .state(.waiting(writable: true)),
                .clientReads(nil), .output("e: D\r\nContent-Length: 5\r\n\r\nxxxxx" + ok("a") + ok("b")),
                .state(.waiting(writable: false)),
            ]),
        Script(
            name: "a request split around a blocked response is completed after it", window: 0,
            steps: [
                .accept("GET /big/2 HTTP/1.1\r\nHost: x\r\n\r\nGET /a HT"), .send("TP/1.1\r\nHost: x\r\n\r\n"),
                .clientReads(nil), .output(ok("xx") + ok("a")),
            ]),
        Script(
            name: "output over the high-water mark is flushed before more pipelined requests are answered", window: 0,
            steps: [
                .accept(String(repeating: "GET /big/5000 HTTP/1.1\r\nHost: x\r\n\r\n", count: 3)),
                .requests(["GET /big/5000 0", "GET /big/5000 0"]),
                .clientReads(nil), .requests(["GET /big/5000 0", "GET /big/5000 0", "GET /big/5000 0"]),
                .state(.waiting(writable: false)),
            ]),
        Script(
            name: "a stream is pulled one chunk at a time as the client reads", window: 0,
            steps: [
                .accept("GET /stream/3 HTTP/1.1\r\nHost: x\r\n\r\n"), .state(.waiting(writable: true)),
                .clientReads(nil),
                .output("HTTP/1.1 200 OK\r\nDate: D\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n1\r\n1\r\n2\r\n1\r\n3\r\n0\r\n\r\n"),
                .state(.waiting(writable: false)),
            ]),
        Script(
            name: "requests pipelined behind a stream are answered after it",
            steps: [
                .accept("GET /stream/1 HTTP/1.1\r\nHost: x\r\n\r\n" + getA),
                .output("HTTP/1.1 200 OK\r\nDate: D\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n1\r\n0\r\n\r\n" + ok("a")),
            ]),
        Script(
            name: "HTTP/1.0 gets a stream until close",
            steps: [
                .accept("GET /stream/2 HTTP/1.0\r\n\r\n"),
                .output("HTTP/1.1 200 OK\r\nDate: D\r\nConnection: close\r\n\r\n12"), .state(.closed),
            ]),
    ]

    // MARK: Reading (the edge-triggered traps) and half-close

    static let reading: [Script] = [
        Script(
            name: "a request larger than one read is read to its end on one event", readSize: 16,
            steps: [
                .accept("GET /a HTTP/1.1\r\nHost: x\r\nX-Padding: \(String(repeating: "p", count: 100))\r\n\r\n"),
                .output(ok("a")), .state(.waiting(writable: false)),
            ]),
        Script(
            name: "a head and a body arriving one byte per packet",
            steps: [
                .accept(""), .sendEach("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"),
                .output(ok("got 5")), .requests(["POST /p 5"]),
            ]),
        Script(
            name: "a chunked body in small packets, then a second request",
            steps: [
                .accept("POST /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"),
                .sendEach("3\r\nabc\r\n"), .send("0\r\n\r\n" + getA), .output(ok("got 3") + ok("a")),
            ]),
        Script(
            name: "the last bytes and the FIN in one event are answered, then closed",
            steps: [
                .accept(""), .sendWithFIN(getA), .output(ok("a")), .state(.closed), .halfClosed(false),
            ]),
        Script(
            name: "a FIN on an idle connection closes it",
            steps: [
                .accept(getA), .output(ok("a")), .fin, .state(.closed),
            ]),
        Script(
            name: "a FIN in the middle of a head closes silently",
            steps: [
                .accept("GET / HT"), .fin, .output(""), .state(.closed),
            ]),
        Script(
            name: "a FIN while a response is blocked: the response is finished, then the connection closes", window: 0,
            steps: [
                .accept("GET /big/4 HTTP/1.1\r\nHost: x\r\n\r\n"), .fin, .state(.waiting(writable: true)),
                .clientReads(nil), .output(ok("xxxx")), .state(.closed),
            ]),
        Script(
            name: "a request and a FIN behind a blocked response are answered, then closed", window: 0,
            steps: [
                .accept("GET /big/1 HTTP/1.1\r\nHost: x\r\n\r\n"), .sendWithFIN(getA), .output(""),
                .clientReads(nil), .output(ok("x") + ok("a")), .state(.closed),
            ]),
        Script(
            name: "a read error closes the connection",
            steps: [
                .accept(getA), .failNextRead, .send(getB), .state(.closed), .requests(["GET /a 0"]),
            ]),
        Script(
            name: "a write error closes the connection",
            steps: [
                .accept(""), .failNextWrite, .send(getA), .state(.closed), .output(""),
            ]),
    ]

    // MARK: Expect, HEAD, and connections that end after a response

    static let responses: [Script] = [
        Script(
            name: "Expect: 100-continue with the body still to come gets 100 Continue, then the response",
            steps: [
                .accept("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n"),
                .output("HTTP/1.1 100 Continue\r\n\r\n"), .send("abc"), .output(ok("got 3")),
            ]),
        Script(
            name: "Expect: 100-continue with the body already sent gets no 100",
            steps: [
                .accept("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\nabc"),
                .output(ok("got 3")),
            ]),
        Script(
            name: "Expect: 100-continue to a handler that takes no body: answered at once, then closed", wantsBody: false,
            steps: [
                .accept("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n"),
                .output(ok("p", close: true)), .halfClosed(true), .send("abc"), .output(""), .fin, .state(.closed),
            ]),
        Script(
            name: "a body nobody wants is read and dropped, then its request and the next are answered", wantsBody: false,
            steps: [
                .accept("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n"), .output(""),
                .send("ab"), .output(""), .send("c" + getA), .output(ok("p") + ok("a")), .requests(["POST /p 0", "GET /a 0"]),
            ]),
        Script(
            name: "HEAD gets GET's head and no body",
            steps: [
                .accept("HEAD /abc HTTP/1.1\r\nHost: x\r\n\r\n"), .output("HTTP/1.1 200 OK\r\nDate: D\r\nContent-Length: 3\r\n\r\n"),
            ]),
        Script(
            name: "Connection: close is echoed and the connection closes at once",
            steps: [
                .accept("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), .output(ok("a", close: true)),
                .state(.closed), .halfClosed(false),
            ]),
        Script(
            name: "Connection: close with a request behind it lingers instead of resetting",
            steps: [
                .accept("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" + getB), .output(ok("a", close: true)),
                .halfClosed(true), .requests(["GET /a 0"]), .fin, .state(.closed),
            ]),
        Script(
            name: "HTTP/1.0 closes by default",
            steps: [
                .accept("GET /a HTTP/1.0\r\n\r\n"), .output(ok("a", close: true)), .state(.closed),
            ]),
        Script(
            name: "HTTP/1.0 with keep-alive stays open",
            steps: [
                .accept("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"), .output(ok("a", keepAlive10: true)),
                .state(.waiting(writable: false)),
            ]),
        Script(
            name: "HTTP/1.2 is answered as HTTP/1.1",
            steps: [
                .accept("GET /a HTTP/1.2\r\nHost: x\r\n\r\n"), .output(ok("a")), .state(.waiting(writable: false)),
            ]),
    ]

    @Test("timeouts", arguments: timeouts) func timeoutScripts(_ script: Script) { Self.play(script) }
    @Test("shutdown", arguments: shutdown) func shutdownScripts(_ script: Script) { Self.play(script) }
    @Test("pipelining and back-pressure", arguments: pipelining) func pipeliningScripts(_ script: Script) { Self.play(script) }
    @Test("reading and half-close", arguments: reading) func readingScripts(_ script: Script) { Self.play(script) }
    @Test("responses that end or keep the connection", arguments: responses) func responseScripts(_ script: Script) { Self.play(script) }

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
