import LatticeHTTP
import LatticeModel

/// `GET /v1/analysis/positions`: who stands where on an alliance or proposal (see ``Positions``).
enum PositionsEndpoint {
    static let alliance = Parameter.id("alliance", [.alliance], "The alliance or proposal, e.g. `asian-nato` (aliases accepted).")
    static let parameters: [ParameterSpec] = {
        var spec = alliance.spec
        spec.required = true
        return [spec, AsOf.parameter.spec, Paging.format.spec]
    }()

    static let descriptor = EndpointDescriptor(
        name: "positions", template: "/v1/analysis/positions", summary: "Who stands where on an alliance or proposal.", tag: .analysis,
        method: method, parameters: parameters, representations: EndpointDescriptor.jsonOrCSV,
        ok: "Actors grouped by their stance on the alliance, each with its evidence; as CSV, one row per piece of evidence.",
        content: [
            .init(mediaType: "application/json", schema: Schemas.ref("Positions")),
            .init(
                mediaType: "text/csv",
                schema: [
                    "type": "string",
                    "description": .string(
                        "RFC 4180, header row `\(csvColumns.joined(separator: ","))`; a position without a statement leaves the last six fields empty."
                    ),
                ]),
        ],
        indexLink: "positions", notFoundForParameters: true, revalidatesEarly: { _ in true }, answer: .dataset(positions))

    static let method = """
        Method: every position recorded on the alliance (its actor and stance, with the statement behind it when there is one) and every \
        statement whose stance targets the alliance (its speaker and stance) are gathered by actor and stance. Groups come in the order \
        supports, opposes, skeptical, neutral, and only stances someone holds appear; actors within a group are in id order, and an actor \
        with two stances is listed under each. Each piece of evidence is one statement: its reference, its text and its place in the \
        article (document, start, end, sentence), and where the stance comes from (`position`: recorded on the alliance; `statement`: \
        only the statement's own stance). A statement is evidence once per actor and stance: a recorded position backed by a statement \
        whose stance says the same is one piece of evidence, from the position. A recorded position with no statement behind it lists \
        its actor with no evidence. \
        CSV: one row per piece of evidence, in the same order (stance, actor, source, then the statement's id, text and place), and \
        one row for each actor with no evidence (source `position`, the last six fields empty). 404 naming `alliance` for an id that \
        names no alliance; 400 for a missing or malformed one.
        """

    static func positions(_ context: EndpointContext) throws(Problem) -> Reply {
        let dataset = context.dataset
        let found = try AnalysisGroup.alliance(alliance.given(from: context.parameters) ?? "", parameter: "alliance", dataset: dataset)
        let etag = Page.etag(context, csv: context.wantsCSV)
        let asOf = AsOf.date(context.parameters)
        func render() -> [UInt8] {
            let groups = Positions.on(found, in: dataset, asOf: asOf)
            return context.wantsCSV ? csv(groups, dataset: dataset) : json(groups, alliance: found, context)
        }
        let contentType = context.wantsCSV ? ContentTypes.csv : ContentTypes.json
        // One answer per alliance and format: computed once per dataset version (an as_of
        // answer is one per date, too many to keep).
        var reply =
            asOf == nil
            ? Reply.memoized(context.snapshot.answers.answer(etag, make: render), etag: etag, contentType: contentType)
            : Reply(contentType: contentType, body: .bytes(render()), etag: etag)
        reply.variesOnAccept = true
        return reply
    }

    static let csvColumns = ["stance", "actor", "source", "statement", "text", "document", "start", "end", "sentence"]

    static func csv(_ groups: [Positions.Group], dataset: Dataset) -> [UInt8] {
        var csv = CSVWriter()
        csv.row(csvColumns)
        for group in groups {
            for entry in group.entries {
                // A recorded position with no statement behind it is still a row: the CSV
                // lists every position, with the statement's fields empty.
                if entry.evidence.isEmpty {
                    csv.row([group.stance.rawValue, entry.actor.id, "position", "", "", "", "", "", ""])
                }
                for evidence in entry.evidence {
                    var row = [group.stance.rawValue, entry.actor.id, evidence.source, evidence.statement]
                    if let statement = dataset.statement(evidence.statement) {
                        row += [
                            statement.text, statement.source.document,
                            String(statement.source.start), String(statement.source.end), statement.sentence,
                        ]
                    }
                    csv.row(row)
                }
            }
        }
        return csv.bytes
    }

    static func json(_ groups: [Positions.Group], alliance found: Alliance, _ context: EndpointContext) -> [UInt8] {
        let dataset = context.dataset
        let renderer = context.snapshot.renderer
        var json = JSONWriter(capacity: 4096)
        json.object { o in
            o.raw("alliance", renderer.reference(EntityRef(.alliance, found.id)))
            o.field("status", found.status.rawValue)
            o.field("groups") { json in
                json.array(groups) { json, group in
                    json.object { g in
                        g.field("stance", group.stance.rawValue)
                        g.field("count", group.entries.count)
                        g.field("actors") { json in
                            json.array(group.entries) { json, entry in
                                json.object { e in
                                    e.raw("actor", renderer.reference(entry.actor))
                                    e.field("evidence") { json in
                                        json.array(entry.evidence) { json, evidence in
                                            json.object { v in
                                                v.field("source", evidence.source)
                                                v.raw("statement", renderer.reference(EntityRef(.statement, evidence.statement)))
                                                if let statement = dataset.statement(evidence.statement) {
                                                    v.field("text", statement.text)
                                                    v.field("place") { json in
                                                        json.object { p in
                                                            p.raw("document", renderer.reference(EntityRef(.document, statement.source.document)))
                                                            p.field("start", statement.source.start)
                                                            p.field("end", statement.source.end)
                                                            p.field("sentence", statement.sentence)
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            o.field("meta") { json in json.object { m in AsOf.meta(context, into: &m) } }
        }
        return json.bytes
    }
}
