import LatticeModel

/// Actors: states, organizations, people.
enum ActorResource: ResourceKind {
    static let type = EntityType.actor
    static let collectionPath = "/v1/actors"
    static let schemaName = "Actor"

    static let collectionEndpoint = EndpointDescriptor.collection(
        Self.self, name: "actors", summary: "List actors (states, organizations, persons).", ok: "A page of actors.", link: "actors")
    static let resourceEndpoint = EndpointDescriptor.resource(
        Self.self, name: "actor", summary: "One actor.", ok: "The actor.", parameters: [Paging.format.spec, AsOf.parameter.spec])

    static let kind = Parameter.enumeration("kind", ActorKind.self, "Actor kinds to include.")
    static let region = Parameter.enumeration("region", Region.self, "Regions to include.")
    static let alliance = Parameter.ids("alliance", [.alliance], "Only members of these alliances (ids or aliases).")
    static let q = Parameter.text(.q("Search in names, aliases and ISO codes (prefix match, case- and accent-insensitive)."))
    static let sort = Parameter.sort(natural: "id", keys: ["name"])

    static let filters: [Filter] = [
        .index(kind, .actorKind), .index(region, .actorRegion), .index(alliance, .actorAlliance),
        .index(Parameter.sourceDocument, .actorSource), .text(q, fields: [.name, .alias, .code]),
    ]

    static let orders = [SortKey<Actor>(name: "name") { $0.name.lowercased() }]

    static func records(in dataset: Dataset) -> [Actor] { dataset.actors }
    static func render(_ record: Actor, with renderer: ResourceRenderer) -> [UInt8] { renderer.actor(record) }
    static func render(_ record: Actor, with renderer: ResourceRenderer, asOf: PartialDate) -> [UInt8]? {
        renderer.actor(record, asOf: asOf)
    }

    static let csvColumns: [CSVColumn<Actor>] = [
        CSVColumn("id") { $0.id }, CSVColumn("name") { $0.name }, CSVColumn("kind") { $0.kind.rawValue },
        CSVColumn("aliases") { CSVWriter.list($0.aliases) },
        CSVColumn("iso3166_alpha2") { $0.codes?.alpha2 ?? "" }, CSVColumn("iso3166_alpha3") { $0.codes?.alpha3 ?? "" },
        CSVColumn("anonymous") { String($0.anonymous) }, CSVColumn("roles") { CSVWriter.list($0.roles) },
        CSVColumn("affiliations") { CSVWriter.list($0.affiliations.map(\.id)) },
        CSVColumn("region") { $0.region.rawValue },
        CSVColumn("alliances") { actor, dataset in
            CSVWriter.list((dataset.memberships[actor.id] ?? []).map { "\($0.alliance):\($0.role.rawValue)" })
        },
        CSVColumn("statements_by") { actor, dataset in String(dataset.counts(for: actor.id).statementsBy) },
        CSVColumn("statements_about") { actor, dataset in String(dataset.counts(for: actor.id).statementsAbout) },
        CSVColumn("relations") { actor, dataset in String(dataset.counts(for: actor.id).relations) },
        CSVColumn("sources") { String($0.sources.count) },
        CSVColumn("summary") { $0.summary },
    ]
}
