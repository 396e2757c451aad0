import LatticeModel

/// A query parameter as code reads it: its spec (what validation and the OpenAPI document
/// use) and how its checked value is read, typed. Endpoints read `parameters[ActorResource.kind]`,
/// never a name: a typo does not compile, and the value comes back as `[ActorKind]`.
struct Parameter<Value>: Sendable {
    let spec: ParameterSpec
    let read: @Sendable (QueryParameters) -> Value

    /// Comma-separated values from an enumeration, ORed; [] when absent.
    static func enumeration<E: DatasetEnumeration>(_ name: String, _ type: E.Type, _ description: String) -> Parameter<[E]>
    where Value == [E] {
        Parameter(spec: .enumeration(name, type, description)) { $0.list(name).compactMap(E.init(rawValue:)) }
    }

    /// Comma-separated ids (aliases resolved to canonical ids), ORed; [] when absent.
    static func ids(_ name: String, _ types: Set<EntityType>, _ description: String) -> Parameter<[String]> where Value == [String] {
        Parameter(spec: ParameterSpec(name: name, kind: .idList(types), description: description)) { $0.list(name) }
    }

    /// One id of a record of these types, resolved; nil when absent. The id as given is
    /// `given(from:)`.
    static func id(_ name: String, _ types: Set<EntityType>, _ description: String) -> Parameter<EntityRef?> where Value == EntityRef? {
        Parameter(spec: ParameterSpec(name: name, kind: .id(types), description: description)) { $0.refs(name).first }
    }

    static func integer(_ name: String, _ range: ClosedRange<Int>, default defaultValue: Int, _ description: String) -> Parameter<Int>
    where Value == Int {
        Parameter(
            spec: ParameterSpec(
                name: name,
                kind: .integer(
                    minimum: range.lowerBound, maximum: range.upperBound,
                    default: defaultValue), description: description)
        ) {
            $0.string(name).flatMap(Int.init) ?? defaultValue
        }
    }

    /// A date at the precision given; nil when absent.
    static func date(_ name: String, _ description: String) -> Parameter<PartialDate?> where Value == PartialDate? {
        Parameter(spec: ParameterSpec(name: name, kind: .date, description: description)) { parameters in
            parameters.string(name).flatMap { try? PartialDate(parsing: $0) }
        }
    }

    /// An integer within bounds; its default when absent.
    static func minimum(_ name: String, _ range: ClosedRange<Int>, _ description: String) -> Parameter<Int> where Value == Int {
        integer(name, range, default: range.lowerBound, description)
    }

    /// Free text; nil when absent or blank.
    static func text(_ spec: ParameterSpec) -> Parameter<String?> where Value == String? {
        Parameter(spec: spec) { $0.string(spec.name) }
    }

    /// One value from a closed set, or its default.
    static func choice(_ name: String, _ values: [String], default defaultValue: String, _ description: String) -> Parameter<String>
    where Value == String {
        Parameter(spec: ParameterSpec(name: name, kind: .enumValue(values, default: defaultValue), description: description)) {
            $0.string(name) ?? defaultValue
        }
    }

    /// The value as the client wrote it, if it gave one (for messages about it).
    func given(from parameters: QueryParameters) -> String? { parameters.string(spec.name) }
}

extension QueryParameters {
    subscript<Value>(parameter: Parameter<Value>) -> Value { parameter.read(self) }
}

/// The parameters every collection shares.
enum Paging {
    static let limit = Parameter<Int>.integer("limit", 1...500, default: 50, "Page size.")
    static let offset = Parameter<Int>.integer("offset", 0...1_000_000_000, default: 0, "How many results to skip.")
    static let format = Parameter<String>.choice(
        "format", ["json", "csv"], default: "json",
        "Response format; `csv` is the same as sending `Accept: text/csv`.")

    static let specs = [limit.spec, offset.spec, format.spec]
}

/// An order of a collection: a key and a direction (`-name` is by name, descending).
struct SortOrder: Sendable, Equatable {
    let key: String
    let descending: Bool

    init(_ text: String) {
        descending = text.hasPrefix("-")
        key = descending ? String(text.dropFirst()) : text
    }
}

extension Parameter where Value == SortOrder {
    /// `sort`: the natural order and each of `keys`, each also reversed with a leading `-`.
    static func sort(natural: String, keys: [String]) -> Parameter<SortOrder> {
        let values = ([natural] + keys).flatMap { [$0, "-" + $0] }
        let spec = ParameterSpec(
            name: "sort", kind: .enumValue(values, default: natural),
            description: "Order of results; a leading `-` reverses it.")
        return Parameter(spec: spec) { SortOrder($0.string("sort") ?? natural) }
    }
}
