import LatticeModel

/// Alliances and groupings, active, proposed or hypothetical.
enum AllianceResource: ResourceKind {
    static let type = EntityType.alliance
    static let collectionPath = "/v1/alliances"
    static let schemaName = "Alliance"

    static let collectionEndpoint = EndpointDescriptor.collection(
        Self.self, name: "alliances", summary: "List alliances and groupings.", ok: "A page of alliances.", link: "alliances")
    static let resourceEndpoint = EndpointDescriptor.resource(
        Self.self, name: "alliance", summary: "One alliance.", ok: "The alliance.", parameters: [Paging.format.spec, AsOf.parameter.spec])

    static let kind = Parameter.enumeration("kind", AllianceKind.self, "Alliance kinds to include.")
    static let status = Parameter.enumeration("status", AllianceStatus.self, "Statuses to include.")
    static let member = Parameter.ids("member", [.actor, .alliance], "Only alliances with these members.")
    static let q = Parameter.text(.q("Search in names, short names, aliases and summaries."))
    static let sort = Parameter.sort(natural: "id", keys: ["name"])

    static let filters: [Filter] = [
        .index(kind, .allianceKind), .index(status, .allianceStatus), .index(member, .allianceMember),
        .minimum(Parameter.minSources, .allianceSources), .index(Parameter.sourceDocument, .allianceSource),
        .text(q, fields: [.name, .shortName, .alias, .summary]), .asOf(),
    ]

    static let orders = [SortKey<Alliance>(name: "name") { $0.name.lowercased() }]

    static func records(in dataset: Dataset) -> [Alliance] { dataset.alliances }
    static func render(_ record: Alliance, with renderer: ResourceRenderer) -> [UInt8] { renderer.alliance(record) }
    static func render(_ record: Alliance, with renderer: ResourceRenderer, asOf: PartialDate) -> [UInt8]? {
        renderer.alliance(record, asOf: asOf)
    }

    static let csvColumns: [CSVColumn<Alliance>] = [
        CSVColumn("id") { $0.id }, CSVColumn("name") { $0.name }, CSVColumn("short_name") { $0.shortName ?? "" },
        CSVColumn("aliases") { CSVWriter.list($0.aliases) }, CSVColumn("kind") { $0.kind.rawValue },
        CSVColumn("status") { $0.status.rawValue },
        CSVColumn("obligations") { CSVWriter.list($0.obligations.map(\.rawValue)) },
        CSVColumn("members") { CSVWriter.list($0.members.map { "\($0.member.id):\($0.role.rawValue)" }) },
        CSVColumn("excluded") { CSVWriter.list($0.excluded.map(\.id)) },
        CSVColumn("initiated_by") { CSVWriter.list($0.initiatedBy.map(\.id)) },
        CSVColumn("positions") { CSVWriter.list($0.positions.map { "\($0.actor.id):\($0.stance.rawValue)" }) },
        CSVColumn("since") { $0.valid.since?.description ?? "" }, CSVColumn("until") { $0.valid.until?.description ?? "" },
        CSVColumn("sources") { String($0.sources.count) },
        CSVColumn("summary") { $0.summary },
    ]
}
