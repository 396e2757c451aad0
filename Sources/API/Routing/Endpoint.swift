import LatticeModel

/// Every endpoint the server answers. The router, the handlers and the OpenAPI document all
/// read this one list.
enum Endpoint: String, CaseIterable, Sendable {
    case root, index
    case actors, actor
    case alliances, alliance
    case statements, statement
    case relations, relation
    case documents, document, documentText
    case search, graph, export
    case openapi, healthz, readyz, metrics
    case explorer
    case cohesion, positions, mixedTies

    /// The OpenAPI path template.
    var template: String {
        switch self {
        case .root: "/"
        case .index: "/v1"
        case .actors: "/v1/actors"
        case .actor: "/v1/actors/{id}"
        case .alliances: "/v1/alliances"
        case .alliance: "/v1/alliances/{id}"
        case .statements: "/v1/statements"
        case .statement: "/v1/statements/{id}"
        case .relations: "/v1/relations"
        case .relation: "/v1/relations/{id}"
        case .documents: "/v1/documents"
        case .document: "/v1/documents/{id}"
        case .documentText: "/v1/documents/{id}/text"
        case .search: "/v1/search"
        case .graph: "/v1/graph"
        case .export: "/v1/export"
        case .openapi: "/openapi.json"
        case .healthz: "/healthz"
        case .readyz: "/readyz"
        case .metrics: "/metrics"
        case .explorer: "/explorer/{asset}"
        case .cohesion: "/v1/analysis/cohesion"
        case .positions: "/v1/analysis/positions"
        case .mixedTies: "/v1/analysis/mixed-ties"
        }
    }

    /// The record type a single-resource endpoint serves.
    var resourceType: EntityType? {
        switch self {
        case .actor, .actors: .actor
        case .alliance, .alliances: .alliance
        case .statement, .statements: .statement
        case .relation, .relations: .relation
        case .document, .documents, .documentText: .document
        default: nil
        }
    }

    var isCollection: Bool {
        [.actors, .alliances, .statements, .relations, .documents, .search].contains(self)
    }

    /// Query parameters, in documentation order (built once per endpoint).
    var parameters: [ParameterSpec] { Self.parameterTable[ordinal] }

    private static let parameterTable: [[ParameterSpec]] = allCases.map { $0.makeParameters() }

    /// The position in `allCases`, for tables indexed by endpoint: a dictionary keyed by
    /// this String-backed enum would hash the raw string on every request.
    var ordinal: Int {
        switch self {
        case .root: 0
        case .index: 1
        case .actors: 2
        case .actor: 3
        case .alliances: 4
        case .alliance: 5
        case .statements: 6
        case .statement: 7
        case .relations: 8
        case .relation: 9
        case .documents: 10
        case .document: 11
        case .documentText: 12
        case .search: 13
        case .graph: 14
        case .export: 15
        case .openapi: 16
        case .healthz: 17
        case .readyz: 18
        case .metrics: 19
        case .explorer: 20
        case .cohesion: 21
        case .positions: 22
        case .mixedTies: 23
        }
    }

    private func makeParameters() -> [ParameterSpec] {
        switch self {
        case .actors, .alliances, .statements, .relations, .documents:
            Resources.kind(resourceType!).collectionParameters
        case .actor, .alliance:
            [Paging.format.spec, AsOf.parameter.spec]
        case .statement, .relation, .document:
            [Paging.format.spec]
        case .search: SearchEndpoint.parameters
        case .graph: GraphEndpoint.parameters
        case .cohesion: CohesionEndpoint.parameters
        case .positions: PositionsEndpoint.parameters
        case .mixedTies: MixedTiesEndpoint.parameters
        default: []
        }
    }

    /// The media types this endpoint can answer with, the server's preference first, for
    /// `Accept` (RFC 9110 §12.5.1); nil for the service endpoints, which ignore it.
    var representations: [String]? {
        switch self {
        case .actors, .alliances, .statements, .relations, .documents, .search,
             .actor, .alliance, .statement, .relation, .document, .cohesion, .positions, .mixedTies:
            Self.jsonOrCSV
        case .index, .graph: ["application/json"]
        case .export: ["application/x-ndjson"]
        case .documentText: ["text/plain"]
        case .root, .explorer, .openapi, .healthz, .readyz, .metrics: nil
        }
    }

    static let jsonOrCSV = ["application/json", "text/csv"]
}

/// A matched request path: the endpoint and, for single resources, the id as written (for
/// the explorer, the asset's path under `/explorer/`).
struct Route: Sendable, Equatable {
    let endpoint: Endpoint
    let id: String?
}

enum Router {
    /// Matches a decoded path to an endpoint, or nil for an unknown path. Works on the
    /// path's bytes: this runs for every request.
    static func match(_ path: String) -> Route? {
        if let route = path.utf8.withContiguousStorageIfAvailable(match(bytes:)) { return route }
        return Array(path.utf8).withUnsafeBufferPointer(match(bytes:))
    }

    /// Paths without an id, as bytes.
    private static let fixed: [(path: [UInt8], endpoint: Endpoint)] =
        Endpoint.allCases.filter { !$0.template.contains("{") }.map { (Array($0.template.utf8), $0) }

    /// `/v1/<collection>/{id}` → the single-resource endpoint.
    private static let singles: [(collection: [UInt8], endpoint: Endpoint)] =
        [Endpoint.actor, .alliance, .statement, .relation, .document].map { endpoint in
            (Array(endpoint.template.utf8.dropFirst(4).prefix { $0 != UInt8(ascii: "/") }), endpoint)
        }

    private static let v1Prefix = Array("/v1/".utf8)
    private static let textSuffix = Array("/text".utf8)
    private static let explorerPrefix = Array("/explorer/".utf8)

    /// `name(/name)*` with names of `A-Z a-z 0-9 . _ -`.
    private static func isAssetPath(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var previous = UInt8(ascii: "/")
        for byte in bytes {
            let plain = (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                || byte == 45 || byte == 95 || byte == 46
            if byte == UInt8(ascii: "/") {
                if previous == UInt8(ascii: "/") { return false }
            } else if !plain {
                return false
            }
            previous = byte
        }
        return !bytes.isEmpty && previous != UInt8(ascii: "/")
    }

    private static func match(bytes: UnsafeBufferPointer<UInt8>) -> Route? {
        for (path, endpoint) in fixed where path.count == bytes.count && path.elementsEqual(bytes) {
            return Route(endpoint: endpoint, id: nil)
        }
        // /explorer/<asset path>: the explorer's files, looked up by exact path. Only plain
        // names (as the explorer's folder may hold) name one; anything else names nothing.
        if bytes.starts(with: explorerPrefix) {
            let asset = bytes[explorerPrefix.count...]
            guard isAssetPath(asset) else { return nil }
            return Route(endpoint: .explorer, id: String(decoding: asset, as: UTF8.self))
        }
        // /v1/<collection>/{id}, and /v1/documents/{id}/text.
        guard bytes.starts(with: v1Prefix) else { return nil }
        let rest = bytes[v1Prefix.count...]
        guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        let idStart = slash + 1
        let idEnd = rest[idStart...].firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
        guard idEnd > idStart else { return nil }
        // Ids and aliases are slugs; anything else names no resource, whatever the method.
        guard Slug.isValid(bytes: rest[idStart..<idEnd]) else { return nil }
        let id = String(decoding: rest[idStart..<idEnd], as: UTF8.self)
        let collection = rest[..<slash], suffix = rest[idEnd...]
        guard let endpoint = singles.first(where: { $0.collection.elementsEqual(collection) })?.endpoint else { return nil }
        if suffix.isEmpty { return Route(endpoint: endpoint, id: id) }
        if endpoint == .document && suffix.elementsEqual(textSuffix) { return Route(endpoint: .documentText, id: id) }
        return nil
    }
}
