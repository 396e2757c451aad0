import Foundation
@testable import LatticeAPI
import LatticeModel
import Testing
import TestSupport

/// `/openapi.json` must describe exactly this server: every route, and every real response.
@Suite("OpenAPI document")
struct OpenAPITests {
    let api = APIClient.shared(.live)

    func document() throws -> JSONNode {
        try JSONParser.parse(try api.get("/openapi.json").body)
    }

    func paths(_ document: JSONNode) -> JSONObject {
        guard case .object(let root) = document.value, case .object(let paths)? = root["paths"]?.value else {
            return JSONObject(members: [])
        }
        return paths
    }

    /// A concrete request path for each endpoint (ids filled in, required parameters given).
    static func sample(_ endpoint: Endpoint) -> String {
        switch endpoint {
        case .actor: "/v1/actors/japan"
        case .alliance: "/v1/alliances/quad"
        case .statement: "/v1/statements/lin-rather-share-intelligence"
        case .relation: "/v1/relations/russia-ukraine-war"
        case .document: "/v1/documents/ecci-unlikelihood-of-an-asian-nato"
        case .documentText: "/v1/documents/ecci-unlikelihood-of-an-asian-nato/text"
        case .search: "/v1/search?q=nato"
        case .explorer: "/explorer/index.html"
        case .cohesion: "/v1/analysis/cohesion?alliance=ap4"
        case .positions: "/v1/analysis/positions?alliance=asian-nato"
        default: endpoint.template
        }
    }

    @Test("the document is OpenAPI 3.1 and lists every route the router knows, and only those")
    func routes() throws {
        let document = try document()
        guard case .object(let root) = document.value else { Issue.record("not an object"); return }
        #expect({ if case .string("3.1.0")? = root["openapi"]?.value { true } else { false } }())
        let documented = Set(paths(document).members.map(\.key))
        let known = Set(Endpoint.allCases.map(\.template))
        #expect(documented == known)
        for endpoint in Endpoint.allCases {
            #expect(Router.match(Self.sample(endpoint).split(separator: "?")[0].description)?.endpoint == endpoint)
            let response = try api.get(Self.sample(endpoint))
            #expect(response.status != 404, "\(endpoint.template) is routed")
            guard case .object(let item)? = paths(document)[endpoint.template]?.value else { continue }
            #expect(Set(item.members.map(\.key)) == [endpoint.operation == .post ? "post" : "get"], "HEAD and OPTIONS are said once, not per path")
        }
        #expect(Router.match("/v1/unknown") == nil)
    }

    @Test("every documented query parameter is accepted, and its bounds are the server's")
    func parameters() throws {
        let document = try document()
        for endpoint in Endpoint.allCases {
            guard case .object(let item)? = paths(document)[endpoint.template]?.value,
                case .object(let get)? = item["get"]?.value, case .array(let parameters)? = get["parameters"]?.value
            else { continue }
            let documented = parameters.compactMap { node -> String? in
                guard case .object(let p) = node.value, case .string(let name)? = p["name"]?.value,
                    case .string("query")? = p["in"]?.value
                else { return nil }
                return name
            }
            #expect(documented == endpoint.parameters.map(\.name), "\(endpoint.template)")
        }
    }

    /// Fetches `path` and validates the body against the documented schema for its status.
    func check(
        _ path: String, _ endpoint: Endpoint, validator: SchemaValidator, document: JSONNode,
        headers: [String] = []
    ) throws -> Int {
        let response = try api.get(path, headers: headers)
        guard case .object(let item)? = paths(document)[endpoint.template]?.value,
            case .object(let get)? = item["get"]?.value, case .object(let responses)? = get["responses"]?.value
        else {
            Issue.record("\(endpoint.template) has no GET responses")
            return response.status
        }
        guard let documented = responses[String(response.status)] else {
            Issue.record("\(path) answered \(response.status), which the document does not list")
            return response.status
        }
        var declared = documented
        if case .object(let object) = documented.value, case .string(let ref)? = object["$ref"]?.value {
            let name = String(ref.split(separator: "/").last!)
            guard case .object(let root) = document.value, case .object(let components)? = root["components"]?.value,
                case .object(let shared)? = components["responses"]?.value, let resolved = shared[name]
            else {
                Issue.record("unresolved \(ref)")
                return response.status
            }
            declared = resolved
        }
        guard case .object(let responseObject) = declared.value, case .object(let content)? = responseObject["content"]?.value else {
            #expect(response.body.isEmpty || response.status == 308, "\(path): a body the document does not describe")
            return response.status
        }
        let mediaType = (response.header("Content-Type") ?? "").split(separator: ";")[0].description
        guard case .object(let media)? = content[mediaType]?.value, let schema = media["schema"] else {
            Issue.record("\(path): Content-Type \(mediaType) is not documented for \(response.status)")
            return response.status
        }
        if mediaType == "application/json" || mediaType.hasSuffix("+json") {
            let body = try JSONParser.parse(response.body)
            let errors = validator.validate(body, against: schema)
            #expect(errors.isEmpty, "\(path): \(errors.prefix(5))")
        }
        return response.status
    }

    @Test("real responses of every endpoint validate against the documented schemas")
    func responsesMatchSchemas() throws {
        let document = try document()
        let validator = SchemaValidator(openAPI: document)
        var checked = 0
        // POST /mcp's answers are validated against the document by MCPEndpointTests.
        for endpoint in Endpoint.allCases where endpoint.operation == .get {
            _ = try check(Self.sample(endpoint), endpoint, validator: validator, document: document)
            checked += 1
        }
        // Every item of every collection, and filtered variants.
        let variants: [(String, Endpoint)] = [
            ("/v1/actors?limit=500", .actors), ("/v1/alliances?limit=500", .alliances), ("/v1/statements?limit=500", .statements),
            ("/v1/relations?limit=500", .relations), ("/v1/documents", .documents), ("/v1/search?q=a&limit=500", .search),
            ("/v1/graph?focus=japan&depth=2", .graph), ("/v1/actors?format=csv", .actors),
            ("/v1/search?q=japan&type=actor,statement", .search),
            ("/v1/analysis/cohesion?alliance=quad", .cohesion), ("/v1/analysis/cohesion?actors=japan,china,united-states,india", .cohesion),
            ("/v1/analysis/cohesion?alliance=ap4&format=csv", .cohesion), ("/v1/analysis/mixed-ties?actors=japan", .mixedTies),
            ("/v1/analysis/cohesion?actors=japan,atlantis", .cohesion), ("/v1/analysis/positions", .positions),
        ]
        for (path, endpoint) in variants { _ = try check(path, endpoint, validator: validator, document: document) }
        // Every single record.
        let dataset = try #require(api.service.dataset)
        for actor in dataset.actors { _ = try check("/v1/actors/\(actor.id)", .actor, validator: validator, document: document) }
        for alliance in dataset.alliances { _ = try check("/v1/alliances/\(alliance.id)", .alliance, validator: validator, document: document) }
        for statement in dataset.statements { _ = try check("/v1/statements/\(statement.id)", .statement, validator: validator, document: document) }
        for relation in dataset.relations { _ = try check("/v1/relations/\(relation.id)", .relation, validator: validator, document: document) }
        for alliance in dataset.alliances {
            _ = try check("/v1/analysis/positions?alliance=\(alliance.id)", .positions, validator: validator, document: document)
        }
        // Errors and other statuses are documented too.
        #expect(try check("/v1/actors/atlantis", .actor, validator: validator, document: document) == 404)
        #expect(try check("/v1/actors/seoul", .actor, validator: validator, document: document) == 308)
        #expect(try check("/v1/actors?kind=bad", .actors, validator: validator, document: document) == 400)
        #expect(try check("/v1/search", .search, validator: validator, document: document) == 400)
        let etag = try api.get("/v1/actors/japan").header("ETag")!
        #expect(try check("/v1/actors/japan", .actor, validator: validator, document: document, headers: ["If-None-Match: \(etag)"]) == 304)
        #expect(checked == Endpoint.allCases.filter { $0.operation == .get }.count)
    }

    /// Every schema in the document, with its JSON path.
    func schemas(in node: JSONNode, path: String = "$", into found: inout [(String, JSONObject)]) {
        switch node.value {
        case .object(let object):
            found.append((path, object))
            for member in object.members { schemas(in: member.value, path: "\(path).\(member.key)", into: &found) }
        case .array(let array):
            for (index, element) in array.enumerated() { schemas(in: element, path: "\(path)[\(index)]", into: &found) }
        default: break
        }
    }

    /// A value as text, to compare two parts of the document (positions aside).
    func canonical(_ node: JSONNode?) -> String {
        guard let node else { return "absent" }
        switch node.value {
        case .null: return "null"
        case .bool(let flag): return String(flag)
        case .number(let number, _): return String(number)
        case .string(let text): return "\"\(text)\""
        case .array(let array): return "[" + array.map { canonical($0) }.joined(separator: ",") + "]"
        case .object(let object): return "{" + object.members.map { "\($0.key):\(canonical($0.value))" }.joined(separator: ",") + "}"
        }
    }

    func types(_ schema: JSONNode?) -> [String] {
        guard let schema, case .object(let object) = schema.value, let type = object["type"] else { return [] }
        switch type.value {
        case .string(let one): return [one]
        case .array(let many): return many.compactMap { if case .string(let t) = $0.value { t } else { nil } }
        default: return []
        }
    }

    /// The schema at a path of property names and "[]" (array items) from a component.
    func schema(_ validator: SchemaValidator, _ component: String, _ path: [String]) -> JSONNode? {
        var node = validator.schema(named: component)
        for step in path {
            guard case .object(let object)? = node?.value else { return nil }
            if step == "[]" { node = object["items"]; continue }
            guard case .object(let properties)? = object["properties"]?.value else { return nil }
            node = properties[step]
        }
        return node
    }

    @Test("nullable values are type arrays with null, never oneOf or anyOf with a null branch")
    func nullableSpelling() throws {
        let document = try document()
        var all: [(String, JSONObject)] = []
        schemas(in: document, into: &all)
        for (path, object) in all {
            for keyword in ["oneOf", "anyOf"] {
                guard case .array(let branches)? = object[keyword]?.value else { continue }
                #expect(!branches.contains { types($0) == ["null"] }, "\(path).\(keyword) has a null branch")
            }
        }
        let validator = SchemaValidator(openAPI: document)
        // The nullable objects and enumerations of the issue that broke generated Swift clients.
        let nullableObjects: [(String, [String])] = [
            ("Actor", ["codes"]), ("Alliance", ["positions", "[]", "statement"]), ("Statement", ["stance"]),
        ]
        for (component, path) in nullableObjects {
            let node = schema(validator, component, path)
            #expect(types(node) == ["object", "null"], "\(component).\(path.joined(separator: "."))")
            guard case .object(let object)? = node?.value else { continue }
            #expect(object["$ref"] == nil && object["properties"] != nil, "spelled out, since a $ref cannot be nullable")
        }
        // The nullable statement reference is the Reference component, field for field.
        let statement = try #require(schema(validator, "Alliance", ["positions", "[]", "statement"]))
        let reference = try #require(validator.schema(named: "Reference"))
        guard case .object(let nullableReference) = statement.value, case .object(let plainReference) = reference.value else {
            Issue.record("not objects"); return
        }
        #expect(canonical(nullableReference["properties"]) == canonical(plainReference["properties"]))
        #expect(canonical(nullableReference["required"]) == canonical(plainReference["required"]))
        let role = try #require(schema(validator, "Graph", ["edges", "[]", "role"]))
        #expect(types(role) == ["string", "null"])
        guard case .object(let roleObject) = role.value, case .array(let values)? = roleObject["enum"]?.value else {
            Issue.record("role has no enum"); return
        }
        #expect(values.contains { if case .null = $0.value { true } else { false } }, "null is one of the enum's values")
        #expect(values.count == MemberRole.allCases.count + 1)
    }

    @Test("a nullable schema admits null and its type, and nothing else")
    func nullableValidation() throws {
        let validator = SchemaValidator(openAPI: try document())
        func check(_ json: String, _ component: String, _ path: [String]) throws -> [String] {
            validator.validate(try JSONParser.parse(Array(json.utf8)), against: try #require(schema(validator, component, path)))
        }
        #expect(try check("null", "Actor", ["codes"]).isEmpty)
        #expect(try check(#"{"iso3166_alpha2":"JP","iso3166_alpha3":"JPN"}"#, "Actor", ["codes"]).isEmpty)
        #expect(!(try check(#""JP""#, "Actor", ["codes"])).isEmpty)
        #expect(!(try check(#"{"iso3166_alpha2":"JP"}"#, "Actor", ["codes"])).isEmpty)
        #expect(try check("null", "Alliance", ["positions", "[]", "statement"]).isEmpty)
        #expect(
            try check(
                #"{"id":"ishiba-asian-nato","name":"x","kind":"statement","href":"/v1/statements/ishiba-asian-nato"}"#,
                "Alliance", ["positions", "[]", "statement"]
            ).isEmpty)
        #expect(!(try check(#"{"id":"x"}"#, "Alliance", ["positions", "[]", "statement"])).isEmpty)
        #expect(try check("null", "Graph", ["edges", "[]", "role"]).isEmpty)
        #expect(try check(#""member""#, "Graph", ["edges", "[]", "role"]).isEmpty)
        #expect(!(try check(#""boss""#, "Graph", ["edges", "[]", "role"])).isEmpty)
        #expect(!(try check("1", "Statement", ["stance"])).isEmpty)
    }

    @Test("HEAD and OPTIONS are said once for every path, and every path answers them")
    func implicitMethods() throws {
        let document = try document()
        guard case .object(let root) = document.value, case .object(let info)? = root["info"]?.value,
            case .string(let description)? = info["description"]?.value,
            case .object(let implicit)? = root["x-lattice-implicit-methods"]?.value
        else {
            Issue.record("no info.description or x-lattice-implicit-methods"); return
        }
        #expect(description.contains("HEAD") && description.contains("OPTIONS"))
        #expect(Set(implicit.members.map(\.key)) == ["head", "options"])
        for endpoint in Endpoint.allCases {
            let path = Self.sample(endpoint)
            guard endpoint.operation == .get else {
                // POST /mcp answers OPTIONS with its own Allow; HEAD, as GET, is a 405.
                let options = try api.get(path, method: "OPTIONS")
                #expect(options.status == 204 && options.header("Allow") == "POST, OPTIONS", "OPTIONS \(path)")
                #expect(try api.get(path, method: "HEAD").status == 405, "HEAD \(path)")
                continue
            }
            let get = try api.get(path)
            let head = try api.get(path, method: "HEAD")
            #expect(head.status == get.status && head.body.isEmpty, "HEAD \(path)")
            if endpoint != .metrics {  // the metrics change with every request
                #expect(head.header("ETag") == get.header("ETag"), "HEAD \(path)")
            }
            let options = try api.get(path, method: "OPTIONS")
            #expect(options.status == 204, "OPTIONS \(path)")
            #expect(options.header("Allow")?.contains("HEAD") == true, "OPTIONS \(path)")
        }
    }

    @Test("problem documents validate against the Problem schema")
    func problems() throws {
        let document = try document()
        let validator = SchemaValidator(openAPI: document)
        let schema = try #require(validator.schema(named: "Problem"))
        for path in ["/v1/actors/atlantis", "/v1/actors?limit=0&x=1", "/nowhere"] {
            let errors = validator.validate(try JSONParser.parse(try api.get(path).body), against: schema)
            #expect(errors.isEmpty, "\(path): \(errors)")
        }
        let notAllowed = try api.get("/v1/actors", method: "DELETE")
        #expect(validator.validate(try JSONParser.parse(notAllowed.body), against: schema).isEmpty)
    }
}
