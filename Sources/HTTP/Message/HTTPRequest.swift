/// One parsed request: what a handler gets.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    public var version: HTTPVersion
    /// The request-target exactly as sent (`/v1/actors?kind=state`, or an absolute URI).
    public var target: String
    /// The percent-decoded path (`/v1/actors`); `*` for `OPTIONS *`.
    public var path: String
    /// The decoded query parameters in order; `+` decodes to a space.
    public var query: [QueryItem]
    /// Why the query could not be decoded (then `query` is empty): the request still has
    /// its method and path, and the application answers the error (400) for it.
    public var queryError: HTTPError?
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Whether the connection stays open after this request (RFC 9112 §9.3).
    public var keepAlive: Bool

    public init(
        method: HTTPMethod, target: String, version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
    ) throws(HTTPError) {
        self.method = method
        self.version = version
        self.target = target
        let parsed = try RequestTarget.parse(Array(target.utf8), method: method)
        self.path = parsed.path
        self.query = parsed.query
        self.queryError = parsed.queryError
        self.headers = headers
        self.body = body
        self.keepAlive = version == .http1_1
    }

    init(
        method: HTTPMethod, version: HTTPVersion, target: String, path: String, query: [QueryItem],
        queryError: HTTPError? = nil, headers: HTTPHeaders, body: [UInt8], keepAlive: Bool
    ) {
        self.method = method
        self.version = version
        self.target = target
        self.path = path
        self.query = query
        self.queryError = queryError
        self.headers = headers
        self.body = body
        self.keepAlive = keepAlive
    }
}

/// One `name=value` pair of a query string, decoded.
public struct QueryItem: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
