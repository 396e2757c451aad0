import Glibc
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
        /// Compress once per dataset version and remember. The slot belongs to the snapshot
        /// the reply was answered from, so a reload between answering and compressing can
        /// never pair this body with another version's gzip.
        case memo(GzipMemo.Slot)
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
    /// One pass over the field's bytes, no substrings: a 16 KB list of tags costs
    /// microseconds, not the half millisecond that splitting it did.
    static func ifNoneMatch(_ header: String, matches etag: String) -> Bool {
        var header = header
        var etag = etag
        return header.withUTF8 { field in
            etag.withUTF8 { tag in
                let target = tag.count >= 2 && tag[0] == UInt8(ascii: "W") && tag[1] == UInt8(ascii: "/")
                    ? UnsafeBufferPointer(rebasing: tag[2...]) : tag
                return listContains(field, target)
            }
        }
    }

    private static func listContains(_ field: UnsafeBufferPointer<UInt8>, _ target: UnsafeBufferPointer<UInt8>) -> Bool {
        let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")
        var index = 0
        while index < field.count {
            let byte = field[index]
            if byte == comma || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1; continue }
            if byte == UInt8(ascii: "*") { return true }
            if byte == UInt8(ascii: "W"), index + 1 < field.count, field[index + 1] == UInt8(ascii: "/") { index += 2 }
            guard index < field.count, field[index] == quote else {
                // Not an entity tag: skip to the next member.
                while index < field.count && field[index] != comma { index += 1 }
                continue
            }
            var close = index + 1
            while close < field.count && field[close] != quote { close += 1 }
            guard close < field.count else { return false }
            let length = close + 1 - index
            if length == target.count && memcmp(field.baseAddress! + index, target.baseAddress!, length) == 0 { return true }
            index = close + 1
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

