/// Size limits on incoming requests. Each is answered with its own status and a close.
public struct HTTPLimits: Sendable, Equatable {
    /// Longest request-target, in bytes; longer gets 414 (RFC 9112 §3 asks for at least 8000).
    public var maxTargetLength: Int = 8 * 1024
    /// Largest header section (the field lines after the request line), in bytes; larger gets 431.
    public var maxHeaderBytes: Int = 16 * 1024
    /// Most header fields in one request; more gets 431.
    public var maxHeaderCount: Int = 100
    /// Largest request body, after chunked decoding; larger gets 413.
    public var maxBodyBytes: Int = 1024 * 1024
    /// Longest chunk-size line including extensions; longer gets 400.
    public var maxChunkLineLength: Int = 4 * 1024

    public init() {}

    public init(maxTargetLength: Int, maxHeaderBytes: Int, maxHeaderCount: Int, maxBodyBytes: Int) {
        self.maxTargetLength = maxTargetLength
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
    }
}

/// One set of limits for many parsers: every connection of a server holds a reference to
/// its server's (8 bytes) rather than a copy (40 bytes).
public final class SharedHTTPLimits: Sendable {
    public let limits: HTTPLimits

    public init(_ limits: HTTPLimits) {
        self.limits = limits
    }
}
