import LatticeHTTP

/// What an endpoint produces, before the cross-cutting headers (caching, CORS, request id,
/// compression) are applied in one place.
struct Reply {
    enum Cache {
        /// `public, max-age=N`: the response depends only on the request and the dataset.
        case publicData
        /// `no-store`: health and metrics change from moment to moment.
        case noStore
        /// `no-cache`: stored, but revalidated (ETag, 304) before every use: the explorer's files.
        case revalidate
    }

    enum Compression {
        case none
        /// Compress per request if large enough.
        case dynamic
        /// A single resource: compress once and remember (table and position in the snapshot).
        case memo(table: Int, index: Int)
    }

    var status: HTTPStatus = .ok
    var contentType: HTTPField?
    var body: HTTPBody = .empty
    var etag: String?
    /// The `ETag` field for `etag`, when it was built ahead (pre-rendered resources).
    var etagField: HTTPField?
    var cache: Cache = .publicData
    var headers: [HTTPField] = []
    /// The representation depends on Accept (collections can be CSV).
    var variesOnAccept = false
    var compression: Compression = .dynamic
    /// Set for errors: the body is rendered with the request's path as `instance`.
    var problem: Problem?

    /// An error: problem+json (rendered with the request's path as `instance`), never
    /// cached or compressed, with the problem's own headers.
    static func problem(_ problem: Problem) -> Reply {
        var reply = Reply(status: problem.status, contentType: ContentTypes.problem, compression: .none)
        reply.cache = .noStore
        reply.headers = problem.headers
        reply.problem = problem
        return reply
    }

    static func json(_ bytes: [UInt8], etag: String?) -> Reply {
        Reply(contentType: ContentTypes.json, body: .bytes(bytes), etag: etag)
    }

    /// A pre-rendered resource, with its ETag field as rendered.
    static func rendered(_ rendered: Rendered, contentType: HTTPField = ContentTypes.json) -> Reply {
        Reply(contentType: contentType, body: .bytes(rendered.json), etag: rendered.etag, etagField: rendered.etagField)
    }
}

enum ContentTypes {
    static let json = HTTPField("Content-Type", "application/json; charset=utf-8")
    static let problem = HTTPField("Content-Type", "application/problem+json; charset=utf-8")
    static let csv = HTTPField("Content-Type", "text/csv; charset=utf-8; header=present")
    static let text = HTTPField("Content-Type", "text/plain; charset=utf-8")
    static let ndjson = HTTPField("Content-Type", "application/x-ndjson")
    static let prometheus = HTTPField("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
}

enum Negotiation {
    /// RFC 9110 §13.1.2: If-None-Match matches with the weak comparison; `*` matches any.
    static func ifNoneMatch(_ header: String, matches etag: String) -> Bool {
        let target = etag.hasPrefix("W/") ? String(etag.dropFirst(2)) : etag
        for candidate in header.split(separator: ",") {
            var tag = candidate.drop { $0 == " " || $0 == "\t" }
            while let last = tag.last, last == " " || last == "\t" { tag.removeLast() }
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            if tag == target { return true }
        }
        return false
    }

    static func acceptsGzip(_ request: HTTPRequest) -> Bool {
        request.headers.containsToken("gzip", in: "accept-encoding")
    }

    /// CSV when asked for by `Accept: text/csv` without JSON also being acceptable.
    static func wantsCSV(_ request: HTTPRequest) -> Bool {
        request.headers.containsToken("text/csv", in: "accept")
            && !request.headers.containsToken("application/json", in: "accept")
    }
}

