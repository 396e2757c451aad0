/// A request method (RFC 9110 §9). Methods are case-sensitive tokens; the parser only
/// produces ``other(_:)`` for a well-formed uppercase token it does not know.
public enum HTTPMethod: Hashable, Sendable, CustomStringConvertible {
    case get, head, post, put, delete, connect, options, trace, patch
    case other(String)

    /// Recognises the standard methods from their exact bytes.
    init(bytes: UnsafeBufferPointer<UInt8>) {
        if ASCII.equals(bytes, "GET") {
            self = .get
        } else if ASCII.equals(bytes, "HEAD") {
            self = .head
        } else if ASCII.equals(bytes, "OPTIONS") {
            self = .options
        } else if ASCII.equals(bytes, "POST") {
            self = .post
        } else if ASCII.equals(bytes, "PUT") {
            self = .put
        } else if ASCII.equals(bytes, "DELETE") {
            self = .delete
        } else if ASCII.equals(bytes, "PATCH") {
            self = .patch
        } else if ASCII.equals(bytes, "TRACE") {
            self = .trace
        } else if ASCII.equals(bytes, "CONNECT") {
            self = .connect
        } else {
            self = .other(String(decoding: bytes, as: UTF8.self))
        }
    }

    public var description: String {
        switch self {
        case .get: "GET"
        case .head: "HEAD"
        case .post: "POST"
        case .put: "PUT"
        case .delete: "DELETE"
        case .connect: "CONNECT"
        case .options: "OPTIONS"
        case .trace: "TRACE"
        case .patch: "PATCH"
        case .other(let name): name
        }
    }

    /// Whether this is one of the methods RFC 9110 and RFC 5789 define. Others reach the
    /// handler too; what to answer (405, 501) is the application's decision.
    public var isStandard: Bool {
        if case .other = self { return false }
        return true
    }
}
