import Foundation
import Glibc
import LatticeHTTP
import Testing
import TestSupport

/// The worker's event set is edge-triggered: readiness is reported once per change, so a
/// handler that stops before EAGAIN (or drops an event while output is blocked) stalls its
/// connection for good. Each test here is a shape that would stall. One worker, so every
/// connection shares one event set.
@Suite("Edge-triggered readiness")
struct EdgeTriggerTests {
    func oneWorker(_ change: (inout ServerConfiguration) -> Void = { _ in }) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.workers = 1
        change(&configuration)
        return configuration
    }

    @Test("a request larger than one read (64 KiB) is read to its end")
    func largerThanOneRead() throws {
        let server = try TestServer(configuration: oneWorker(), handler: EchoHandler())
        let client = try RawClient(port: server.port)
        let body = [UInt8](repeating: UInt8(ascii: "b"), count: 300_000)
        client.send(Array("POST /large HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
        #expect(try client.readResponse().text.hasPrefix("POST /large  body=300000"))
    }

    @Test("a head and a body arriving in many small packets")
    func manySmallPackets() throws {
        let server = try TestServer(configuration: oneWorker { $0.deferAccept = false }, handler: EchoHandler())
        let client = try RawClient(port: server.port)
        var one: Int32 = 1
        setsockopt(client.fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let request =
            Array("POST /drip HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n".utf8)
            + [UInt8](repeating: UInt8(ascii: "d"), count: 100)
        for (index, byte) in request.enumerated() {
            client.send([byte])
            if index % 16 == 0 { usleep(1_000) }  // let some bytes arrive alone
        }
        #expect(try client.readResponse().text.hasPrefix("POST /drip  body=100"))
    }

    @Test("a pipelined burst sent while a 16 MB response is blocked is answered in order")
    func pipelinedBehindBlockedResponse() throws {
        let server = try TestServer(configuration: oneWorker(), handler: EchoHandler())
        let client = try RawClient(port: server.port, timeout: 10)
        client.send("GET /big/16000000 HTTP/1.1\r\nHost: x\r\n\r\n")
        usleep(50_000)  // the response is now blocked: 16 MB is more than the socket buffers hold
        var burst = ""
        for index in 0..<200 { burst += "GET /p\(index) HTTP/1.1\r\nHost: x\r\n\r\n" }
        client.send(burst)
        // Another connection on the same worker is served meanwhile.
        let other = try RawClient(port: server.port)
        other.send("GET /other HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try other.readResponse().text.hasPrefix("GET /other"))
        #expect(try client.readResponse().body.count == 16_000_000)
        for index in 0..<200 {
            #expect(try client.readResponse().text.hasPrefix("GET /p\(index) "))
        }
    }

    @Test("a peer that sends its last bytes and its FIN together is answered and closed")
    func dataAndFinTogether() throws {
        let server = try TestServer(configuration: oneWorker { $0.deferAccept = false }, handler: EchoHandler())
        let before = serverSideSockets(port: server.port)
        for _ in 0..<200 {
            let client = try RawClient(port: server.port)
            client.send("GET /fin HTTP/1.1\r\nHost: x\r\n")
            usleep(200)
            client.send("\r\n")
            client.shutdownWrite()
            #expect(try client.readResponse().text.hasPrefix("GET /fin"))
            #expect(client.isClosedByPeer())
        }
        #expect(eventually { server.server.openConnections == 0 })
        #expect(eventually { serverSideSockets(port: server.port) == before })
    }

    @Test("thousands of connections churning on one worker, eight clients at a time")
    func churnOnOneWorker() throws {
        let server = try TestServer(configuration: oneWorker(), handler: EchoHandler())
        let answered = Locked(0)
        let port = server.port
        DispatchQueue.concurrentPerform(iterations: 8) { lane in
            for index in 0..<400 {
                guard let client = try? RawClient(port: port) else { continue }
                let keepAlive = index % 2 == 0
                client.send("GET /c\(lane)-\(index) HTTP/1.1\r\nHost: x\r\n\(keepAlive ? "" : "Connection: close\r\n")\r\n")
                if let response = try? client.readResponse(), response.text.hasPrefix("GET /c\(lane)-\(index) ") {
                    answered.withLock { $0 += 1 }
                }
                if keepAlive {
                    client.send("GET /again HTTP/1.1\r\nHost: x\r\n\r\n")
                    _ = try? client.readResponse()
                }
            }
        }
        #expect(answered.withLock { $0 } == 3200)
        #expect(eventually(timeout: 10) { server.server.openConnections == 0 })
    }
}
