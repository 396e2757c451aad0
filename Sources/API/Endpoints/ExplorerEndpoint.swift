import LatticeHTTP

/// The explorer: `GET /` for a browser (an `Accept` that prefers `text/html`) and
/// `GET /explorer/{asset}`, from the assets loaded at startup. Each asset has a strong ETag
/// of its bytes (a distinct one for its gzip form, made ahead) and `Cache-Control: no-cache`,
/// so a browser revalidates on every load and a reload costs only 304s.
enum ExplorerEndpoint {
    static let varyAccept = HTTPField("Vary", "Accept")
    static let varyEncoding = HTTPField("Vary", "Accept-Encoding")
    static let varyAcceptEncoding = HTTPField("Vary", "Accept, Accept-Encoding")
    static let gzipEncoding = HTTPField("Content-Encoding", "gzip")
    static let noSniff = HTTPField("X-Content-Type-Options", "nosniff")
    /// The page loads only its own files; it may fetch from any Lattice (CORS decides).
    static let contentSecurityPolicy = HTTPField(
        "Content-Security-Policy",
        "default-src 'self'; connect-src *; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")

    /// A browser gets the explorer's page; everyone else (and everyone when the explorer is
    /// off) gets what `/` always answered: a redirect to the API index.
    static func root(_ request: HTTPRequest, configuration: APIConfiguration) -> Reply {
        guard let assets = configuration.explorer else { return ServiceEndpoints.root() }
        guard prefersHTML(request) else {
            var reply = ServiceEndpoints.root()
            reply.headers.append(varyAccept)
            return reply
        }
        return serve(assets.page, request, configuration: configuration, variesOnAccept: true)
    }

    static func asset(_ request: HTTPRequest, path: String, configuration: APIConfiguration) throws(Problem) -> Reply {
        guard let assets = configuration.explorer else {
            throw Problem.notFound("This server serves no explorer (its explorer setting is empty).")
        }
        guard let asset = assets.assets[path] else {
            throw Problem.notFound("The explorer has no file \(path.prefix(200)); GET / in a browser opens it.")
        }
        return serve(asset, request, configuration: configuration, variesOnAccept: false)
    }

    private static func serve(_ asset: ExplorerAssets.Asset, _ request: HTTPRequest, configuration: APIConfiguration,
                              variesOnAccept: Bool) -> Reply {
        var body = asset.body, etag = asset.etag, encoded = false
        if let gzipped = asset.gzipped, asset.body.count >= configuration.gzipMinimumBytes, Negotiation.acceptsGzip(request) {
            body = gzipped.body
            etag = gzipped.etag
            encoded = true
        }
        var reply = Reply(contentType: asset.contentType, body: .bytes(body), etag: etag, compression: .none)
        reply.cache = .revalidate
        if let condition = request.headers["if-none-match"], Negotiation.ifNoneMatch(condition, matches: etag) {
            reply.status = .notModified
            reply.body = .empty
        } else if encoded {
            reply.headers.append(gzipEncoding)
        }
        if asset.gzipped != nil {
            reply.headers.append(variesOnAccept ? varyAcceptEncoding : varyEncoding)
        } else if variesOnAccept {
            reply.headers.append(varyAccept)
        }
        reply.headers.append(noSniff)
        if asset.contentType.value.hasPrefix("text/html") { reply.headers.append(contentSecurityPolicy) }
        return reply
    }

    /// Whether `Accept` ranks `text/html` above `application/json` (RFC 9110 §12.5.1: each
    /// type takes the quality of the most specific range that matches it). A browser's
    /// `text/html,…,*/*;q=0.8` does; `*/*`, no Accept, and `application/json` do not.
    static func prefersHTML(_ request: HTTPRequest) -> Bool {
        guard let accept = request.headers["accept"] else { return false }
        return quality(of: "text", "html", in: accept) > quality(of: "application", "json", in: accept)
    }

    static func quality(of type: String, _ subtype: String, in accept: String) -> Double {
        var best: (specificity: Int, q: Double) = (-1, 0)
        for element in accept.split(separator: ",") {
            let parts = element.split(separator: ";").map { $0.trimmingSpaces.lowercased() }
            guard let range = parts.first, let slash = range.firstIndex(of: "/") else { continue }
            let rangeType = range[..<slash], rangeSubtype = range[range.index(after: slash)...]
            let specificity: Int
            if rangeType == type && rangeSubtype == subtype {
                specificity = 2
            } else if rangeType == type && rangeSubtype == "*" {
                specificity = 1
            } else if rangeType == "*" && rangeSubtype == "*" {
                specificity = 0
            } else {
                continue
            }
            var q = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                q = min(max(Double(parameter.dropFirst(2)) ?? 1, 0), 1)
            }
            if specificity > best.specificity { best = (specificity, q) }
        }
        return best.q
    }
}

private extension Substring {
    var trimmingSpaces: Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
