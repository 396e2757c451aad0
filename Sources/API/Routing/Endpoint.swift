import LatticeModel

/// An endpoint the server answers: a position in ``Endpoints/table``, so tables indexed by
/// endpoint (metrics, parameter lists) are arrays, and comparing two costs an integer.
struct Endpoint: Hashable, Sendable, CustomStringConvertible {
    let ordinal: Int

    /// The whole declaration (a copy of every field: the fields read per request come from
    /// ``Endpoints/hot`` instead, one small value each).
    var descriptor: EndpointDescriptor { Endpoints.table[ordinal] }
    var template: String { Endpoints.table[ordinal].template }
    var parameters: [ParameterSpec] { Endpoints.hot[ordinal].parameters }
    var representations: [String]? { Endpoints.hot[ordinal].representations }
    var answer: EndpointDescriptor.Answer { Endpoints.hot[ordinal].answer }
    var revalidatesEarly: @Sendable (QueryParameters) -> Bool { Endpoints.hot[ordinal].revalidatesEarly }
    var shape: EndpointDescriptor.Shape { Endpoints.hot[ordinal].shape }
    var operation: EndpointDescriptor.Operation { Endpoints.hot[ordinal].operation }
    var resourceType: EntityType? { shape.resourceType }
    var isCollection: Bool { Endpoints.table[ordinal].isCollection }
    var description: String { Endpoints.table[ordinal].name }

    static let allCases: [Endpoint] = Endpoints.table.indices.map(Endpoint.init(ordinal:))

    /// The endpoint declared with this name (a programming error if there is none).
    static func named(_ name: String) -> Endpoint {
        guard let ordinal = Endpoints.table.firstIndex(where: { $0.name == name }) else {
            preconditionFailure("no endpoint is named \(name)")
        }
        return Endpoint(ordinal: ordinal)
    }
}

/// Every endpoint, in the order of the OpenAPI document and the metrics. One line each.
enum Endpoints {
    static let table: [EndpointDescriptor] = [
        ExplorerEndpoint.rootDescriptor,
        ServiceEndpoints.indexDescriptor,
        ActorResource.collectionEndpoint, ActorResource.resourceEndpoint,
        AllianceResource.collectionEndpoint, AllianceResource.resourceEndpoint,
        StatementResource.collectionEndpoint, StatementResource.resourceEndpoint,
        RelationResource.collectionEndpoint, RelationResource.resourceEndpoint,
        DocumentResource.collectionEndpoint, DocumentResource.resourceEndpoint, DocumentResource.textEndpoint,
        SearchEndpoint.descriptor,
        GraphEndpoint.descriptor,
        ExportEndpoint.descriptor,
        ServiceEndpoints.openAPIDescriptor, ServiceEndpoints.healthDescriptor, ServiceEndpoints.readyDescriptor,
        ServiceEndpoints.metricsDescriptor,
        ExplorerEndpoint.assetDescriptor,
        CohesionEndpoint.descriptor, PositionsEndpoint.descriptor, MixedTiesEndpoint.descriptor,
        TimelineEndpoint.descriptor,
        MCPEndpoint.descriptor,
    ]

    /// What the handler reads of an endpoint on every request, apart from the rest of its
    /// declaration: copying a whole descriptor out of the table retains its twenty-odd
    /// fields (about 4% of a keep-alive request's instructions, measured with callgrind).
    final class Hot: Sendable {
        let parameters: [ParameterSpec]
        let representations: [String]?
        let answer: EndpointDescriptor.Answer
        let revalidatesEarly: @Sendable (QueryParameters) -> Bool
        let shape: EndpointDescriptor.Shape
        let operation: EndpointDescriptor.Operation

        init(_ descriptor: EndpointDescriptor) {
            parameters = descriptor.parameters
            representations = descriptor.representations
            answer = descriptor.answer
            revalidatesEarly = descriptor.revalidatesEarly
            shape = descriptor.shape
            operation = descriptor.operation
        }
    }

    static let hot: [Hot] = table.map(Hot.init)

    /// The collection endpoint of each kind, by `EntityType.ordinal`.
    static let collections: [EndpointDescriptor] = EntityType.allCases.map { type in
        table.first { $0.shape == .collection(type) }!
    }
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

    /// Paths without a variable, as bytes.
    private static let fixed: [(path: [UInt8], endpoint: Endpoint)] =
        Endpoint.allCases.filter { !$0.template.contains("{") }.map { (Array($0.template.utf8), $0) }

    /// Paths with one variable: the bytes before and after it. `{id}` is a slug; `{asset}`
    /// is a path of plain names.
    private static let variable: [(prefix: [UInt8], suffix: [UInt8], endpoint: Endpoint, isAsset: Bool)] =
        Endpoint.allCases.compactMap { endpoint in
            let template = endpoint.template
            guard let open = template.firstIndex(of: "{"), let close = template.firstIndex(of: "}") else { return nil }
            return (
                Array(template[..<open].utf8), Array(template[template.index(after: close)...].utf8), endpoint,
                endpoint.shape == .asset
            )
        }

    /// `name(/name)*` with names of `A-Z a-z 0-9 . _ -`.
    private static func isAssetPath(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var previous = UInt8(ascii: "/")
        for byte in bytes {
            let plain =
                (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
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
        for (prefix, suffix, endpoint, isAsset) in variable
        where bytes.count > prefix.count + suffix.count && bytes.starts(with: prefix) && bytes.suffix(suffix.count).elementsEqual(suffix) {
            let value = bytes[(bytes.startIndex + prefix.count)..<(bytes.endIndex - suffix.count)]
            if isAsset {
                // Only plain names (as the explorer's folder may hold) name a file; anything else names nothing.
                guard isAssetPath(value) else { return nil }
            } else {
                // Ids and aliases are slugs, one path segment; anything else names no
                // resource, whatever the method.
                guard !value.contains(UInt8(ascii: "/")) else { continue }
                guard Slug.isValid(bytes: value) else { return nil }
            }
            return Route(endpoint: endpoint, id: String(decoding: value, as: UTF8.self))
        }
        return nil
    }
}
