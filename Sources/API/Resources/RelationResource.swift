import LatticeModel

/// Relations between actors and alliances: disputes, rivalries, trade, support.
enum RelationResource: ResourceKind {
    static let type = EntityType.relation

    static let kind = Parameter.enumeration("kind", RelationKind.self, "Relation kinds to include.")
    static let valence = Parameter.enumeration("valence", Valence.self, "Valences to include.")
    static let actor = Parameter.ids("actor", [.actor, .alliance], "Relations with any of these at either end.")
    static let from = Parameter.ids("from", [.actor, .alliance], "Relations from any of these.")
    static let to = Parameter.ids("to", [.actor, .alliance], "Relations to any of these.")
    static let sort = Parameter.sort(natural: "id", keys: ["kind"])

    static let filters: [Filter] = [
        .index(kind, .relationKind), .index(valence, .relationValence), .index(actor, .relationEnd),
        .index(from, .relationFrom), .index(to, .relationTo), .minimum(Parameter.minSources, .relationSources),
        .index(Parameter.sourceDocument, .relationSource), .asOf(),
    ]

    static let orders = [SortKey<Relation>(name: "kind") { $0.kind.rawValue }]

    static func records(in dataset: Dataset) -> [Relation] { dataset.relations }
    static func render(_ record: Relation, with renderer: ResourceRenderer) -> [UInt8] { renderer.relation(record) }

    static let csvColumns: [CSVColumn<Relation>] = [
        CSVColumn("id") { $0.id }, CSVColumn("kind") { $0.kind.rawValue }, CSVColumn("from") { $0.from.id },
        CSVColumn("to") { $0.to.id }, CSVColumn("directed") { String($0.directed) }, CSVColumn("valence") { $0.valence.rawValue },
        CSVColumn("subject") { $0.subject ?? "" },
        CSVColumn("since") { $0.valid.since?.description ?? "" }, CSVColumn("until") { $0.valid.until?.description ?? "" },
        CSVColumn("sources") { String($0.sources.count) }, CSVColumn("summary") { $0.summary },
    ]
}
