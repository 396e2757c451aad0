import LatticeHTTP

/// The explorer: `GET /` for a browser (an `Accept` that prefers `text/html`) and
/// `GET /explorer/{asset}`, from the assets loaded at startup. Each asset has a strong ETag
/// of its bytes (a distinct one for its gzip form, made ahead) and `Cache-Control: no-cache`,
/// so a browser revalidates on every load and a reload costs only 304s.
enum ExplorerEndpoint {
    static let rootDescriptor = EndpointDescriptor(
        name: "root", template: "/", summary: "The explorer's page for a browser; otherwise redirects to /v1.", tag: .explorer,
        ok:
            "The explorer's page, for an Accept that ranks text/html above application/json (a browser), when the server serves the explorer. `Cache-Control: no-cache`: revalidate with If-None-Match.",
        content: [.init(mediaType: "text/html", schema: Schemas.string)], mayBeUnavailable: false,
        otherResponses: [
            ("304", OpenAPIDocument.response("NotModified")),
            (
                "308",
                [
                    "description": "Any other client, or any client when the server serves no explorer: redirected to the API index /v1.",
                    "headers": ["Location": OpenAPIDocument.header("Location"), "X-Request-Id": OpenAPIDocument.header("RequestId")],
                ]
            ),
        ],
        answersNotModified: false,
        answer: .service { request in root(request.request, configuration: request.service.configuration) })
    static let assetDescriptor = EndpointDescriptor(
        name: "explorer", template: "/explorer/{asset}", summary: "One of the explorer's files (HTML, CSS, JavaScript, SVG).",
        tag: .explorer, ok: "The file, with its media type. `Cache-Control: no-cache`: revalidate with If-None-Match.",
        content: ExplorerAssets.mediaTypes.map { .init(mediaType: $0, schema: Schemas.string) }, shape: .asset,
        mayBeUnavailable: false, otherResponses: [("404", OpenAPIDocument.response("NotFound"))],
        answer: .service { (request) throws(Problem) in
            try asset(request.request, path: request.asset ?? "", configuration: request.service.configuration)
        })

    static let varyAccept = HTTPField("Vary", "Accept")
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

    /// The asset as a reply; the handler's `finish` negotiates gzip (compressed ahead, with
    /// its own ETag), answers If-None-Match and sets Vary, as for every other response.
    private static func serve(
        _ asset: ExplorerAssets.Asset, _ request: HTTPRequest, configuration: APIConfiguration,
        variesOnAccept: Bool
    ) -> Reply {
        var reply = Reply(
            contentType: asset.contentType, body: .bytes(asset.body), etag: asset.etag,
            compression: asset.gzipped.map { .precomputed($0) } ?? .none)
        reply.cache = .revalidate
        reply.variesOnAccept = variesOnAccept
        if asset.gzipped == nil && variesOnAccept { reply.headers.append(varyAccept) }
        reply.headers.append(noSniff)
        if asset.contentType.value.hasPrefix("text/html") { reply.headers.append(contentSecurityPolicy) }
        return reply
    }

    /// Whether `Accept` ranks `text/html` above `application/json` (RFC 9110 §12.5.1): a
    /// browser's `text/html,…,*/*;q=0.8` does; `*/*`, no Accept, and `application/json` do
    /// not (a tie goes to JSON, the first offer).
    static func prefersHTML(_ request: HTTPRequest) -> Bool {
        Negotiation.preferred(["application/json", "text/html"], accept: request.headers["accept"]) == "text/html"
    }
}
