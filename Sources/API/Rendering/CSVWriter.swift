import LatticeModel

/// RFC 4180 CSV: CRLF line ends, a header row, and fields quoted when they hold a comma,
/// quote, CR or LF (quotes doubled). References are flattened to ids, lists joined with `;`.
struct CSVWriter {
    private(set) var bytes: [UInt8] = []

    mutating func row(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            if field.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) {
                bytes.append(34)
                for byte in field.utf8 {
                    if byte == 34 { bytes.append(34) }
                    bytes.append(byte)
                }
                bytes.append(34)
            } else {
                bytes.append(contentsOf: field.utf8)
            }
        }
        bytes.append(13)
        bytes.append(10)
    }
}

/// The CSV columns of each collection.
enum CSVColumns {
    static func list(_ values: [String]) -> String { values.joined(separator: ";") }

    static let actorHeader = ["id", "name", "kind", "aliases", "iso3166_alpha2", "iso3166_alpha3", "anonymous", "roles",
                              "affiliations", "region", "alliances", "statements_by", "statements_about", "relations", "summary"]

    static func actor(_ actor: Actor, _ dataset: Dataset) -> [String] {
        let counts = dataset.counts(for: actor.id)
        return [actor.id, actor.name, actor.kind.rawValue, list(actor.aliases), actor.codes?.alpha2 ?? "",
                actor.codes?.alpha3 ?? "", String(actor.anonymous), list(actor.roles), list(actor.affiliations.map(\.id)),
                actor.region.rawValue, list((dataset.memberships[actor.id] ?? []).map { "\($0.alliance):\($0.role.rawValue)" }),
                String(counts.statementsBy), String(counts.statementsAbout), String(counts.relations), actor.summary]
    }

    static let allianceHeader = ["id", "name", "short_name", "aliases", "kind", "status", "obligations", "members", "excluded",
                                 "initiated_by", "positions", "summary"]

    static func alliance(_ alliance: Alliance) -> [String] {
        [alliance.id, alliance.name, alliance.shortName ?? "", list(alliance.aliases), alliance.kind.rawValue,
         alliance.status.rawValue, list(alliance.obligations.map(\.rawValue)),
         list(alliance.members.map { "\($0.member.id):\($0.role.rawValue)" }), list(alliance.excluded.map(\.id)),
         list(alliance.initiatedBy.map(\.id)), list(alliance.positions.map { "\($0.actor.id):\($0.stance.rawValue)" }),
         alliance.summary]
    }

    static let statementHeader = ["id", "speaker", "text", "mode", "verb", "about", "stance_target", "stance_value",
                                  "document", "start", "end", "sentence"]

    static func statement(_ statement: Statement) -> [String] {
        [statement.id, statement.speaker.id, statement.text, statement.mode.rawValue, statement.verb ?? "",
         list(statement.about.map(\.id)), statement.stance?.target.id ?? "", statement.stance?.value.rawValue ?? "",
         statement.source.document, String(statement.source.start), String(statement.source.end), statement.sentence]
    }

    static let relationHeader = ["id", "kind", "from", "to", "directed", "valence", "subject", "summary"]

    static func relation(_ relation: Relation) -> [String] {
        [relation.id, relation.kind.rawValue, relation.from.id, relation.to.id, String(relation.directed),
         relation.valence.rawValue, relation.subject ?? "", relation.summary]
    }

    static let documentHeader = ["id", "title", "publisher", "outlet", "published", "language", "length", "sha256"]

    static func document(_ document: Document) -> [String] {
        [document.id, document.title, document.publisher ?? "", document.outlet ?? "", document.published ?? "",
         document.language, String(document.length), document.sha256]
    }

    static let searchHeader = ["type", "id", "name", "snippet", "score", "href"]
}
