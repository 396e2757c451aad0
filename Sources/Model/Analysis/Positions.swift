/// Who stands where on an alliance or proposal.
///
/// Method. Every position recorded on the alliance (actor, stance, and the statement behind
/// it if any) and every statement whose stance targets the alliance (its speaker and stance)
/// are gathered per actor and stance; an actor with two stances appears under both. Groups
/// come in the order supports, opposes, skeptical, neutral; actors within a group by id.
public enum Positions {
    public struct Evidence: Sendable, Equatable {
        /// `position` (recorded on the alliance) or `statement` (a statement's stance).
        public let source: String
        public let statement: String?
    }

    public struct Entry: Sendable {
        public let actor: EntityRef
        public let stance: Stance
        public let evidence: [Evidence]
    }

    public struct Group: Sendable {
        public let stance: Stance
        public let entries: [Entry]
    }

    public static func on(_ alliance: Alliance, in dataset: Dataset) -> [Group] {
        var found: [Stance: [EntityRef: [Evidence]]] = [:]
        for position in alliance.positions {
            found[position.stance, default: [:]][position.actor, default: []]
                .append(Evidence(source: "position", statement: position.statement))
        }
        for position in dataset.indexes.statementAbout.list(alliance.id).positions {
            let statement = dataset.statements[Int(position)]
            guard let stance = statement.stance, stance.target.id == alliance.id else { continue }
            var list = found[stance.value, default: [:]][statement.speaker, default: []]
            let evidence = Evidence(source: "statement", statement: statement.id)
            if !list.contains(evidence) { list.append(evidence) }
            found[stance.value, default: [:]][statement.speaker] = list
        }
        return Stance.allCases.compactMap { stance in
            guard let byActor = found[stance], !byActor.isEmpty else { return nil }
            let entries = byActor.sorted { $0.key.id < $1.key.id }.map { Entry(actor: $0.key, stance: stance, evidence: $0.value) }
            return Group(stance: stance, entries: entries)
        }
    }
}
