@testable import LatticeHTTP
import Testing
import TestSupport

/// The connection machine's single cases: every error status, unwanted bodies, HEAD errors,
/// bounded input and output, yielding, the memory layout, and the schedule property test.
/// (The scripted suites are in ConnectionMachineTests.swift.)
extension ConnectionMachineTests {
    // MARK: Every error status

    /// Each error the HTTP layer detects is answered with its status and `Connection: close`,
    /// then the connection half-closes and lingers until the client's FIN.
    @Test(
        "errors answer with their status, then linger until the FIN",
        arguments: [
            ("get / HTTP/1.1\r\nHost: x\r\n\r\n", "400 Bad Request", "invalid-method"),
            ("GET / HTTP/1.1\r\n\r\n", "400 Bad Request", "missing-host"),
            ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "400 Bad Request", "multiple-hosts"),
            ("GET / HTTP/1.1\nHost: x\n\n", "400 Bad Request", "bare-line-feed"),
            ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: x\r\n\r\n", "400 Bad Request", "invalid-content-length"),
            ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nnope\r\n", "400 Bad Request", "invalid-chunk"),
            ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n", "413 Content Too Large", "content-too-large"),
            ("GET /\(String(repeating: "a", count: 9000)) HTTP/1.1\r\nHost: x\r\n\r\n", "414 URI Too Long", "target-too-long"),
            ("GET / HTTP/1.1\r\nHost: x\r\nExpect: nothing\r\n\r\n", "417 Expectation Failed", "expectation-failed"),
            (
                "GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 17000))\r\n\r\n",
                "431 Request Header Fields Too Large", "headers-too-large"
            ),
            ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", "501 Not Implemented", "unsupported-transfer-coding"),
            ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", "505 HTTP Version Not Supported", "version-not-supported"),
        ])
    func errors(raw: String, status: String, slug: String) {
        Self.play(
            Script(
                name: status,
                steps: [
                    .accept(raw + Self.getA), .output(Self.error(status, slug)), .halfClosed(true), .requests([]),
                    .state(.waiting(writable: false)), .send(Self.getB), .output(""), .fin, .state(.closed),
                ]))
    }

    /// A request whose body nobody wants gets one response, after its body: when the body
    /// turns out malformed, too large or too slow, that response is the error, and nothing
    /// follows it (a second response would answer the client's, or a proxy's, next request).
    @Test(
        "an unwanted body that fails gets its request's only response",
        arguments: [
            (
                "GET", "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n", nil,
                "400 Bad Request", "invalid-chunk"
            ),
            ("DELETE", "Transfer-Encoding: chunked\r\n\r\nzz\r\n", nil, "400 Bad Request", "invalid-chunk"),
            (
                "OPTIONS", "Transfer-Encoding: chunked\r\n\r\n80000\r\n\(String(repeating: "b", count: 0x80000))\r\n80001\r\n", nil,
                "413 Content Too Large", "content-too-large"
            ),
            ("POST", "Content-Length: 10\r\n\r\nabc", 20.1, "408 Request Timeout", "request-timeout"),
            ("HEAD", "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n", nil, "400 Bad Request", ""),
        ] as [(String, String, Double?, String, String)])
    func unwantedBodyFails(method: String, rest: String, clock: Double?, status: String, slug: String) {
        let body = method == "HEAD" ? "" : slug
        let expected =
            "HTTP/1.1 \(status)\r\nDate: D\r\nContent-Length: \(method == "HEAD" ? "invalid-chunk".utf8.count : slug.utf8.count)\r\n"
            + "Connection: close\r\n\r\n\(body)"
        var steps: [Step] = [.accept("\(method) /a HTTP/1.1\r\nHost: x\r\n\(rest)")]
        if let clock { steps += [.output(""), .clock(clock)] }
        steps += [.output(expected), .requests([]), .halfClosed(true), .send(Self.getB), .output(""), .fin, .state(.closed)]
        Self.play(Script(name: "\(method) \(status)", wantsBody: false, steps: steps))
    }

    /// RFC 9110 §9.3.2: a response to HEAD has no body, an error found while parsing its
    /// head included (the head is still buffered then, so the method is known).
    @Test(
        "errors in a HEAD request's head are answered without a body",
        arguments: [
            ("HEAD * HTTP/1.1\r\nHost: x\r\n\r\n", "400 Bad Request"),
            ("HEAD /%zz HTTP/1.1\r\nHost: x\r\n\r\n", "400 Bad Request"),
            ("HEAD / HTTP/1.1\r\n\r\n", "400 Bad Request"),
            ("HEAD /\(String(repeating: "a", count: 9000)) HTTP/1.1\r\nHost: x\r\n\r\n", "414 URI Too Long"),
            ("HEAD / HTTP/1.1\r\nHost: x\r\nExpect: nothing\r\n\r\n", "417 Expectation Failed"),
            (
                "HEAD / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 17000))\r\n\r\n",
                "431 Request Header Fields Too Large"
            ),
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
            HTTPResponse(
                status: .ok,
                body: .stream(
                    HTTPBodyStream(steps: {
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
        Self.play(
            Script(
                name: "HEAD 408",
                steps: [
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
        let conversation = Array(
            (Self.getA
                + "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                + "GET /stream/3 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /q HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n"
                + "GET /big/70000 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /r HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nxyz"
                + Self.getB).utf8)
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
}
