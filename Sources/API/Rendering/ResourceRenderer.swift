import LatticeModel

/// Renders each record of a dataset as the JSON object API.md describes. References are
/// embedded as `{id, name, kind, href}` so a dashboard never needs a second request for a name.
struct ResourceRenderer {
    let dataset: Dataset

    /// A record's reference object, rendered when asked for (a record's JSON is kept in the
    /// snapshot's cache once rendered, so each reference in it is rendered once per render;
    /// keeping every reference rendered cost more memory than any other table at scale).
    /// Empty for a record the dataset does not hold, which the loader never lets through.
    func reference(_ ref: EntityRef) -> [UInt8] {
        guard let position = dataset.position(of: ref) else { return [] }
        let kind: String =
            switch ref.type {
            case .actor: dataset.actors[position].kind.rawValue
            case .alliance, .relation, .statement, .document: ref.type.rawValue
            }
        var json = JSONWriter(capacity: 128)
        json.object { o in
            o.field("id", ref.id)
            o.field("name", dataset.name(of: ref))
            o.field("kind", kind)
            o.field("href", Paths.resource(ref))
        }
        return json.bytes
    }

    private func references(_ refs: [EntityRef], into json: inout JSONWriter) {
        json.array(refs) { $0.raw(reference($1)) }
    }

    /// `{"<key>": reference, "role": role, "since", "until"}`: one side of a membership.
    private func withRole(_ key: StaticString, _ ref: EntityRef, _ role: MemberRole, _ valid: ValidTime, into json: inout JSONWriter) {
        json.object { m in
            m.raw(key, reference(ref))
            m.field("role", role.rawValue)
            m.dates(valid)
        }
    }

    func spans(_ spans: [Span], into json: inout JSONWriter) {
        json.array(spans) { json, span in
            json.object { o in
                o.raw("document", reference(EntityRef(.document, span.document)))
                o.field("start", span.start)
                o.field("end", span.end)
                o.field("text", span.text)
            }
        }
    }

    /// With `asOf`, its alliances are those it belonged to on that date, and the body says the date.
    func actor(_ actor: Actor, asOf: PartialDate? = nil) -> [UInt8] {
        var json = JSONWriter(capacity: 1024)
        let counts = dataset.counts(for: actor.id)
        json.object { o in
            o.field("id", actor.id)
            o.field("name", actor.name)
            o.field("kind", actor.kind.rawValue)
            o.field("aliases", actor.aliases)
            if let codes = actor.codes {
                o.field("codes") {
                    $0.object { c in
                        c.field("iso3166_alpha2", codes.alpha2)
                        c.field("iso3166_alpha3", codes.alpha3)
                    }
                }
            } else {
                o.null("codes")
            }
            o.field("anonymous", actor.anonymous)
            o.field("roles", actor.roles)
            o.field("affiliations") { references(actor.affiliations, into: &$0) }
            o.field("region", actor.region.rawValue)
            o.field("summary", actor.summary)
            o.field("alliances") { json in
                json.array(dataset.memberships(of: actor.id, asOf: asOf)) { json, membership in
                    withRole("alliance", EntityRef(.alliance, membership.alliance), membership.role, membership.valid, into: &json)
                }
            }
            o.field("sources", actor.sources.count)
            o.field("counts") {
                $0.object { c in
                    c.field("statements_by", counts.statementsBy)
                    c.field("statements_about", counts.statementsAbout)
                    c.field("relations", counts.relations)
                }
            }
            o.field("evidence") { spans(actor.evidence, into: &$0) }
            if let asOf { o.field("as_of", asOf.description) }
            o.field("href", Paths.resource(EntityRef(.actor, actor.id)))
        }
        return json.bytes
    }

    /// With `asOf`, its members and positions are those of that date, and the body says the date.
    func alliance(_ alliance: Alliance, asOf: PartialDate? = nil) -> [UInt8] {
        var json = JSONWriter(capacity: 2048)
        json.object { o in
            o.field("id", alliance.id)
            o.field("name", alliance.name)
            o.field("short_name", alliance.shortName)
            o.field("aliases", alliance.aliases)
            o.field("kind", alliance.kind.rawValue)
            o.field("status", alliance.status.rawValue)
            o.field("obligations", alliance.obligations.map(\.rawValue))
            o.field("members") { json in
                json.array(alliance.members(asOf: asOf)) { json, member in
                    withRole("actor", member.member, member.role, member.valid, into: &json)
                }
            }
            o.field("excluded") { references(alliance.excluded, into: &$0) }
            o.field("initiated_by") { references(alliance.initiatedBy, into: &$0) }
            o.field("positions") { json in
                json.array(alliance.positions(asOf: asOf, in: dataset)) { json, position in
                    json.object { p in
                        p.raw("actor", reference(position.actor))
                        p.field("stance", position.stance.rawValue)
                        if let statement = position.statement {
                            p.raw("statement", reference(EntityRef(.statement, statement)))
                        } else {
                            p.null("statement")
                        }
                    }
                }
            }
            o.dates(alliance.valid)
            o.field("sources", alliance.sources.count)
            o.field("summary", alliance.summary)
            o.field("evidence") { spans(alliance.evidence, into: &$0) }
            if let asOf { o.field("as_of", asOf.description) }
            o.field("href", Paths.resource(EntityRef(.alliance, alliance.id)))
        }
        return json.bytes
    }

    func statement(_ statement: Statement) -> [UInt8] {
        var json = JSONWriter(capacity: 1024)
        json.object { o in
            o.field("id", statement.id)
            o.raw("speaker", reference(statement.speaker))
            o.field("text", statement.text)
            o.field("mode", statement.mode.rawValue)
            o.field("verb", statement.verb)
            o.field("about") { references(statement.about, into: &$0) }
            if let stance = statement.stance {
                o.field("stance") {
                    $0.object { s in
                        s.raw("target", reference(stance.target))
                        s.field("value", stance.value.rawValue)
                    }
                }
            } else {
                o.null("stance")
            }
            o.field("said_on", statement.saidOn?.description)
            o.field("said_on_basis", statement.saidOnBasis?.rawValue)
            o.field("source") {
                $0.object { s in
                    s.raw("document", reference(EntityRef(.document, statement.source.document)))
                    s.field("start", statement.source.start)
                    s.field("end", statement.source.end)
                    s.field("sentence", statement.sentence)
                }
            }
            o.field("href", Paths.resource(EntityRef(.statement, statement.id)))
        }
        return json.bytes
    }

    func relation(_ relation: Relation) -> [UInt8] {
        var json = JSONWriter(capacity: 1024)
        json.object { o in
            o.field("id", relation.id)
            o.field("kind", relation.kind.rawValue)
            o.raw("from", reference(relation.from))
            o.raw("to", reference(relation.to))
            o.field("directed", relation.directed)
            o.field("valence", relation.valence.rawValue)
            o.field("subject", relation.subject)
            o.dates(relation.valid)
            o.field("sources", relation.sources.count)
            o.field("summary", relation.summary)
            o.field("evidence") { spans(relation.evidence, into: &$0) }
            o.field("href", Paths.resource(EntityRef(.relation, relation.id)))
        }
        return json.bytes
    }

    func document(_ document: Document) -> [UInt8] {
        var json = JSONWriter(capacity: 512)
        let counts = dataset.counts(forDocument: document.id)
        json.object { o in
            o.field("id", document.id)
            o.field("title", document.title)
            o.field("publisher", document.publisher)
            o.field("outlet", document.outlet)
            o.field("kind", document.kind.rawValue)
            o.field("published", document.published?.description)
            o.field("published_basis", document.publishedBasis?.rawValue)
            o.field("url", document.url)
            o.field("rights", document.rights)
            o.field("links") { json in
                json.array(document.links) { json, link in
                    json.object { l in
                        l.field("start", link.start)
                        l.field("end", link.end)
                        l.field("text", link.text)
                        l.field("url", link.url)
                    }
                }
            }
            o.field("language", document.language)
            o.field("length", document.length)
            o.field("sha256", document.sha256)
            o.field("counts") {
                $0.object { c in
                    c.field("statements", counts.statements)
                    c.field("evidence", counts.evidence)
                }
            }
            o.field("href", Paths.resource(EntityRef(.document, document.id)))
            o.field("text_href", Paths.resource(EntityRef(.document, document.id)) + "/text")
        }
        return json.bytes
    }
}

extension JSONWriter.ObjectWriter {
    /// `"since"` and `"until"`, each a date at its precision or null.
    mutating func dates(_ valid: ValidTime) {
        field("since", valid.since?.description)
        field("until", valid.until?.description)
    }
}
