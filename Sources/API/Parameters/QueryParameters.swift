import LatticeHTTP
import LatticeModel

/// A request's query parameters, checked against an endpoint's specs: the problems are
/// collected (unknown names, repeats, bad values) so one 400 lists them — the first
/// ``maxListedProblems`` of them, with a count of all, so that an error is never much bigger
/// than the request that caused it.
struct QueryParameters {
    private var values: [String: [String]] = [:]
    /// Ids resolved to their records (aliases to canonical ids).
    private var resolved: [String: [EntityRef]] = [:]
    private(set) var problems: [ParameterProblem] = []
    /// Every problem found, listed or not.
    private(set) var problemCount = 0
    /// Ids in filters that name no record: the filter matches nothing for them, and the
    /// collection's `meta.warnings` says so (a typo shows as a message, not just an empty chart).
    private(set) var warnings: [ParameterProblem] = []

    static let maxListedProblems = 20
    /// Values one list parameter may hold (`kind=state,person`), duplicates included.
    static let maxListValues = 100
    /// Distinct words a search (`q`) may hold: each costs a pass over the vocabulary.
    static let maxSearchTerms = 16
    /// The parameters as given, in order, for building paging links.
    let items: [QueryItem]

    init(_ items: [QueryItem], specs: [ParameterSpec], dataset: Dataset?) {
        self.items = items
        // Specs are a handful per endpoint: a scan beats building a dictionary per request.
        for item in items {
            guard let spec = specs.first(where: { $0.name == item.name }) else {
                report(item.name) {
                    let accepted =
                        specs.isEmpty
                        ? "this endpoint takes no query parameters"
                        : "accepted parameters are \(specs.map(\.name).joined(separator: ", "))"
                    return "unknown parameter; \(accepted)"
                }
                continue
            }
            if values[item.name] != nil && !spec.isList {
                report(item.name) { "given more than once; give it once" }
                continue
            }
            values[item.name, default: []].append(item.value)
        }
        for spec in specs {
            guard !values.isEmpty, let given = values[spec.name] else {
                if spec.required { report(spec.name) { "required; expected \(spec.accepted)" } }
                continue
            }
            validate(spec, given, dataset: dataset)
        }
    }

    /// Counts a problem, and keeps it (its detail built only then) while fewer than
    /// ``maxListedProblems`` are kept. The parameter's name is cut like any echoed text.
    private mutating func report(_ parameter: String, _ detail: () -> String) {
        problemCount += 1
        if problems.count < Self.maxListedProblems {
            problems.append(ParameterProblem(parameter: Excerpt.of(parameter), detail: detail()))
        }
    }

    private mutating func validate(_ spec: ParameterSpec, _ given: [String], dataset: Dataset?) {
        func fail(_ detail: @autoclosure () -> String) {
            report(spec.name, detail)
            values[spec.name] = nil
        }
        if case .text(let maxLength) = spec.kind {
            return validateText(spec, given.first ?? "", maxLength: maxLength)
        }
        var elements = spec.isList ? given.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } : given
        if elements.count > Self.maxListValues {
            return fail("holds \(elements.count) values; at most \(Self.maxListValues) are accepted")
        }
        if elements.contains(where: Self.isBlank) {
            return fail("must not be empty; expected \(spec.accepted)")
        }
        if spec.isList {
            // A repeated value changes nothing (values are ORed), so it costs nothing either.
            var seen = Set<String>()
            elements = elements.filter { seen.insert($0).inserted }
        }
        switch spec.kind {
        case .enumList(let allowed), .enumValue(let allowed, _):
            if let bad = elements.first(where: { !allowed.contains($0) }) {
                return fail("\"\(Excerpt.of(bad))\" is not accepted; expected \(spec.accepted)")
            }
            values[spec.name] = elements
        case .idList(let types), .id(let types):
            // Aliases resolve to their canonical ids; an id of no record is kept as given and
            // matches nothing, so a filter on a removed record returns an empty page.
            if let bad = elements.first(where: { !Slug.isValid($0) }) {
                let hint = NearMiss.slug(for: bad, in: dataset, as: types).map { "; did you mean \($0.id)?" } ?? ""
                return fail("\"\(Excerpt.of(bad))\" is not an id; expected \(spec.accepted) (lowercase slugs)\(hint)")
            }
            let refs = elements.map { dataset?.resolve($0, as: types) }
            resolved[spec.name] = refs.compactMap { $0 }
            values[spec.name] = zip(elements, refs).map { $1?.id ?? $0 }
            if let dataset, spec.isList {
                for (element, ref) in zip(elements, refs) where ref == nil && warnings.count < Self.maxListedProblems {
                    warnings.append(ParameterProblem(parameter: spec.name, detail: NearMiss.unknownID(element, in: dataset, as: types)))
                }
            }
        case .integer(let minimum, let maximum, _):
            guard let text = elements.first, text.utf8.count <= 12, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 || $0 == 45 }),
                let number = Int(text)
            else {
                return fail("\"\(Excerpt.of(elements.first ?? ""))\" is not an integer; expected \(spec.accepted)")
            }
            guard (minimum...maximum).contains(number) else {
                return fail("\(number) is out of range; expected \(spec.accepted)")
            }
        case .date:
            guard let text = elements.first, text.utf8.count <= 10 else {
                return fail("\"\(Excerpt.of(elements.first ?? ""))\" is not a date; expected \(spec.accepted)")
            }
            do {
                _ = try PartialDate(parsing: text)
            } catch {
                return fail("\(error.description)")
            }
        case .text:
            preconditionFailure("validated by validateText")
        }
    }

    /// Free text: at most `maxLength` characters and ``maxSearchTerms`` distinct words. Blank
    /// text (an empty search box sends `q=`) is no constraint at all: the parameter counts as
    /// absent, so a collection is not narrowed and a search finds nothing.
    private mutating func validateText(_ spec: ParameterSpec, _ text: String, maxLength: Int) {
        if text.unicodeScalars.count > maxLength {
            report(spec.name) { "is longer than \(maxLength) characters" }
        } else if Set(TextFolding.tokens(text)).count > Self.maxSearchTerms {
            report(spec.name) { "holds more than \(Self.maxSearchTerms) distinct words; search with fewer" }
        } else if !Self.isBlank(text) {
            return
        }
        values[spec.name] = nil
    }

    /// Empty or only whitespace — Unicode's, plus the ASCII separators U+001C–U+001F that
    /// other regex engines count as space (so the server agrees with the OpenAPI pattern `\S`).
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.properties.isWhitespace || (0x1C...0x1F).contains($0.value) }
    }

    var isValid: Bool { problems.isEmpty }

    /// Whether the client gave this parameter (a blank text counts as not given).
    func has<Value>(_ parameter: Parameter<Value>) -> Bool { values[parameter.spec.name] != nil }

    /// The parameters in canonical form, in spec order: list values deduplicated and in a
    /// fixed order (an enumeration's own order; ids sorted, aliases already resolved),
    /// values equal to their default left out. Equivalent requests give equal items, hence
    /// equal links and ETags.
    func canonicalItems(_ specs: [ParameterSpec]) -> [QueryItem] {
        var items: [QueryItem] = []
        for spec in specs {
            guard let given = values[spec.name], let first = given.first else { continue }
            let value: String?
            switch spec.kind {
            case .enumList(let allowed):
                value = given.sorted { (allowed.firstIndex(of: $0) ?? 0) < (allowed.firstIndex(of: $1) ?? 0) }.joined(separator: ",")
            case .idList:
                value = given.sorted().joined(separator: ",")
            case .enumValue(_, let defaultValue):
                value = first == defaultValue ? nil : first
            case .integer(_, _, let defaultValue):
                value = Int(first) == defaultValue ? nil : String(Int(first) ?? 0)
            case .id, .text, .date:
                value = first
            }
            if let value { items.append(QueryItem(name: spec.name, value: value)) }
        }
        return items
    }

    // Untyped reads, for `Parameter` alone: endpoints read `parameters[SomeKind.filter]`.

    /// The values of a list parameter (split on commas, deduplicated), or [] when absent.
    func list(_ name: String) -> [String] { values[name] ?? [] }

    func refs(_ name: String) -> [EntityRef] { resolved[name] ?? [] }

    func string(_ name: String) -> String? { values[name]?.first }
}

/// One entry of a validation problem's `errors` list.
struct ParameterProblem: Sendable, Equatable {
    let parameter: String
    let detail: String
}
