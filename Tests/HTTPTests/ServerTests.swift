import Foundation
import Glibc
@testable import LatticeHTTP
import Testing
import TestSupport

/// End-to-end behaviour over real loopback sockets: libcurl for well-formed traffic, raw
/// sockets for the bytes curl would never send.
@Suite("HTTP server over sockets")
struct ServerTests {
    @Test("port 0 picks a free port; GET answers with Date and Content-Length")
    func basicGet() throws {
        let server = try TestServer(handler: EchoHandler())
        #expect(server.port > 0)
        let response = try CurlClient().request(server.url("/hello?a=1&b=two+words"))
        #expect(response.status == 200)
        #expect(response.text.hasPrefix("GET /hello a=1&b=two words body=0"))
        #expect(response.header("Content-Length") == String(response.body.count))
        let date = try #require(response.header("Date"))
        #expect(date.range(of: #"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$"#, options: .regularExpression) != nil)
        #expect(response.header("Connection") == nil)
    }

    @Test("IPv6 loopback")
    func ipv6() throws {
        var configuration = ServerConfiguration()
        configuration.host = "::1"
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, handler: EchoHandler())
        try server.start()
        defer { server.shutdown(gracePeriod: .milliseconds(200)) }
        let response = try CurlClient().request("http://[::1]:\(server.port)/six")
        #expect(response.status == 200)
        #expect(response.text.hasPrefix("GET /six"))
    }

    @Test("keep-alive: one connection serves many requests")
    func keepAlive() throws {
        let server = try TestServer(handler: EchoHandler())
        let client = CurlClient()
        let first = try client.request(server.url("/1"))
        #expect(first.newConnections == 1)
        for index in 2...5 {
            let next = try client.request(server.url("/\(index)"))
            #expect(next.status == 200)
            #expect(next.newConnections == 0, "request \(index) should reuse the connection")
        }
        #expect(server.server.acceptedConnections == 1)
    }

    @Test("Connection: close is echoed and the server closes")
    func connectionClose() throws {
        let server = try TestServer(handler: EchoHandler())
        let client = try RawClient(port: server.port)
        client.send("GET /bye HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.header("Connection") == "close")
        #expect(client.isClosedByPeer())
    }

    @Test("HTTP/1.0 closes by default, stays open with keep-alive")
    func http10() throws {
        let server = try TestServer(handler: EchoHandler())
        let plain = try RawClient(port: server.port)
        plain.send("GET /a HTTP/1.0\r\n\r\n")
        let first = try plain.readResponse()
        #expect(first.status == 200)
        #expect(first.header("Connection") == "close")
        #expect(plain.isClosedByPeer())

        let kept = try RawClient(port: server.port)
        kept.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        let second = try kept.readResponse()
        #expect(second.header("Connection") == "keep-alive")
        kept.send("GET /b HTTP/1.0\r\n\r\n")
        let third = try kept.readResponse()
        #expect(third.text.hasPrefix("GET /b"))
        #expect(kept.isClosedByPeer())

        let viaCurl = try CurlClient().request(server.url("/ten"), http10: true)
        #expect(viaCurl.status == 200)
    }

    @Test("pipelined requests are answered in order")
    func pipelining() throws {
        let server = try TestServer(handler: EchoHandler())
        let client = try RawClient(port: server.port)
        let requests = (1...20).map { "GET /p\($0) HTTP/1.1\r\nHost: x\r\n\r\n" }.joined()
        client.send(requests)
        for index in 1...20 {
            let response = try client.readResponse()
            #expect(response.text.hasPrefix("GET /p\(index) "))
        }
        #expect(server.server.acceptedConnections == 1)
    }

    /// More requests than one turn of the worker reads (ConnectionTuning.readsPerTurn reads
    /// of at most the input bound): the connection yields and must be resumed by its worker,
    /// since no new read event comes for bytes it left in the kernel.
    @Test("a pipeline longer than one worker turn is answered to its end")
    func pipelineOverSeveralTurns() throws {
        let server = try TestServer(handler: EchoHandler())
        let client = try RawClient(port: server.port, timeout: 5)
        let count = 40_000  // 27 bytes each: 1 MB, many turns of 64 KiB
        let requests = (1...count).map { "GET /\($0 % 10) HTTP/1.1\r\nHost: x\r\n\r\n" }.joined()
        #expect(requests.utf8.count > ConnectionTuning.readsPerTurn * ConnectionTuning.bufferedInputBytes)
        // Sending and reading at once (the responses would otherwise fill the client's
        // buffers and stop the server reading): send from a thread; a socket allows it.
        nonisolated(unsafe) let sending = client
        let sender = Thread { _ = sending.send(requests) }
        sender.start()
        var answered = 0
        while answered < count, let response = try? client.readResponse() {
            guard response.text.hasPrefix("GET /\((answered + 1) % 10) ") else { break }
            answered += 1
        }
        #expect(answered == count)
    }

    /// A read event never comes for bytes already buffered, so after a streamed response the
    /// server must go back to the requests pipelined behind it by itself.
    @Test("requests pipelined behind a streamed response are answered right away")
    func pipelinedAfterStream() throws {
        let server = try TestServer(handler: EchoHandler())
        let client = try RawClient(port: server.port, timeout: 2)
        let started = ContinuousClock.now
        client.send(
            "GET /stream/200 HTTP/1.1\r\nHost: x\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\n\r\nGET /stream/3 HTTP/1.1\r\nHost: x\r\n\r\nGET /last HTTP/1.1\r\nHost: x\r\n\r\n"
        )
        #expect(try client.readResponse().text.split(separator: "\n").count == 200)
        #expect(try client.readResponse().text.hasPrefix("GET /after"))
        #expect(try client.readResponse().text == "chunk 1\nchunk 2\nchunk 3\n")
        #expect(try client.readResponse().text.hasPrefix("GET /last"))
        #expect(ContinuousClock.now - started < .seconds(1))
    }

    @Test("HEAD has GET's headers and no body")
    func head() throws {
        let server = try TestServer(handler: EchoHandler())
        let client = try RawClient(port: server.port)
        client.send("GET /big/5000 HTTP/1.1\r\nHost: x\r\n\r\n")
        let get = try client.readResponse()
        client.send("HEAD /big/5000 HTTP/1.1\r\nHost: x\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\n\r\n")
        let head = try client.readResponse(head: true)
        #expect(head.status == 200)
        #expect(head.header("Content-Length") == "5000")
        #expect(head.header("Content-Type") == get.header("Content-Type"))
        // If HEAD had sent a body, these bytes would be x's instead of the next response.
        let after = try client.readResponse()
        #expect(after.text.hasPrefix("GET /after"))
        let viaCurl = try CurlClient().request(server.url("/big/10"), method: "HEAD")
        #expect(viaCurl.header("Content-Length") == "10")
        #expect(viaCurl.body.isEmpty)
    }

    @Test("a chunked body, then a second request on the same connection")
    func chunkedThenNext() throws {
        let server = try TestServer(handler: EchoHandler())
        let client = try RawClient(port: server.port)
        client.send(
            "POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4;ext\r\nWiki\r\n5\r\npedia\r\n0\r\nX-T: 1\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n"
        )
        let first = try client.readResponse()
        #expect(first.text == "POST /up  body=9 Wikipedia")
        let second = try client.readResponse()
        #expect(second.text.hasPrefix("GET /next"))
    }

    @Test("Expect: 100-continue gets an interim response, then the final one")
    func expectContinue() throws {
        let server = try TestServer(handler: EchoHandler())
        let client = try RawClient(port: server.port)
        client.send("POST /c HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
        let interim = try client.readResponse()
        #expect(interim.status == 100)
        client.send("hello")
        let final = try client.readResponse()
        #expect(final.status == 200)
        #expect(final.text.hasSuffix("body=5 hello"))
        // curl sends Expect: 100-continue for bodies over 1 KiB and waits for the 100.
        let body = [UInt8](repeating: UInt8(ascii: "b"), count: 4000)
        let response = try CurlClient().request(server.url("/curl"), method: "POST", headers: ["Expect: 100-continue"], body: body)
        #expect(response.status == 200)
        #expect(response.text.contains("body=4000"))
    }

    @Test("a streamed body is sent chunked to HTTP/1.1 and until close to HTTP/1.0")
    func streaming() throws {
        let server = try TestServer(handler: EchoHandler())
        let response = try CurlClient().request(server.url("/stream/1000"))
        #expect(response.status == 200)
        #expect(response.header("Transfer-Encoding") == "chunked")
        #expect(response.header("Content-Length") == nil)
        let lines = response.text.split(separator: "\n")
        #expect(lines.count == 1000)
        #expect(lines.last == "chunk 1000")

        let old = try RawClient(port: server.port)
        old.send("GET /stream/3 HTTP/1.0\r\n\r\n")
        let text = String(decoding: old.readUntilClose(), as: UTF8.self)
        #expect(text.contains("Connection: close"))
        #expect(text.hasSuffix("chunk 1\nchunk 2\nchunk 3\n"))
    }

    @Test("response headers carrying CR or LF are dropped, never split the response")
    func responseSplitting() throws {
        let server = try TestServer(handler: EchoHandler())
        let response = try CurlClient().request(server.url("/split"))
        #expect(response.header("X-Evil") == nil)
        #expect(response.header("Set-Cookie") == nil)
        #expect(response.header("X-Good") == "fine")
    }

    /// Each malformed request gets a complete response with its status and `Connection:
    /// close`, through the handler's error hook, and then the connection is closed.
    @Test(
        "errors answer with their status, then close",
        arguments: [
            ("get / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n folded\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: x\r\nX: \u{1}\r\n\r\n", 400),
            ("GET / HTTP/1.1\nHost: x\n\n", 400),
            ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc", 400),
            ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400),
            ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: x\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nnope\r\n", 400),
            ("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n", 413),
            ("GET /\(String(repeating: "a", count: 9000)) HTTP/1.1\r\nHost: x\r\n\r\n", 414),
            ("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 17000))\r\n\r\n", 431),
            ("GET / HTTP/1.1\r\nHost: x\r\n\((0..<101).map { "X-\($0): v\r\n" }.joined())\r\n", 431),
            ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
            ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
            ("GET / HTTP/1.1\r\nHost: x\r\nExpect: nothing\r\n\r\n", 417),
        ])
    func errors(raw: String, status: Int) throws {
        let server = try TestServer(handler: EchoHandler())
        let client = try RawClient(port: server.port)
        client.send(raw)
        let response = try client.readResponse()
        #expect(response.status == status)
        #expect(response.header("Connection") == "close")
        #expect(response.header("X-Error") != nil, "the handler's error hook renders it")
        #expect(response.header("Content-Length") == String(response.body.count))
        #expect(!response.body.isEmpty)
        #expect(client.isClosedByPeer())
    }

    @Test("a body over the limit sent anyway still gets its 413 (lingering close)")
    func oversizedBodyStreamedAnyway() throws {
        let server = try TestServer(handler: EchoHandler())
        let client = try RawClient(port: server.port)
        var request = Array("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        let chunk = Array("10000\r\n".utf8) + [UInt8](repeating: 120, count: 0x10000) + Array("\r\n".utf8)
        for _ in 0..<20 { request += chunk }
        client.send(request)
        let response = try client.readResponse()
        #expect(response.status == 413)
        #expect(client.isClosedByPeer())
    }
}
