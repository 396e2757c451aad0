import LatticeModel

/// One query parameter an endpoint accepts: its name, what values it takes, and how it is
/// described. The same definitions drive validation and the OpenAPI document, so the two
/// cannot drift apart.
struct ParameterSpec: Sendable {
    enum Kind: Sendable {
        /// Comma-separated values from a closed set, combined with OR.
        case enumList([String])
        /// One value from a closed set.
        case enumValue([String], default: String)
        /// Comma-separated ids (aliases accepted) of records of these types, combined with OR.
        case idList(Set<EntityType>)
        /// One id (alias accepted) of a record of these types.
        case id(Set<EntityType>)
        /// An integer within bounds.
        case integer(minimum: Int, maximum: Int, default: Int)
        /// Free text, up to `maxLength` characters and `QueryParameters.maxSearchTerms`
        /// distinct words; blank text is no constraint.
        case text(maxLength: Int)
        /// A date at any precision: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
        case date
    }

    let name: String
    let kind: Kind
    let description: String
    var required = false

    var isList: Bool {
        switch kind {
        case .enumList, .idList: true
        default: false
        }
    }

    /// What is accepted, in words, for error messages.
    var accepted: String {
        switch kind {
        case .enumList(let values): "a comma-separated list of: \(values.joined(separator: ", "))"
        case .enumValue(let values, _): "one of: \(values.joined(separator: ", "))"
        case .idList(let types): "a comma-separated list of \(Self.describe(types)) ids"
        case .id(let types): "one \(Self.describe(types)) id"
        case .integer(let minimum, let maximum, _): "an integer from \(minimum) to \(maximum)"
        case .text(let maxLength): "text of up to \(maxLength) characters and \(QueryParameters.maxSearchTerms) distinct words"
        case .date: "a date: YYYY, YYYY-MM or YYYY-MM-DD"
        }
    }

    static func describe(_ types: Set<EntityType>) -> String {
        types.map(\.rawValue).sorted().joined(separator: " or ")
    }

    static func enumeration<E: DatasetEnumeration>(_ name: String, _ type: E.Type, _ description: String) -> ParameterSpec {
        ParameterSpec(name: name, kind: .enumList(E.allCases.map(\.rawValue)), description: description)
    }

    static func q(_ description: String) -> ParameterSpec {
        ParameterSpec(
            name: "q", kind: .text(maxLength: 200),
            description: description
                + " At most \(QueryParameters.maxSearchTerms) distinct words (a 400 beyond); repeated words count once."
                + " Blank text is no constraint.")
    }
}
