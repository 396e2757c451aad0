/// For `lattice validate`: how many records of each type carry no date of their own, so a
/// curator knows where to look in the texts for one. A hint, never an error — many facts
/// are undated in every source.
public struct DateHint: Sendable, Hashable {
    /// `relations`, `alliances`, `memberships`, `statements`, `documents`.
    public let records: String
    /// The field missing (`since`, `said_on` the text states, `published`).
    public let field: String
    public let undated: Int
    public let total: Int
}

extension Dataset {
    public var dateHints: [DateHint] {
        let memberships = alliances.flatMap(\.members)
        return [
            DateHint(records: "documents", field: "published", undated: documents.count { $0.published == nil }, total: documents.count),
            DateHint(records: "alliances", field: "since", undated: alliances.count { $0.valid.since == nil }, total: alliances.count),
            DateHint(records: "memberships", field: "since", undated: memberships.count { $0.valid.since == nil }, total: memberships.count),
            DateHint(records: "relations", field: "since", undated: relations.count { $0.valid.since == nil }, total: relations.count),
            DateHint(
                records: "statements", field: "said_on (stated)", undated: statements.count { $0.saidOnBasis != .stated },
                total: statements.count),
        ]
    }
}
