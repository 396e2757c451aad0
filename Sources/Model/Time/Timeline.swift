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

    public let events: [Event]
    private let involving: [String: [Int32]]
    private let byKind: [Kind: [Int32]]

    init(_ c: Collections, name: (EntityRef) -> String) {
        var events: [Event] = []
        for document in c.documents {
            guard let date = document.published, let basis = document.publishedBasis else { continue }
            events.append(
                Event(
                    date: date, basis: basis.rawValue, kind: .documentPublished, record: EntityRef(.document, document.id),
                    summary: "Published: \(document.title)", evidence: [], involves: []))
        }
        for statement in c.statements {
            guard let date = statement.saidOn, let basis = statement.saidOnBasis else { continue }
            let speaker = name(statement.speaker)
            // A paraphrase is the author's words: never in quotation marks.
            let words = statement.mode == .paraphrase ? statement.text : "“\(statement.text)”"
            events.append(
                Event(
                    date: date, basis: basis.rawValue, kind: .statement, record: EntityRef(.statement, statement.id),
                    summary: "\(speaker) (\(statement.verb ?? "said")): \(words)", evidence: [statement.source],
                    involves: [statement.speaker.id] + statement.about.map(\.id)))
        }
        for alliance in c.alliances {
            let ref = EntityRef(.alliance, alliance.id)
            if let since = alliance.valid.since {
                events.append(
                    Event(
                        date: since, basis: "stated", kind: .allianceFounded, record: ref, summary: "\(alliance.name) founded",
                        evidence: alliance.evidence, involves: [alliance.id]))
            }
            if let until = alliance.valid.until {
                events.append(
                    Event(
                        date: until, basis: "stated", kind: .allianceDissolved, record: ref, summary: "\(alliance.name) dissolved",
                        evidence: alliance.evidence, involves: [alliance.id]))
            }
            for member in alliance.members {
                let who = name(member.member)
                if let since = member.valid.since {
                    events.append(
                        Event(
                            date: since, basis: "stated", kind: .membershipBegan, record: ref,
                            summary: "\(who) joined \(alliance.name) (\(member.role.rawValue))", evidence: alliance.evidence,
                            involves: [member.member.id, alliance.id]))
                }
                if let until = member.valid.until {
                    events.append(
                        Event(
                            date: until, basis: "stated", kind: .membershipEnded, record: ref,
                            summary: "\(who) left \(alliance.name)", evidence: alliance.evidence,
                            involves: [member.member.id, alliance.id]))
                }
            }
        }
        for relation in c.relations {
            let ref = EntityRef(.relation, relation.id)
            if let since = relation.valid.since {
                events.append(
                    Event(
                        date: since, basis: "stated", kind: .relationBegan, record: ref, summary: relation.summary,
                        evidence: relation.evidence, involves: [relation.from.id, relation.to.id]))
            }
            if let until = relation.valid.until {
                events.append(
                    Event(
                        date: until, basis: "stated", kind: .relationEnded, record: ref, summary: "Ended: \(relation.summary)",
                        evidence: relation.evidence, involves: [relation.from.id, relation.to.id]))
            }
        }
        events.sort { ($0.date, $0.kind.rank, $0.record.id) < ($1.date, $1.kind.rank, $1.record.id) }
        var involving: [String: [Int32]] = [:]
        for (position, event) in events.enumerated() {
            for id in Set(event.involves) { involving[id, default: []].append(Int32(position)) }
        }
        var byKind: [Kind: [Int32]] = [:]
        for (position, event) in events.enumerated() { byKind[event.kind, default: []].append(Int32(position)) }
        self.events = events
        self.involving = involving
        self.byKind = byKind
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
            candidates = Array(0..<Int32(events.count))
        }
        let kindSet = Set(kinds)
        return candidates.filter { position in
            let event = events[Int(position)]
            if !kindSet.isEmpty && !kindSet.contains(event.kind) { return false }
            if let since, event.date.lastDay < since.firstDay { return false }
            if let until, event.date.firstDay > until.lastDay { return false }
            return true
        }
    }
}
