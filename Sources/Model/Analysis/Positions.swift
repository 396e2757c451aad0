/// Who stands where on an alliance or proposal.
///
/// Method. Every position recorded on the alliance (actor, stance, and the statement behind
/// it if any) and every statement whose stance targets the alliance (its speaker and stance)
/// are gathered per actor and stance; an actor with two stances appears under both. Each
/// statement is evidence at most once per actor and stance: a recorded position backed by a
/// statement whose own stance says the same is one piece of evidence (from the position), not
/// two, so a count or a CSV of evidence counts it once. A recorded position with no statement
/// behind it lists its actor with no evidence. Groups come in the order supports, opposes,
/// skeptical, neutral; actors within a group by id.
public enum Positions {
    /// One statement behind an actor's stance.
    public struct Evidence: Sendable, Equatable {
        /// `position` (recorded on the alliance) or `statement` (only a statement's stance says it).
        public let source: String
        public let statement: String
    }

    public struct Entry: Sendable {
        public let actor: EntityRef
        public let stance: Stance
        /// Empty for a recorded position that names no statement.
        public let evidence: [Evidence]
    }

    public struct Group: Sendable {
        public let stance: Stance
        public let entries: [Entry]
    }

    /// With `asOf`, the positions of that date and the statements said by then (an undated
    /// statement counts: nothing says it came later).
    public static func on(_ alliance: Alliance, in dataset: Dataset, asOf: PartialDate? = nil) -> [Group] {
        var found: [Stance: [EntityRef: [Evidence]]] = [:]
        func add(_ actor: EntityRef, _ stance: Stance, _ evidence: Evidence?) {
            var list = found[stance, default: [:]][actor, default: []]
            if let evidence, !list.contains(where: { $0.statement == evidence.statement }) { list.append(evidence) }
            found[stance, default: [:]][actor] = list
        }
        // Recorded positions first, so that a statement that also backs one keeps `position`.
        for position in alliance.positions(asOf: asOf, in: dataset) {
            add(position.actor, position.stance, position.statement.map { Evidence(source: "position", statement: $0) })
        }
        for position in dataset.index(.statementAbout).list(alliance.id).positions {
            let statement = dataset.statements[Int(position)]
            guard let stance = statement.stance, stance.target.id == alliance.id else { continue }
            if let asOf, let saidOn = statement.saidOn, saidOn.firstDay > asOf.lastDay { continue }
            add(statement.speaker, stance.value, Evidence(source: "statement", statement: statement.id))
        }
        return Stance.allCases.compactMap { stance in
            guard let byActor = found[stance], !byActor.isEmpty else { return nil }
            let entries = byActor.sorted { $0.key.id < $1.key.id }.map { Entry(actor: $0.key, stance: stance, evidence: $0.value) }
            return Group(stance: stance, entries: entries)
        }
    }
}
