/// One condition of a query; ``Dataset/matching(_:_:)`` returns the records that meet them
/// all (AND). Values within one constraint are alternatives (OR). Ids must already be
/// resolved (aliases to canonical ids).
public enum Constraint: Sendable {
    /// Filed under any of these values in the index.
    case anyOf(IndexKey, [String])
    /// Whose given fields match the text (full-text search, every word).
    case text(String, fields: Set<SearchIndex.Field>)
    /// Whose date overlaps the range from `since` to `until` (either end open when nil, a
    /// partial date standing for its whole span); undated records never match.
    case dated(DateKey, since: PartialDate?, until: PartialDate?)
    /// Whose count is at least this.
    case atLeast(CountKey, Int)
    /// That held on some day of this date (``ValidTime``): relations and alliances.
    case holds(on: PartialDate)
}

extension Dataset {
    /// Positions (in collection order) of the records of `type` that meet every constraint.
    public func matching(_ type: EntityType, _ constraints: [Constraint]) -> PostingList {
        var result = PostingList.all(collections.count(of: type))
        for constraint in constraints {
            let matches: PostingList
            switch constraint {
            case .anyOf(let key, let values):
                precondition(key.type == type, "the index \(key) is not of \(type.rawValue)s")
                matches = index(key).union(values)
            case .text(let text, let fields):
                matches = textMatches(text, type, fields: fields)
            case .dated(let key, let since, let until):
                precondition(key.type == type, "the date \(key) is not of \(type.rawValue)s")
                matches = scan(result) { position in
                    guard let date = key.value(self, position) else { return false }
                    return !(since.map { date.lastDay < $0.firstDay } ?? false) && !(until.map { date.firstDay > $0.lastDay } ?? false)
                }
            case .atLeast(let key, let minimum):
                precondition(key.type == type, "the count \(key) is not of \(type.rawValue)s")
                matches = scan(result) { key.value(self, $0) >= minimum }
            case .holds(let date):
                matches = scan(result) { self.holds(type, at: $0, on: date) }
            }
            result = result.intersection(matches)
            if result.count == 0 { break }
        }
        return result
    }

    /// The positions of `candidates` that pass `test`, in order.
    private func scan(_ candidates: PostingList, _ test: (Int) -> Bool) -> PostingList {
        PostingList(candidates.positions.filter { test(Int($0)) })
    }

    /// Positions (in collection order) of records of `type` whose given fields match `text`.
    private func textMatches(_ text: String, _ type: EntityType, fields: Set<SearchIndex.Field>) -> PostingList {
        let entries = search.matchingEntries(text, types: [type], fields: fields)
        let found = entries.compactMap { position(of: search.entries[Int($0)].ref) }.map(Int32.init).sorted()
        return PostingList(found)
    }
}
