/// Every error the HTTP layer answers by itself, before or instead of the handler.
/// Each case maps to exactly one status (``status``) and a sentence that tells the client
/// what to fix (``detail``). After any of them the server closes the connection, since the
/// request's framing can no longer be trusted.
public enum HTTPError: Error, Sendable, Equatable {
    // 400: syntax (RFC 9112 §2–§7)
    case malformedRequestLine(String)
    case invalidMethod(String)
    case invalidTarget(String)
    case invalidPercentEncoding(String)
    case malformedVersion(String)
    case malformedHeader(String)
    case bareLineFeed
    case bareCarriageReturn
    case missingHost
    case multipleHosts
    case invalidHost
    case invalidContentLength(String)
    case contentLengthWithTransferEncoding
    case transferEncodingOnHTTP10
    case invalidTransferEncoding(String)
    case invalidChunk(String)
    // other 4xx
    case requestTimeout
    case contentTooLarge(limit: Int)
    case targetTooLong(limit: Int)
    case expectationFailed(String)
    case headersTooLarge(limit: Int)
    case tooManyHeaders(limit: Int)
    // 5xx
    case internalError
    case unsupportedTransferCoding(String)
    case serviceUnavailable
    case versionNotSupported(String)

    public var status: HTTPStatus {
        switch self {
        case .malformedRequestLine, .invalidMethod, .invalidTarget, .invalidPercentEncoding,
            .malformedVersion, .malformedHeader, .bareLineFeed, .bareCarriageReturn, .missingHost,
            .multipleHosts, .invalidHost, .invalidContentLength, .contentLengthWithTransferEncoding,
            .transferEncodingOnHTTP10, .invalidTransferEncoding, .invalidChunk:
            .badRequest
        case .requestTimeout: .requestTimeout
        case .contentTooLarge: .contentTooLarge
        case .targetTooLong: .uriTooLong
        case .expectationFailed: .expectationFailed
        case .headersTooLarge, .tooManyHeaders: .requestHeaderFieldsTooLarge
        case .internalError: .internalServerError
        case .unsupportedTransferCoding: .notImplemented
        case .serviceUnavailable: .serviceUnavailable
        case .versionNotSupported: .httpVersionNotSupported
        }
    }

    /// A client-facing explanation. It never echoes raw request bytes beyond short,
    /// sanitized excerpts.
    public var detail: String {
        switch self {
        case .malformedRequestLine(let why): "Malformed request line: \(why)."
        case .invalidMethod(let why): "Invalid method: \(why). Methods are uppercase tokens such as GET."
        case .invalidTarget(let why): "Invalid request target: \(why)."
        case .invalidPercentEncoding(let why): "Invalid percent-encoding: \(why)."
        case .malformedVersion(let version): "Malformed HTTP version \(version); expected HTTP/1.1 or HTTP/1.0."
        case .malformedHeader(let why): "Malformed header field: \(why)."
        case .bareLineFeed: "Lines must end with CRLF; a bare LF was received."
        case .bareCarriageReturn: "A CR must be followed by LF; a bare CR was received."
        case .missingHost: "An HTTP/1.1 request must carry a Host header."
        case .multipleHosts: "A request may carry only one Host header (RFC 9112 §3.2); several were received."
        case .invalidHost: "The Host header is not a valid host[:port]."
        case .invalidContentLength(let why): "Invalid Content-Length: \(why)."
        case .contentLengthWithTransferEncoding:
            "A request must not carry both Content-Length and Transfer-Encoding."
        case .transferEncodingOnHTTP10: "Transfer-Encoding is not allowed on an HTTP/1.0 request."
        case .invalidTransferEncoding(let why): "Invalid Transfer-Encoding: \(why)."
        case .invalidChunk(let why): "Invalid chunked body: \(why)."
        case .requestTimeout: "The request was not received in time."
        case .contentTooLarge(let limit): "The request body is larger than the limit of \(limit) bytes."
        case .targetTooLong(let limit): "The request target is longer than the limit of \(limit) bytes."
        case .expectationFailed(let value): "Unsupported expectation \(value); only 100-continue is supported."
        case .headersTooLarge(let limit): "The header section is larger than the limit of \(limit) bytes."
        case .tooManyHeaders(let limit): "The request has more than the limit of \(limit) header fields."
        case .internalError: "The server failed to answer this request."
        case .unsupportedTransferCoding(let coding):
            "The transfer coding \(coding) is not supported; only chunked is."
        case .serviceUnavailable: "The server is at its connection limit or shutting down; retry shortly."
        case .versionNotSupported(let version): "\(version) is not supported; use HTTP/1.1 or HTTP/1.0."
        }
    }

    /// A stable machine-readable name (`request-timeout`, `too-many-headers`) for problem types.
    public var slug: String {
        switch self {
        case .malformedRequestLine: "malformed-request-line"
        case .invalidMethod: "invalid-method"
        case .invalidTarget: "invalid-target"
        case .invalidPercentEncoding: "invalid-percent-encoding"
        case .malformedVersion: "malformed-version"
        case .malformedHeader: "malformed-header"
        case .bareLineFeed: "bare-line-feed"
        case .bareCarriageReturn: "bare-carriage-return"
        case .missingHost: "missing-host"
        case .multipleHosts: "multiple-hosts"
        case .invalidHost: "invalid-host"
        case .invalidContentLength: "invalid-content-length"
        case .contentLengthWithTransferEncoding: "content-length-with-transfer-encoding"
        case .transferEncodingOnHTTP10: "transfer-encoding-on-http10"
        case .invalidTransferEncoding: "invalid-transfer-encoding"
        case .invalidChunk: "invalid-chunk"
        case .requestTimeout: "request-timeout"
        case .contentTooLarge: "content-too-large"
        case .targetTooLong: "target-too-long"
        case .expectationFailed: "expectation-failed"
        case .headersTooLarge: "headers-too-large"
        case .tooManyHeaders: "too-many-headers"
        case .internalError: "internal-error"
        case .unsupportedTransferCoding: "unsupported-transfer-coding"
        case .serviceUnavailable: "service-unavailable"
        case .versionNotSupported: "version-not-supported"
        }
    }
}
