import LatticeHTTP
import LatticeModel

/// `GET /v1/graph`: nodes and edges, or an ego network around `focus`.
enum GraphEndpoint {
    static let focus = Parameter.id("focus", [.actor, .alliance], "Center of an ego network; omit for the whole graph.")
    static let depth = Parameter.integer("depth", 1...5, default: 1, "Hops from focus to include; only with focus (without it, a 400).")
    static let parameters = [focus.spec, depth.spec]

    static func graph(_ context: EndpointContext) throws(Problem) -> Reply {
        let parameters = context.parameters
        guard let focus = parameters[focus] else {
            if let given = focus.given(from: parameters) {
                throw Problem.notFound("No actor or alliance has the id \"\(Excerpt.of(given, limit: 100))\" given as focus.")
            }
            // Hops from nothing mean nothing: a 400 rather than the whole graph, which would
            // let a client believe it got the ego network it asked for.
            if parameters.has(depth) {
                throw Problem.invalidParameters([ParameterProblem(
                    parameter: depth.spec.name, detail: "depth needs focus: it counts hops from the focus; add focus=<actor or alliance id>, or drop depth for the whole graph")], count: 1)
            }
            // Rendered once per dataset, and compressed at most once per dataset.
            var reply = Reply.rendered(context.snapshot.wholeGraph)
            reply.compression = .memo(context.snapshot.gzipped.slot(table: Snapshot.wholeGraphTable, index: 0))
            return reply
        }
        let depth = parameters[depth]
        let bytes = GraphRenderer.render(context.dataset.graph(focus: focus, depth: depth), focus: focus, depth: depth)
        return Reply.json(bytes, etag: Page.etag(context, csv: false))
    }
}
