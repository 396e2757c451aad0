import LatticeModel

/// The set of actors an analysis is about, from `actors=` or `alliance=`, checked strictly:
/// a well-formed id that names no record of the kind (unknown, or of another kind) is a 404
/// naming the parameter — the subject of the figure does not exist, as `/v1/actors/{id}`
/// would say — while a set over ``maxActors`` or a malformed id is a 400 (a filter on a
/// list only warns; a figure over a wrong set would mislead).
enum AnalysisGroup {
    static let maxActors = 50

    /// Every id in `ids` must name an actor; problems name `parameter`.
    static func actors(_ ids: [String], parameter: String, dataset: Dataset) throws(Problem) -> [EntityRef] {
        var refs: [EntityRef] = [], problems: [ParameterProblem] = [], seen = Set<String>()
        for id in ids {
            if let ref = dataset.resolve(id, as: [.actor]) {
                if seen.insert(ref.id).inserted { refs.append(ref) }
            } else if seen.insert(id).inserted {
                problems.append(ParameterProblem(parameter: parameter, detail: noRecord(id, .actor, dataset: dataset)))
            }
        }
        if !problems.isEmpty { throw Problem.unknownSubjects(Array(problems.prefix(QueryParameters.maxListedProblems)), count: problems.count) }
        // Bounded work: a figure over more actors costs their square.
        guard refs.count <= maxActors else {
            throw Problem.invalidParameters(
                [
                    ParameterProblem(
                        parameter: parameter,
                        detail: "\(refs.count) distinct actors were given; at most \(maxActors) are accepted")
                ], count: 1)
        }
        return refs
    }

    /// The alliance named by `parameter`, or a 404 naming it.
    static func alliance(_ given: String, parameter: String, dataset: Dataset) throws(Problem) -> Alliance {
        if let ref = dataset.resolve(given, as: [.alliance]), let alliance = dataset.alliance(ref.id) { return alliance }
        throw Problem.unknownSubjects([ParameterProblem(parameter: parameter, detail: noRecord(given, .alliance, dataset: dataset))], count: 1)
    }

    /// `no actor has the id "quad" (it is an alliance)`, or `…; did you mean "japan"?`.
    static func noRecord(_ id: String, _ type: EntityType, dataset: Dataset) -> String {
        let detail = "no \(type.rawValue) has the id \"\(Excerpt.of(id))\""
        if let other = dataset.resolve(id, as: Set(EntityType.allCases)) {
            return detail + " (it is \(article(other.type)) \(other.type.rawValue))"
        }
        return detail + (dataset.nearestID(to: id, as: type).map { "; did you mean \"\($0)\"?" } ?? "")
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
