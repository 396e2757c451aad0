/// Cohesion of a group of actors, from the records alone.
///
/// Method. For each unordered pair, the *cooperative ties* are the active groupings both
/// belong to plus the cooperative relations between them (either direction); the *hostile
/// ties* are the hostile relations between them (threat perceptions included); relations of
/// mixed valence and proposed or hypothetical groupings are listed but not scored. With `c`
/// cooperative and `h` hostile ties the pair's score is `(c − h) / (c + h + 1)`: in (−1, 1),
/// 0 for no ties or a balance, strictly increasing in `c` and strictly decreasing in `h`, so one
/// more cooperative tie never lowers it and one more hostile tie never raises it. The group's
/// cohesion is the mean of its pair scores (same bounds, same monotonicity); ties between
/// equal scores are broken by the order of the actors.
public enum Cohesion {
    /// A grouping both actors of a pair belong to.
    public struct SharedGrouping: Sendable, Equatable {
        public let alliance: String
        public let status: AllianceStatus
        public let roles: (MemberRole, MemberRole)
        public static func == (l: Self, r: Self) -> Bool {
            l.alliance == r.alliance && l.status == r.status && l.roles == r.roles
        }
    }

    /// A threat one actor of a pair perceives from the other.
    public struct Threat: Sendable, Equatable {
        public let perceiver: String
        public let perceived: String
        public let relation: String
    }

    public struct Pair: Sendable {
        /// Indexes into ``Result/actors``, `row < column`.
        public let row: Int
        public let column: Int
        public let groupings: [SharedGrouping]
        public let cooperative: [String]
        public let hostile: [String]
        public let mixed: [String]
        public let threats: [Threat]
        /// Third parties both perceive as a threat: id → the two relation ids.
        public let sharedThreats: [(actor: String, relations: [String])]
        public let cooperativeTies: Int
        public let hostileTies: Int
        public let score: Double
    }

    /// A third party that several members perceive as a threat.
    public struct CommonThreat: Sendable {
        public let actor: String
        public let perceivedBy: [String]
        public let relations: [String]
        public let byAll: Bool
    }

    public struct Result: Sendable {
        public let actors: [String]
        public let pairs: [Pair]
        public let cohesion: Double
        public let weakest: Int?
        public let strongest: Int?
        public let commonThreats: [CommonThreat]
        /// Hostile relations between members, the ties that divide the group.
        public let dividingTies: [String]

        /// The pair of two actors (by index), if they are distinct.
        public func pair(_ a: Int, _ b: Int) -> Pair? {
            guard a != b else { return nil }
            let (row, column) = a < b ? (a, b) : (b, a)
            let n = actors.count
            // Pairs are listed row by row: (0,1), (0,2), …, (1,2), …
            let index = row * n - row * (row + 1) / 2 + (column - row - 1)
            return pairs[index]
        }
    }

    /// The score of `cooperative` and `hostile` tie counts.
    public static func score(cooperative: Int, hostile: Int) -> Double {
        Double(cooperative - hostile) / Double(cooperative + hostile + 1)
    }

    /// Cohesion of `actors` (canonical ids, in the order the matrix should use, no duplicates).
    /// With `asOf`, only the groupings, memberships and relations that held on that date count.
    public static func of(_ actors: [String], in dataset: Dataset, asOf: PartialDate? = nil) -> Result {
        let index = Dictionary(actors.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let n = actors.count
        func slot(_ a: Int, _ b: Int) -> Int {
            let (row, column) = a < b ? (a, b) : (b, a)
            return row * n - row * (row + 1) / 2 + (column - row - 1)
        }
        let pairCount = n * (n - 1) / 2
        var groupings = [[SharedGrouping]](repeating: [], count: pairCount)
        var cooperative = [[String]](repeating: [], count: pairCount)
        var hostile = [[String]](repeating: [], count: pairCount)
        var mixed = [[String]](repeating: [], count: pairCount)
        var threats = [[Threat]](repeating: [], count: pairCount)
        // Threats each member perceives from anyone: perceived id → (member index, relation).
        var perceivedThreats: [String: [(member: Int, relation: String)]] = [:]

        // Groupings: every alliance any member belongs to, members intersected.
        var seenAlliances = Set<String>()
        for actor in actors {
            for allianceID in dataset.memberships(of: actor, asOf: asOf).map(\.alliance) where seenAlliances.insert(allianceID).inserted {
                guard let alliance = dataset.alliance(allianceID) else { continue }
                let inGroup = alliance.members(asOf: asOf).compactMap { m in index[m.member.id].map { ($0, m.role) } }
                for i in inGroup.indices {
                    for j in inGroup.indices where j > i {
                        let (a, b) = inGroup[i], (c, d) = inGroup[j]
                        guard a != c else { continue }
                        let roles = a < c ? (b, d) : (d, b)
                        groupings[slot(a, c)].append(SharedGrouping(alliance: allianceID, status: alliance.status, roles: roles))
                    }
                }
            }
        }
        // Relations: those with at least one end in the group.
        var seenRelations = Set<Int32>()
        for actor in actors {
            for position in dataset.index(.relationEnd).list(actor).positions where seenRelations.insert(position).inserted {
                let relation = dataset.relations[Int(position)]
                if let asOf, !relation.holds(on: asOf) { continue }
                let from = index[relation.from.id], to = index[relation.to.id]
                if relation.kind == .threatPerception, let from, to == nil {
                    perceivedThreats[relation.to.id, default: []].append((from, relation.id))
                }
                guard let from, let to, from != to else { continue }
                let s = slot(from, to)
                switch relation.valence {
                case .cooperative: cooperative[s].append(relation.id)
                case .hostile: hostile[s].append(relation.id)
                case .mixed: mixed[s].append(relation.id)
                }
                if relation.kind == .threatPerception {
                    threats[s].append(Threat(perceiver: relation.from.id, perceived: relation.to.id, relation: relation.id))
                    if !relation.directed {
                        threats[s].append(Threat(perceiver: relation.to.id, perceived: relation.from.id, relation: relation.id))
                    }
                }
            }
        }
        // Third parties perceived by pairs, and by the group.
        var shared = [[(actor: String, relations: [String])]](repeating: [], count: pairCount)
        var common: [CommonThreat] = []
        for (third, perceivers) in perceivedThreats.sorted(by: { $0.key < $1.key }) {
            let members = Array(Set(perceivers.map(\.member))).sorted()
            for i in members.indices {
                for j in members.indices where j > i {
                    let relations = perceivers.filter { $0.member == members[i] || $0.member == members[j] }.map(\.relation)
                    shared[slot(members[i], members[j])].append((third, relations.sorted()))
                }
            }
            if members.count >= 2 {
                common.append(
                    CommonThreat(
                        actor: third, perceivedBy: members.map { actors[$0] },
                        relations: perceivers.map(\.relation).sorted(), byAll: members.count == n))
            }
        }
        common.sort { ($0.perceivedBy.count, $1.actor) > ($1.perceivedBy.count, $0.actor) }

        var pairs: [Pair] = []
        pairs.reserveCapacity(pairCount)
        for row in 0..<n {
            for column in (row + 1)..<max(n, row + 1) {
                let s = slot(row, column)
                let c = groupings[s].filter { $0.status == .active }.count + cooperative[s].count
                let h = hostile[s].count
                pairs.append(
                    Pair(
                        row: row, column: column, groupings: groupings[s].sorted { $0.alliance < $1.alliance },
                        cooperative: cooperative[s].sorted(), hostile: hostile[s].sorted(), mixed: mixed[s].sorted(),
                        threats: threats[s].sorted { ($0.relation, $0.perceiver) < ($1.relation, $1.perceiver) },
                        sharedThreats: shared[s], cooperativeTies: c, hostileTies: h, score: score(cooperative: c, hostile: h)))
            }
        }
        var weakest: Int?, strongest: Int?
        for (i, pair) in pairs.enumerated() {
            if weakest == nil || pair.score < pairs[weakest!].score { weakest = i }
            if strongest == nil || pair.score > pairs[strongest!].score { strongest = i }
        }
        let cohesion = pairs.isEmpty ? 0 : pairs.reduce(0) { $0 + $1.score } / Double(pairs.count)
        return Result(
            actors: actors, pairs: pairs, cohesion: cohesion, weakest: weakest, strongest: strongest,
            commonThreats: common, dividingTies: pairs.flatMap(\.hostile).sorted())
    }
}
