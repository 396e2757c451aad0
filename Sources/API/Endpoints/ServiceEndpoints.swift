import LatticeHTTP
import LatticeModel

/// The index, health, readiness, metrics, OpenAPI and the root redirect.
enum ServiceEndpoints {
    static let indexDescriptor = EndpointDescriptor(
        name: "index", template: "/v1", summary: "API index.", tag: .data, representations: ["application/json"],
        ok: "Links to every collection, the API and dataset versions, and counts.",
        content: [.init(mediaType: "application/json", schema: Schemas.ref("Index"))],
        answer: .dataset { context in index(context.snapshot) })
    static let openAPIDescriptor = EndpointDescriptor(
        name: "openapi", template: "/openapi.json", summary: "This OpenAPI description.", tag: .service,
        ok: "This document.", content: [.init(mediaType: "application/json", schema: ["type": "object"])],
        indexLink: "openapi", mayBeUnavailable: false, answer: .service { _ in openAPI() })
    static let healthDescriptor = EndpointDescriptor(
        name: "healthz", template: "/healthz", summary: "Liveness.", tag: .service, ok: "The process is alive.",
        content: [.init(mediaType: "application/json", schema: Schemas.ref("Health"))], mayBeUnavailable: false,
        answer: .service { _ in health() })
    static let readyDescriptor = EndpointDescriptor(
        name: "readyz", template: "/readyz", summary: "Readiness.", tag: .service,
        ok: "A dataset is loaded and the server is not draining.",
        content: [.init(mediaType: "application/json", schema: Schemas.ref("Ready"))],
        answer: .service { request in ready(request.service, snapshot: request.snapshot) })
    static let metricsDescriptor = EndpointDescriptor(
        name: "metrics", template: "/metrics", summary: "Prometheus metrics.", tag: .service, ok: "Prometheus text format 0.0.4.",
        content: [.init(mediaType: "text/plain", schema: Schemas.string)], mayBeUnavailable: false,
        answer: .service { request in metrics(request.service) })

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
            o.field("counts") {
                $0.object { c in
                    c.field("documents", counts.documents)
                    c.field("actors", counts.actors)
                    c.field("alliances", counts.alliances)
                    c.field("relations", counts.relations)
                    c.field("statements", counts.statements)
                }
            }
            o.field("links") {
                $0.object { l in
                    for (key, path) in indexLinks { l.field(dynamic: key, path) }
                }
            }
        }
        return Reply.json(json.bytes, etag: ContentHash.etag(json.bytes))
    }

    /// Every endpoint's index link, in the table's order.
    static let indexLinks: [(key: String, path: String)] = Endpoints.table.compactMap { descriptor in
        descriptor.indexLink.map { ($0, descriptor.template) }
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
            return Reply.problem(service.isDraining ? Problem.draining : Problem.notReady)
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
        let body = service.metrics.render(
            openConnections: service.openConnections, pinnedVersions: service.pinnedVersions,
            renderCache: service.snapshot?.cache.statistics)
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
