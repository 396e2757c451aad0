import LatticeHTTP
import LatticeModel

/// `GET /v1/analysis/cohesion`: the pairwise cohesion of a group of actors (see ``Cohesion``).
enum CohesionEndpoint {
    static let actors = Parameter.ids(
        "actors", [.actor],
        "The group: up to 50 actor ids (aliases accepted); give this or `alliance`. Rows and columns come in id order.")
    static let alliance = Parameter.id(
        "alliance", [.alliance],
        "The group as an alliance's members, in the alliance's order; give this or `actors`.")
    static let parameters = [actors.spec, alliance.spec, AsOf.parameter.spec, Paging.format.spec]

    static let descriptor = EndpointDescriptor(
        name: "cohesion", template: "/v1/analysis/cohesion", summary: "Cohesion of a group of actors: a pairwise matrix with its evidence.",
        tag: .analysis, method: method, parameters: parameters, representations: EndpointDescriptor.jsonOrCSV,
        ok: "The group's pairwise matrix, pairs with their evidence, and group figures; as CSV, the matrix.",
        content: [
            .init(mediaType: "application/json", schema: Schemas.ref("Cohesion")),
            .init(
                mediaType: "text/csv",
                schema: [
                    "type": "string",
                    "description": "RFC 4180, header row `actor,<id>…`; one row per actor, scores with four decimals, the diagonal empty.",
                ]),
        ],
        indexLink: "cohesion", notFoundForParameters: true,
        parameterRules: [
            "description": "The group is actors or alliance: exactly one of them.",
            "oneOf": [["required": ["actors"]], ["required": ["alliance"]]],
        ],
        revalidatesEarly: { _ in true }, answer: .dataset(cohesion))

    static let method = """
        Method: for each pair, cooperative ties are the active groupings both belong to plus the cooperative relations between them \
        (either direction); hostile ties are the hostile relations between them, threat perceptions included; relations of mixed valence \
        and proposed or hypothetical groupings are listed but not scored. With c cooperative and h hostile ties the pair's score is \
        (c − h) / (c + h + 1): strictly between −1 and 1, 0 for no ties or a balance, never lowered by one more cooperative tie and never \
        raised by one more hostile one. The group's cohesion is the mean pair score; weakest and strongest are the pairs with the lowest \
        and highest score (ties broken by row order). Common threats are third parties that at least two members perceive as a threat \
        (threat_perception relations), with by_all when every member does; dividing ties are the hostile relations between members. \
        Every figure lists the relation and alliance references behind it. CSV: the matrix, one row per actor, the diagonal empty. \
        A group of fewer than two actors (an alliance with one member or none) has no pairs: cohesion 0, weakest and strongest null. \
        404 naming the parameter for an id that names no actor (or no alliance for `alliance`); 400 for a malformed id, both or \
        neither parameter, or more than 50 distinct actors.
        """

    static func cohesion(_ context: EndpointContext) throws(Problem) -> Reply {
        let dataset = context.dataset, parameters = context.parameters
        let byActors = parameters.has(actors), byAlliance = alliance.given(from: parameters) != nil
        guard byActors != byAlliance else {
            throw Problem.invalidParameters(
                [
                    ParameterProblem(
                        parameter: byActors ? "alliance" : "actors",
                        detail: "give either actors or alliance, not \(byActors ? "both" : "neither")")
                ], count: 1)
        }
        var group: [EntityRef]
        var groupAlliance: Alliance?
        let parameterName: String
        if byActors {
            parameterName = "actors"
            group = try AnalysisGroup.actors(parameters[actors], parameter: parameterName, dataset: dataset).sorted { $0.id < $1.id }
        } else {
            parameterName = "alliance"
            let found = try AnalysisGroup.alliance(alliance.given(from: parameters) ?? "", parameter: parameterName, dataset: dataset)
            groupAlliance = found
            var seen = Set<String>()
            group = found.members(asOf: AsOf.date(parameters)).map(\.member).filter { seen.insert($0.id).inserted }
        }
        // Fewer than two actors is a group with no pairs (an alliance with one member, or none
        // yet): its figures are those of no ties, not an error in a well-formed request.
        guard group.count <= AnalysisGroup.maxActors else {
            let what = groupAlliance.map { "the alliance \($0.id) has \(group.count) members" } ?? "\(group.count) distinct actors were given"
            throw Problem.invalidParameters(
                [
                    ParameterProblem(
                        parameter: parameterName,
                        detail: "\(what); cohesion takes at most \(AnalysisGroup.maxActors) actors")
                ], count: 1)
        }
        let etag = Page.etag(context, csv: context.wantsCSV)
        let contentType = context.wantsCSV ? ContentTypes.csv : ContentTypes.json
        func render() -> [UInt8] {
            let result = Cohesion.of(group.map(\.id), in: dataset, asOf: AsOf.date(parameters))
            return context.wantsCSV ? csv(result) : json(result, group: group, alliance: groupAlliance, context)
        }
        // An alliance's cohesion is one answer per alliance and format: computed once per
        // dataset version. Ad hoc groups are bounded by their 50 actors, and too many to keep.
        // An as_of answer is one per date: too many to keep, and cheap for one alliance.
        var reply =
            groupAlliance != nil && AsOf.date(parameters) == nil
            ? Reply.memoized(context.snapshot.answers.answer(etag, make: render), etag: etag, contentType: contentType)
            : Reply(contentType: contentType, body: .bytes(render()), etag: etag)
        reply.variesOnAccept = true
        return reply
    }

    static func csv(_ result: Cohesion.Result) -> [UInt8] {
        var csv = CSVWriter()
        csv.row(["actor"] + result.actors)
        for row in result.actors.indices {
            csv.row(
                [result.actors[row]]
                    + result.actors.indices.map { column in
                        result.pair(row, column).map { AnalysisGroup.text(AnalysisGroup.rounded($0.score)) } ?? ""
                    })
        }
        return csv.bytes
    }

    static func json(_ result: Cohesion.Result, group: [EntityRef], alliance: Alliance?, _ context: EndpointContext) -> [UInt8] {
        let renderer = context.snapshot.renderer
        func ref(_ type: EntityType, _ id: String) -> [UInt8] { renderer.reference(EntityRef(type, id)) }
        func any(_ id: String) -> [UInt8] { renderer.reference(context.dataset.entity(id) ?? EntityRef(.actor, id)) }
        func refs(_ json: inout JSONWriter, _ type: EntityType?, _ ids: [String]) {
            json.array(ids) { json, id in json.raw(type.map { ref($0, id) } ?? any(id)) }
        }
        func pairSummary(_ json: inout JSONWriter, _ index: Int?) {
            guard let index else { return json.null() }
            let pair = result.pairs[index]
            json.object { p in
                p.raw("a", renderer.reference(group[pair.row]))
                p.raw("b", renderer.reference(group[pair.column]))
                p.field("score", AnalysisGroup.rounded(pair.score))
            }
        }
        var json = JSONWriter(capacity: 4096 + result.pairs.count * 512)
        json.object { o in
            o.field("actors") { json in json.array(group) { json, actor in json.raw(renderer.reference(actor)) } }
            if let alliance { o.raw("alliance", ref(.alliance, alliance.id)) } else { o.null("alliance") }
            o.field("cohesion", AnalysisGroup.rounded(result.cohesion))
            o.field("matrix") { json in
                json.array(result.actors.indices) { json, row in
                    json.array(result.actors.indices) { json, column in
                        if let pair = result.pair(row, column) { json.double(AnalysisGroup.rounded(pair.score)) } else { json.null() }
                    }
                }
            }
            o.field("weakest") { pairSummary(&$0, result.weakest) }
            o.field("strongest") { pairSummary(&$0, result.strongest) }
            o.field("pairs") { json in
                json.array(result.pairs) { json, pair in
                    json.object { p in
                        p.raw("a", renderer.reference(group[pair.row]))
                        p.raw("b", renderer.reference(group[pair.column]))
                        p.field("score", AnalysisGroup.rounded(pair.score))
                        p.field("cooperative_ties", pair.cooperativeTies)
                        p.field("hostile_ties", pair.hostileTies)
                        p.field("groupings") { json in
                            json.array(pair.groupings) { json, grouping in
                                json.object { g in
                                    g.raw("alliance", ref(.alliance, grouping.alliance))
                                    g.field("status", grouping.status.rawValue)
                                    g.field("roles", [grouping.roles.0.rawValue, grouping.roles.1.rawValue])
                                }
                            }
                        }
                        p.field("cooperative") { refs(&$0, .relation, pair.cooperative) }
                        p.field("hostile") { refs(&$0, .relation, pair.hostile) }
                        p.field("mixed") { refs(&$0, .relation, pair.mixed) }
                        p.field("threats") { json in
                            json.array(pair.threats) { json, threat in
                                json.object { t in
                                    t.raw("perceiver", any(threat.perceiver))
                                    t.raw("perceived", any(threat.perceived))
                                    t.raw("relation", ref(.relation, threat.relation))
                                }
                            }
                        }
                        p.field("shared_threats") { json in
                            json.array(pair.sharedThreats) { json, threat in
                                json.object { t in
                                    t.raw("actor", any(threat.actor))
                                    t.field("relations") { refs(&$0, .relation, threat.relations) }
                                }
                            }
                        }
                    }
                }
            }
            o.field("common_threats") { json in
                json.array(result.commonThreats) { json, threat in
                    json.object { t in
                        t.raw("actor", any(threat.actor))
                        t.field("perceived_by") { refs(&$0, nil, threat.perceivedBy) }
                        t.field("by_all", threat.byAll)
                        t.field("relations") { refs(&$0, .relation, threat.relations) }
                    }
                }
            }
            o.field("dividing_ties") { refs(&$0, .relation, result.dividingTies) }
            o.field("meta") { json in json.object { m in AsOf.meta(context, into: &m) } }
        }
        return json.bytes
    }
}
