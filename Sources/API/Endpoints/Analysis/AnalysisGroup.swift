import LatticeModel

/// The set of actors an analysis is about, from `actors=` or `alliance=`, checked strictly:
/// an unknown id, an id of the wrong kind, an empty set or one over ``maxActors`` is a 400
/// naming the parameter (a filter on a list only warns; a figure over a wrong set would mislead).
enum AnalysisGroup {
    static let maxActors = 50

    /// Every id in `ids` must name an actor; problems name `parameter`.
    static func actors(_ ids: [String], parameter: String, dataset: Dataset) -> (refs: [EntityRef], problems: [ParameterProblem]) {
        var refs: [EntityRef] = [], problems: [ParameterProblem] = [], seen = Set<String>()
        for id in ids {
            if let ref = dataset.resolve(id, as: [.actor]) {
                if seen.insert(ref.id).inserted { refs.append(ref) }
            } else if let other = dataset.resolve(id, as: Set(EntityType.allCases)) {
                problems.append(ParameterProblem(parameter: parameter,
                                                 detail: "\"\(Excerpt.of(id))\" is \(article(other.type)) \(other.type.rawValue), not an actor"))
            } else {
                problems.append(ParameterProblem(parameter: parameter, detail: NearMiss.unknownID(id, in: dataset, as: [.actor])))
            }
        }
        return (refs, problems)
    }

    /// The alliance named by `parameter`, or a problem naming it.
    static func alliance(_ given: String, parameter: String, dataset: Dataset) throws(Problem) -> Alliance {
        if let ref = dataset.resolve(given, as: [.alliance]), let alliance = dataset.alliance(ref.id) { return alliance }
        let detail = if let other = dataset.resolve(given, as: Set(EntityType.allCases)) {
            "\"\(Excerpt.of(given))\" is \(article(other.type)) \(other.type.rawValue), not an alliance"
        } else {
            NearMiss.unknownID(given, in: dataset, as: [.alliance])
        }
        throw Problem.invalidParameters([ParameterProblem(parameter: parameter, detail: detail)], count: 1)
    }

    static func article(_ type: EntityType) -> String { type == .actor || type == .alliance ? "an" : "a" }

    /// A score for JSON and CSV: four decimals, so equal inputs print equal text.
    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    /// A rounded score as JSON writes it (`0`, not `0.0`), for CSV.
    static func text(_ value: Double) -> String {
        var json = JSONWriter(capacity: 16)
        json.double(value)
        return String(decoding: json.bytes, as: UTF8.self)
    }
}
