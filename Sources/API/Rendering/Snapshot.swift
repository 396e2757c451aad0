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
    let actors: [Rendered]
    let alliances: [Rendered]
    let statements: [Rendered]
    let relations: [Rendered]
    let documents: [Rendered]
    let documentTexts: [Rendered]
    /// Alternative orders of each collection: positions sorted by a key.
    let orders: [String: [Int32]]
    /// gzip of single resources, made the first time each is asked for.
    let gzipped: GzipMemo
    /// `GET /v1/graph` without a focus.
    let wholeGraph: Rendered

    init(dataset: Dataset) {
        self.dataset = dataset
        let renderer = ResourceRenderer(dataset: dataset)
        self.renderer = renderer
        actors = dataset.actors.parallelMap { Rendered(renderer.actor($0)) }
        alliances = dataset.alliances.parallelMap { Rendered(renderer.alliance($0)) }
        statements = dataset.statements.parallelMap { Rendered(renderer.statement($0)) }
        relations = dataset.relations.parallelMap { Rendered(renderer.relation($0)) }
        documents = dataset.documents.parallelMap { Rendered(renderer.document($0)) }
        documentTexts = dataset.documents.parallelMap { Rendered(Array($0.text.utf8)) }
        func order<T>(_ items: [T], by key: (T) -> String) -> [Int32] {
            let keys = items.map(key)  // computed once, not per comparison
            return keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }.map(Int32.init)
        }
        orders = [
            "actors.name": order(dataset.actors) { $0.name.lowercased() },
            "alliances.name": order(dataset.alliances) { $0.name.lowercased() },
            "relations.kind": order(dataset.relations) { $0.kind.rawValue },
            "statements.id": order(dataset.statements) { $0.id },
            "documents.title": order(dataset.documents) { $0.title.lowercased() },
        ]
        gzipped = GzipMemo(sizes: [actors.count, alliances.count, statements.count, relations.count, documents.count,
                                   documentTexts.count, 1])
        wholeGraph = Rendered(GraphEndpoint.render(dataset.graph(), focus: nil, depth: 1))
    }

    var version: String { dataset.version }

    func rendered(_ type: EntityType) -> [Rendered] {
        switch type {
        case .actor: actors
        case .alliance: alliances
        case .statement: statements
        case .relation: relations
        case .document: documents
        }
    }
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
