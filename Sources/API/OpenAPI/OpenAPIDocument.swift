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
            "paths": .object(Endpoints.table.map { ($0.template, pathItem($0)) }),
            "components": [
                "schemas": .object(Schemas.all + Endpoints.table.flatMap(\.schemas)),
                "responses": .object(commonResponses),
                "headers": [
                    "ETag": ["description": "Strong entity tag of this representation.", "schema": Schemas.string],
                    "CacheControl": [
                        "description": "`public, max-age=N` for data, `no-store` for health and metrics, `no-cache` for the explorer's files.",
                        "schema": Schemas.string,
                    ],
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
        ("head", "Every GET path answers HEAD as its GET, with the same status and headers and no body."),
        (
            "options",
            "Every path answers OPTIONS with 204 and Allow, or, for a CORS preflight, with Access-Control-Allow-Methods and Access-Control-Allow-Headers."
        ),
    ]

    static let description =
        "A curated, source-verified knowledge base of the Indo-Pacific security latticework: actors, alliances, relations and statements, each traced to its exact place in a source document. Read-only: every operation is a GET, but the Model Context Protocol endpoint's POST /mcp; every GET path also answers HEAD (the GET's status and headers, without a body), every path OPTIONS (204 with Allow, or a CORS preflight); other methods get 405 with Allow. Every error is an RFC 9457 problem document."

    static func header(_ name: String) -> JSONTree { ["$ref": .string("#/components/headers/\(name)")] }
    static func response(_ name: String) -> JSONTree { ["$ref": .string("#/components/responses/\(name)")] }

    private static let problemContent: JSONTree = ["application/problem+json": ["schema": Schemas.ref("Problem")]]

    static var commonResponses: [(String, JSONTree)] {
        func problem(_ description: String) -> JSONTree {
            ["description": .string(description), "headers": ["X-Request-Id": header("RequestId")], "content": problemContent]
        }
        return [
            (
                "NotModified",
                [
                    "description": "The representation matches If-None-Match.",
                    "headers": ["ETag": header("ETag"), "Cache-Control": header("CacheControl"), "X-Request-Id": header("RequestId")],
                ]
            ),
            (
                "PermanentRedirect",
                [
                    "description": "An alias: the resource's canonical path is in Location.",
                    "headers": ["Location": header("Location"), "X-Request-Id": header("RequestId")],
                ]
            ),
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

    private static func pathItem(_ endpoint: EndpointDescriptor) -> JSONTree {
        var pathParameters: [JSONTree] = []
        if endpoint.template.contains("{id}") {
            pathParameters.append([
                "name": "id", "in": "path", "required": true,
                "description": "The record's id, or an alias slug (answered with 308).", "schema": Schemas.slug,
            ])
        }
        if endpoint.shape == .asset {
            pathParameters.append([
                "name": "asset", "in": "path", "required": true,
                "description": "The file's path in the explorer's folder, e.g. `app.js` or `vendor/d3.min.js`.",
                "schema": ["type": "string", "pattern": "^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$"],
                "example": "app.js",
            ])
        }
        let parameters = pathParameters + endpoint.parameters.map(parameter)
        switch endpoint.operation {
        case .get: return ["get": operation(endpoint, parameters: parameters)]
        case .post: return ["post": operation(endpoint, parameters: parameters)]
        }
    }

    private static func operation(_ endpoint: EndpointDescriptor, parameters: [JSONTree]) -> JSONTree {
        var okHeaders: [(String, JSONTree)] = [
            ("ETag", header("ETag")), ("Cache-Control", header("CacheControl")),
            ("X-Request-Id", header("RequestId")),
        ]
        if endpoint.isCollection { okHeaders.append(("Link", header("Link"))) }
        var responses: [(String, JSONTree)] = [
            (
                "200",
                .object([
                    ("description", .string(endpoint.ok)), ("headers", .object(okHeaders)),
                    ("content", .object(endpoint.content.map { ($0.mediaType, ["schema": $0.schema]) })),
                ])
            )
        ]
        if endpoint.answersNotModified { responses.append(("304", response("NotModified"))) }
        responses += endpoint.otherResponses
        switch endpoint.shape {
        case .resource, .resourceText:
            responses.append(("308", response("PermanentRedirect")))
            responses.append(("404", response("NotFound")))
        case .collection, .asset, .other:
            // A well-formed id that names no record of the subject's kind: the errors list names the parameter.
            if endpoint.notFoundForParameters { responses.append(("404", response("NotFound"))) }
        }
        responses.append(("400", endpoint.badRequest ?? response("BadRequest")))
        if endpoint.representations != nil { responses.append(("406", response("NotAcceptable"))) }
        responses += [
            ("408", response("RequestTimeout")), ("413", response("ContentTooLarge")),
            ("414", response("URITooLong")), ("431", response("HeadersTooLarge")),
        ]
        if endpoint.mayBeUnavailable { responses.append(("503", response("ServiceUnavailable"))) }
        let name = endpoint.name.prefix(1).uppercased() + endpoint.name.dropFirst()
        let verb = endpoint.operation == .post ? "post" : "get"
        var members: [(String, JSONTree)] = [("operationId", .string("\(verb)\(name)")), ("summary", .string(endpoint.summary))]
        if let method = endpoint.method { members.append(("description", .string(method))) }
        if let rules = endpoint.parameterRules { members.append(("x-lattice-parameter-rules", rules)) }
        members += [("tags", [.string(endpoint.tag.rawValue)]), ("parameters", .array(parameters))]
        if endpoint.operation == .post {
            members.append(
                (
                    "requestBody",
                    [
                        "required": true,
                        "description": "One JSON-RPC 2.0 message, within the server's body limit (max_body_bytes).",
                        "content": ["application/json": ["schema": Schemas.ref("JSONRPCRequest")]],
                    ]
                ))
        }
        return .object(members + [("responses", .object(responses))])
    }

    private static func parameter(_ spec: ParameterSpec) -> JSONTree {
        let extra: [(String, JSONTree)] = spec.isList ? [("style", "form"), ("explode", false)] : []
        return JSONTree.object(
            [
                ("name", .string(spec.name)), ("in", "query"), ("required", .bool(spec.required)),
                ("description", .string(spec.description)), ("schema", schema(spec)),
            ] + extra)
    }

    /// The JSON Schema of one parameter's value (a list parameter's as an array): the
    /// OpenAPI document's, and the MCP tools' arguments'.
    static func schema(_ spec: ParameterSpec) -> JSONTree {
        switch spec.kind {
        case .enumList(let values):
            [
                "type": "array", "minItems": 1, "maxItems": .int(QueryParameters.maxListValues),
                "items": ["type": "string", "enum": .array(values.map { .string($0) })],
            ]
        case .idList:
            ["type": "array", "minItems": 1, "maxItems": .int(QueryParameters.maxListValues), "items": Schemas.slug]
        case .enumValue(let values, let defaultValue):
            ["type": "string", "enum": .array(values.map { .string($0) }), "default": .string(defaultValue)]
        case .id:
            Schemas.slug
        case .integer(let minimum, let maximum, let defaultValue):
            ["type": "integer", "minimum": .int(minimum), "maximum": .int(maximum), "default": .int(defaultValue)]
        case .text(let maxLength):
            // Blank text is accepted and is no constraint; the word limit is in the description.
            ["type": "string", "maxLength": .int(maxLength)]
        case .date:
            // A pattern cannot say which days a month has: 2025-02-30 matches it and is a 400.
            [
                "type": "string", "pattern": .string(Schemas.partialDatePattern),
                "description": "YYYY, YYYY-MM or YYYY-MM-DD, a day that exists in its month.",
            ]
        }
    }
}
