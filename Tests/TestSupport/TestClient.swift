import Foundation
import LatticeHTTP

/// How a ``TestClient`` reaches its handler.
public enum TestMode: String, Sendable, CaseIterable, CustomStringConvertible {
    /// The handler called directly, no sockets: routing, parameters, rendering and every
    /// header the handler sets, at the cost of a function call.
    case inProcess
    /// The handler behind a real ``HTTPServer`` on a loopback port, asked with libcurl: what
    /// only a connection shows (framing, Content-Length, chunking, keep-alive, timeouts) too.
    case live

    public var description: String { rawValue }
}

/// One client for a handler in either ``TestMode``: the same requests, the same
/// ``TestResponse``, so one test can run in both modes and show that they agree. A test that
/// needs the socket (the wire format, connections, the server's own headers) uses `.live`.
public final class TestClient: Sendable {
    public let mode: TestMode
    public let handler: any HTTPHandler
    /// The server, in `.live` mode; nil in process.
    public let server: TestServer?

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public init(_ mode: TestMode, handler: any HTTPHandler, server configuration: ServerConfiguration = ServerConfiguration()) throws {
        self.mode = mode
        self.handler = handler
        server = mode == .live ? try TestServer(configuration: configuration, handler: handler) : nil
    }

    /// One request. `headers` are raw `Name: value` lines, as curl takes them (`Name:` with
    /// no value removes a header curl would send by itself: `Accept`, `Host`).
    public func request(_ target: String, method: String = "GET", headers: [String] = [], body: [UInt8]? = nil) throws -> TestResponse {
        switch mode {
        case .live:
            guard let server else { throw Failure(description: "a live client without a server") }
            return try CurlClient().request(server.url(target), method: method, headers: headers, body: body)
        case .inProcess:
            return try InProcess.respond(handler, target: target, method: method, headers: headers, body: body)
        }
    }

    /// Stops the server, if there is one.
    public func stop() {
        server?.stop()
    }
}

/// What the server and curl would do around a handler, done in process: the request as the
/// parser would build it from curl's bytes, and the response as curl would see its body.
enum InProcess {
    static func respond(_ handler: any HTTPHandler, target: String, method name: String, headers lines: [String], body: [UInt8]?)
        throws -> TestResponse
    {
        let method = HTTPMethod(named: name)
        var request: HTTPRequest
        do {
            request = try HTTPRequest(method: method, target: target, headers: HTTPHeaders(requestFields(lines, body: body)))
        } catch {
            return try received(handler.response(for: error, request: nil), method: method)
        }
        if let body, handler.wantsBody(request) { request.body = body }
        return try received(handler.respond(to: request), method: method)
    }

    /// curl's own header fields (Host, Accept; for a body, its length and form type), then the
    /// test's, which replace curl's of the same name or, without a value, remove them.
    static func requestFields(_ lines: [String], body: [UInt8]?) -> [(String, String)] {
        var fields: [(String, String)] = [("Host", "127.0.0.1"), ("Accept", "*/*")]
        if let body {
            fields += [("Content-Length", "\(body.count)"), ("Content-Type", "application/x-www-form-urlencoded")]
        }
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            fields.removeAll { $0.0.lowercased() == name.lowercased() }
            if !value.isEmpty { fields.append((name, value)) }
        }
        return fields
    }

    /// The response as a client receives it: no body after HEAD or for a status without one,
    /// a stream read to its end (an aborted one fails, as curl's transfer would).
    static func received(_ response: HTTPResponse, method: HTTPMethod) throws -> TestResponse {
        var body: [UInt8] = []
        if method != .head, response.status.allowsBody {
            switch response.body {
            case .empty: break
            case .bytes(let bytes): body = bytes
            case .stream(let stream):
                while let chunk = stream.next() { body += chunk }
                if stream.aborted { throw TestClient.Failure(description: "the response's stream was aborted") }
            }
        }
        return TestResponse(status: response.status.code, headers: response.headers.map { ($0.name, $0.value) }, body: body)
    }
}

extension HTTPMethod {
    /// The method a name denotes, as the parser reads it.
    init(named name: String) {
        let standard: [HTTPMethod] = [.get, .head, .post, .put, .delete, .connect, .options, .trace, .patch]
        self = standard.first { $0.description == name } ?? .other(name)
    }
}
