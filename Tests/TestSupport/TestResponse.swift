import Foundation

/// A response as a test sees it, whichever way it was asked for (``TestClient``'s two modes,
/// or ``CurlClient`` directly): status, header fields in order, body.
public struct TestResponse: Sendable {
    public var status: Int
    /// Header fields in order (names as sent). In process these are the handler's own; over a
    /// socket they include what the server adds (Date, Content-Length, Connection).
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// How many new connections curl opened for this transfer (0 means it reused one); nil
    /// when no socket was involved.
    public var newConnections: Int?

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8], newConnections: Int? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.newConnections = newConnections
    }

    public var text: String { String(decoding: body, as: UTF8.self) }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public func headerValues(_ name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// The body parsed as JSON (objects as [String: Any], arrays as [Any]).
    public func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
    }
}
