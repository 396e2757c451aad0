import LatticeHTTP
import LatticeModel

/// The index, health, readiness, metrics, OpenAPI and the root redirect.
enum ServiceEndpoints {
    static func root() -> Reply {
        var reply = Reply(status: .permanentRedirect, compression: .none)
        reply.headers.append(HTTPField("Location", "/v1"))
        return reply
    }

    static func index(_ snapshot: Snapshot) -> Reply {
        let counts = snapshot.dataset.counts
        var json = JSONWriter(capacity: 1024)
        json.object { o in
            o.field("name", "Lattice")
            o.field("description", "A curated, source-verified knowledge base of the Indo-Pacific security latticework.")
            o.field("api_version", "v1")
            o.field("dataset_version", snapshot.version)
            o.field("counts") { $0.object { c in
                c.field("documents", counts.documents)
                c.field("actors", counts.actors)
                c.field("alliances", counts.alliances)
                c.field("relations", counts.relations)
                c.field("statements", counts.statements)
            } }
            o.field("links") { $0.object { l in
                l.field("actors", "/v1/actors")
                l.field("alliances", "/v1/alliances")
                l.field("statements", "/v1/statements")
                l.field("relations", "/v1/relations")
                l.field("documents", "/v1/documents")
                l.field("search", "/v1/search")
                l.field("graph", "/v1/graph")
                l.field("export", "/v1/export")
                l.field("cohesion", "/v1/analysis/cohesion")
                l.field("positions", "/v1/analysis/positions")
                l.field("mixed_ties", "/v1/analysis/mixed-ties")
                l.field("openapi", "/openapi.json")
            } }
        }
        return Reply.json(json.bytes, etag: ContentHash.etag(json.bytes))
    }

    static func health() -> Reply {
        let body = Array(#"{"status":"ok"}"#.utf8)
        var reply = Reply.json(body, etag: ContentHash.etag(body))
        reply.cache = .noStore
        reply.compression = .none
        return reply
    }

    /// `snapshot` is the one the request is answered from: the service's is read once per request.
    static func ready(_ service: LatticeService, snapshot: Snapshot?) -> Reply {
        guard !service.isDraining, let snapshot else {
            return Reply.problem(Problem(
                status: .serviceUnavailable, slug: "not-ready",
                detail: service.isDraining ? "The server is shutting down." : "No dataset is loaded yet."))
        }
        var json = JSONWriter(capacity: 64)
        json.object { o in
            o.field("status", "ready")
            o.field("dataset_version", snapshot.version)
        }
        var reply = Reply.json(json.bytes, etag: ContentHash.etag(json.bytes))
        reply.cache = .noStore
        reply.compression = .none
        return reply
    }

    static func metrics(_ service: LatticeService) -> Reply {
        let body = service.metrics.render(openConnections: service.openConnections, pinnedVersions: service.pinnedVersions)
        var reply = Reply(contentType: ContentTypes.prometheus, body: .bytes(body), etag: ContentHash.etag(body))
        reply.cache = .noStore
        return reply
    }

    static let openAPIBytes: [UInt8] = OpenAPIDocument.render()
    static let openAPIETag = ContentHash.etag(openAPIBytes)

    static func openAPI() -> Reply {
        Reply.json(openAPIBytes, etag: openAPIETag)
    }
}
