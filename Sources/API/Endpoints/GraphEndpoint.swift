import LatticeHTTP
import LatticeModel

/// `GET /v1/graph`: nodes and edges, or an ego network around `focus`, of at most
/// `max_nodes` nodes.
enum GraphEndpoint {
    static let focus = Parameter.id("focus", [.actor, .alliance], "Center of an ego network; omit for the whole graph.")
    static let defaultDepth = 1
    static let depth = Parameter.integer(
        "depth", 1...5, default: defaultDepth, "Hops from focus to include; only with focus (without it, any value but the default is a 400).")
    /// A graph larger than this is refused rather than cut: a dashboard that draws part of a
    /// network without knowing which part would mislead, and one that is told can lower
    /// `depth` or ask for more. The ceiling keeps any one answer to a few megabytes.
    /// The cap can be lowered as far as this, no further: a network smaller than a
    /// hundred nodes is cheap whatever its shape, and the floor keeps every schema-valid
    /// request for the bundled seeds' whole graph (40 nodes) answerable.
    static let maxNodes = Parameter.integer(
        "max_nodes", minimumNodes...maximumNodes, default: defaultMaxNodes,
        "Most nodes the answer may hold; a graph (the whole one, or focus at depth) with more is a 400 "
            + "naming max_nodes, never a truncated graph. Lower depth, give a focus, or raise this "
            + "(up to \(maximumNodes)).")
    static let defaultMaxNodes = 2_000
    static let maximumNodes = 10_000
    static let minimumNodes = 100
    static let parameters = [focus.spec, depth.spec, maxNodes.spec, AsOf.parameter.spec]

    static let descriptor = EndpointDescriptor(
        name: "graph", template: "/v1/graph", summary: "The actor and alliance graph, or an ego network.", tag: .data,
        method: method, parameters: parameters, representations: ["application/json"],
        ok: "Nodes (actors, alliances) and edges (relations, memberships).",
        content: [.init(mediaType: "application/json", schema: Schemas.ref("Graph"))], indexLink: "graph",
        notFoundForParameters: true,
        parameterRules: ["description": "depth counts hops from focus: it needs focus.", "dependentRequired": ["depth": ["focus"]]],
        // The whole graph's tag (today's) is its content hash, and its body is built at load.
        revalidatesEarly: { parameters in focus.given(from: parameters) != nil || AsOf.date(parameters) != nil },
        answer: .dataset(graph))

    static let method = """
        Size: an answer holds at most max_nodes nodes (default \(defaultMaxNodes), at most \(maximumNodes)), and its edges are those \
        between its nodes. A graph that would hold more (the whole graph, or focus at depth) is a 400 whose errors name max_nodes, \
        never a cut-down graph: a network missing an arbitrary part would mislead, so the client chooses what to ask instead \
        (a lower depth, a focus, or a higher max_nodes). The search stops as soon as it passes the cap, so a refused request is cheap.
        """

    static func graph(_ context: EndpointContext) throws(Problem) -> Reply {
        let parameters = context.parameters
        let limit = parameters[maxNodes]
        let asOf = AsOf.date(parameters)
        guard let focus = parameters[focus] else {
            if let given = focus.given(from: parameters) {
                throw Problem.notFound("No actor or alliance has the id \"\(Excerpt.of(given, limit: 100))\" given as focus.")
            }
            // Hops from nothing mean nothing: a 400 rather than the whole graph, which would
            // let a client believe it got the ego network it asked for. The documented
            // default is the exception: generated clients send it on every call.
            if parameters.has(depth), parameters[depth] != defaultDepth {
                throw Problem.invalidParameters(
                    [
                        ParameterProblem(
                            parameter: depth.spec.name,
                            detail:
                                "depth needs focus: it counts hops from the focus; add focus=<actor or alliance id>, or drop depth for the whole graph"
                        )
                    ], count: 1)
            }
            if let asOf {
                let graph = context.dataset.graph(asOf: asOf)
                guard graph.nodes.count <= limit else {
                    throw tooLarge(
                        "the whole graph on \(asOf) has \(graph.nodes.count) nodes, more than max_nodes=\(limit); give a focus (and depth) for an ego network"
                    )
                }
                return Reply.json(GraphRenderer.render(graph, focus: nil, depth: defaultDepth, asOf: asOf), etag: Page.etag(context, csv: false))
            }
            let count = context.dataset.graphNodeCount
            guard count <= limit, let wholeGraph = context.snapshot.wholeGraph else {
                throw tooLarge(
                    "the whole graph has \(count) nodes, more than max_nodes=\(limit); give a focus (and depth) for an ego network"
                        + (count <= maximumNodes ? ", or raise max_nodes to \(count)" : ""))
            }
            // Rendered once per dataset, and compressed at most once per dataset.
            return Reply.rendered(wholeGraph)
        }
        let depth = parameters[depth]
        guard let graph = context.dataset.egoNetwork(focus: focus, depth: depth, maxNodes: limit, asOf: asOf) else {
            throw tooLarge(
                "focus=\(focus.id) with depth=\(depth) reaches more than max_nodes=\(limit) nodes; "
                    + (depth > 1 ? "lower depth" : "this focus has too many direct ties")
                    + (limit < maximumNodes ? ", or raise max_nodes (at most \(maximumNodes))" : ""))
        }
        let bytes = GraphRenderer.render(graph, focus: focus, depth: depth, asOf: asOf)
        return Reply.json(bytes, etag: Page.etag(context, csv: false))
    }

    private static func tooLarge(_ detail: String) -> Problem {
        Problem.invalidParameters([ParameterProblem(parameter: "max_nodes", detail: detail)], count: 1)
    }
}
