import LatticeModel
import LatticeHTTP

/// Everything served for one dataset version: the dataset, the renderer, sort orders, and
/// the representations asked for recently (records' JSON, documents' text), rendered on
/// first use and kept within a budget. Swapped as a whole on reload, so one request only
/// ever sees one version, and a version's cache is freed with it.
final class Snapshot: Sendable {
    let dataset: Dataset
    let renderer: ResourceRenderer
    /// Alternative orders of each collection (`actor.name`): positions sorted by a key.
    private let orders: [String: [Int32]]
    /// Records' JSON (one table per kind, by `EntityType.ordinal`) and documents' text.
    let cache: RenderCache
    /// `GET /v1/graph` without a focus; nil when it has more nodes than any request may ask
    /// for, so a big dataset does not keep megabytes rendered that are never served.
    let wholeGraph: Rendered?
    /// Answers computed from the whole dataset (analyses), made the first time each is asked
    /// for and kept as long as this snapshot.
    let answers = AnswerMemo()
    /// When it stopped being served, and its place in the census of versions in memory.
    let lifetime = SnapshotLifetime()

    /// The cache's table of documents' text, after one per kind.
    static let textTable = EntityType.allCases.count

    /// The default budget of ``cache``: the hot records of a big dataset, all of a small one.
    static let defaultCacheBudget = 16 << 20

    init(dataset: Dataset, cacheBudget: Int = Snapshot.defaultCacheBudget) {
        self.dataset = dataset
        renderer = ResourceRenderer(dataset: dataset)
        var orders: [String: [Int32]] = [:]
        for kind in Resources.all {
            for (name, order) in Self.orders(kind, dataset) { orders[name] = order }
        }
        self.orders = orders
        // One table per kind (`ordinal` is the place in `allCases`), then the documents' text.
        let sizes = EntityType.allCases.map(dataset.count(of:)) + [dataset.count(of: .document)]
        cache = RenderCache(tableSizes: sizes, budget: cacheBudget)
        wholeGraph =
            dataset.graphNodeCount <= GraphEndpoint.maximumNodes
            ? Rendered(GraphRenderer.render(dataset.graph(), focus: nil, depth: 1)) : nil
    }

    private static func orders<K: ResourceKind>(_ kind: K.Type, _ dataset: Dataset) -> [(String, [Int32])] {
        let records = K.records(in: dataset)
        return K.orders.map { order in
            let keys = records.map(order.key)  // computed once, not per comparison
            let sorted = keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }.map(Int32.init)
            return ("\(K.type.rawValue).\(order.name)", sorted)
        }
    }

    var version: String { dataset.version }

    /// The record's JSON, its ETag and gzip: from the cache, or rendered and kept.
    func record(_ type: EntityType, _ position: Int) -> Rendered {
        cache.rendered(table: type.ordinal, position: position) { render(type, position) }
    }

    /// The records' JSON for a page, in order (one lock for the page's kept records).
    func records(_ type: EntityType, _ positions: [Int32]) -> [Rendered] {
        cache.rendered(table: type.ordinal, positions: positions) { render(type, $0) }
    }

    /// The record's JSON for a bulk read (the export): the kept copy when there is one,
    /// otherwise rendered and not kept, so reading everything does not flush the hot set.
    func recordJSON(_ type: EntityType, _ position: Int) -> [UInt8] {
        cache.lookup(table: type.ordinal, position: position)?.json ?? render(type, position)
    }

    /// A document's text as served by `/v1/documents/{id}/text`.
    func documentText(_ position: Int) -> Rendered {
        cache.rendered(table: Self.textTable, position: position) { Array(dataset.documents[position].text.utf8) }
    }

    private func render(_ type: EntityType, _ position: Int) -> [UInt8] {
        Self.render(Resources.kind(type), position, dataset, renderer)
    }

    private static func render<K: ResourceKind>(
        _ kind: K.Type, _ position: Int, _ dataset: Dataset,
        _ renderer: ResourceRenderer
    ) -> [UInt8] {
        K.render(K.records(in: dataset)[position], with: renderer)
    }

    /// Positions in the order named `key` (one of the kind's `orders`), or nil.
    func order(_ type: EntityType, _ key: String) -> [Int32]? { orders["\(type.rawValue).\(key)"] }
}
