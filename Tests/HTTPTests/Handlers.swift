import Foundation
import LatticeHTTP

/// Echoes what it understood of the request, so tests can see the parser's view through
/// a real socket. `/big/N` answers N bytes, `/stream/N` streams N chunks, `/slow/MS` sleeps
/// (`/slow/MS/TOKEN` first tells ``HandlerStarted`` that it is running).
struct EchoHandler: HTTPHandler {
    func respond(to request: HTTPRequest) -> HTTPResponse {
        let parts = request.path.split(separator: "/")
        if parts.first == "big", let count = Int(parts.last ?? "") {
            return HTTPResponse(
                status: .ok, headers: [HTTPField("Content-Type", "application/octet-stream")],
                body: .bytes([UInt8](repeating: UInt8(ascii: "x"), count: count)))
        }
        if parts.first == "stream", let count = Int(parts.last ?? "") {
            var sent = 0
            return HTTPResponse(
                status: .ok, headers: [HTTPField("Content-Type", "text/plain")],
                body: .stream(
                    HTTPBodyStream {
                        guard sent < count else { return nil }
                        sent += 1
                        return Array("chunk \(sent)\n".utf8)
                    }))
        }
        if parts.first == "slow", parts.count >= 2, let milliseconds = UInt32(parts[1]) {
            if parts.count == 3 { HandlerStarted.signal(String(parts[2])) }
            usleep(milliseconds * 1000)
        }
        if parts.first == "split" {
            return HTTPResponse(
                status: .ok, headers: [HTTPField("X-Evil", "a\r\nSet-Cookie: owned"), HTTPField("X-Good", "fine")],
                body: .bytes(Array("ok".utf8)))
        }
        let query = request.query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        let text = "\(request.method) \(request.path) \(query) body=\(request.body.count) \(String(decoding: request.body.prefix(64), as: UTF8.self))"
        return HTTPResponse(
            status: .ok, headers: [HTTPField("Content-Type", "text/plain; charset=utf-8")],
            body: .bytes(Array(text.utf8)))
    }

    func response(for error: HTTPError, request: HTTPRequest?) -> HTTPResponse {
        HTTPResponse(
            status: error.status, headers: [HTTPField("Content-Type", "text/plain"), HTTPField("X-Error", error.slug)],
            body: .bytes(Array(error.detail.utf8)))
    }
}

/// The echo handler, but taking no request body (as the API does): requests are answered as
/// soon as their head is parsed, and any body that follows is discarded.
struct BodilessHandler: HTTPHandler {
    func wantsBody(_ head: HTTPRequest) -> Bool { false }
    func respond(to request: HTTPRequest) -> HTTPResponse { EchoHandler().respond(to: request) }
}

/// Lets a test wait until a slow request's handler is running instead of sleeping and hoping:
/// the request carries a token (`/slow/MS/TOKEN`) and the handler signals it on entry.
enum HandlerStarted {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var semaphores: [String: DispatchSemaphore] = [:]

    static func token() -> String { UUID().uuidString.lowercased() }

    private static func semaphore(_ token: String) -> DispatchSemaphore {
        lock.lock()
        defer { lock.unlock() }
        if let existing = semaphores[token] { return existing }
        let created = DispatchSemaphore(value: 0)
        semaphores[token] = created
        return created
    }

    static func signal(_ token: String) { semaphore(token).signal() }

    /// True once the handler with this token has started (false after `timeout`).
    static func wait(_ token: String, timeout: Duration = .seconds(5)) -> Bool {
        let milliseconds = Int(timeout.components.seconds) * 1000
        return semaphore(token).wait(timeout: .now() + .milliseconds(milliseconds)) == .success
    }
}
