import LatticeHTTP
import LatticeModel

/// The HTTP handler of the Lattice API: routes each request, checks its method and
/// parameters, asks the endpoint for a ``Reply``, and applies what every response shares —
/// ETag and 304, Cache-Control, gzip, CORS, X-Request-Id — plus metrics and the access log.
public struct APIHandler: HTTPHandler {
    let service: LatticeService

    private let cacheControl: HTTPField
    private let anyOrigin: Bool

    public init(service: LatticeService) {
        self.service = service
        cacheControl = HTTPField("Cache-Control", "public, max-age=\(service.configuration.cacheMaxAge)")
        anyOrigin = service.configuration.corsOrigins.contains("*")
    }

    static let allow = "GET, HEAD, OPTIONS"

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let started = MonotonicClock.precise()
        let requestID = requestID(for: request)
        let route = Router.match(request.path)
        let reply: Reply
        do {
            reply = try answer(request, route: route)
        } catch {
            reply = Reply.problem(error)
        }
        let response = finish(consume reply, request: request, requestID: requestID)
        record(
            request: request, route: route.map { .endpoint($0.endpoint) } ?? .unmatched, response: response,
            requestID: requestID, started: started)
        return response
    }

    /// The HTTP layer's own errors (malformed requests, limits, timeouts), as problem+json.
    public func response(for error: HTTPError, request: HTTPRequest?) -> HTTPResponse {
        let requestID = request.map(requestID(for:)) ?? service.requestIDs.next()
        let response = finish(Reply.problem(Problem.from(error)), request: request, requestID: requestID)
        record(request: request, route: .httpError, response: response, requestID: requestID, started: nil)
        return response
    }

    private func requestID(for request: HTTPRequest) -> String {
        if let given = request.headers["x-request-id"], RequestIDGenerator.isSane(given) { return given }
        return service.requestIDs.next()
    }

    // MARK: Routing

    private func answer(_ request: HTTPRequest, route: Route?) throws(Problem) -> Reply {
        if let error = request.queryError { throw Problem.from(error) }
        // RFC 9110 §9.3.7: `OPTIONS *` asks about the server as a whole.
        if request.path == "*" { return preflight(request) }
        guard let route else {
            let hint = NearMiss.hint(forPath: request.path, dataset: service.snapshot?.dataset).map { "; \($0)" } ?? ""
            throw Problem.notFound(
                "There is nothing at \(Excerpt.of(request.path, limit: Problem.echoedPathLimit))\(hint); GET /v1 lists what there is.")
        }
        let endpoint = route.endpoint
        switch (request.method, endpoint.operation) {
        case (.get, .get), (.head, .get), (.post, .post):
            break
        case (.options, let operation):
            return preflight(request, operation: operation)
        case (_, let operation):
            throw Problem.methodNotAllowed(request.method, allow: operation.allow)
        }
        // Unknown or invalid parameters are a 400 on every path, service endpoints included.
        let snapshot = service.snapshot
        let parameters = QueryParameters(request.query, specs: endpoint.parameters, dataset: snapshot?.dataset)
        guard parameters.isValid else { throw Problem.invalidParameters(parameters.problems, count: parameters.problemCount) }
        let representation = try negotiate(endpoint.representations, request, parameters)
        switch endpoint.answer {
        case .service(let answer):
            return try answer(ServiceRequest(request: request, service: service, snapshot: snapshot, asset: route.id))
        case .resource:
            guard let snapshot else { throw Problem.notReady }
            if representation == "text/csv" {
                return try ResourceEndpoints.singleCSV(endpoint, id: route.id ?? "", snapshot: snapshot, target: request.target)
            }
            if let asOf = AsOf.date(parameters) {
                return try ResourceEndpoints.single(endpoint, id: route.id ?? "", asOf: asOf, snapshot: snapshot, target: request.target)
            }
            // The hot path: pre-rendered bytes, no context to build.
            return try ResourceEndpoints.single(endpoint, id: route.id ?? "", snapshot: snapshot, target: request.target)
        case .dataset(let answer):
            guard let snapshot else { throw Problem.notReady }
            let context = EndpointContext(
                endpoint: endpoint, request: request, snapshot: snapshot, parameters: parameters,
                wantsCSV: representation == "text/csv", configuration: service.configuration)
            if endpoint.revalidatesEarly(parameters), let condition = request.headers["if-none-match"],
                let notModified = Self.notModified(context, condition)
            {
                return notModified
            }
            return try answer(context)
        }
    }

    /// A 304 answered before any body is built, for the endpoints whose ETag is the dataset
    /// version and the canonical request: a client revalidating a large answer costs a hash,
    /// not the answer. The tag it holds came from this request on this version, so the body
    /// would be the same. `*` is left to the full path, since it asks whether there is a body
    /// at all. The gzip form's tag counts only for a client that accepts gzip (the only one
    /// it was given to), and the 304 carries the tag that matched.
    private static func notModified(_ context: EndpointContext, _ condition: String) -> Reply? {
        let tag = Page.etag(context, csv: context.wantsCSV)
        let matched: String
        if Negotiation.ifNoneMatch(condition, matches: tag, wildcard: false) {
            matched = tag
        } else if Negotiation.acceptsGzip(context.request),
            case let gzipTag = String(tag.dropLast()) + "-gz\"",
            Negotiation.ifNoneMatch(condition, matches: gzipTag, wildcard: false)
        {
            matched = gzipTag
        } else {
            return nil
        }
        // Empty and .ok: `finish` turns it into the 304 with the headers a 200 would carry.
        var reply = Reply(contentType: context.wantsCSV ? ContentTypes.csv : ContentTypes.json, body: .empty, etag: matched)
        reply.variesOnAccept = context.endpoint.representations?.count ?? 0 > 1  // as the endpoints' own replies say
        return reply
    }

    /// The media type to answer with: `?format=` when given, else the client's Accept
    /// (RFC 9110 §12.5.1, q-values honoured); 406 when Accept rules out every one.
    private func negotiate(_ representations: [String]?, _ request: HTTPRequest, _ parameters: QueryParameters) throws(Problem) -> String? {
        guard let offers = representations else { return nil }
        if parameters.has(Paging.format) { return parameters[Paging.format] == "csv" ? "text/csv" : "application/json" }
        guard let accept = request.headers["accept"] else { return offers[0] }
        guard let chosen = Negotiation.preferred(offers, accept: accept) else {
            throw Problem.notAcceptable(offers, formatParameter: offers == EndpointDescriptor.jsonOrCSV)
        }
        return chosen
    }

    /// OPTIONS: a CORS preflight gets the methods and headers it may use; a plain OPTIONS
    /// gets `Allow`. Both 204.
    private func preflight(_ request: HTTPRequest, operation: EndpointDescriptor.Operation = .get) -> Reply {
        var reply = Reply(status: .noContent, compression: .none)
        reply.cache = .noStore
        reply.headers.append(HTTPField("Allow", operation.allow))
        if request.headers["access-control-request-method"] != nil {
            reply.headers.append(HTTPField("Access-Control-Allow-Methods", operation.allow))
            reply.headers.append(
                HTTPField(
                    "Access-Control-Allow-Headers",
                    operation == .get
                        ? "Accept, Accept-Encoding, Cache-Control, Content-Type, If-None-Match, X-Request-Id"
                        : "Accept, Accept-Encoding, Content-Type, MCP-Protocol-Version, Mcp-Method, Mcp-Name, X-Request-Id"))
            reply.headers.append(HTTPField("Access-Control-Max-Age", "86400"))
        }
        return reply
    }

    // MARK: Shared headers

    static let exposeHeaders = HTTPField("Access-Control-Expose-Headers", "ETag, Link, X-Request-Id")
    static let allowAnyOrigin = HTTPField("Access-Control-Allow-Origin", "*")
    static let varyOrigin = HTTPField("Vary", "Origin")
    static let varyEncoding = HTTPField("Vary", "Accept-Encoding")
    static let varyAcceptEncoding = HTTPField("Vary", "Accept, Accept-Encoding")
    static let noStore = HTTPField("Cache-Control", "no-store")
    static let noCache = HTTPField("Cache-Control", "no-cache")
    static let gzipEncoding = HTTPField("Content-Encoding", "gzip")

    private func finish(_ reply: consuming Reply, request: HTTPRequest?, requestID: String) -> HTTPResponse {
        if let problem = reply.problem {
            reply.body = .bytes(problem.json(instance: request?.path ?? "/"))
        }
        var headers: [HTTPField] = []
        headers.reserveCapacity(12)
        var status = reply.status
        var body = reply.body
        var etag = reply.etag

        // Compression decides the representation, and so its ETag, before If-None-Match.
        var compress = false
        if let request, status == .ok {
            let largeEnough =
                switch body {
                case .bytes(let bytes): bytes.count >= service.configuration.gzipMinimumBytes
                case .stream: true
                case .empty: false
                }
            switch reply.compression {
            case .none: break
            case .dynamic, .memo, .precomputed: compress = largeEnough && Negotiation.acceptsGzip(request)
            }
        }
        if compress, let tag = etag { etag = String(tag.dropLast()) + "-gz\"" }

        if status == .ok, let tag = etag, let request, let condition = request.headers["if-none-match"],
            Negotiation.ifNoneMatch(condition, matches: tag)
        {
            status = .notModified
            body = .empty
            compress = false
        }
        if compress, case .stream(let stream) = body {
            if let gzipped = GzipStream.wrap(stream) {
                body = .stream(gzipped)
                headers.append(Self.gzipEncoding)
            } else {
                etag = reply.etag
            }
        } else if compress, case .bytes(let bytes) = body {
            let gzipped: [UInt8]? =
                switch reply.compression {
                case .memo(let copy):
                    copy.bytes { Gzip.compress(bytes) }
                case .precomputed(let compressed):
                    compressed
                default:
                    Gzip.compress(bytes)
                }
            if let gzipped {
                body = .bytes(gzipped)
                headers.append(Self.gzipEncoding)
            } else {
                etag = reply.etag
            }
        }
        if status != .notModified && status != .noContent, let contentType = reply.contentType {
            headers.append(contentType)
        }
        if let etag {
            headers.append(etag == reply.etag ? reply.etagField ?? HTTPField("ETag", etag) : HTTPField("ETag", etag))
        }
        switch reply.cache {
        case .publicData: headers.append(cacheControl)
        case .noStore: headers.append(Self.noStore)
        case .revalidate: headers.append(Self.noCache)
        }
        if case .none = reply.compression {
        } else {
            headers.append(reply.variesOnAccept ? Self.varyAcceptEncoding : Self.varyEncoding)
        }
        headers.append(contentsOf: reply.headers)
        cors(request, into: &headers)
        headers.append(HTTPField("X-Request-Id", requestID))
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    private func cors(_ request: HTTPRequest?, into headers: inout [HTTPField]) {
        if anyOrigin {
            headers.append(Self.allowAnyOrigin)
        } else {
            headers.append(Self.varyOrigin)
            guard let origin = request?.headers["origin"], service.configuration.corsOrigins.contains(origin) else { return }
            headers.append(HTTPField("Access-Control-Allow-Origin", origin))
        }
        headers.append(Self.exposeHeaders)
    }

    private func record(request: HTTPRequest?, route: Metrics.Route, response: HTTPResponse, requestID: String, started: UInt64?) {
        let seconds = started.map { Double(MonotonicClock.precise() - $0) / 1e9 } ?? 0
        let bytes = request?.method == .head ? 0 : (response.body.count ?? 0)
        service.metrics.record(route: route, method: request?.method, status: response.status.code, bytes: bytes, seconds: seconds)
        if let log = service.accessLog {
            log(
                AccessLogEntry(
                    method: request.map { Excerpt.of($0.method.description, limit: 24) } ?? "-",
                    path: request.map { Excerpt.of($0.path, limit: 512) } ?? "-", route: route.label,
                    status: response.status.code, bytes: bytes, durationSeconds: seconds, requestID: requestID))
        }
    }
}

/// What an endpoint needs to answer one request.
struct EndpointContext {
    let endpoint: Endpoint
    let request: HTTPRequest
    let snapshot: Snapshot
    let parameters: QueryParameters
    /// Negotiated: `?format=csv`, or an Accept that prefers CSV.
    let wantsCSV: Bool
    let configuration: APIConfiguration
    /// The parameters in canonical form: what links and ETags are built from.
    let canonicalQuery: [QueryItem]

    init(
        endpoint: Endpoint, request: HTTPRequest, snapshot: Snapshot, parameters: QueryParameters, wantsCSV: Bool,
        configuration: APIConfiguration
    ) {
        self.endpoint = endpoint
        self.request = request
        self.snapshot = snapshot
        self.parameters = parameters
        self.wantsCSV = wantsCSV
        self.configuration = configuration
        canonicalQuery = parameters.canonicalItems(endpoint.parameters)
    }

    var dataset: Dataset { snapshot.dataset }
}
