import LatticeModel

/// Writes raw records as an annotation file: the inverse of ``AnnotationFile``, on the same
/// record types, so whatever it writes the loader reads back as the same records (the
/// synthetic seeds are written with it, and a test decodes what it wrote and writes it again).
struct AnnotationWriter {
    /// The file's default document: spans in it are written as bare quotes.
    let defaultDocument: String?

    func file(_ seeds: RawSeeds) -> [UInt8] {
        var top: [(String, JSONOutput)] = []
        if let defaultDocument { top.append(("document", .string(defaultDocument))) }
        top += [
            ("documents", .array(seeds.documents.map(document))),
            ("actors", .array(seeds.actors.map(actor))),
            ("alliances", .array(seeds.alliances.map(alliance))),
            ("relations", .array(seeds.relations.map(relation))),
            ("statements", .array(seeds.statements.map(statement))),
        ]
        if !seeds.terms.isEmpty { top.append(("terms", .array(seeds.terms.map(span)))) }
        return JSONOutput.object(top).serialized()
    }

    func document(_ raw: RawDocument) -> JSONOutput {
        .object([
            ("id", .string(raw.id)), ("file", .string(raw.file)), ("title", .string(raw.title)),
            ("publisher", .optional(raw.publisher)), ("outlet", .optional(raw.outlet)), ("kind", .string(raw.kind.rawValue)),
            ("published", .optional(raw.published?.description)), ("published_basis", .optional(raw.publishedBasis?.rawValue)),
            ("url", .optional(raw.url)), ("rights", .string(raw.rights)), ("language", .string(raw.language)),
            ("sha256", .optional(raw.sha256)),
        ])
    }

    func actor(_ raw: RawActor) -> JSONOutput {
        var members: [(String, JSONOutput)] = [
            ("id", .string(raw.id)), ("name", .string(raw.name)), ("kind", .string(raw.kind.rawValue)),
            ("aliases", strings(raw.aliases)),
        ]
        if let codes = raw.codes {
            members.append(("codes", .object([("iso3166_alpha2", .string(codes.alpha2)), ("iso3166_alpha3", .string(codes.alpha3))])))
        }
        if raw.anonymous { members.append(("anonymous", .bool(true))) }
        if raw.kind == .person || !raw.roles.isEmpty { members.append(("roles", strings(raw.roles))) }
        if raw.kind == .person || !raw.affiliations.isEmpty { members.append(("affiliations", references(raw.affiliations))) }
        members += [
            ("region", .string(raw.region.rawValue)), ("summary", .string(raw.summary)),
            ("evidence", .array(raw.evidence.map(span))),
        ]
        return .object(members)
    }

    func alliance(_ raw: RawAlliance) -> JSONOutput {
        let members: [JSONOutput] = raw.members.map {
            .object([("actor", .string($0.ref.id)), ("role", .string($0.role.rawValue))] + dates($0.valid))
        }
        return .object(
            [
                ("id", .string(raw.id)), ("name", .string(raw.name)), ("short_name", .optional(raw.shortName)),
                ("aliases", strings(raw.aliases)), ("kind", .string(raw.kind.rawValue)), ("status", .string(raw.status.rawValue)),
                ("obligations", strings(raw.obligations.map(\.rawValue))),
                ("members", .array(members)),
                ("excluded", references(raw.excluded)), ("initiated_by", references(raw.initiatedBy)),
                (
                    "positions",
                    .array(
                        raw.positions.map {
                            .object([
                                ("actor", .string($0.actor.id)), ("stance", .string($0.stance.rawValue)), ("statement", .optional($0.statement?.id)),
                            ])
                        })
                ),
            ] + dates(raw.valid) + [
                ("summary", .string(raw.summary)), ("evidence", .array(raw.evidence.map(span))),
            ])
    }

    func relation(_ raw: RawRelation) -> JSONOutput {
        .object(
            [
                ("id", .string(raw.id)), ("kind", .string(raw.kind.rawValue)), ("from", .string(raw.from.id)),
                ("to", .string(raw.to.id)), ("directed", .bool(raw.directed)), ("valence", .string(raw.valence.rawValue)),
                ("subject", .optional(raw.subject)),
            ] + dates(raw.valid) + [
                ("summary", .string(raw.summary)), ("evidence", .array(raw.evidence.map(span))),
            ])
    }

    /// The quote is written in both of the forms the reader accepts: with its document,
    /// occurrence and context beside it, or, when it needs a context, as a span object.
    func statement(_ raw: RawStatement) -> JSONOutput {
        var members: [(String, JSONOutput)] = [("id", .string(raw.id)), ("speaker", .string(raw.speaker.id))]
        if raw.span.context != nil {
            members.append(("quote", span(raw.span)))
        } else {
            members.append(("quote", .string(raw.span.quote)))
            if raw.span.document != defaultDocument { members.append(("document", .optional(raw.span.document))) }
            if let occurrence = raw.span.occurrence { members.append(("occurrence", .int(occurrence))) }
        }
        members += [
            ("mode", .string(raw.mode.rawValue)), ("verb", .optional(raw.verb)), ("about", references(raw.about)),
            ("stance", raw.stance.map { .object([("target", .string($0.target.id)), ("value", .string($0.value.rawValue))]) } ?? .null),
        ]
        if let saidOn = raw.saidOn, let basis = raw.saidOnBasis {
            members += [("said_on", .string(saidOn.description)), ("said_on_basis", .string(basis.rawValue))]
        }
        return .object(members)
    }

    /// A bare quote when the default document and the first and only occurrence do.
    func span(_ raw: RawSpan) -> JSONOutput {
        if raw.document == defaultDocument && raw.occurrence == nil && raw.context == nil { return .string(raw.quote) }
        var members: [(String, JSONOutput)] = [("quote", .string(raw.quote))]
        if raw.document != defaultDocument { members.append(("document", .optional(raw.document))) }
        if let occurrence = raw.occurrence { members.append(("occurrence", .int(occurrence))) }
        if let context = raw.context { members.append(("context", .string(context))) }
        return .object(members)
    }

    /// `since` and `until`, each only when known.
    private func dates(_ valid: ValidTime) -> [(String, JSONOutput)] {
        [("since", valid.since), ("until", valid.until)].compactMap { key, date in date.map { (key, .string($0.description)) } }
    }

    private func strings(_ values: [String]) -> JSONOutput { .array(values.map(JSONOutput.string)) }
    private func references(_ refs: [RawRef]) -> JSONOutput { .array(refs.map { .string($0.id) }) }
}
