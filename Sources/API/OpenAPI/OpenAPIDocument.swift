import LatticeModel

/// The OpenAPI 3.1 description of exactly this server, built from the same endpoint and
/// parameter definitions the router and the validators use.
enum OpenAPIDocument {
    static func render() -> [UInt8] {
        var json = JSONWriter(capacity: 64 * 1024)
        document.write(to: &json)
        return json.bytes
    }

    static var document: JSONTree {
        [
            "openapi": "3.1.0",
            "info": [
                "title": "Lattice",
                "version": "1.0.0",
                "description": .string(description),
            ],
            "x-lattice-implicit-methods": .object(implicitMethods.map { ($0.0, .string($0.1)) }),
            "paths": .object(Endpoint.allCases.map { ($0.template, pathItem($0)) }),
            "components": [
                "schemas": .object(Schemas.all),
                "responses": .object(commonResponses),
                "headers": [
                    "ETag": ["description": "Strong entity tag of this representation.", "schema": Schemas.string],
                    "CacheControl": ["description": "`public, max-age=N` for data, `no-store` for health and metrics, `no-cache` for the explorer's files.", "schema": Schemas.string],
                    "RequestId": ["description": "The client's X-Request-Id if it sent a sane one, else a generated one.", "schema": Schemas.string],
                    "Link": ["description": "RFC 8288 links to the next and previous pages.", "schema": Schemas.string],
                    "Location": ["description": "The canonical path.", "schema": Schemas.string],
                ],
            ],
        ]
    }

    /// Every path answers HEAD and OPTIONS as well as GET. They are said once, here and in
    /// `x-lattice-implicit-methods`, not documented as operations of their own: a generated
    /// client would carry two methods per path that nobody calls (`headActors`, `optionsActors`).
    static let implicitMethods: [(String, String)] = [
        ("head", "Every path answers HEAD as its GET, with the same status and headers and no body."),
        ("options", "Every path answers OPTIONS with 204 and Allow, or, for a CORS preflight, with Access-Control-Allow-Methods and Access-Control-Allow-Headers."),
    ]

    static let description = "A curated, source-verified knowledge base of the Indo-Pacific security latticework: actors, alliances, relations and statements, each traced to its exact place in a source document. Read-only: every operation is a GET, and every path also answers HEAD (the GET's status and headers, without a body) and OPTIONS (204 with Allow, or a CORS preflight); other methods get 405 with Allow. Every error is an RFC 9457 problem document."

    private static func header(_ name: String) -> JSONTree { ["$ref": .string("#/components/headers/\(name)")] }
    private static func response(_ name: String) -> JSONTree { ["$ref": .string("#/components/responses/\(name)")] }

    private static let problemContent: JSONTree = ["application/problem+json": ["schema": Schemas.ref("Problem")]]

    static var commonResponses: [(String, JSONTree)] {
        func problem(_ description: String) -> JSONTree {
            ["description": .string(description), "headers": ["X-Request-Id": header("RequestId")], "content": problemContent]
        }
        return [
            ("NotModified", ["description": "The representation matches If-None-Match.",
                             "headers": ["ETag": header("ETag"), "Cache-Control": header("CacheControl"), "X-Request-Id": header("RequestId")]]),
            ("PermanentRedirect", ["description": "An alias: the resource's canonical path is in Location.",
                                   "headers": ["Location": header("Location"), "X-Request-Id": header("RequestId")]]),
            ("BadRequest", problem("Unknown query parameters or invalid values (the errors list names each), or a malformed request.")),
            ("NotFound", problem("No record has this id; for a query parameter naming what the answer is about, errors names the parameter.")),
            ("NotAcceptable", problem("Accept rules out every media type this path has; the detail lists them.")),
            ("RequestTimeout", problem("The request did not arrive in time.")),
            ("ContentTooLarge", problem("The request body is over the limit.")),
            ("URITooLong", problem("The request target is over the limit.")),
            ("HeadersTooLarge", problem("The header section is over the limit.")),
            ("ServiceUnavailable", problem("No dataset is loaded yet, or the server is draining, or at its connection limit.")),
        ]
    }

    private static func pathItem(_ endpoint: Endpoint) -> JSONTree {
        let name = endpoint.rawValue.prefix(1).uppercased() + endpoint.rawValue.dropFirst()
        var pathParameters: [JSONTree] = []
        if endpoint.template.contains("{id}") {
            pathParameters.append(["name": "id", "in": "path", "required": true,
                                   "description": "The record's id, or an alias slug (answered with 308).", "schema": Schemas.slug])
        }
        if endpoint == .explorer {
            pathParameters.append(["name": "asset", "in": "path", "required": true,
                                   "description": "The file's path in the explorer's folder, e.g. `app.js` or `vendor/d3.min.js`.",
                                   "schema": ["type": "string", "pattern": "^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$"],
                                   "example": "app.js"])
        }
        let parameters = pathParameters + endpoint.parameters.map(parameter)
        return ["get": operation(endpoint, id: "get\(name)", parameters: parameters)]
    }

    private static func tag(_ endpoint: Endpoint) -> String {
        switch endpoint {
        case .healthz, .readyz, .metrics, .openapi: "service"
        case .root, .explorer: "explorer"
        case .cohesion, .positions, .mixedTies: "analysis"
        default: "data"
        }
    }

    private static func operation(_ endpoint: Endpoint, id: String, parameters: [JSONTree]) -> JSONTree {
        var responses: [(String, JSONTree)] = []
        var okHeaders: [(String, JSONTree)] = [("ETag", header("ETag")), ("Cache-Control", header("CacheControl")),
                                               ("X-Request-Id", header("RequestId"))]
        if endpoint.isCollection { okHeaders.append(("Link", header("Link"))) }
        func ok(_ description: String, _ content: [(String, JSONTree)]) {
            responses.append(("200", .object([("description", .string(description)), ("headers", .object(okHeaders)),
                                              ("content", .object(content.map { ($0.0, ["schema": $0.1]) }))])))
        }
        let csv: (String, JSONTree) = ("text/csv", ["type": "string", "description": "RFC 4180, header row; references as ids, lists joined with ;"])
        switch endpoint {
        case .root:
            ok("The explorer's page, for an Accept that ranks text/html above application/json (a browser), when the server serves the explorer. `Cache-Control: no-cache`: revalidate with If-None-Match.",
               [("text/html", Schemas.string)])
            responses.append(("304", response("NotModified")))
            responses.append(("308", ["description": "Any other client, or any client when the server serves no explorer: redirected to the API index /v1.",
                                      "headers": ["Location": header("Location"), "X-Request-Id": header("RequestId")]]))
        case .explorer:
            ok("The file, with its media type. `Cache-Control: no-cache`: revalidate with If-None-Match.",
               ExplorerAssets.mediaTypes.map { ($0, Schemas.string) })
        case .index: ok("Links to every collection, the API and dataset versions, and counts.", [("application/json", Schemas.ref("Index"))])
        case .actors: ok("A page of actors.", [("application/json", Schemas.ref("ActorCollection")), csv])
        case .alliances: ok("A page of alliances.", [("application/json", Schemas.ref("AllianceCollection")), csv])
        case .statements: ok("A page of statements.", [("application/json", Schemas.ref("StatementCollection")), csv])
        case .relations: ok("A page of relations.", [("application/json", Schemas.ref("RelationCollection")), csv])
        case .documents: ok("A page of documents.", [("application/json", Schemas.ref("DocumentCollection")), csv])
        case .actor: ok("The actor.", [("application/json", Schemas.ref("Actor")), csv])
        case .alliance: ok("The alliance.", [("application/json", Schemas.ref("Alliance")), csv])
        case .statement: ok("The statement.", [("application/json", Schemas.ref("Statement")), csv])
        case .relation: ok("The relation.", [("application/json", Schemas.ref("Relation")), csv])
        case .document: ok("The document's metadata.", [("application/json", Schemas.ref("Document")), csv])
        case .documentText: ok("The document's verbatim text.", [("text/plain", Schemas.string)])
        case .search: ok("Ranked results across all kinds, best first.", [("application/json", Schemas.ref("SearchCollection")), csv])
        case .graph: ok("Nodes (actors, alliances) and edges (relations, memberships).", [("application/json", Schemas.ref("Graph"))])
        case .export: ok("Every record as NDJSON, one per line with a type field, streamed.", [("application/x-ndjson", Schemas.string)])
        case .openapi: ok("This document.", [("application/json", ["type": "object"])])
        case .healthz: ok("The process is alive.", [("application/json", Schemas.ref("Health"))])
        case .readyz: ok("A dataset is loaded and the server is not draining.", [("application/json", Schemas.ref("Ready"))])
        case .metrics: ok("Prometheus text format 0.0.4.", [("text/plain", Schemas.string)])
        case .cohesion:
            ok("The group's pairwise matrix, pairs with their evidence, and group figures; as CSV, the matrix.",
               [("application/json", Schemas.ref("Cohesion")),
                ("text/csv", ["type": "string", "description": "RFC 4180, header row `actor,<id>…`; one row per actor, scores with four decimals, the diagonal empty."])])
        case .positions:
            ok("Actors grouped by their stance on the alliance, each with its evidence; as CSV, one row per piece of evidence.",
               [("application/json", Schemas.ref("Positions")),
                ("text/csv", ["type": "string", "description": .string("RFC 4180, header row `\(PositionsEndpoint.csvColumns.joined(separator: ","))`; a position without a statement leaves the last six fields empty.")])])
        case .mixedTies:
            ok("Pairs whose ties pull both ways, both sides listed; as CSV, one row per pair.",
               [("application/json", Schemas.ref("MixedTies")),
                ("text/csv", ["type": "string", "description": .string("RFC 4180, header row `\(MixedTiesEndpoint.csvColumns.joined(separator: ","))`; relation ids joined with `;`.")])])
        }
        if endpoint != .root { responses.append(("304", response("NotModified"))) }
        if endpoint == .explorer { responses.append(("404", response("NotFound"))) }
        if endpoint.resourceType != nil && !endpoint.isCollection {
            responses.append(("308", response("PermanentRedirect")))
            responses.append(("404", response("NotFound")))
        } else if [.graph, .cohesion, .positions, .mixedTies].contains(endpoint) {
            // A well-formed id that names no record of the subject's kind: the errors list names the parameter.
            responses.append(("404", response("NotFound")))
        }
        responses.append(("400", response("BadRequest")))
        if endpoint.representations != nil { responses.append(("406", response("NotAcceptable"))) }
        responses += [("408", response("RequestTimeout")), ("413", response("ContentTooLarge")),
                      ("414", response("URITooLong")), ("431", response("HeadersTooLarge"))]
        if ![.healthz, .metrics, .openapi, .root, .explorer].contains(endpoint) {
            responses.append(("503", response("ServiceUnavailable")))
        }
        var members: [(String, JSONTree)] = [("operationId", .string(id)), ("summary", .string(summary(endpoint)))]
        if let method = method(endpoint) { members.append(("description", .string(method))) }
        if let rules = parameterRules(endpoint) { members.append(("x-lattice-parameter-rules", rules)) }
        return .object(members + [
            ("tags", [.string(tag(endpoint))]),
            ("parameters", .array(parameters)),
            ("responses", .object(responses)),
        ])
    }

    /// What OpenAPI cannot say of query parameters, which it describes one at a time: the
    /// rules between them, as a JSON Schema (2020-12) over the query as an object of
    /// parameter names. A request that breaks one is a 400 naming the parameter; test tools
    /// read the rule to know such a request is not schema-valid (scripts/schemathesis_hooks.py).
    private static func parameterRules(_ endpoint: Endpoint) -> JSONTree? {
        switch endpoint {
        case .graph:
            ["description": "depth counts hops from focus: it needs focus.", "dependentRequired": ["depth": ["focus"]]]
        case .cohesion:
            ["description": "The group is actors or alliance: exactly one of them.",
             "oneOf": [["required": ["actors"]], ["required": ["alliance"]]]]
        default:
            nil
        }
    }

    /// How an analysis computes its figures, written where its users read.
    private static func method(_ endpoint: Endpoint) -> String? {
        switch endpoint {
        case .cohesion: CohesionEndpoint.method
        case .positions: PositionsEndpoint.method
        case .mixedTies: MixedTiesEndpoint.method
        case .graph: GraphEndpoint.method
        case .export: ExportEndpoint.method
        default: nil
        }
    }

    private static func summary(_ endpoint: Endpoint) -> String {
        switch endpoint {
        case .root: "The explorer's page for a browser; otherwise redirects to /v1."
        case .explorer: "One of the explorer's files (HTML, CSS, JavaScript, SVG)."
        case .index: "API index."
        case .actors: "List actors (states, organizations, persons)."
        case .actor: "One actor."
        case .alliances: "List alliances and groupings."
        case .alliance: "One alliance."
        case .statements: "List statements."
        case .statement: "One statement."
        case .relations: "List relations between actors."
        case .relation: "One relation."
        case .documents: "List source documents."
        case .document: "One document's metadata."
        case .documentText: "One document's verbatim text."
        case .search: "Search across all kinds."
        case .graph: "The actor and alliance graph, or an ego network."
        case .export: "The whole dataset as NDJSON."
        case .openapi: "This OpenAPI description."
        case .healthz: "Liveness."
        case .readyz: "Readiness."
        case .metrics: "Prometheus metrics."
        case .cohesion: "Cohesion of a group of actors: a pairwise matrix with its evidence."
        case .positions: "Who stands where on an alliance or proposal."
        case .mixedTies: "Pairs of actors whose ties pull both ways."
        }
    }

    private static func parameter(_ spec: ParameterSpec) -> JSONTree {
        var schema: JSONTree
        var extra: [(String, JSONTree)] = []
        switch spec.kind {
        case .enumList(let values):
            schema = ["type": "array", "minItems": 1, "maxItems": .int(QueryParameters.maxListValues),
                      "items": ["type": "string", "enum": .array(values.map { .string($0) })]]
            extra = [("style", "form"), ("explode", false)]
        case .idList:
            schema = ["type": "array", "minItems": 1, "maxItems": .int(QueryParameters.maxListValues), "items": Schemas.slug]
            extra = [("style", "form"), ("explode", false)]
        case .enumValue(let values, let defaultValue):
            schema = ["type": "string", "enum": .array(values.map { .string($0) }), "default": .string(defaultValue)]
        case .id:
            schema = Schemas.slug
        case .integer(let minimum, let maximum, let defaultValue):
            schema = ["type": "integer", "minimum": .int(minimum), "maximum": .int(maximum), "default": .int(defaultValue)]
        case .text(let maxLength):
            // Blank text is accepted and is no constraint; the word limit is in the description.
            schema = ["type": "string", "maxLength": .int(maxLength)]
        case .date:
            // A pattern cannot say which days a month has: 2025-02-30 matches it and is a 400.
            schema = ["type": "string", "pattern": .string(Schemas.partialDatePattern),
                      "description": "YYYY, YYYY-MM or YYYY-MM-DD, a day that exists in its month."]
        }
        return JSONTree.object([
            ("name", .string(spec.name)), ("in", "query"), ("required", .bool(spec.required)),
            ("description", .string(spec.description)), ("schema", schema),
        ] + extra)
    }
}
