import LatticeHTTP

extension APIHandler {
    /// No endpoint takes a request body (everything is GET, HEAD or OPTIONS): every request is
    /// answered on its head, and a body sent anyway is discarded as it arrives, never stored
    /// (issue 16 item 7).
    public func wantsBody(_ head: HTTPRequest) -> Bool { false }
}
