/// What a handler returns. The server adds the framing headers itself — `Date`,
/// `Content-Length` or `Transfer-Encoding`, and `Connection` — so handlers must not.
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: [HTTPField]
    public var body: HTTPBody

    public init(status: HTTPStatus, headers: [HTTPField] = [], body: HTTPBody = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public mutating func addHeader(_ name: String, _ value: String) {
        headers.append(HTTPField(name, value))
    }

    /// The first value of a header the handler set, ignoring case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// A response header field. Values must not contain CR or LF; the serializer drops any
/// field that does rather than let request data split a response.
public struct HTTPField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A response body: nothing, bytes known up front (sent with Content-Length), or a stream
/// of chunks pulled one at a time as the socket accepts them (sent chunked).
public enum HTTPBody: Sendable {
    case empty
    case bytes([UInt8])
    case stream(HTTPBodyStream)

    /// The length of a fixed body; nil for a stream.
    public var count: Int? {
        switch self {
        case .empty: 0
        case .bytes(let bytes): bytes.count
        case .stream: nil
        }
    }
}

/// A pull-based body. `next` is called on the connection's queue only when everything
/// produced so far has been written, so a slow reader holds back production instead of
/// filling memory. Return nil when done.
public final class HTTPBodyStream: @unchecked Sendable {
    private let produce: () -> [UInt8]?

    public init(_ produce: @escaping () -> [UInt8]?) {
        self.produce = produce
    }

    func next() -> [UInt8]? { produce() }
}
