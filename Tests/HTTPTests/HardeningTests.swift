import Foundation
import Glibc
import LatticeHTTP
import Testing
import TestSupport

/// Connection hardening over real sockets: what a hostile client or a shutdown used to get
/// wrong. (Resource bounds — memory held by stalled streams and bodies, requests lost at
/// shutdown under load — are figures in scripts/abuse_test.py.)
@Suite("Connection hardening")
struct HardeningTests {
    /// A socket that never sends holds a slot; it is on the header clock
    /// (RFC 9112 §9.5 lets a server close an idle connection at any time), not the idle one.
    @Test("a connection that never sent a byte is closed after the header timeout, not the idle timeout")
    func silentConnectionOnHeaderClock() throws {
        let server = try TestServer(
            configuration: .with {
                $0.headerTimeout = .milliseconds(300)
                $0.idleTimeout = .seconds(60)
                $0.deferAccept = false
            }, handler: EchoHandler())
        let silent = try RawClient(port: server.port, timeout: 5)
        #expect(silent.readUntilClose().isEmpty, "closed silently: no request, so no 408")
        #expect(eventually { server.server.openConnections == 0 })
    }

    /// No body is stored for a request whose handler takes none; it is read and dropped,
    /// and the request answered once it has ended, so the answer is the request's only one.
    @Test("a request whose handler takes no body is answered after its body is discarded; the connection kept")
    func bodyDiscarded() throws {
        let server = try TestServer(handler: BodilessHandler())
        let client = try RawClient(port: server.port, timeout: 3)
        client.send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n")
        client.send([UInt8](repeating: UInt8(ascii: "z"), count: 100_000))
        let first = try client.readResponse()
        #expect(first.status == 200)
        #expect(first.text.hasPrefix("POST /a  body=0"), "answered without its body")
        #expect(first.header("Connection") == nil)
        client.send("POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        for _ in 0..<50 { client.send("400\r\n" + String(repeating: "y", count: 1024) + "\r\n") }
        client.send("0\r\n\r\nGET /c HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().text.hasPrefix("POST /b  body=0"))
        #expect(try client.readResponse().text.hasPrefix("GET /c "), "framing survives the discarded bodies")
    }

    /// A discarded body over the limit, malformed or too slow gets one response, the error,
    /// and the connection closes after it: never a success followed by a second response,
    /// which a client or a proxy would take as the answer to its next request.
    @Test(
        "a discarded body that fails gets exactly one response, the error",
        arguments: [
            ("3e8\r\n" + String(repeating: "y", count: 1000) + "\r\n1\r\n", 413),
            ("FFFFFFFFFFFFFFFFFFFF\r\n", 400),
            ("5\r\nab", 408),
        ])
    func discardedBodyFails(body: String, status: Int) throws {
        let server = try TestServer(
            configuration: .with {
                $0.limits.maxBodyBytes = 1000
                $0.bodyTimeout = .milliseconds(300)
                $0.lingerTimeout = .milliseconds(300)
            }, handler: BodilessHandler())
        let client = try RawClient(port: server.port, timeout: 3)
        client.send("GET /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
        let response = try client.readResponse()
        #expect(response.status == status)
        #expect(response.header("Connection") == "close")
        client.send("GET /b HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(client.readUntilClose().isEmpty, "nothing after the one response")
    }

    /// RFC 9110 §10.1.1: a final status instead of 100 Continue; the client may then send
    /// the body or not, so the connection cannot be reused.
    @Test("Expect: 100-continue on a bodiless handler gets the final response at once, and a close")
    func expectContinueBodiless() throws {
        let server = try TestServer(handler: BodilessHandler())
        let client = try RawClient(port: server.port, timeout: 3)
        client.send("PUT /a HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.header("Connection") == "close")
        client.shutdownWrite()
        #expect(client.isClosedByPeer())
    }

    /// A keep-alive client whose next request is on the wire when shutdown
    /// begins gets an answer (with `Connection: close`), not EOF or a reset.
    @Test("at shutdown, a request arriving on an idle keep-alive connection is answered with Connection: close")
    func drainAnswersLateRequest() throws {
        let server = try TestServer(handler: EchoHandler())
        let client = try RawClient(port: server.port, timeout: 3)
        client.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        let stopping = Thread { server.stop(gracePeriod: .seconds(5)) }
        stopping.start()
        #expect(eventually { server.server.isDraining })
        usleep(20_000)  // shutdown has gone through every worker
        client.send("GET /2 HTTP/1.1\r\nHost: x\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text.hasPrefix("GET /2"))
        #expect(response.header("Connection") == "close")
        #expect(client.isClosedByPeer())
        #expect(eventually { server.server.openConnections == 0 })
    }

    @Test("at shutdown, an idle connection that sends nothing is half-closed, and closed once the client closes")
    func drainHalfClosesIdle() throws {
        let server = try TestServer(configuration: .with { $0.lingerTimeout = .seconds(30) }, handler: EchoHandler())
        let client = try RawClient(port: server.port, timeout: 5)
        client.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        let started = ContinuousClock.now
        let stopping = Thread { server.stop(gracePeriod: .seconds(10)) }
        stopping.start()
        #expect(client.isClosedByPeer(), "our end sees the server's FIN")
        #expect(server.server.openConnections == 1, "the server still reads until the client's FIN")
        client.shutdownWrite()
        #expect(eventually { server.server.openConnections == 0 })
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    /// `drain_delay`: keep serving, but end every keep-alive.
    @Test("while draining before shutdown, requests are served with Connection: close and new connections accepted")
    func drainingBeforeShutdown() throws {
        let server = try TestServer(handler: EchoHandler())
        let client = try RawClient(port: server.port, timeout: 3)
        client.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().header("Connection") == nil)
        server.server.beginDraining()
        client.send("GET /2 HTTP/1.1\r\nHost: x\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 200 && response.header("Connection") == "close")
        #expect(client.isClosedByPeer())
        let late = try RawClient(port: server.port, timeout: 3)
        late.send("GET /3 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try late.readResponse().header("Connection") == "close")
    }
}
