import LatticeHTTP
import LatticeModel

/// `GET /v1/timeline`: the dataset's dated events, oldest first, as a collection (same
/// envelope, paging and CSV as the others), filtered by actor, alliance, dates and event.
enum TimelineEndpoint {
    static let actor = Parameter.id(
        "actor", [.actor], "Only events about this actor: its statements and the statements about it, its memberships, its relations.")
    static let alliance = Parameter.id("alliance", [.alliance], "Only events about this alliance or any of its members.")
    static let since = Parameter.date("since", "Only events on or after this date (a partial date counts from its first day).")
    static let until = Parameter.date("until", "Only events on or before this date (a partial date counts to its last day).")
    static let event = Parameter.enumeration("event", Timeline.Kind.self, "Event kinds to include.")
    static let parameters = [actor.spec, alliance.spec, since.spec, until.spec, event.spec] + Paging.specs

    static let method = """
        Events come oldest first; a partial date sorts before the longer spans that start on the same day (2024-01-01, 2024-01, \
        2024), then by event kind in the order of the enumeration, then by record id. Only what the sources date is here: a document's \
        published date, a statement's said_on (basis `publication` when only its document dates it), and the since/until of \
        memberships, relations and alliances (basis `stated`). A filter by date keeps the events whose date overlaps the range. \
        `actor` and `alliance` must name a record (404 naming the parameter otherwise); `alliance` also finds the events of any of \
        its members.
        """

    static let csvColumns = ["date", "date_basis", "event", "record_type", "record_id", "summary"]

    static let descriptor = EndpointDescriptor(
        name: "timeline", template: "/v1/timeline", summary: "Dated events, oldest first.", tag: .data, method: method,
        parameters: parameters, representations: EndpointDescriptor.jsonOrCSV, ok: "A page of dated events.",
        content: [.init(mediaType: "application/json", schema: Schemas.ref("TimelineCollection")), EndpointDescriptor.csvContent],
        paged: true, indexLink: "timeline", notFoundForParameters: true, revalidatesEarly: { _ in true },
        schemas: [
            (
                "TimelineEvent",
                Schemas.object(
                    [
                        ("date", ["type": "string", "pattern": .string(Schemas.partialDatePattern)]),
                        ("date_basis", ["type": "string", "enum": ["stated", "inferred", "publication"]]),
                        ("event", Schemas.enumeration(Timeline.Kind.self)), ("record", Schemas.ref("Reference")),
                        ("summary", Schemas.string), ("evidence", Schemas.array(Schemas.ref("Span"))),
                    ], description: "One dated event and the record it is about; a paraphrase's words are never in quotation marks.")
            ),
            (
                "TimelineCollection",
                Schemas.object([
                    ("data", Schemas.array(Schemas.ref("TimelineEvent"))), ("meta", Schemas.ref("Meta")),
                    ("links", Schemas.ref("Links")),
                ])
            ),
        ],
        answer: .dataset(timeline))

    static func timeline(_ context: EndpointContext) throws(Problem) -> Reply {
        let dataset = context.dataset, parameters = context.parameters
        let focus = try actor.given(from: parameters).map { given throws(Problem) in
            try AnalysisGroup.actors([given], parameter: "actor", dataset: dataset)[0].id
        }
        let group = try alliance.given(from: parameters).map { given throws(Problem) in
            let found = try AnalysisGroup.alliance(given, parameter: "alliance", dataset: dataset)
            return [found.id] + found.members.map(\.member.id)
        }
        var positions = dataset.timeline.matching(
            involving: focus.map { [$0] } ?? group, kinds: parameters[event],
            since: parameters[since], until: parameters[until])
        if let focus, let group {
            // Both: the actor's events that are also about the alliance or another of its members.
            let others = Set(group).subtracting([focus])
            positions = positions.filter { dataset.timelineInvolves(Int($0)).contains(where: others.contains) }
        }
        let page = Page(total: positions.count, parameters: parameters)
        let events = positions[page.range].map { dataset.timelineEvent(Int($0)) }
        if context.wantsCSV {
            var csv = CSVWriter()
            csv.row(csvColumns)
            for event in events {
                csv.row([event.date.description, event.basis, event.kind.rawValue, event.record.type.rawValue, event.record.id, event.summary])
            }
            return page.reply(csv.bytes, csv: true, context)
        }
        let renderer = context.snapshot.renderer
        var json = JSONWriter(capacity: 512 + events.count * 512)
        json.raw(#"{"data":"#)
        json.array(events) { json, event in
            json.object { o in
                o.field("date", event.date.description)
                o.field("date_basis", event.basis)
                o.field("event", event.kind.rawValue)
                o.raw("record", renderer.reference(event.record))
                o.field("summary", event.summary)
                o.field("evidence") { renderer.spans(event.evidence, into: &$0) }
            }
        }
        var body = json.bytes
        page.appendEnvelope(to: &body, context)
        return page.reply(body, csv: false, context)
    }
}
