/// A request method (RFC 9110 §9). Methods are case-sensitive tokens; the parser only
/// produces ``other(_:)`` for a well-formed uppercase token it does not know.
public enum HTTPMethod: Hashable, Sendable, CustomStringConvertible {
    case get, head, post, put, delete, connect, options, trace, patch
    case other(String)

    /// Recognises the standard methods from their exact bytes.
    init(bytes: UnsafeBufferPointer<UInt8>) {
        switch bytes.count {
        case 3 where bytes.elementsEqual("GET".utf8): self = .get
        case 3 where bytes.elementsEqual("PUT".utf8): self = .put
        case 4 where bytes.elementsEqual("HEAD".utf8): self = .head
        case 4 where bytes.elementsEqual("POST".utf8): self = .post
        case 5 where bytes.elementsEqual("TRACE".utf8): self = .trace
        case 5 where bytes.elementsEqual("PATCH".utf8): self = .patch
        case 6 where bytes.elementsEqual("DELETE".utf8): self = .delete
        case 7 where bytes.elementsEqual("CONNECT".utf8): self = .connect
        case 7 where bytes.elementsEqual("OPTIONS".utf8): self = .options
        default: self = .other(String(decoding: bytes, as: UTF8.self))
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
