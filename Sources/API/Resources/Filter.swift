import LatticeModel

/// One filter of a collection: the query parameter it reads and the ``Constraint`` it puts
/// on the dataset. A resource lists its filters as rows of these; the collection endpoint,
/// the router's parameter lists and the OpenAPI document read the rows.
struct Filter: Sendable {
    let spec: ParameterSpec
    let constraint: @Sendable (QueryParameters) -> Constraint?

    /// Records filed under any of the listed values (enumeration values or ids) in `key`'s index.
    static func index<Value: Sendable>(_ parameter: Parameter<[Value]>, _ key: IndexKey, value: @escaping @Sendable (Value) -> String) -> Filter {
        Filter(spec: parameter.spec) { parameters in
            let values = parameters[parameter]
            return values.isEmpty ? nil : .anyOf(key, values.map(value))
        }
    }

    static func index<E: DatasetEnumeration>(_ parameter: Parameter<[E]>, _ key: IndexKey) -> Filter {
        index(parameter, key) { $0.rawValue }
    }

    static func index(_ parameter: Parameter<[String]>, _ key: IndexKey) -> Filter {
        index(parameter, key) { $0 }
    }

    /// Full-text search over the given fields.
    static func text(_ parameter: Parameter<String?>, fields: Set<SearchIndex.Field>) -> Filter {
        Filter(spec: parameter.spec) { parameters in parameters[parameter].map { .text($0, fields: fields) } }
    }

    /// A date from (`since`) or until (`until`) a given date, on `key`.
    static func date(_ parameter: Parameter<PartialDate?>, _ key: DateKey, bound: DateBound) -> Filter {
        Filter(spec: parameter.spec) { parameters in
            parameters[parameter].map { date in
                bound == .since ? .dated(key, since: date, until: nil) : .dated(key, since: nil, until: date)
            }
        }
    }

    enum DateBound: Sendable { case since, until }

    /// At least this many of `key`.
    static func minimum(_ parameter: Parameter<Int>, _ key: CountKey) -> Filter {
        Filter(spec: parameter.spec) { parameters in parameters.has(parameter) ? .atLeast(key, parameters[parameter]) : nil }
    }

    /// `as_of`: the records that held on the date.
    static func asOf(_ parameter: Parameter<PartialDate?> = AsOf.parameter) -> Filter {
        Filter(spec: parameter.spec) { parameters in parameters[parameter].map { .holds(on: $0) } }
    }
}

/// `as_of`, shared by every endpoint that takes it.
enum AsOf {
    /// The date asked for, or nil (also on endpoints that do not take it: a request giving
    /// it there was a 400 before it reached them).
    static func date(_ parameters: QueryParameters) -> PartialDate? { parameters[parameter] }

    /// `dataset_version`, and `as_of` when the request gave it: an answer for a date says so.
    static func meta(_ context: EndpointContext, into m: inout JSONWriter.ObjectWriter) {
        m.field("dataset_version", context.snapshot.version)
        if let date = date(context.parameters) { m.field("as_of", date.description) }
    }

    static let parameter = Parameter.date(
        "as_of",
        "Answer as the sources describe the world on this date (YYYY, YYYY-MM or YYYY-MM-DD; a partial date is its whole span): "
            + "records whose interval — from since, or else their earliest source's publication, to until — overlaps it.")
}

extension Parameter where Value == [String] {
    /// `source_document`, on every collection whose records carry evidence.
    static let sourceDocument = Parameter.ids(
        "source_document", [.document], "Only records supported by these documents (in their evidence or in statements by or about them).")
}

extension Parameter where Value == Int {
    /// `min_sources`: records backed by at least this many distinct documents.
    static let minSources = Parameter.minimum("min_sources", 1...1_000, "Only records backed by at least this many distinct documents (sources).")
}
