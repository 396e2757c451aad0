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

/// A response header field. Values must not contain CR, LF or NUL, and names must be
/// tokens; the serializer drops any field that breaks this rather than let request data
/// split a response.
public struct HTTPField: Sendable, Hashable {
    /// `name: value` CRLF as it goes on the wire, encoded and checked once, here: writing a
    /// response is then a copy, and a field shared by every response is built once. It is
    /// the only storage, so copying a field retains one buffer.
    let line: [UInt8]
    private let nameLength: Int
    /// False when the name is not a token or the value holds CR, LF or NUL.
    let isSafe: Bool

    public init(_ name: String, _ value: String) {
        var line: [UInt8] = []
        line.reserveCapacity(name.utf8.count + value.utf8.count + 4)
        line.append(contentsOf: name.utf8)
        let nameEnd = line.count
        line.append(ASCII.colon)
        line.append(ASCII.space)
        line.append(contentsOf: value.utf8)
        let valueEnd = line.count
        line.append(ASCII.cr)
        line.append(ASCII.lf)
        let isToken = ASCII.isTokenTable
        isSafe = line.withUnsafeBufferPointer { bytes in
            guard nameEnd > 0, bytes[0..<nameEnd].allSatisfy({ isToken[Int($0)] }) else { return false }
            return !bytes[(nameEnd + 2)..<valueEnd].contains { $0 == ASCII.cr || $0 == ASCII.lf || $0 == 0 }
        }
        self.line = line
        nameLength = nameEnd
    }

    public var name: String { String(decoding: line[..<nameLength], as: UTF8.self) }
    public var value: String { String(decoding: line[(nameLength + 2)..<(line.count - 2)], as: UTF8.self) }
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
///
/// A stream can also be aborted (``Step/abort``): the connection then closes without the
/// body's end (no last chunk), so the client sees an incomplete response rather than a
/// complete-looking short one.
public final class HTTPBodyStream: @unchecked Sendable {
    public enum Step {
        case chunk([UInt8])
        case end
        case abort
    }

    private let produce: () -> Step
    /// The stream ended by aborting (``next()`` returned nil for it).
    public private(set) var aborted = false

    public convenience init(_ produce: @escaping () -> [UInt8]?) {
        self.init(steps: { produce().map(Step.chunk) ?? .end })
    }

    public init(steps produce: @escaping () -> Step) {
        self.produce = produce
    }

    /// The next chunk, or nil at the end (``aborted`` says whether the body is complete); the
    /// server calls it when everything before is written, and so may a wrapper that
    /// transforms the stream (compression), which passes an abort on with ``Step/abort``.
    public func next() -> [UInt8]? {
        guard !aborted else { return nil }
        switch produce() {
        case .chunk(let bytes): return bytes
        case .end: return nil
        case .abort:
            aborted = true
            return nil
        }
    }
}

extension HTTPField {
    /// Every 503 says when to come back, the server's own refusals (over the connection
    /// limit) and the application's (not ready, draining) alike: the one place that decides it.
    public static let retryAfter = HTTPField("Retry-After", "1")
}
