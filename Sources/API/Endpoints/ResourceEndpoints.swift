import LatticeHTTP
import LatticeModel

/// `GET /v1/{collection}/{id}` and `/v1/documents/{id}/text`: pre-rendered bytes and ETag,
/// or a 308 from an alias slug to the canonical path.
enum ResourceEndpoints {
    /// Tables of the snapshot's gzip memo, by collection.
    static func gzipTable(_ type: EntityType) -> Int {
        switch type {
        case .actor: 0
        case .alliance: 1
        case .statement: 2
        case .relation: 3
        case .document: 4
        }
    }

    static let textTable = 5
    /// `GET /v1/graph` without a focus: one slot.
    static let wholeGraphTable = 6

    /// `target` is the request-target as sent: a redirect keeps its query.
    static func single(_ endpoint: Endpoint, id: String, snapshot: Snapshot, target: String) throws(Problem) -> Reply {
        let type = endpoint.resourceType!
        let dataset = snapshot.dataset
        guard let position = dataset.position(of: EntityRef(type, id)) else {
            if let canonical = dataset.resolve(id, as: [type]) {
                return redirect(to: canonical, endpoint: endpoint, query: target)
            }
            if let other = dataset.entity(id) {
                throw Problem.notFound("\"\(id)\" is not \(article(type)) \(type.rawValue) but \(article(other.type)) \(other.type.rawValue): \(Paths.resource(other)).")
            }
            throw Problem.notFound("No \(type.rawValue) has the id \"\(Excerpt.of(id, limit: 100))\"; GET \(Paths.collection(type)) lists them.")
        }
        if endpoint == .documentText {
            let text = snapshot.documentTexts[position]
            var reply = Reply.rendered(text, contentType: ContentTypes.text)
            reply.compression = .memo(snapshot.gzipped.slot(table: textTable, index: position))
            return reply
        }
        let rendered = snapshot.rendered(type)[position]
        var reply = Reply.rendered(rendered)
        reply.compression = .memo(snapshot.gzipped.slot(table: gzipTable(type), index: position))
        return reply
    }

    /// 308 keeps the method and the query string, so an alias works for any client.
    private static func redirect(to canonical: EntityRef, endpoint: Endpoint, query target: String) -> Reply {
        var location = Paths.resource(canonical) + (endpoint == .documentText ? "/text" : "")
        if let mark = target.firstIndex(of: "?") { location += target[mark...] }
        var reply = Reply(status: .permanentRedirect, compression: .none)
        reply.headers.append(HTTPField("Location", location))
        return reply
    }

    private static func article(_ type: EntityType) -> String {
        type == .actor || type == .alliance ? "an" : "a"
    }
}
