import LatticeModel

/// JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of everything the API returns. Objects
/// are closed (`additionalProperties: false`) so a test validating real responses against
/// them notices any field the documentation does not mention.
enum Schemas {
    static func ref(_ name: String) -> JSONTree { ["$ref": .string("#/components/schemas/\(name)")] }
    static func enumeration<E: DatasetEnumeration>(_ type: E.Type) -> JSONTree {
        ["type": "string", "enum": .array(E.allCases.map { .string($0.rawValue) })]
    }
    static let string: JSONTree = ["type": "string"]
    static let nullableString: JSONTree = ["type": ["string", "null"]]
    static let integer: JSONTree = ["type": "integer", "minimum": 0]
    static let boolean: JSONTree = ["type": "boolean"]
    static let slug: JSONTree = ["type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"]
    static func array(_ items: JSONTree) -> JSONTree { ["type": "array", "items": items] }
    /// A date at the precision its source gives (`2024`, `2024-06`, `2024-06-19`), or null.
    /// Not `format: date`, which is only the full form.
    static let partialDatePattern = "^(?!0000)[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
    static let partialDate: JSONTree = [
        "type": ["string", "null"], "pattern": .string(partialDatePattern),
        "description":
            "ISO 8601 at the source's precision: YYYY, YYYY-MM or YYYY-MM-DD; a partial date covers its whole span. Null when no source dates it.",
    ]
    static let asOfField: JSONTree = [
        "type": "string", "pattern": .string(partialDatePattern),
        "description": "The as_of date the answer is for; present only on an as_of request.",
    ]
    static let sources: JSONTree = [
        "type": "integer", "minimum": 0, "description": "Distinct documents among its evidence and the statements by or about it.",
    ]

    /// `schema`, or null. Spelled the JSON Schema 2020-12 way that client generators read:
    /// `"null"` joins the type (`"type": ["object", "null"]`) and, for an enumeration, the
    /// enum. Not `oneOf: [schema, {"type": "null"}]`: swift-openapi-generator (1.14) skips
    /// the null branch and then rejects the key. A reference cannot be made nullable this
    /// way, so pass the referenced schema itself (see `reference`).
    static func nullable(_ schema: JSONTree) -> JSONTree {
        guard case .object(var members) = schema else { return schema }
        for index in members.indices {
            switch (members[index].0, members[index].1) {
            case ("type", .string(let type)): members[index].1 = [.string(type), "null"]
            case ("enum", .array(let values)): members[index].1 = .array(values + [.null])
            default: break
            }
        }
        return .object(members)
    }

    /// A closed object whose `properties` are all required, plus `optional` ones that appear
    /// only when they have something to say.
    static func object(_ properties: [(String, JSONTree)], optional: [(String, JSONTree)] = [], description: String? = nil) -> JSONTree {
        var members: [(String, JSONTree)] = [("type", "object")]
        if let description { members.append(("description", .string(description))) }
        members.append(("required", .array(properties.map { .string($0.0) })))
        members.append(("properties", .object(properties + optional)))
        members.append(("additionalProperties", false))
        return .object(members)
    }

    /// The `Reference` component: what a dashboard needs to show another record.
    static var reference: JSONTree {
        let referenceKinds: JSONTree = [
            "type": "string",
            "enum": .array(
                ActorKind.allCases.map { .string($0.rawValue) } + ["alliance", "statement", "relation", "document"]),
        ]
        return object(
            [("id", slug), ("name", string), ("kind", referenceKinds), ("href", string)],
            description: "A reference to another record, with what a dashboard needs to show it.")
    }

    /// A score of the analyses: strictly between −1 and 1, four decimals.
    static let score: JSONTree = ["type": "number", "minimum": -1, "maximum": 1]
    static var analysisMeta: JSONTree { object([("dataset_version", string)], optional: [("as_of", asOfField)]) }

    static var cohesion: JSONTree {
        let pairSummary = nullable(object([("a", ref("Reference")), ("b", ref("Reference")), ("score", score)]))
        return object(
            [
                ("actors", array(ref("Reference"))),
                ("alliance", nullable(reference)),
                ("cohesion", score),
                ("matrix", array(array(["type": ["number", "null"], "minimum": -1, "maximum": 1]))),
                ("weakest", pairSummary),
                ("strongest", pairSummary),
                (
                    "pairs",
                    array(
                        object(
                            [
                                ("a", ref("Reference")), ("b", ref("Reference")), ("score", score),
                                ("cooperative_ties", integer), ("hostile_ties", integer),
                                (
                                    "groupings",
                                    array(
                                        object(
                                            [
                                                ("alliance", ref("Reference")), ("status", enumeration(AllianceStatus.self)),
                                                ("roles", ["type": "array", "minItems": 2, "maxItems": 2, "items": enumeration(MemberRole.self)]),
                                            ],
                                            description: "A grouping both belong to; roles are a's then b's. Active ones count as cooperative ties."))
                                ),
                                ("cooperative", array(ref("Reference"))), ("hostile", array(ref("Reference"))), ("mixed", array(ref("Reference"))),
                                (
                                    "threats",
                                    array(object([("perceiver", ref("Reference")), ("perceived", ref("Reference")), ("relation", ref("Reference"))]))
                                ),
                                (
                                    "shared_threats",
                                    array(
                                        object(
                                            [("actor", ref("Reference")), ("relations", array(ref("Reference")))],
                                            description: "A third party both perceive as a threat."))
                                ),
                            ], description: "One pair, a before b in row order."))
                ),
                (
                    "common_threats",
                    array(
                        object([
                            ("actor", ref("Reference")), ("perceived_by", array(ref("Reference"))),
                            ("by_all", boolean), ("relations", array(ref("Reference"))),
                        ]))
                ),
                ("dividing_ties", array(ref("Reference"))),
                ("meta", analysisMeta),
            ], description: "Cohesion of a group: matrix[i][j] is the score of actors[i] and actors[j] (null on the diagonal).")
    }

    static var positions: JSONTree {
        let place = object([("document", ref("Reference")), ("start", integer), ("end", integer), ("sentence", string)])
        let evidence = object(
            [
                ("source", ["type": "string", "enum": ["position", "statement"]]),
                ("statement", ref("Reference")), ("text", string), ("place", place),
            ],
            description: "One statement behind the actor's stance.")
        return object([
            ("alliance", ref("Reference")), ("status", enumeration(AllianceStatus.self)),
            (
                "groups",
                array(
                    object([
                        ("stance", enumeration(Stance.self)), ("count", integer),
                        (
                            "actors",
                            array(
                                object([
                                    ("actor", ref("Reference")),
                                    (
                                        "evidence",
                                        ["type": "array", "description": "Empty for a recorded position that names no statement.", "items": evidence]
                                    ),
                                ]))
                        ),
                    ]))
            ),
            ("meta", analysisMeta),
        ])
    }

    static var mixedTies: JSONTree {
        object([
            (
                "data",
                array(
                    object([
                        ("a", ref("Reference")), ("b", ref("Reference")), ("cooperative", array(ref("Reference"))),
                        ("hostile", array(ref("Reference"))), ("mixed", array(ref("Reference"))),
                    ]))
            ),
            ("meta", object([("total", integer), ("dataset_version", string)], optional: [("as_of", asOfField)])),
        ])
    }

    static var all: [(String, JSONTree)] {
        let span = object(
            [("document", ref("Reference")), ("start", integer), ("end", integer), ("text", string)],
            description: "A passage of a document; offsets are Unicode scalars, end exclusive.")
        let warnings: JSONTree = [
            "type": "array", "description": "Ids in filters that name no record (each matches nothing), present only when there are some.",
            "items": object([("parameter", string), ("detail", string)]),
        ]
        let meta = object(
            [
                ("total", integer), ("limit", ["type": "integer", "minimum": 1, "maximum": 500]),
                ("offset", integer), ("dataset_version", string),
            ], optional: [("warnings", warnings), ("as_of", asOfField)])
        let links = object([("self", string), ("next", nullableString), ("prev", nullableString)])
        func collection(_ item: String) -> JSONTree {
            object([("data", array(ref(item))), ("meta", ref("Meta")), ("links", ref("Links"))])
        }
        return [
            ("Reference", reference),
            ("Span", span),
            (
                "Actor",
                object(
                    [
                        ("id", slug), ("name", string), ("kind", enumeration(ActorKind.self)), ("aliases", array(string)),
                        (
                            "codes",
                            nullable(
                                object(
                                    [
                                        ("iso3166_alpha2", ["type": "string", "pattern": "^[A-Z]{2}$"]),
                                        ("iso3166_alpha3", ["type": "string", "pattern": "^[A-Z]{3}$"]),
                                    ],
                                    description: "ISO 3166-1 codes of a state; null for the others."))
                        ),
                        ("anonymous", boolean), ("roles", array(string)), ("affiliations", array(ref("Reference"))),
                        ("region", enumeration(Region.self)), ("summary", string),
                        (
                            "alliances",
                            array(
                                object([
                                    ("alliance", ref("Reference")), ("role", enumeration(MemberRole.self)),
                                    ("since", partialDate), ("until", partialDate),
                                ]))
                        ),
                        ("sources", sources),
                        ("counts", object([("statements_by", integer), ("statements_about", integer), ("relations", integer)])),
                        ("evidence", array(ref("Span"))), ("href", string),
                    ], optional: [("as_of", asOfField)], description: "A state, organization or person (named or anonymous).")
            ),
            (
                "Alliance",
                object(
                    [
                        ("id", slug), ("name", string), ("short_name", nullableString), ("aliases", array(string)),
                        ("kind", enumeration(AllianceKind.self)), ("status", enumeration(AllianceStatus.self)),
                        ("obligations", array(enumeration(Obligation.self))),
                        (
                            "members",
                            array(
                                object([
                                    ("actor", ref("Reference")), ("role", enumeration(MemberRole.self)),
                                    ("since", partialDate), ("until", partialDate),
                                ]))
                        ),
                        ("excluded", array(ref("Reference"))), ("initiated_by", array(ref("Reference"))),
                        (
                            "positions",
                            array(
                                object([
                                    ("actor", ref("Reference")), ("stance", enumeration(Stance.self)),
                                    ("statement", nullable(reference)),
                                ]))
                        ),
                        ("since", partialDate), ("until", partialDate), ("sources", sources),
                        ("summary", string), ("evidence", array(ref("Span"))), ("href", string),
                    ], optional: [("as_of", asOfField)],
                    description: "An alliance, dialogue, partnership or grouping: existing, proposed or hypothetical.")
            ),
            (
                "Statement",
                object(
                    [
                        ("id", slug), ("speaker", ref("Reference")), ("text", string), ("mode", enumeration(StatementMode.self)),
                        ("verb", nullableString), ("about", array(ref("Reference"))),
                        ("stance", nullable(object([("target", ref("Reference")), ("value", enumeration(Stance.self))]))),
                        ("said_on", partialDate),
                        ("said_on_basis", nullable(enumeration(SaidOnBasis.self))),
                        ("source", object([("document", ref("Reference")), ("start", integer), ("end", integer), ("sentence", string)])),
                        ("href", string),
                    ], description: "A quotation or attributed claim; text is exactly document.text[start..<end].")
            ),
            (
                "Relation",
                object([
                    ("id", slug), ("kind", enumeration(RelationKind.self)), ("from", ref("Reference")), ("to", ref("Reference")),
                    ("directed", boolean), ("valence", enumeration(Valence.self)), ("subject", nullableString),
                    ("since", partialDate), ("until", partialDate), ("sources", sources),
                    ("summary", string), ("evidence", array(ref("Span"))), ("href", string),
                ])
            ),
            (
                "Document",
                object([
                    ("id", slug), ("title", string), ("publisher", nullableString), ("outlet", nullableString),
                    ("kind", enumeration(DocumentKind.self)), ("published", partialDate),
                    ("published_basis", nullable(enumeration(PublishedBasis.self))), ("url", nullableString), ("rights", string),
                    (
                        "links",
                        array(
                            object(
                                [("start", integer), ("end", integer), ("text", string), ("url", string)],
                                description: "A passage citing the document's own source; offsets in Unicode scalars."))
                    ),
                    ("language", string), ("length", integer),
                    ("sha256", ["type": "string", "pattern": "^[0-9a-f]{64}$"]),
                    ("counts", object([("statements", integer), ("evidence", integer)])), ("href", string), ("text_href", string),
                ])
            ),
            ("Meta", meta),
            ("Links", links),
            ("ActorCollection", collection("Actor")),
            ("AllianceCollection", collection("Alliance")),
            ("StatementCollection", collection("Statement")),
            ("RelationCollection", collection("Relation")),
            ("DocumentCollection", collection("Document")),
            (
                "SearchResult",
                object([
                    ("type", enumeration(EntityType.self)), ("id", slug), ("name", string), ("snippet", string),
                    ("score", ["type": "number", "minimum": 0]), ("href", string),
                ])
            ),
            ("SearchCollection", collection("SearchResult")),
            (
                "Graph",
                object(
                    [
                        ("focus", ["type": ["string", "null"]]), ("depth", ["type": ["integer", "null"]]),
                        ("nodes", array(object([("id", slug), ("label", string), ("kind", string), ("href", string)]))),
                        (
                            "edges",
                            array(
                                object([
                                    ("id", string), ("from", slug), ("to", slug), ("kind", string),
                                    ("valence", enumeration(Valence.self)), ("directed", boolean),
                                    ("role", nullable(enumeration(MemberRole.self))),
                                ]))
                        ),
                    ], optional: [("as_of", asOfField)])
            ),
            (
                "Index",
                object([
                    ("name", string), ("description", string), ("api_version", string), ("dataset_version", string),
                    (
                        "counts",
                        object([
                            ("documents", integer), ("actors", integer), ("alliances", integer), ("relations", integer),
                            ("statements", integer),
                        ])
                    ),
                    ("links", object(ServiceEndpoints.indexLinks.map { ($0.key, string) })),
                ])
            ),
            ("Cohesion", cohesion),
            ("Positions", positions),
            ("MixedTies", mixedTies),
            ("Health", object([("status", ["type": "string", "enum": ["ok"]])])),
            ("Ready", object([("status", ["type": "string", "enum": ["ready"]]), ("dataset_version", string)])),
            (
                "Problem",
                [
                    "type": "object", "description": "RFC 9457 problem details.",
                    "required": ["type", "title", "status", "detail", "instance"],
                    "properties": [
                        "type": string, "title": string, "status": ["type": "integer", "minimum": 400, "maximum": 599],
                        "detail": string, "instance": string,
                        "errors": array(object([("parameter", string), ("detail", string)])),
                        "error_count": [
                            "type": "integer", "minimum": 21,
                            "description": "How many problems there were, when errors lists only the first 20.",
                        ],
                    ],
                    "additionalProperties": false,
                ]
            ),
        ]
    }
}
