import LatticeHTTP
import LatticeModel

/// `GET /v1/analysis/mixed-ties`: pairs whose ties pull both ways (see ``MixedTies``).
enum MixedTiesEndpoint {
    static let actors = Parameter.ids("actors", [.actor], "Only pairs with an end among these 1 to 50 actors (aliases accepted); omit for all.")
    static let parameters = [actors.spec, AsOf.parameter.spec, Paging.format.spec]

    static let descriptor = EndpointDescriptor(
        name: "mixedTies", template: "/v1/analysis/mixed-ties", summary: "Pairs of actors whose ties pull both ways.", tag: .analysis,
        method: method, parameters: parameters, representations: EndpointDescriptor.jsonOrCSV,
        ok: "Pairs whose ties pull both ways, both sides listed; as CSV, one row per pair.",
        content: [
            .init(mediaType: "application/json", schema: Schemas.ref("MixedTies")),
            .init(
                mediaType: "text/csv",
                schema: [
                    "type": "string",
                    "description": .string("RFC 4180, header row `\(csvColumns.joined(separator: ","))`; relation ids joined with `;`."),
                ]),
        ],
        indexLink: "mixed_ties", notFoundForParameters: true, revalidatesEarly: { _ in true }, answer: .dataset(mixedTies))

    static let method = """
        Method: relations are grouped by the unordered pair of their ends; a pair is a mixed tie when it has at least one cooperative \
        and at least one hostile relation (say a threat perceived and trade depended on, or a dispute and a confidence-building effort), \
        or any relation of mixed valence. Each pair lists both sides as relation references (cooperative, hostile, mixed) so a \
        dashboard can show the evidence. Pairs come in order of their ends' ids, the smaller id as a. CSV: one row per pair \
        (a, b, then the cooperative, hostile and mixed relation ids, each list joined with `;`). \
        404 naming `actors` for an id that names no actor; 400 for a malformed id or more than 50 distinct actors.
        """

    static func mixedTies(_ context: EndpointContext) throws(Problem) -> Reply {
        let dataset = context.dataset
        var filter: [String] = []
        if context.parameters.has(actors) {
            filter = try AnalysisGroup.actors(context.parameters[actors], parameter: "actors", dataset: dataset).map(\.id)
        }
        let etag = Page.etag(context, csv: context.wantsCSV)
        let contentType = context.wantsCSV ? ContentTypes.csv : ContentTypes.json
        func render() -> [UInt8] {
            let ties = MixedTies.find(in: dataset, involving: filter, asOf: AsOf.date(context.parameters))
            return context.wantsCSV ? csv(ties) : json(ties, context)
        }
        // Every mixed tie is a dataset-wide answer: computed once per dataset version. A
        // filtered one is bounded by its 50 actors' relations, and its key space is not.
        var reply =
            filter.isEmpty && AsOf.date(context.parameters) == nil
            ? Reply.memoized(context.snapshot.answers.answer(etag, make: render), etag: etag, contentType: contentType)
            : Reply(contentType: contentType, body: .bytes(render()), etag: etag)
        reply.variesOnAccept = true
        return reply
    }

    static let csvColumns = ["a", "b", "cooperative", "hostile", "mixed"]

    static func csv(_ ties: [MixedTies.Tie]) -> [UInt8] {
        var csv = CSVWriter()
        csv.row(csvColumns)
        for tie in ties {
            csv.row([tie.a.id, tie.b.id, CSVWriter.list(tie.cooperative), CSVWriter.list(tie.hostile), CSVWriter.list(tie.mixed)])
        }
        return csv.bytes
    }

    static func json(_ ties: [MixedTies.Tie], _ context: EndpointContext) -> [UInt8] {
        let renderer = context.snapshot.renderer
        func relations(_ json: inout JSONWriter, _ ids: [String]) {
            json.array(ids) { json, id in json.raw(renderer.reference(EntityRef(.relation, id))) }
        }
        var json = JSONWriter(capacity: 2048 + ties.count * 512)
        json.object { o in
            o.field("data") { json in
                json.array(ties) { json, tie in
                    json.object { t in
                        t.raw("a", renderer.reference(tie.a))
                        t.raw("b", renderer.reference(tie.b))
                        t.field("cooperative") { relations(&$0, tie.cooperative) }
                        t.field("hostile") { relations(&$0, tie.hostile) }
                        t.field("mixed") { relations(&$0, tie.mixed) }
                    }
                }
            }
            o.field("meta") { json in
                json.object { m in
                    m.field("total", ties.count)
                    AsOf.meta(context, into: &m)
                }
            }
        }
        return json.bytes
    }
}
