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
    var parameters: [ParameterSpec] { Self.parameterTable[self]! }

    private static let parameterTable: [Endpoint: [ParameterSpec]] =
        Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.makeParameters()) })

    private func makeParameters() -> [ParameterSpec] {
        let paging = [ParameterSpec.limit, .offset, .format]
        switch self {
        case .actors:
            return [
                .enumeration("kind", ActorKind.self, "Actor kinds to include."),
                .enumeration("region", Region.self, "Regions to include."),
                ParameterSpec(name: "alliance", kind: .idList([.alliance]), description: "Only members of these alliances (ids or aliases; an id of no record matches nothing)."),
                .q("Search in names, aliases and ISO codes (prefix match, case- and accent-insensitive)."),
                .sort(["id", "-id", "name", "-name"], default: "id"),
            ] + paging
        case .alliances:
            return [
                .enumeration("kind", AllianceKind.self, "Alliance kinds to include."),
                .enumeration("status", AllianceStatus.self, "Statuses to include."),
                ParameterSpec(name: "member", kind: .idList([.actor, .alliance]), description: "Only alliances with these members."),
                .q("Search in names, short names, aliases and summaries."),
                .sort(["id", "-id", "name", "-name"], default: "id"),
            ] + paging
        case .statements:
            return [
                ParameterSpec(name: "speaker", kind: .idList([.actor, .alliance]), description: "Only statements by these speakers."),
                ParameterSpec(name: "about", kind: .idList([.actor, .alliance, .relation, .document]), description: "Only statements about these records."),
                .enumeration("mode", StatementMode.self, "Modes to include."),
                ParameterSpec(name: "document", kind: .idList([.document]), description: "Only statements from these documents."),
                .q("Full-text search in the statements' words."),
                .sort(["position", "-position", "id", "-id"], default: "position"),
            ] + paging
        case .relations:
            return [
                .enumeration("kind", RelationKind.self, "Relation kinds to include."),
                .enumeration("valence", Valence.self, "Valences to include."),
                ParameterSpec(name: "actor", kind: .idList([.actor, .alliance]), description: "Relations with any of these at either end."),
                ParameterSpec(name: "from", kind: .idList([.actor, .alliance]), description: "Relations from any of these."),
                ParameterSpec(name: "to", kind: .idList([.actor, .alliance]), description: "Relations to any of these."),
                .sort(["id", "-id", "kind", "-kind"], default: "id"),
            ] + paging
        case .documents:
            return [.sort(["id", "-id", "title", "-title"], default: "id")] + paging
        case .search:
            var q = ParameterSpec.q("What to search for: every word must match (the last as a prefix).")
            q.required = true
            return [
                q,
                .enumeration("type", EntityType.self, "Only results of these types."),
            ] + paging
        case .graph:
            return [
                ParameterSpec(name: "focus", kind: .id([.actor, .alliance]), description: "Center of an ego network; omit for the whole graph."),
                ParameterSpec(name: "depth", kind: .integer(minimum: 1, maximum: 5, default: 1), description: "Hops from focus to include."),
            ]
        default:
            return []
        }
    }
}

/// A matched request path: the endpoint and, for single resources, the id as written.
struct Route: Sendable, Equatable {
    let endpoint: Endpoint
    let id: String?
}

enum Router {
    /// Matches a decoded path to an endpoint, or nil for an unknown path.
    static func match(_ path: String) -> Route? {
        switch path {
        case "/": return Route(endpoint: .root, id: nil)
        case "/v1": return Route(endpoint: .index, id: nil)
        case "/v1/actors": return Route(endpoint: .actors, id: nil)
        case "/v1/alliances": return Route(endpoint: .alliances, id: nil)
        case "/v1/statements": return Route(endpoint: .statements, id: nil)
        case "/v1/relations": return Route(endpoint: .relations, id: nil)
        case "/v1/documents": return Route(endpoint: .documents, id: nil)
        case "/v1/search": return Route(endpoint: .search, id: nil)
        case "/v1/graph": return Route(endpoint: .graph, id: nil)
        case "/v1/export": return Route(endpoint: .export, id: nil)
        case "/openapi.json": return Route(endpoint: .openapi, id: nil)
        case "/healthz": return Route(endpoint: .healthz, id: nil)
        case "/readyz": return Route(endpoint: .readyz, id: nil)
        case "/metrics": return Route(endpoint: .metrics, id: nil)
        default: break
        }
        guard path.hasPrefix("/v1/") else { return nil }
        let parts = path.utf8.dropFirst(4).split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, !parts[1].isEmpty else { return nil }
        let id = String(Substring(parts[1]))
        // Ids and aliases are slugs; anything else names no resource, whatever the method.
        guard Slug.isValid(id) else { return nil }
        let endpoint: Endpoint
        switch (String(Substring(parts[0])), parts.count == 3 ? String(Substring(parts[2])) : nil) {
        case ("actors", nil): endpoint = .actor
        case ("alliances", nil): endpoint = .alliance
        case ("statements", nil): endpoint = .statement
        case ("relations", nil): endpoint = .relation
        case ("documents", nil): endpoint = .document
        case ("documents", "text"): endpoint = .documentText
        default: return nil
        }
        return Route(endpoint: endpoint, id: id)
    }
}
