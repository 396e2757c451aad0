/// What the server calls. It runs on the connection's worker queue and must not block:
/// everything it needs should already be in memory.
public protocol HTTPHandler: Sendable {
    /// Answers one request.
    func respond(to request: HTTPRequest) -> HTTPResponse

    /// The response for an error the HTTP layer detected itself (malformed or oversized
    /// requests, timeouts, the connection cap). `request` is the request (head only) when the
    /// error came while its body was being read (a chunked body too large, a body timeout),
    /// else nil. The server adds `Connection: close` and closes afterwards.
    func response(for error: HTTPError, request: HTTPRequest?) -> HTTPResponse

    /// Whether this request's body is wanted. Asked once its head is parsed, for requests
    /// that carry a body: when false, the request is answered at once (with an empty
    /// ``HTTPRequest/body``) and the body that follows is read and discarded, never stored,
    /// within the same limits and timeouts. Default: true.
    func wantsBody(_ head: HTTPRequest) -> Bool
}

extension HTTPHandler {
    public func wantsBody(_ head: HTTPRequest) -> Bool { true }

    /// A plain-text rendering of the error; applications override it (the API renders
    /// problem+json).
    public func response(for error: HTTPError, request: HTTPRequest?) -> HTTPResponse {
        HTTPResponse(
            status: error.status,
            headers: [HTTPField("Content-Type", "text/plain; charset=utf-8")],
            body: .bytes(Array((error.detail + "\n").utf8)))
    }
}

/// A handler made from a closure, for tests and small tools.
public struct ClosureHandler: HTTPHandler {
    let body: @Sendable (HTTPRequest) -> HTTPResponse

    public init(_ body: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
        self.body = body
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse { body(request) }
}
