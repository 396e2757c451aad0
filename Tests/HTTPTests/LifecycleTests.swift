import Foundation
import Glibc
import LatticeHTTP
import Testing
import TestSupport

/// Timeouts, the connection cap, shutdown and descriptor hygiene, with short configured
/// values so the suite stays fast.
@Suite("Connection lifecycle")
struct LifecycleTests {
    /// The timeouts themselves, slowloris included, are proved with a fake clock in
    /// ConnectionMachineTests; these prove that the worker's timer reaches the machine.
    @Test("a head that stops arriving gets 408 and a close")
    func headerTimeout() throws {
        let server = try TestServer(configuration: .with { $0.headerTimeout = .milliseconds(300) }, handler: EchoHandler())
        let slow = try RawClient(port: server.port)
        slow.send("GET / HTTP/1.1\r\nHost: x\r\n")
        let started = ContinuousClock.now
        let response = try slow.readResponse()
        #expect(response.status == 408)
        #expect(response.header("Connection") == "close")
        #expect(slow.isClosedByPeer())
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    @Test("a body that stops arriving gets 408")
    func bodyTimeout() throws {
        let server = try TestServer(configuration: .with { $0.bodyTimeout = .milliseconds(300) }, handler: EchoHandler())
        let slow = try RawClient(port: server.port)
        slow.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly a little")
        let response = try slow.readResponse()
        #expect(response.status == 408)
        #expect(slow.isClosedByPeer())
    }

    @Test("an idle keep-alive connection is closed silently")
    func idleTimeout() throws {
        let server = try TestServer(configuration: .with { $0.idleTimeout = .milliseconds(300) }, handler: EchoHandler())
        let client = try RawClient(port: server.port)
        client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        let started = ContinuousClock.now
        #expect(client.readUntilClose().isEmpty, "no 408 on an idle connection")
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(eventually { server.server.openConnections == 0 })
        // A connection that never sent a byte is on the header clock instead: HardeningTests.
    }

    @Test("a client that stops reading is dropped; others are served meanwhile")
    func writeTimeout() throws {
        let server = try TestServer(
            configuration: .with {
                $0.writeTimeout = .milliseconds(400); $0.workers = 1
            }, handler: EchoHandler())
        let stuck = try RawClient(port: server.port)
        stuck.setReceiveBuffer(4096)
        stuck.send("GET /big/20000000 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(eventually { server.server.openConnections == 1 })
        // Same worker queue, and it still answers promptly.
        let client = CurlClient()
        for _ in 0..<5 {
            let started = ContinuousClock.now
            #expect(try client.request(server.url("/ok")).status == 200)
            #expect(ContinuousClock.now - started < .milliseconds(200))
        }
        #expect(eventually { server.server.openConnections == 1 }, "only curl's connection remains")
    }

    @Test("over the connection cap, new connections get 503 and a close")
    func connectionCap() throws {
        let server = try TestServer(configuration: .with { $0.maxConnections = 4 }, handler: EchoHandler())
        var held: [RawClient] = []
        for _ in 0..<4 {
            let client = try RawClient(port: server.port)
            client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)
            held.append(client)
        }
        let refused = try RawClient(port: server.port)
        let response = try refused.readResponse()
        #expect(response.status == 503)
        #expect(response.header("Retry-After") == "1")
        #expect(response.header("Connection") == "close")
        #expect(refused.isClosedByPeer())
        held.removeLast()
        #expect(eventually { server.server.openConnections == 3 })
        let admitted = try RawClient(port: server.port)
        admitted.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try admitted.readResponse().status == 200)
    }

    @Test("graceful shutdown finishes in-flight requests, closes idle ones, stops accepting")
    func gracefulShutdown() throws {
        let server = try TestServer(handler: EchoHandler())
        let port = server.port
        let idle = try RawClient(port: port)
        idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try idle.readResponse().status == 200)

        let busy = try RawClient(port: port)
        let token = HandlerStarted.token()
        busy.send("GET /slow/400/\(token) HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(HandlerStarted.wait(token), "the handler is running")
        let started = ContinuousClock.now
        server.stop(gracePeriod: .seconds(5))
        let took = ContinuousClock.now - started
        let response = try busy.readResponse()
        #expect(response.status == 200, "the in-flight request completes")
        #expect(response.header("Connection") == "close")
        #expect(busy.isClosedByPeer())
        #expect(idle.isClosedByPeer())
        #expect(took < .seconds(2))
        #expect(server.server.openConnections == 0)
        // The listener is closed: nothing more is accepted. (Another test's server may have
        // been given the freed port meanwhile, so count what this server accepts rather than
        // expecting the connect itself to fail.)
        let accepted = server.server.acceptedConnections
        let late = try? RawClient(port: port)
        late?.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        usleep(100_000)
        #expect(server.server.acceptedConnections == accepted)
    }

    @Test("shutdown closes what is still open when the grace period ends")
    func shutdownDeadline() throws {
        let server = try TestServer(handler: EchoHandler())
        let halfway = try RawClient(port: server.port)
        halfway.send("GET / HTTP/1.1\r\nHost: x\r\n")  // never finishes its head
        usleep(50_000)
        let started = ContinuousClock.now
        server.stop(gracePeriod: .milliseconds(300))
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(server.server.openConnections == 0)
        #expect(halfway.isClosedByPeer())
    }

    /// With one worker busy in a slow handler, new clients complete their handshakes and send
    /// their requests before the worker can accept them: the first read after accept finds
    /// each request whole, so each connection is answered before it ever waits for a read
    /// event. Every way such a connection can end must still work, and close its descriptor.
    @Test("requests that arrive before their connection is accepted are answered on the first read")
    func answeredOnFirstRead() throws {
        let server = try TestServer(configuration: .with { $0.workers = 1 }, handler: EchoHandler())
        let before = serverSideSockets(port: server.port)
        let blocker = try RawClient(port: server.port)
        let token = HandlerStarted.token()
        blocker.send("GET /slow/400/\(token) HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(HandlerStarted.wait(token), "the only worker is now in the handler")

        let closing = try RawClient(port: server.port)
        closing.send("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let halfClosed = try RawClient(port: server.port)
        halfClosed.send("GET /b HTTP/1.1\r\nHost: x\r\n\r\n")
        halfClosed.shutdownWrite()
        let old = try RawClient(port: server.port)
        old.send("GET /c HTTP/1.0\r\n\r\n")
        let malformed = try RawClient(port: server.port)
        malformed.send("GET /d HTTP/1.1\r\nHost: x\r\nBad header\r\n\r\nmore bytes the client still sends")
        let keepAlive = try RawClient(port: server.port)
        keepAlive.send("GET /e HTTP/1.1\r\nHost: x\r\n\r\n")
        let slowReader = try RawClient(port: server.port)
        slowReader.send("GET /big/16000000 HTTP/1.1\r\nHost: x\r\n\r\n")  // more than the socket buffers hold

        #expect(try blocker.readResponse().status == 200)
        let closed = try closing.readResponse()
        #expect(closed.status == 200 && closed.text.hasPrefix("GET /a"))
        #expect(closed.header("Connection") == "close")
        #expect(closing.isClosedByPeer())
        #expect(try halfClosed.readResponse().text.hasPrefix("GET /b"))
        #expect(halfClosed.isClosedByPeer())
        #expect(try old.readResponse().text.hasPrefix("GET /c"))
        #expect(old.isClosedByPeer())
        let rejected = try malformed.readResponse()
        #expect(rejected.status == 400 && rejected.header("Connection") == "close")
        malformed.shutdownWrite()  // the server lingers, reading, until this end-of-stream
        #expect(malformed.isClosedByPeer())
        // Still open after the first answer: the connection now waits for its next request.
        #expect(try keepAlive.readResponse().text.hasPrefix("GET /e"))
        keepAlive.send("GET /f HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try keepAlive.readResponse().text.hasPrefix("GET /f"))
        // The first answer blocked on the peer; once it is read, the next request is served.
        #expect(try slowReader.readResponse().body.count == 16_000_000)
        slowReader.send("GET /g HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try slowReader.readResponse().text.hasPrefix("GET /g"))

        for client in [blocker, keepAlive, slowReader] { client.shutdownWrite() }
        #expect(eventually { server.server.openConnections == 0 })
        #expect(eventually { serverSideSockets(port: server.port) == before })
        #expect(server.server.acceptedConnections == 7)
    }

    @Test("with deferred accept, a connection is accepted when its first bytes arrive, or about a second late")
    func deferredAccept() throws {
        let server = try TestServer(handler: EchoHandler())
        let speaker = try RawClient(port: server.port)
        let silent = try RawClient(port: server.port)
        usleep(200_000)
        #expect(server.server.acceptedConnections == 0, "the handshakes are done, but no byte arrived yet")
        speaker.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try speaker.readResponse().status == 200)
        #expect(server.server.acceptedConnections == 1)
        // The kernel hands over the silent one after its deferral; it is then an idle connection.
        #expect(eventually(timeout: 5) { server.server.acceptedConnections == 2 })
        silent.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try silent.readResponse().status == 200)
    }

    /// The server's accepted sockets are found through /proc: after churn none may remain.
    /// (Counting every descriptor of the test process would also count other tests running
    /// in parallel; the standalone abuse script checks the whole server process.)
    /// With deferred accept (the default), a client that resets before sending anything is
    /// never handed to the server; without it, the server accepts and then loses it.
    @Test("no descriptor leaks after 2,000 connect/disconnect cycles", arguments: [true, false])
    func descriptorChurn(deferAccept: Bool) throws {
        let server = try TestServer(configuration: .with { $0.deferAccept = deferAccept }, handler: EchoHandler())
        let before = serverSideSockets(port: server.port)
        for index in 0..<2000 {
            let client = try RawClient(port: server.port)
            switch index % 4 {
            case 0:
                client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                _ = try client.readResponse()
            case 1:
                client.send("GET / HTTP/1.1\r\nHost: x\r\n")  // abandon mid-head
            case 2:
                var linger = linger(l_onoff: 1, l_linger: 0)  // reset instead of FIN, having sent nothing
                setsockopt(client.fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
            default:
                client.send("GET /big/100000 HTTP/1.1\r\nHost: x\r\n\r\n")  // leave without reading
            }
        }
        // Accepting trails the clients (a deferred connection is handed over when its bytes
        // arrive), so wait for every accept before expecting every connection to be gone.
        let expected = deferAccept ? 1500 : 2000
        #expect(
            eventually(timeout: 10) { server.server.acceptedConnections == expected },
            "accepted \(server.server.acceptedConnections) of \(expected)")
        #expect(eventually(timeout: 10) { server.server.openConnections == 0 })
        #expect(eventually { serverSideSockets(port: server.port) == before })
    }
}

/// Descriptors of this process that are TCP sockets accepted on `port` (not the listeners).
func serverSideSockets(port: Int) -> Int {
    var inodes = Set<String>()
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ")
            guard fields.count > 9, let localPort = fields[1].split(separator: ":").last,
                Int(localPort, radix: 16) == port, fields[3] != "0A"
            else { continue }  // 0A = LISTEN
            inodes.insert(String(fields[9]))
        }
    }
    let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    return descriptors.filter { fd in
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)"),
            target.hasPrefix("socket:[")
        else { return false }
        return inodes.contains(String(target.dropFirst(8).dropLast()))
    }.count
}
