/// Filters for each collection, as API.md lists them. Empty lists mean "no constraint";
/// values within one list are alternatives (OR); different fields must all hold (AND).
/// Ids in filters must already be resolved (aliases to canonical ids).
public struct ActorFilter: Sendable {
    public var kinds: [ActorKind] = []
    public var regions: [Region] = []
    public var alliances: [String] = []
    /// Name and alias search.
    public var text: String?
    public init() {}
}

public struct AllianceFilter: Sendable {
    public var kinds: [AllianceKind] = []
    public var statuses: [AllianceStatus] = []
    public var members: [String] = []
    public var text: String?
    public init() {}
}

public struct StatementFilter: Sendable {
    public var speakers: [String] = []
    public var about: [String] = []
    public var modes: [StatementMode] = []
    public var documents: [String] = []
    /// Full-text search over the statement's words.
    public var text: String?
    public init() {}
}

public struct RelationFilter: Sendable {
    public var kinds: [RelationKind] = []
    public var valences: [Valence] = []
    /// Either end.
    public var actors: [String] = []
    public var from: [String] = []
    public var to: [String] = []
    public init() {}
}

extension Dataset {
    public func matching(_ filter: ActorFilter) -> PostingList {
        var result = PostingList.all(actors.count)
        if !filter.kinds.isEmpty { result = result.intersection(indexes.actorKind.union(filter.kinds)) }
        if !filter.regions.isEmpty { result = result.intersection(indexes.actorRegion.union(filter.regions)) }
        if !filter.alliances.isEmpty { result = result.intersection(indexes.actorAlliance.union(filter.alliances)) }
        if let text = filter.text { result = result.intersection(textMatches(text, .actor, fields: [.name, .alias, .code])) }
        return result
    }

    public func matching(_ filter: AllianceFilter) -> PostingList {
        var result = PostingList.all(alliances.count)
        if !filter.kinds.isEmpty { result = result.intersection(indexes.allianceKind.union(filter.kinds)) }
        if !filter.statuses.isEmpty { result = result.intersection(indexes.allianceStatus.union(filter.statuses)) }
        if !filter.members.isEmpty { result = result.intersection(indexes.allianceMember.union(filter.members)) }
        if let text = filter.text {
            result = result.intersection(textMatches(text, .alliance, fields: [.name, .shortName, .alias, .summary]))
        }
        return result
    }

    public func matching(_ filter: StatementFilter) -> PostingList {
        var result = PostingList.all(statements.count)
        if !filter.speakers.isEmpty { result = result.intersection(indexes.statementSpeaker.union(filter.speakers)) }
        if !filter.about.isEmpty { result = result.intersection(indexes.statementAbout.union(filter.about)) }
        if !filter.modes.isEmpty { result = result.intersection(indexes.statementMode.union(filter.modes)) }
        if !filter.documents.isEmpty { result = result.intersection(indexes.statementDocument.union(filter.documents)) }
        if let text = filter.text { result = result.intersection(textMatches(text, .statement, fields: [.text])) }
        return result
    }

    public func matching(_ filter: RelationFilter) -> PostingList {
        var result = PostingList.all(relations.count)
        if !filter.kinds.isEmpty { result = result.intersection(indexes.relationKind.union(filter.kinds)) }
        if !filter.valences.isEmpty { result = result.intersection(indexes.relationValence.union(filter.valences)) }
        if !filter.actors.isEmpty { result = result.intersection(indexes.relationEnd.union(filter.actors)) }
        if !filter.from.isEmpty { result = result.intersection(indexes.relationFrom.union(filter.from)) }
        if !filter.to.isEmpty { result = result.intersection(indexes.relationTo.union(filter.to)) }
        return result
    }

    /// Positions (in collection order) of records of `type` whose given fields match `text`.
    private func textMatches(_ text: String, _ type: EntityType, fields: Set<SearchIndex.Field>) -> PostingList {
        let hits = search.search(text, types: [type], fields: fields)
        let found = hits.compactMap { position(of: search.entries[$0.entry].ref) }.map(Int32.init).sorted()
        return PostingList(found)
    }
}
