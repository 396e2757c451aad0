import LatticeHTTP
import LatticeModel

/// `GET /v1/{collection}/{id}` and `/v1/documents/{id}/text`: the rendered bytes and ETag
/// (kept in the snapshot's cache while they are read), or a 308 from an alias slug to the
/// canonical path.
enum ResourceEndpoints {
    /// `target` is the request-target as sent: a redirect keeps its query.
    static func single(_ endpoint: Endpoint, id: String, snapshot: Snapshot, target: String) throws(Problem) -> Reply {
        let type = endpoint.resourceType!
        let position: Int
        switch try locate(endpoint, id: id, snapshot: snapshot, target: target) {
        case .found(let found): position = found
        case .alias(let redirect): return redirect
        }
        if case .resourceText = endpoint.shape {
            return Reply.rendered(snapshot.documentText(position), contentType: ContentTypes.text)
        }
        var reply = Reply.rendered(snapshot.record(type, position))
        reply.variesOnAccept = true
        return reply
    }

    /// An actor's or alliance's record as of a date, rendered for the request: its alliances,
    /// or its members and positions, of that date, and `as_of` in the body. Its ETag is its
    /// content's, so it never matches today's.
    static func single(_ endpoint: Endpoint, id: String, asOf: PartialDate, snapshot: Snapshot, target: String) throws(Problem) -> Reply {
        let position: Int
        switch try locate(endpoint, id: id, snapshot: snapshot, target: target) {
        case .found(let found): position = found
        case .alias(let redirect): return redirect
        }
        let kind = Resources.kind(endpoint.resourceType!)
        guard let bytes = dated(kind, position: position, asOf: asOf, snapshot: snapshot) else {
            return try single(endpoint, id: id, snapshot: snapshot, target: target)
        }
        var reply = Reply(contentType: ContentTypes.json, body: .bytes(bytes), etag: ContentHash.etag(bytes))
        reply.variesOnAccept = true
        return reply
    }

    private static func dated<K: ResourceKind>(_ kind: K.Type, position: Int, asOf: PartialDate, snapshot: Snapshot) -> [UInt8]? {
        K.render(K.records(in: snapshot.dataset)[position], with: snapshot.renderer, asOf: asOf)
    }

    /// The same record as one CSV row under the collection's header (`Accept: text/csv`
    /// or `?format=csv`), like a page of one.
    static func singleCSV(_ endpoint: Endpoint, id: String, snapshot: Snapshot, target: String) throws(Problem) -> Reply {
        let position: Int
        switch try locate(endpoint, id: id, snapshot: snapshot, target: target) {
        case .found(let found): position = found
        case .alias(let redirect): return redirect
        }
        let bytes = csvRow(Resources.kind(endpoint.resourceType!), position: position, dataset: snapshot.dataset)
        var reply = Reply(contentType: ContentTypes.csv, body: .bytes(bytes), etag: ContentHash.etag(bytes))
        reply.variesOnAccept = true
        return reply
    }

    private static func csvRow<K: ResourceKind>(_ kind: K.Type, position: Int, dataset: Dataset) -> [UInt8] {
        let record = K.records(in: dataset)[position]
        var csv = CSVWriter()
        csv.row(K.csvColumns.map(\.name))
        csv.row(K.csvColumns.map { $0.value(record, dataset) })
        return csv.bytes
    }

    private enum Location {
        case found(Int)
        /// The id is an alias: a 308 to the canonical path.
        case alias(Reply)
    }

    /// Where the record is, or the redirect for an alias; a 404 that says what the id is
    /// otherwise.
    private static func locate(_ endpoint: Endpoint, id: String, snapshot: Snapshot, target: String) throws(Problem) -> Location {
        let type = endpoint.resourceType!
        let dataset = snapshot.dataset
        guard let position = dataset.position(of: EntityRef(type, id)) else {
            if let canonical = dataset.resolve(id, as: [type]) {
                return .alias(redirect(to: canonical, endpoint: endpoint, query: target))
            }
            if let other = dataset.entity(id) {
                throw Problem.notFound(
                    "\"\(id)\" is not \(article(type)) \(type.rawValue) but \(article(other.type)) \(other.type.rawValue): \(Paths.resource(other)).")
            }
            // The suggestion `lattice validate` would make for the same id in a seed file.
            let hint =
                dataset.nearestID(to: id, as: type).map { near in
                    "did you mean \"\(near)\" (\(Paths.resource(EntityRef(type, near)))\(endpoint.shape == .resourceText(type) ? "/text" : ""))? "
                } ?? ""
            throw Problem.notFound(
                "No \(type.rawValue) has the id \"\(Excerpt.of(id, limit: 100))\"; \(hint)GET \(Paths.collection(type)) lists them.")
        }
        return .found(position)
    }

    /// 308 keeps the method and the query string, so an alias works for any client.
    private static func redirect(to canonical: EntityRef, endpoint: Endpoint, query target: String) -> Reply {
        var location = Paths.resource(canonical) + (endpoint.shape == .resourceText(canonical.type) ? "/text" : "")
        if let mark = target.firstIndex(of: "?") { location += target[mark...] }
        var reply = Reply(status: .permanentRedirect, compression: .none)
        reply.headers.append(HTTPField("Location", location))
        return reply
    }

    private static func article(_ type: EntityType) -> String {
        type == .actor || type == .alliance ? "an" : "a"
    }
}
