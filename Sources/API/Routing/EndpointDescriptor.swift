import LatticeHTTP
import LatticeModel

/// Everything about one endpoint, declared once, in the file of the code that answers it:
/// its path template, what the OpenAPI document says of it, its parameters and media types,
/// its `/v1` index link, and the function that answers. The router, the handler, the
/// OpenAPI document, the `/v1` index, the metrics and the canonical paths all read
/// ``Endpoints/table``; a new endpoint is a descriptor in a new file and one line there.
struct EndpointDescriptor: Sendable {
    enum Tag: String, Sendable { case data, analysis, service, explorer, mcp }

    /// What the path names, for routing and for the responses it documents.
    enum Shape: Sendable, Equatable {
        /// A page of records (`Link` headers).
        case collection(EntityType)
        /// One record by `{id}`: 308 for an alias, 404 for no record.
        case resource(EntityType)
        /// One record's text, `{id}/text`.
        case resourceText(EntityType)
        /// A file of the explorer, `{asset}`.
        case asset
        case other

        /// The record type it serves, if any.
        var resourceType: EntityType? {
            switch self {
            case .collection(let type), .resource(let type), .resourceText(let type): type
            case .asset, .other: nil
            }
        }
    }

    /// How it answers.
    enum Answer: Sendable {
        /// Without a dataset: health, readiness, metrics, OpenAPI, the explorer.
        case service(@Sendable (ServiceRequest) throws(Problem) -> Reply)
        /// One record by id, or its text: pre-rendered bytes (``ResourceEndpoints``), the hot path.
        case resource
        /// From the dataset, with the request's context; 503 while none is loaded.
        case dataset(@Sendable (EndpointContext) throws(Problem) -> Reply)
    }

    enum Operation: Sendable, Equatable {
        case get, post

        /// `Allow` on its path.
        var allow: String { self == .get ? "GET, HEAD, OPTIONS" : "POST, OPTIONS" }
    }

    /// One media type of the 200 response, and its schema.
    struct Content: Sendable {
        let mediaType: String
        let schema: JSONTree
    }

    /// The operation's name: `getActors` for `actors`, and the metric's endpoint.
    let name: String
    let template: String
    let summary: String
    let tag: Tag
    /// How it computes its answer, for the OpenAPI description.
    var method: String? = nil
    var parameters: [ParameterSpec] = []
    /// The media types it can answer with, the server's preference first, for `Accept`
    /// (RFC 9110 §12.5.1); nil for the endpoints that ignore it.
    var representations: [String]? = nil
    /// The 200 response: what it is, and its content.
    let ok: String
    let content: [Content]
    var shape: Shape = .other
    /// The method it answers: GET (with HEAD), or POST for the one endpoint that takes a
    /// body (MCP). Either also answers OPTIONS.
    var operation: Operation = .get
    /// Answers pages (a collection of results that is not a kind's, as search's).
    var paged = false
    /// Its key among the `/v1` index's links.
    var indexLink: String? = nil
    /// A well-formed id in a query parameter can name no record: 404 naming the parameter.
    var notFoundForParameters = false
    /// Rules between its parameters, as a JSON Schema over the query (OpenAPI describes
    /// parameters one at a time); a request that breaks one is a 400.
    var parameterRules: JSONTree? = nil
    /// Whether If-None-Match is answered before the body is built: its ETag is the dataset
    /// version and the canonical request, so a revalidation costs a hash, not the answer.
    var revalidatesEarly: @Sendable (QueryParameters) -> Bool = { _ in false }
    /// Whether it can be 503 (no dataset, draining, or at the connection limit).
    var mayBeUnavailable = true
    /// Responses other than the ones every endpoint of its shape has.
    var otherResponses: [(String, JSONTree)] = []
    /// Its 400 response, when it is not the problem document every GET path has.
    var badRequest: JSONTree? = nil
    /// Schemas of its own, added to the OpenAPI document's components.
    var schemas: [(String, JSONTree)] = []
    /// Whether it answers 304 to a matching If-None-Match.
    var answersNotModified = true
    let answer: Answer

    var resourceType: EntityType? { shape.resourceType }

    /// Answers a page: `Link` headers to its neighbours.
    var isCollection: Bool { if case .collection = shape { true } else { paged } }
}

/// What a service endpoint needs to answer: the request, the service, and the dataset the
/// request is answered from, if any.
struct ServiceRequest {
    let request: HTTPRequest
    let service: LatticeService
    let snapshot: Snapshot?
    /// The explorer asset's path, for `/explorer/{asset}`.
    let asset: String?
}

extension EndpointDescriptor {
    static let jsonOrCSV = ["application/json", "text/csv"]
    static let csvContent = Content(
        mediaType: "text/csv", schema: ["type": "string", "description": "RFC 4180, header row; references as ids, lists joined with ;"])

    /// A collection of a resource kind: its filters, sort and paging, JSON or CSV, early revalidation.
    static func collection<K: ResourceKind>(_ kind: K.Type, name: String, summary: String, ok: String, link: String) -> EndpointDescriptor {
        EndpointDescriptor(
            name: name, template: K.collectionPath, summary: summary, tag: .data, parameters: K.collectionParameters,
            representations: jsonOrCSV, ok: ok,
            content: [Content(mediaType: "application/json", schema: Schemas.ref("\(K.schemaName)Collection")), csvContent],
            shape: .collection(K.type), indexLink: link, revalidatesEarly: { _ in true },
            answer: .dataset { context in CollectionEndpoint.collection(K.self, context) })
    }

    /// One record of a resource kind, by id or alias: pre-rendered JSON, or a CSV row.
    static func resource<K: ResourceKind>(
        _ kind: K.Type, name: String, summary: String, ok: String,
        parameters: [ParameterSpec] = [Paging.format.spec]
    ) -> EndpointDescriptor {
        EndpointDescriptor(
            name: name, template: K.collectionPath + "/{id}", summary: summary, tag: .data, parameters: parameters,
            representations: jsonOrCSV, ok: ok, content: [Content(mediaType: "application/json", schema: Schemas.ref(K.schemaName)), csvContent],
            shape: .resource(K.type), answer: .resource)
    }
}
