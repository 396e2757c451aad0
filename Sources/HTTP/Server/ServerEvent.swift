/// Something the server could not do, reported so the application can log and count it
/// (``HTTPServer/onEvent(_:)``). The server itself carries on: it backs off accepting, or
/// closes the one connection concerned.
public struct ServerEvent: Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// accept(2) failed for lack of descriptors or memory (EMFILE, ENFILE, ENOBUFS,
        /// ENOMEM); accepting pauses for 100 ms while the backlog holds the clients.
        case acceptExhausted = "accept_exhausted"
        /// A read failed with an error other than the peer going away; the connection closed.
        case readFailed = "read_failed"
        /// A write failed with an error other than the peer going away; the connection closed.
        case writeFailed = "write_failed"
        /// The kernel refused to watch a new connection (epoll_ctl); the connection closed.
        case registerFailed = "register_failed"
    }

    public let kind: Kind
    public let error: SocketError

    public init(kind: Kind, error: SocketError) {
        self.kind = kind
        self.error = error
    }

    public var description: String { "\(kind.rawValue): \(error)" }
}
