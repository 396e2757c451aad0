import LatticeModel

/// Every tool, in the order `tools/list` gives them. Each is one declaration: its name,
/// arguments (the REST parameters they feed), result schema and answer.
enum MCPToolCatalog {
    static let all: [MCPTool] = [
        search, MCPRecordTools.getRecord, findStatements, MCPRecordTools.getStatement, MCPVerifyQuote.tool,
        findRelations, MCPRecordTools.getAlliance, egoNetwork, cohesion, positions, mixedTies, timeline,
        MCPRecordTools.readPassage,
    ]

    static func named(_ name: String) -> MCPTool? { all.first { $0.name == name } }

    /// The parameter `name` of an endpoint, as declared there.
    static func spec(_ descriptor: EndpointDescriptor, _ name: String) -> ParameterSpec {
        guard let spec = descriptor.parameters.first(where: { $0.name == name }) else {
            preconditionFailure("\(descriptor.name) has no parameter \(name)")
        }
        return spec
    }

    /// The JSON schema of an endpoint's JSON answer.
    static func jsonSchema(_ descriptor: EndpointDescriptor) -> JSONTree {
        descriptor.content.first { $0.mediaType == "application/json" }!.schema
    }

    /// A tool that answers what `descriptor` answers, its arguments feeding the parameters
    /// they name.
    static func bridged(
        _ name: String, _ title: String, _ description: String, _ descriptor: EndpointDescriptor,
        _ arguments: [MCPArgument], headline: String
    ) -> MCPTool {
        MCPTool(name: name, title: title, description: description, arguments: arguments, resultSchema: jsonSchema(descriptor)) { call in
            let tool = named(name)!
            switch MCPRestBridge.answer(descriptor, call.items, call, tool: tool) {
            case .success(let body): return MCPRestBridge.result(body, call, headline: headline)
            case .failure(let fix): return .failure(fix.text)
            }
        }
    }

    static let paging = [MCPArgument(Paging.limit.spec), MCPArgument(Paging.offset.spec)]

    static let search = bridged(
        "search", "Search the knowledge base",
        "Ranked full-text search across actors, alliances, relations, statements and documents (case- and accent-insensitive; every word must match, the last as a prefix). Answers as GET /v1/search.",
        SearchEndpoint.descriptor,
        [
            MCPArgument(
                "query", SearchEndpoint.q.spec, required: true,
                description: "What to search for: every word must match (the last as a prefix); at most 200 characters and 16 distinct words."),
            MCPArgument("types", spec(SearchEndpoint.descriptor, "type"), description: "Only results of these kinds."),
        ] + paging,
        headline: "Search results, best first.")

    static let findStatements = bridged(
        "find_statements", "Find statements",
        "Statements (verbatim quotes with speaker and source offsets) filtered by speaker, what they are about, stance, mode, document, date range and words, in document order. Answers as GET /v1/statements; every statement comes with its citation.",
        StatementResource.collectionEndpoint,
        ["speaker", "about", "stance", "mode", "document", "said_since", "said_until"].map {
            MCPArgument(spec(StatementResource.collectionEndpoint, $0))
        }
            + [
                MCPArgument(
                    "text", spec(StatementResource.collectionEndpoint, "q"),
                    description: "Words the statement's text must hold (every word, the last as a prefix).")
            ]
            + paging,
        headline: "Statements, in document order.")

    static let otherSpec = ParameterSpec(
        name: "other", kind: .idList([.actor, .alliance]),
        description: "Only relations whose other end is one of these (with actor: the relations between the two sets).")

    static let findRelations = MCPTool(
        name: "find_relations", title: "Find relations",
        description:
            "Relations (disputes, alliances, rivalries, trade, support…) with an actor at either end, optionally only those with one of `other` at the other end, by kind, valence and date (as_of). Answers as GET /v1/relations.",
        arguments: [MCPArgument(spec(RelationResource.collectionEndpoint, "actor")), MCPArgument(otherSpec)]
            + ["kind", "valence", "as_of"].map { MCPArgument(spec(RelationResource.collectionEndpoint, $0)) } + paging,
        resultSchema: jsonSchema(RelationResource.collectionEndpoint)
    ) { call in
        let tool = named("find_relations")!
        var items = call.items
        var extra: [Constraint] = []
        if let index = items.firstIndex(where: { $0.name == "other" }) {
            let other = QueryParameters([items.remove(at: index)], specs: [otherSpec], dataset: call.dataset)
            guard other.isValid else {
                return .failure(MCPRestBridge.describe(Problem.invalidParameters(other.problems, count: other.problemCount), tool: tool))
            }
            extra.append(.anyOf(.relationEnd, other.list("other")))
        }
        let answer = MCPRestBridge.answer(RelationResource.collectionEndpoint, items, call, tool: tool) { context in
            CollectionEndpoint.collection(RelationResource.self, context, also: extra)
        }
        switch answer {
        case .success(let body): return MCPRestBridge.result(body, call, headline: "Relations.")
        case .failure(let fix): return .failure(fix.text)
        }
    }

    static let egoNetwork = bridged(
        "ego_network", "Ego network",
        "The actors and alliances within `depth` hops of one actor or alliance, with the relations and memberships between them (as of a date if given). Answers as GET /v1/graph?focus=.",
        GraphEndpoint.descriptor,
        [MCPArgument("actor", GraphEndpoint.focus.spec, required: true, description: "The actor or alliance at the centre (id or alias).")]
            + ["depth", "max_nodes", "as_of"].map { MCPArgument(spec(GraphEndpoint.descriptor, $0)) },
        headline: "Ego network: nodes and edges.")

    static let cohesion = bridged(
        "cohesion", "Cohesion of a group",
        "How cohesive a group of actors is (given as actors, or as an alliance's members): the valence of the relations between every pair, the weakest pair. Answers as GET /v1/analysis/cohesion.",
        CohesionEndpoint.descriptor,
        ["actors", "alliance", "as_of"].map { MCPArgument(spec(CohesionEndpoint.descriptor, $0)) },
        headline: "Cohesion.")

    static let positions = bridged(
        "alliance_positions", "Positions on an alliance",
        "Who supports, opposes, doubts or is neutral on an alliance or proposal, each with the statement that says so. Answers as GET /v1/analysis/positions.",
        PositionsEndpoint.descriptor,
        ["alliance", "as_of"].map { MCPArgument(spec(PositionsEndpoint.descriptor, $0)) },
        headline: "Positions, grouped by stance.")

    static let mixedTies = bridged(
        "mixed_ties", "Mixed ties",
        "Pairs of actors tied both positively and negatively (partners that are also rivals). Answers as GET /v1/analysis/mixed-ties.",
        MixedTiesEndpoint.descriptor,
        ["actors", "as_of"].map { MCPArgument(spec(MixedTiesEndpoint.descriptor, $0)) },
        headline: "Mixed ties.")

    static let timeline = bridged(
        "timeline", "Timeline",
        "Dated events (statements, memberships, relations) oldest first, about an actor or alliance, in a date range. Answers as GET /v1/timeline.",
        TimelineEndpoint.descriptor,
        ["actor", "alliance", "since", "until", "event"].map { MCPArgument(spec(TimelineEndpoint.descriptor, $0)) } + paging,
        headline: "Timeline, oldest first.")
}
