import LatticeModel

/// Everything the API knows about one kind of record, in one place: its paths and endpoint
/// descriptors, its filters (rows of a parameter and the model index it reads), sort orders,
/// renderer and CSV columns. The collection endpoint, the snapshot, the router, the OpenAPI
/// document and the `/v1` index all read these, so in the API a new filter is one row here
/// and a new kind one file like this and its two lines in ``Endpoints/table``.
protocol ResourceKind {
    associatedtype Record: Sendable
    static var type: EntityType { get }
    /// `/v1/actors`: the collection's path, and the prefix of every record's `href`.
    static var collectionPath: String { get }
    /// `Actor`: the record's schema in the OpenAPI document (its page is `ActorCollection`).
    static var schemaName: String { get }
    /// The collection's filters, in documentation order (sort and paging are added to them).
    static var filters: [Filter] { get }
    /// The natural order (`id`; `position` for statements) needs no sorting.
    static var sort: Parameter<SortOrder> { get }
    /// The other orders, each computed once per dataset.
    static var orders: [SortKey<Record>] { get }
    static var csvColumns: [CSVColumn<Record>] { get }
    static func records(in dataset: Dataset) -> [Record]
    static func render(_ record: Record, with renderer: ResourceRenderer) -> [UInt8]
    /// The record as of a date, when that changes what it shows (an alliance's members);
    /// nil when its pre-rendered form is the answer.
    static func render(_ record: Record, with renderer: ResourceRenderer, asOf: PartialDate) -> [UInt8]?
}

/// An order other than the natural one: its name in `sort=` and the key it sorts by.
struct SortKey<Record>: Sendable {
    let name: String
    let key: @Sendable (Record) -> String
}

/// One CSV column: its header and how a record fills it.
struct CSVColumn<Record>: Sendable {
    let name: String
    let value: @Sendable (Record, Dataset) -> String

    init(_ name: String, _ value: @escaping @Sendable (Record, Dataset) -> String) {
        self.name = name
        self.value = value
    }

    init(_ name: String, _ value: @escaping @Sendable (Record) -> String) {
        self.name = name
        self.value = { record, _ in value(record) }
    }
}

extension ResourceKind {
    /// Filters, sort and paging: what the collection endpoint accepts.
    static var collectionParameters: [ParameterSpec] { filters.map(\.spec) + [sort.spec] + Paging.specs }

    static func render(_ record: Record, with renderer: ResourceRenderer, asOf: PartialDate) -> [UInt8]? { nil }

    /// Positions of the records that pass the request's filters.
    static func matching(_ parameters: QueryParameters, in dataset: Dataset, also extra: [Constraint] = []) -> PostingList {
        dataset.matching(type, filters.compactMap { $0.constraint(parameters) } + extra)
    }
}

/// The kinds, in `EntityType.allCases` order. (Metatypes of enums without state: nothing
/// in them is mutable, but `any ResourceKind.Type` cannot say it is Sendable.)
enum Resources {
    nonisolated(unsafe) static let all: [any ResourceKind.Type] = [
        DocumentResource.self, ActorResource.self, AllianceResource.self,
        RelationResource.self, StatementResource.self,
    ]

    static func kind(_ type: EntityType) -> any ResourceKind.Type { all[type.ordinal] }
}

extension EntityType {
    /// The position in `allCases`, for tables indexed by type.
    var ordinal: Int {
        switch self {
        case .document: 0
        case .actor: 1
        case .alliance: 2
        case .relation: 3
        case .statement: 4
        }
    }
}
