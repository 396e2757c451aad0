/// Valid time, `as_of`: which records held on a date, as the sources describe the world then.
/// A record's interval runs from its `since` — or, without one, from the earliest publication
/// among its sources — to its `until` (open when nil), and it holds on a date when that
/// interval overlaps the date's span. A record none of whose sources is dated, and that has
/// no `since`, is taken to hold from the beginning: nothing places it later.
extension Dataset {
    /// Whether the record at `position` of `type` held on `date`. Documents, actors and
    /// statements always do (an actor's memberships and an alliance's members are dated instead).
    func holds(_ type: EntityType, at position: Int, on date: PartialDate) -> Bool {
        switch type {
        case .relation: relations[position].holds(on: date)
        case .alliance: alliances[position].holds(on: date)
        case .actor, .document, .statement: true
        }
    }

    /// The alliances an actor belonged to on `date` (all of them when nil): the alliance held
    /// then, and so did the membership, which begins no earlier than its alliance's sources.
    public func memberships(of id: String, asOf date: PartialDate?) -> [AllianceMembership] {
        let all = memberships[id] ?? []
        guard let date else { return all }
        return all.filter { membership in
            guard let alliance = alliance(membership.alliance) else { return false }
            return alliance.holds(on: date) && membership.valid.holds(during: date, start: alliance.membershipStart)
        }
    }
}

extension Relation {
    public func holds(on date: PartialDate) -> Bool { valid.holds(during: date, start: sources.earliest) }
}

extension Alliance {
    public func holds(on date: PartialDate) -> Bool { valid.holds(during: date, start: sources.earliest) }

    /// Where a membership without its own `since` begins: with the alliance.
    public var membershipStart: PartialDate? { valid.since ?? sources.earliest }

    /// Its members on `date` (all when nil).
    public func members(asOf date: PartialDate?) -> [Membership] {
        guard let date else { return members }
        return members.filter { $0.valid.holds(during: date, start: membershipStart) }
    }

    /// Its positions on `date` (all when nil): a position backed by a statement holds from
    /// the statement's date on; one without a statement, from the alliance's first source.
    public func positions(asOf date: PartialDate?, in dataset: Dataset) -> [Position] {
        guard let date else { return positions }
        return positions.filter { position in
            let start = position.statement.flatMap { dataset.statement($0)?.saidOn } ?? sources.earliest
            return ValidTime.always.holds(during: date, start: start)
        }
    }
}
