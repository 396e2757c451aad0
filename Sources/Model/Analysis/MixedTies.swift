/// Pairs whose ties pull both ways.
///
/// Method. Relations are grouped by unordered pair of ends; a pair is a mixed tie when it has
/// at least one cooperative and at least one hostile relation, or any relation of mixed
/// valence. Each is listed with its cooperative, hostile and mixed relations. Pairs come in
/// order of their ends' ids (the smaller id first).
public enum MixedTies {
    public struct Tie: Sendable {
        public let a: EntityRef
        public let b: EntityRef
        public let cooperative: [String]
        public let hostile: [String]
        public let mixed: [String]
    }

    /// Every mixed tie, or only those with an end in `actors` when it is not empty.
    /// With `asOf`, only relations that held on that date.
    public static func find(in dataset: Dataset, involving actors: [String] = [], asOf: PartialDate? = nil) -> [Tie] {
        struct Key: Hashable { let a: EntityRef, b: EntityRef }
        var byPair: [Key: (c: [String], h: [String], m: [String])] = [:]
        let positions: [Int32] =
            actors.isEmpty
            ? Array(0..<Int32(dataset.relations.count))
            : Array(Set(actors.flatMap { dataset.index(.relationEnd).list($0).positions })).sorted()
        for position in positions {
            let relation = dataset.relations[Int(position)]
            guard relation.from != relation.to else { continue }
            if let asOf, !relation.holds(on: asOf) { continue }
            let key = relation.from.id < relation.to.id ? Key(a: relation.from, b: relation.to) : Key(a: relation.to, b: relation.from)
            var entry = byPair[key] ?? ([], [], [])
            switch relation.valence {
            case .cooperative: entry.c.append(relation.id)
            case .hostile: entry.h.append(relation.id)
            case .mixed: entry.m.append(relation.id)
            }
            byPair[key] = entry
        }
        return byPair.filter { (!$0.value.c.isEmpty && !$0.value.h.isEmpty) || !$0.value.m.isEmpty }
            .sorted { ($0.key.a.id, $0.key.b.id) < ($1.key.a.id, $1.key.b.id) }
            .map { Tie(a: $0.key.a, b: $0.key.b, cooperative: $0.value.c.sorted(), hostile: $0.value.h.sorted(), mixed: $0.value.m.sorted()) }
    }
}
