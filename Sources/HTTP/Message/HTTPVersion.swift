/// The protocol version of a request. Only HTTP/1.0 and HTTP/1.1 are served; the parser
/// answers any other well-formed version with 505. The cases keep the protocol's own
/// spelling (`http1_1`), which lowerCamelCase would hide.
// swift-format-ignore: AlwaysUseLowerCamelCase
public enum HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    case http1_0
    case http1_1

    public var description: String {
        switch self {
        case .http1_0: "HTTP/1.0"
        case .http1_1: "HTTP/1.1"
        }
    }
}
