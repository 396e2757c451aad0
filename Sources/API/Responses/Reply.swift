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
        /// Compress once and remember with the body. The copy belongs to the body the reply
        /// was answered with, so a reload between answering and compressing can never pair
        /// this body with another version's gzip.
        case memo(GzipCopy)
        /// Compressed ahead, at startup (the explorer's files).
        case precomputed([UInt8])
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
        if problem.status == .serviceUnavailable { reply.headers.append(.retryAfter) }
        reply.problem = problem
        return reply
    }

    static func json(_ bytes: [UInt8], etag: String?) -> Reply {
        Reply(contentType: ContentTypes.json, body: .bytes(bytes), etag: etag)
    }

    /// A rendered representation, with its ETag field as rendered and its gzip remembered
    /// with it.
    static func rendered(_ rendered: Rendered, contentType: HTTPField = ContentTypes.json) -> Reply {
        var reply = Reply(contentType: contentType, body: .bytes(rendered.json), etag: rendered.etag, etagField: rendered.etagField)
        reply.compression = .memo(rendered.gzip)
        return reply
    }
}

extension Reply {
    /// The same reply, never stored by caches (`no-store`).
    var uncached: Reply {
        var reply = self
        reply.cache = .noStore
        return reply
    }
}
