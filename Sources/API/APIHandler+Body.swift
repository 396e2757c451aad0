import LatticeHTTP

extension APIHandler {
    /// No endpoint takes a request body (everything is GET, HEAD or OPTIONS): a body sent
    /// anyway is discarded as it arrives, never stored, and the request is answered once it
    /// has ended, so a body that fails (malformed, too large, too slow) gets the request's one
    /// response.
    public func wantsBody(_ head: HTTPRequest) -> Bool { false }
}
