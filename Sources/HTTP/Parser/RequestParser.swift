import Glibc

/// An incremental HTTP/1.1 request parser (RFC 9112). Feed it the connection's buffered
/// bytes as they arrive, split anywhere; it consumes what it has parsed and returns one
/// request at a time. It is a pure state machine: no I/O, no clock.
///
/// Strict by design, because lenient framing is how requests are smuggled: lines end in
/// CRLF, no obs-fold, no whitespace before a colon, exactly one framing header, exactly one
/// Host on HTTP/1.1. After ``ParseResult/failure(_:)`` the parser must not be used again.
public struct RequestParser: Sendable {
    private let shared: SharedHTTPLimits
    private var state: State = .head(HeadScan())
    /// Set when a head asked for `100 Continue` and its body has not fully arrived yet.
    private var owesContinue = false

    public init(limits: HTTPLimits = HTTPLimits()) {
        self.shared = SharedHTTPLimits(limits)
    }

    /// A parser using limits shared with others (a server's connections share one set).
    public init(sharing limits: SharedHTTPLimits) {
        self.shared = limits
    }

    public var limits: HTTPLimits { shared.limits }

    public enum ParseResult: Sendable {
        case incomplete
        case request(HTTPRequest)
        case failure(HTTPError)
    }

    /// Every connection holds one, idle ones included, so its size counts: the chunked
    /// cases (rare: a read-only API gets few bodies) are boxed, which keeps the largest
    /// case a request and a word.
    enum State: Sendable {
        case head(HeadScan)
        case fixedBody(HTTPRequest, remaining: Int)
        indirect case chunkedBody(HTTPRequest, ChunkedDecoder)
        /// The request's body is not wanted: it is read and dropped, and the request (its
        /// head, with an empty body) is returned once the body has ended, so that a body
        /// that turns out malformed, too large or too slow is answered by the request's
        /// only response, never by a second one after it.
        case discardFixedBody(HTTPRequest, remaining: Int)
        indirect case discardChunkedBody(HTTPRequest, ChunkedDecoder)
        /// After a failure (keeping the request whose body was being read, if any, to name
        /// it in the error response), or after a request that ends the connection.
        case failed(HTTPRequest?)
        /// A complete request, held for ``takeRequest()`` (see ``advance(_:wantsBody:)``),
        /// and what parsing resumes with after it.
        case ready(HTTPRequest, then: AfterReady)
    }

    /// What follows a request held in ``State/ready(_:then:)``: the next head, or nothing
    /// (the request's response ends the connection and what follows is never parsed).
    enum AfterReady: Sendable {
        case head
        case end
    }

    /// Progress through a head that has not fully arrived: where scanning resumes, and what
    /// was learnt about the lines already seen.
    struct HeadScan: Sendable {
        var scanned = 0
        var lineStart = 0
        var requestLineEnd: Int?  // index of the LF ending the request line
        var fieldLines = 0
    }

    /// The request whose body is being read (its head parsed), kept after a failure so an
    /// error response can name it.
    public var requestInProgress: HTTPRequest? {
        switch state {
        case .fixedBody(let request, _), .chunkedBody(let request, _),
            .discardFixedBody(let request, _), .discardChunkedBody(let request, _):
            request
        case .failed(let request): request
        case .head, .ready: nil
        }
    }

    /// Leaves ``State/ready(_:then:)``: returns the request, and parsing resumes after it.
    private mutating func resume(_ request: HTTPRequest, _ after: AfterReady) -> HTTPRequest {
        switch after {
        case .head: state = .head(HeadScan())
        case .end: state = .failed(nil)
        }
        return request
    }

    /// True while a request has started but not completed (for the request timeout).
    public var isMidRequest: Bool {
        switch state {
        case .head, .ready(_, then: .head): false
        default: true
        }
    }

    /// Returns true once when a `100 Continue` should be sent now (RFC 9110 §10.1.1).
    public mutating func takeContinue() -> Bool {
        defer { owesContinue = false }
        return owesContinue
    }

    /// Parses the next request from `input`. `wantsBody` is asked about each request whose
    /// head announces a body: when it says no, the body is consumed and dropped as it
    /// arrives (within the same limits and timeout), so a client cannot make the server hold
    /// bodies nobody reads, and the request is returned with an empty body once its body has
    /// ended. Answering before the body ended would leave the connection's framing unknown
    /// while the response is on the wire: a body that then fails (bad chunking, over the
    /// limit, too slow) could only be answered by a second response, which a client or a
    /// proxy reusing the connection takes as the answer to its next request (RFC 9112 §6.3,
    /// §9.3). The one exception is `Expect: 100-continue`: the client waits for an answer
    /// before sending the body and may then send it or not (RFC 9110 §10.1.1), so such a
    /// request is returned at once, marked not to keep the connection alive; what follows is
    /// never parsed.
    public mutating func parse(
        _ input: inout ByteQueue, wantsBody: (HTTPRequest) -> Bool = { _ in true }
    ) -> ParseResult {
        do throws(HTTPError) {
            while true {
                switch state {
                case .failed:
                    return .failure(.internalError)
                case .ready(let request, let after):
                    return .request(resume(request, after))
                case .head(var scan):
                    guard let headEnd = try scanHead(&input, &scan) else {
                        state = .head(scan)
                        return .incomplete
                    }
                    let head = try input.withUnsafeReadableBytes { bytes throws(HTTPError) in
                        try HeadParser(limits: limits).parse(
                            UnsafeBufferPointer(rebasing: bytes[..<headEnd]), requestLineEnd: scan.requestLineEnd!)
                    }
                    input.consume(headEnd)
                    if case .none = head.framing {
                        state = .head(HeadScan())
                        return .request(head.request)
                    }
                    if !wantsBody(head.request) {
                        var request = head.request
                        if head.expectsContinue {
                            request.keepAlive = false
                            state = .failed(nil)  // nothing more is parsed (see above)
                            return .request(request)
                        }
                        switch head.framing {
                        case .none: break
                        case .contentLength(let length): state = .discardFixedBody(request, remaining: length)
                        case .chunked: state = .discardChunkedBody(request, ChunkedDecoder())
                        }
                        continue
                    }
                    switch head.framing {
                    case .none:
                        state = .head(HeadScan())
                        return .request(head.request)
                    case .contentLength(let length):
                        state = .fixedBody(head.request, remaining: length)
                        owesContinue = head.expectsContinue && input.count < length
                    case .chunked:
                        state = .chunkedBody(head.request, ChunkedDecoder())
                        owesContinue = head.expectsContinue
                    }
                case .fixedBody(var request, let remaining):
                    let take = min(remaining, input.count)
                    if take > 0 {
                        input.withUnsafeReadableBytes { request.body.append(contentsOf: $0[..<take]) }
                        input.consume(take)
                    }
                    if take < remaining {
                        state = .fixedBody(request, remaining: remaining - take)
                        return .incomplete
                    }
                    owesContinue = false
                    state = .head(HeadScan())
                    return .request(request)
                case .discardFixedBody(let request, let remaining):
                    let take = min(remaining, input.count)
                    input.consume(take)
                    if take < remaining {
                        state = .discardFixedBody(request, remaining: remaining - take)
                        return .incomplete
                    }
                    state = .head(HeadScan())
                    return .request(request)
                case .discardChunkedBody(let request, var decoder):
                    var nothing: [UInt8] = []
                    let done: Bool
                    do {
                        done = try decoder.decode(&input, into: &nothing, limits: limits, store: false)
                    } catch {
                        state = .failed(request)  // still named in the error response
                        return .failure(error)
                    }
                    if !done {
                        state = .discardChunkedBody(request, decoder)
                        return .incomplete
                    }
                    state = .head(HeadScan())
                    return .request(request)
                case .chunkedBody(var request, var decoder):
                    state = .failed(nil)  // no second reference to the body while it grows
                    let done: Bool
                    do {
                        done = try decoder.decode(&input, into: &request.body, limits: limits)
                    } catch {
                        state = .failed(request)  // still named in the error response
                        return .failure(error)
                    }
                    if !done {
                        state = .chunkedBody(request, decoder)
                        return .incomplete
                    }
                    owesContinue = false
                    state = .head(HeadScan())
                    return .request(request)
                }
            }
        } catch {
            state = .failed(requestInProgress)
            return .failure(error)
        }
    }

    /// What ``advance(_:wantsBody:)`` found.
    public enum Progress: Sendable {
        case incomplete
        /// A complete request waits in the parser: take it with ``takeRequest()``. With it,
        /// what framing its response needs: whether it is a HEAD, its version, keep-alive.
        case requestReady(isHead: Bool, version: HTTPVersion, keepAlive: Bool)
        case failure(HTTPError)
    }

    /// Parses as ``parse(_:wantsBody:)`` does, but keeps a complete request inside the
    /// parser until ``takeRequest()``, in storage the parser has anyway (a request whose
    /// body is arriving lives there too). The connection's state machine hands the request
    /// to its shell this way instead of holding it in a field of its own: 113 bytes less in
    /// every connection, idle ones included.
    public mutating func advance(_ input: inout ByteQueue, wantsBody: (HTTPRequest) -> Bool = { _ in true }) -> Progress {
        switch parse(&input, wantsBody: wantsBody) {
        case .incomplete:
            return .incomplete
        case .request(let request):
            let progress = Progress.requestReady(
                isHead: request.method == .head, version: request.version, keepAlive: request.keepAlive)
            if case .failed = state {
                state = .ready(request, then: .end)
            } else {
                state = .ready(request, then: .head)
            }
            return progress
        case .failure(let error):
            return .failure(error)
        }
    }

    /// The request ``advance(_:wantsBody:)`` reported ready; parsing resumes after it.
    public mutating func takeRequest() -> HTTPRequest {
        // Moved out, not copied: a copy would retain every string and array in the request
        // only to release them when the state is replaced.
        var taken = State.head(HeadScan())
        swap(&taken, &state)
        guard case .ready(let request, let after) = consume taken else { preconditionFailure("no parsed request is waiting") }
        return resume(request, after)
    }

    /// Finds the end of the head (the index just past its empty line), enforcing the line
    /// ending rules and the size limits on what has arrived so far.
    private func scanHead(_ input: inout ByteQueue, _ scan: inout HeadScan) throws(HTTPError) -> Int? {
        // RFC 9112 §2.2: ignore empty lines before the request line.
        if scan.scanned == 0 {
            while input.count >= 2, input[0] == ASCII.cr, input[1] == ASCII.lf { input.consume(2) }
            if input.count >= 1, input[0] == ASCII.lf { throw .bareLineFeed }
            if input.count == 1, input[0] == ASCII.cr { return nil }  // maybe the start of another empty line
        }
        return try input.withUnsafeReadableBytes { bytes throws(HTTPError) -> Int? in
            guard let base = bytes.baseAddress else { return nil }
            var index = scan.scanned
            while index < bytes.count {
                guard let found = memchr(base + index, Int32(ASCII.lf), bytes.count - index) else { break }
                let lf = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
                // The size limits first, exactly as they apply while the line is still
                // arriving (below): the same bytes get the same answer however they are split.
                if let requestLineEnd = scan.requestLineEnd {
                    if lf - requestLineEnd - 1 > limits.maxHeaderBytes + 2 { throw .headersTooLarge(limit: limits.maxHeaderBytes) }
                } else {
                    try checkRequestLine(length: lf)
                }
                guard lf > 0, bytes[lf - 1] == ASCII.cr else { throw .bareLineFeed }
                if scan.requestLineEnd == nil {
                    scan.requestLineEnd = lf
                } else if lf == scan.lineStart + 1 {
                    return lf + 1  // the empty line: the head is complete
                } else {
                    scan.fieldLines += 1
                    if scan.fieldLines > limits.maxHeaderCount { throw .tooManyHeaders(limit: limits.maxHeaderCount) }
                }
                scan.lineStart = lf + 1
                index = lf + 1
                if let requestLineEnd = scan.requestLineEnd, lf - requestLineEnd > limits.maxHeaderBytes + 2 {
                    throw .headersTooLarge(limit: limits.maxHeaderBytes)
                }
            }
            scan.scanned = bytes.count
            // Enforce the limits on a line that has not ended yet, so nobody can make us buffer forever.
            if let requestLineEnd = scan.requestLineEnd {
                if bytes.count - requestLineEnd - 1 > limits.maxHeaderBytes + 2 {
                    throw .headersTooLarge(limit: limits.maxHeaderBytes)
                }
            } else {
                try checkRequestLine(length: bytes.count)
            }
            return nil
        }
    }

    /// A request line is method, SP, target, SP, version: allow the target limit plus room
    /// for the longest method and version before answering 414. `length` counts every byte
    /// before the line feed (a CR too), whether the line has ended or not.
    private func checkRequestLine(length: Int) throws(HTTPError) {
        if length > limits.maxTargetLength + 32 { throw .targetTooLong(limit: limits.maxTargetLength) }
    }
}
