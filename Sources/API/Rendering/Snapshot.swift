import LatticeModel
import LatticeHTTP

/// A resource rendered once at load time: its JSON bytes, strong ETag, and the ETag header
/// field ready to write.
struct Rendered: Sendable {
    let json: [UInt8]
    let etag: String
    let etagField: HTTPField

    init(_ json: [UInt8]) {
        self.json = json
        etag = ContentHash.etag(json)
        etagField = HTTPField("ETag", etag)
    }
}

/// Everything served for one dataset version, rendered when it loads: each record's JSON
/// and ETag, the documents' text, sort orders. Swapped as a whole on reload, so one request
/// only ever sees one version.
final class Snapshot: Sendable {
    let dataset: Dataset
    let renderer: ResourceRenderer
    /// Each kind's records, rendered, by `EntityType.ordinal`.
    private let renderedByType: [[Rendered]]
    let documentTexts: [Rendered]
    /// Alternative orders of each collection (`actor.name`): positions sorted by a key.
    private let orders: [String: [Int32]]
    /// gzip of single resources, the documents' text and the whole graph, made the first
    /// time each is asked for.
    let gzipped: GzipMemo
    /// `GET /v1/graph` without a focus; nil when it has more nodes than any request may ask
    /// for, so a big dataset does not keep megabytes rendered that are never served.
    let wholeGraph: Rendered?
    /// Answers computed from the whole dataset (analyses), made the first time each is asked
    /// for and kept as long as this snapshot.
    let answers = AnswerMemo()
    /// When it stopped being served, and its place in the census of versions in memory.
    let lifetime = SnapshotLifetime()

    /// Tables of `gzipped` beyond one per kind.
    static let textTable = EntityType.allCases.count
    static let wholeGraphTable = textTable + 1

    init(dataset: Dataset) {
        self.dataset = dataset
        let renderer = ResourceRenderer(dataset: dataset)
        self.renderer = renderer
        var renderedByType: [[Rendered]] = []
        var orders: [String: [Int32]] = [:]
        for kind in Resources.all {
            renderedByType.append(Self.render(kind, dataset, renderer))
            for (name, order) in Self.orders(kind, dataset) { orders[name] = order }
        }
        self.renderedByType = renderedByType
        self.orders = orders
        documentTexts = dataset.documents.parallelMap { Rendered(Array($0.text.utf8)) }
        gzipped = GzipMemo(sizes: renderedByType.map(\.count) + [documentTexts.count, 1])
        wholeGraph = dataset.graphNodeCount <= GraphEndpoint.maximumNodes
            ? Rendered(GraphRenderer.render(dataset.graph(), focus: nil, depth: 1)) : nil
    }

    private static func render<K: ResourceKind>(_ kind: K.Type, _ dataset: Dataset, _ renderer: ResourceRenderer) -> [Rendered] {
        K.records(in: dataset).parallelMap { Rendered(K.render($0, with: renderer)) }
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

    func rendered(_ type: EntityType) -> [Rendered] { renderedByType[type.ordinal] }

    /// Positions in the order named `key` (one of the kind's `orders`), or nil.
    func order(_ type: EntityType, _ key: String) -> [Int32]? { orders["\(type.rawValue).\(key)"] }
}

/// Compressed copies of single resources, computed on first use and kept: compressing
/// every resource up front would slow loading big datasets for responses nobody asked for.
final class GzipMemo: Sendable {
    private let slots: Locked<[[[UInt8]?]]>

    init(sizes: [Int]) {
        slots = Locked(sizes.map { [[UInt8]?](repeating: nil, count: $0) })
    }

    /// One remembered body: the memo it lives in and its place there. A reply carries this,
    /// never a bare position into whatever snapshot is current.
    struct Slot: Sendable {
        let memo: GzipMemo
        let table: Int
        let index: Int

        func bytes(compress: () -> [UInt8]?) -> [UInt8]? {
            memo.bytes(table: table, index: index, compress: compress)
        }
    }

    func slot(table: Int, index: Int) -> Slot {
        Slot(memo: self, table: table, index: index)
    }

    func bytes(table: Int, index: Int, compress: () -> [UInt8]?) -> [UInt8]? {
        if let cached = slots.withLock({ $0[table][index] }) { return cached }
        guard let compressed = compress() else { return nil }
        slots.withLock { $0[table][index] = compressed }
        return compressed
    }
}
