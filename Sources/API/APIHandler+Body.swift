import LatticeHTTP

extension APIHandler {
    /// Only `POST /mcp` takes a request body (everything else is GET, HEAD or OPTIONS); it is
    /// read within the HTTP layer's limits (size, chunked framing, timeouts), which answer
    /// any body that fails them. Any other body is discarded as it arrives, never stored,
    /// and the request is answered once it has ended, so a body that fails (malformed, too
    /// large, too slow) gets the request's one response.
    public func wantsBody(_ head: HTTPRequest) -> Bool {
        head.method == .post && Router.match(head.path)?.endpoint.operation == .post
    }
}
