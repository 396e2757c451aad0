/// The dated events of the dataset, oldest first: documents published, statements made,
/// memberships begun and ended, relations begun and ended, alliances founded and
/// dissolved. Built once per dataset; only what the sources date is on it.
public struct Timeline: Sendable {
    public enum Kind: String, DatasetEnumeration {
        case documentPublished = "document_published"
        case statement
        case membershipBegan = "membership_began"
        case membershipEnded = "membership_ended"
        case relationBegan = "relation_began"
        case relationEnded = "relation_ended"
        case allianceFounded = "alliance_founded"
        case allianceDissolved = "alliance_dissolved"

        /// Of two events on the same date, the order they are listed in.
        var rank: Int { Self.allCases.firstIndex(of: self)! }
    }

    public struct Event: Sendable {
        public let date: PartialDate
        /// `stated`, `inferred` (a document's date worked out by a curator) or `publication`
        /// (a statement dated by its document).
        public let basis: String
        public let kind: Kind
        public let record: EntityRef
        public let summary: String
        public let evidence: [Span]
        /// The actors and alliances it is about: a filter's `actor` or `alliance` finds it by these.
        public let involves: [String]
    }

    /// An event as the timeline keeps it: its date and what it is, with the record by
    /// position. Its summary, evidence and the ids it involves are made from the record when
    /// it is listed (``Dataset/timelineEvent(_:)``): kept per event they cost 22 MB at the
    /// 1,000x seeds.
    struct Entry: Sendable {
        /// How the date is known, as `Event.basis` names it.
        enum Basis: String, Sendable {
            case stated, inferred, publication

            init(_ basis: PublishedBasis) { self = basis == .stated ? .stated : .inferred }
            init(_ basis: SaidOnBasis) { self = basis == .stated ? .stated : .publication }
        }

        let date: PartialDate
        let kind: Kind
        let basis: Basis
        /// The record's position in its collection (by `kind`).
        let record: Int32
        /// For a membership's events, the member's place in the alliance's list; else 0.
        let member: Int32
    }

    let entries: [Entry]
    private let involving: [String: [Int32]]
    private let byKind: [Kind: [Int32]]

    /// How many events there are.
    public var count: Int { entries.count }

    init(_ c: Collections) {
        var entries: [Entry] = []
        func add(_ date: PartialDate?, _ kind: Kind, _ record: Int, member: Int = 0, basis: Entry.Basis? = .stated) {
            guard let date, let basis else { return }
            entries.append(Entry(date: date, kind: kind, basis: basis, record: Int32(record), member: Int32(member)))
        }
        for (p, document) in c.documents.enumerated() {
            add(document.published, .documentPublished, p, basis: document.publishedBasis.map(Entry.Basis.init))
        }
        for (p, statement) in c.statements.enumerated() { add(statement.saidOn, .statement, p, basis: statement.saidOnBasis.map(Entry.Basis.init)) }
        for (p, alliance) in c.alliances.enumerated() {
            add(alliance.valid.since, .allianceFounded, p)
            add(alliance.valid.until, .allianceDissolved, p)
            for (m, member) in alliance.members.enumerated() {
                add(member.valid.since, .membershipBegan, p, member: m)
                add(member.valid.until, .membershipEnded, p, member: m)
            }
        }
        for (p, relation) in c.relations.enumerated() {
            add(relation.valid.since, .relationBegan, p)
            add(relation.valid.until, .relationEnded, p)
        }
        let ids = entries.map { Self.record($0, c).id }  // once, not per comparison
        let order = entries.indices.sorted {
            (entries[$0].date, entries[$0].kind.rank, ids[$0]) < (entries[$1].date, entries[$1].kind.rank, ids[$1])
        }
        entries = order.map { entries[$0] }
        var involving: [String: [Int32]] = [:]
        var byKind: [Kind: [Int32]] = [:]
        for (position, entry) in entries.enumerated() {
            for id in Set(Self.involves(entry, c)) { involving[id, default: []].append(Int32(position)) }
            byKind[entry.kind, default: []].append(Int32(position))
        }
        self.entries = entries
        self.involving = involving
        self.byKind = byKind
    }

    /// The record an event is about.
    static func record(_ entry: Entry, _ c: Collections) -> EntityRef {
        let p = Int(entry.record)
        return switch entry.kind {
        case .documentPublished: EntityRef(.document, c.documents[p].id)
        case .statement: EntityRef(.statement, c.statements[p].id)
        case .allianceFounded, .allianceDissolved, .membershipBegan, .membershipEnded: EntityRef(.alliance, c.alliances[p].id)
        case .relationBegan, .relationEnded: EntityRef(.relation, c.relations[p].id)
        }
    }

    /// The actors and alliances an event is about.
    static func involves(_ entry: Entry, _ c: Collections) -> [String] {
        let p = Int(entry.record)
        switch entry.kind {
        case .documentPublished:
            return []
        case .statement:
            let statement = c.statements[p]
            return [statement.speaker.id] + statement.about.map(\.id)
        case .allianceFounded, .allianceDissolved:
            return [c.alliances[p].id]
        case .membershipBegan, .membershipEnded:
            let alliance = c.alliances[p]
            return [alliance.members[Int(entry.member)].member.id, alliance.id]
        case .relationBegan, .relationEnded:
            let relation = c.relations[p]
            return [relation.from.id, relation.to.id]
        }
    }

    /// An entry as an event in full, its summary worded from its record.
    static func event(_ entry: Entry, _ c: Collections, name: (EntityRef) -> String) -> Event {
        let p = Int(entry.record)
        let summary: String
        var evidence: [Span] = []
        switch entry.kind {
        case .documentPublished:
            summary = "Published: \(c.documents[p].title)"
        case .statement:
            let statement = c.statements[p]
            // A paraphrase is the author's words: never in quotation marks.
            let words = statement.mode == .paraphrase ? statement.text : "“\(statement.text)”"
            summary = "\(name(statement.speaker)) (\(statement.verb ?? "said")): \(words)"
            evidence = [statement.source]
        case .allianceFounded, .allianceDissolved, .membershipBegan, .membershipEnded:
            let alliance = c.alliances[p]
            switch entry.kind {
            case .allianceFounded: summary = "\(alliance.name) founded"
            case .allianceDissolved: summary = "\(alliance.name) dissolved"
            case .membershipBegan:
                let member = alliance.members[Int(entry.member)]
                summary = "\(name(member.member)) joined \(alliance.name) (\(member.role.rawValue))"
            default: summary = "\(name(alliance.members[Int(entry.member)].member)) left \(alliance.name)"
            }
            evidence = alliance.evidence
        case .relationBegan, .relationEnded:
            let relation = c.relations[p]
            summary = entry.kind == .relationBegan ? relation.summary : "Ended: \(relation.summary)"
            evidence = relation.evidence
        }
        return Event(
            date: entry.date, basis: entry.basis.rawValue, kind: entry.kind, record: record(entry, c), summary: summary, evidence: evidence,
            involves: involves(entry, c))
    }

    /// Positions of the events about any of `ids` (all events when nil), of one of `kinds`
    /// (any when empty), whose date overlaps `since`…`until`, in order.
    public func matching(involving ids: [String]?, kinds: [Kind], since: PartialDate?, until: PartialDate?) -> [Int32] {
        let candidates: [Int32]
        if let ids {
            var merged = Set<Int32>()
            for id in ids { merged.formUnion(involving[id] ?? []) }
            candidates = merged.sorted()
        } else if !kinds.isEmpty {
            candidates = Set(kinds).flatMap { byKind[$0] ?? [] }.sorted()
            if since == nil && until == nil { return candidates }
        } else {
            candidates = Array(0..<Int32(entries.count))
        }
        let kindSet = Set(kinds)
        return candidates.filter { position in
            let event = entries[Int(position)]
            if !kindSet.isEmpty && !kindSet.contains(event.kind) { return false }
            if let since, event.date.lastDay < since.firstDay { return false }
            if let until, event.date.firstDay > until.lastDay { return false }
            return true
        }
    }
}

extension Dataset {
    /// Timeline event `position` (of ``Timeline/matching(involving:kinds:since:until:)``), in full.
    public func timelineEvent(_ position: Int) -> Timeline.Event {
        Timeline.event(timeline.entries[position], collections) { name(of: $0) }
    }

    /// The actors and alliances timeline event `position` is about.
    public func timelineInvolves(_ position: Int) -> [String] { Timeline.involves(timeline.entries[position], collections) }
}
