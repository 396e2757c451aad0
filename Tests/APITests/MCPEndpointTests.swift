import Foundation
import Testing
@testable import LatticeAPI
import LatticeHTTP
import LatticeModel
import TestSupport

/// POST /mcp over a real socket (libcurl): the transport rules of both eras, tools answering
/// as their REST endpoints do, structured content valid against each published output
/// schema, verify_quote's offsets in the original text, Origin, limits and metrics.
@Suite("MCP endpoint over HTTP")
struct MCPEndpointTests {
    static let server: APIClient = {
        var configuration = APIConfiguration()
        configuration.mcpOrigins = ["https://Allowed.Example"]
        var limits = ServerConfiguration()
        limits.limits.maxBodyBytes = 64 * 1024
        return try! APIClient(.live, configuration: configuration, server: limits)
    }()
    var api: APIClient { Self.server }
    var dataset: Dataset { api.service.dataset! }

    static let meta = #"{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}"#

    func post(_ body: String, headers: [String] = []) throws -> TestResponse {
        try CurlClient().request(api.url("/mcp"), method: "POST", headers: ["Content-Type: application/json"] + headers, body: Array(body.utf8))
    }

    /// A 2026-07-28 tools/call with its headers.
    func call(_ tool: String, _ arguments: String) throws -> [String: Any] {
        let body = #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"\#(tool)","arguments":\#(arguments),"_meta":\#(Self.meta)}}"#
        let response = try post(body, headers: ["MCP-Protocol-Version: 2026-07-28", "Mcp-Method: tools/call", "Mcp-Name: \(tool)"])
        #expect(response.status == 200, "\(tool): \(response.text.prefix(200)) for \(arguments.prefix(200))")
        let json = try #require(try response.json() as? [String: Any])
        return try #require(json["result"] as? [String: Any], "\(tool): \(response.text.prefix(200))")
    }

    func code(_ response: TestResponse) -> Int? {
        ((try? response.json() as? [String: Any])?["error"] as? [String: Any])?["code"] as? Int
    }

    @Test("bridged tools answer exactly what their REST endpoint answers")
    func bridged() throws {
        let speaker = dataset.statements[0].speaker.id
        for (tool, arguments, path) in [
            ("search", #"{"query":"korea","limit":7}"#, "/v1/search?q=korea&limit=7"),
            ("find_statements", #"{"speaker":["\#(speaker)"]}"#, "/v1/statements?speaker=\(speaker)"),
            ("find_relations", #"{"actor":["japan"],"as_of":"2024"}"#, "/v1/relations?actor=japan&as_of=2024"),
            ("ego_network", #"{"actor":"japan","depth":2}"#, "/v1/graph?focus=japan&depth=2"),
            ("cohesion", #"{"alliance":"quad"}"#, "/v1/analysis/cohesion?alliance=quad"),
            ("mixed_ties", #"{}"#, "/v1/analysis/mixed-ties"),
            ("get_alliance", #"{"id":"quadrilateral-security-dialogue","as_of":"2020"}"#, "/v1/alliances/quad?as_of=2020"),
        ] {
            let result = try call(tool, arguments)
            let structured = try #require(result["structuredContent"] as? [String: Any], "\(tool)")
            let rest = try api.json(path)
            #expect(NSDictionary(dictionary: structured["result"] as? [String: Any] ?? [:]).isEqual(to: rest), "\(tool) vs GET \(path)")
            #expect(structured["dataset_version"] as? String == dataset.version)
            #expect(result["isError"] as? Bool == false, "\(tool)")
        }
    }

    @Test("every tool's structured content validates against the output schema it publishes")
    func outputSchemas() throws {
        let statement = dataset.statements[0]
        let calls = [
            ("search", #"{"query":"nato"}"#), ("get_record", #"{"id":"seoul"}"#), ("find_statements", #"{"limit":3}"#),
            ("get_statement", #"{"id":"\#(statement.id)"}"#), ("verify_quote", #"{"text":"\#(statement.source.text)"}"#),
            ("find_relations", #"{"actor":["japan"],"other":["china"]}"#), ("get_alliance", #"{"id":"ap4"}"#),
            ("ego_network", #"{"actor":"japan"}"#), ("cohesion", #"{"actors":["japan","china"]}"#),
            ("alliance_positions", #"{"alliance":"asian-nato"}"#), ("mixed_ties", #"{"actors":["japan"]}"#),
            ("timeline", #"{"alliance":"quad"}"#), ("read_passage", #"{"document":"\#(statement.source.document)","start":0,"end":50}"#),
        ]
        #expect(Set(calls.map(\.0)) == Set(MCPToolCatalog.all.map(\.name)), "every tool is called")
        for (name, arguments) in calls {
            let tool = try #require(MCPToolCatalog.named(name))
            var json = JSONWriter()
            tool.outputSchema.write(to: &json)
            let schema = try JSONParser.parse(json.bytes)
            guard case .object(let members) = schema.value, let defs = members["$defs"] else { Issue.record("\(name): no $defs"); continue }
            let validator = SchemaValidator(
                openAPI: try JSONParser.parse(Array(#"{"components":{"schemas":"#.utf8) + rendered(defs) + Array("}}".utf8)))
            let result = try call(name, arguments)
            let structured = try JSONSerialization.data(withJSONObject: try #require(result["structuredContent"], "\(name)"))
            let errors = validator.validate(try JSONParser.parse([UInt8](structured)), against: schema)
            #expect(errors.isEmpty, "\(name): \(errors.prefix(3))")
        }
    }

    func rendered(_ node: JSONNode) -> [UInt8] {
        // The parsed $defs written back (the validator reads an OpenAPI-shaped document).
        let data = try! JSONSerialization.data(withJSONObject: toFoundation(node))
        return [UInt8](data)
    }

    func toFoundation(_ node: JSONNode) -> Any {
        switch node.value {
        case .null: NSNull()
        case .bool(let value): value
        case .number(let value, let isInteger): isInteger ? Int(value) as Any : value as Any
        case .string(let value): value
        case .array(let elements): elements.map(toFoundation)
        case .object(let object): Dictionary(uniqueKeysWithValues: object.members.map { ($0.key, toFoundation($0.value)) })
        }
    }

    @Test(
        "verify_quote: a statement's span is found verbatim at its offsets; a normalised claim at the same original offsets; a wrong speaker is a mismatch"
    )
    func verifyQuote() throws {
        let statement = try #require(dataset.statements.first { $0.source.text.count > 20 })
        let other = try #require(dataset.actors.first { $0.id != statement.speaker.id })
        func occurrences(_ result: [String: Any]) -> [[String: Any]] {
            ((result["structuredContent"] as? [String: Any])?["result"] as? [String: Any])?["occurrences"] as? [[String: Any]] ?? []
        }
        func verdict(_ result: [String: Any]) -> String? {
            ((result["structuredContent"] as? [String: Any])?["result"] as? [String: Any])?["verdict"] as? String
        }
        let exact = try call("verify_quote", #"{"text":\#(quoted(statement.source.text)),"speaker":"\#(statement.speaker.id)"}"#)
        #expect(verdict(exact) == "verbatim")
        #expect(occurrences(exact).contains { $0["start"] as? Int == statement.source.start && $0["end"] as? Int == statement.source.end })
        // Upper case, a run of spaces, curly quotes: found only normalised, at the original offsets.
        let claim = statement.source.text.uppercased().replacingOccurrences(of: " ", with: "  \n")
            .replacingOccurrences(of: "'", with: "’").replacingOccurrences(of: "\"", with: "“")
        let normalised = try call("verify_quote", #"{"text":\#(quoted(claim))}"#)
        #expect(verdict(normalised) == "normalized")
        #expect(occurrences(normalised).contains { $0["start"] as? Int == statement.source.start && $0["text"] as? String == statement.source.text })
        let wrong = try call(
            "verify_quote", #"{"text":\#(quoted(statement.source.text)),"speaker":"\#(other.id)","document":"\#(statement.source.document)"}"#)
        let check = ((wrong["structuredContent"] as? [String: Any])?["result"] as? [String: Any])?["speaker_check"] as? String
        #expect(check == "differs")
        #expect(occurrences(wrong).contains { ($0["speaker_mismatch"] as? [String: Any])?["claimed"] as? String == other.id })
        let text = ((wrong["content"] as? [[String: Any]])?.first?["text"] as? String) ?? ""
        #expect(text.contains("SPEAKER MISMATCH") && text.contains("“\(statement.source.text)”"))
        // Inside a longer word is no occurrence: the claim's last letter is followed by a letter.
        let word = try #require(dataset.documents[0].text.split(separator: " ").first { $0.count > 8 && $0.allSatisfy(\.isLetter) })
        let inside = try call("verify_quote", #"{"text":"\#(String(word).dropLast(2))","document":"\#(dataset.documents[0].id)"}"#)
        #expect(!occurrences(inside).contains(where: isLetterAfter), "no occurrence of \(String(word).dropLast(2)) ends inside a word")
    }

    func isLetterAfter(_ occurrence: [String: Any]) -> Bool {
        let scalars = Array(dataset.documents[0].text.unicodeScalars)
        guard let end = occurrence["end"] as? Int, end < scalars.count else { return false }
        return scalars[end].properties.isAlphabetic
    }

    func quoted(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast().description
    }

    @Test("any valid JSON is a message: \\u0000 in a string is no parse error here, though seed files refuse it")
    func nulInAString() throws {
        let response = try post(#"{"jsonrpc":"2.0","id":1,"method":"ping","x":"a\u0000b"}"#, headers: ["MCP-Protocol-Version: 2025-06-18"])
        #expect(response.status == 200, "\(response.text)")
        #expect(code(response) == nil)
        let named = try post(#"{"jsonrpc":"2.0","id":2,"method":"pi\u0000ng"}"#, headers: ["MCP-Protocol-Version: 2025-06-18"])
        #expect(code(named) == -32601, "\(named.text)")
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(#"["\u0000"]"#.utf8)) }
    }

    @Test("transport: GET and DELETE 405, notifications 202, Origin allow-list, body limit, metrics")
    func transport() throws {
        for method in ["GET", "DELETE", "HEAD"] {
            let response = try api.get("/mcp", method: method)
            #expect(response.status == 405 && response.header("Allow") == "POST, OPTIONS", "\(method)")
        }
        let note = try post(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        #expect(note.status == 202 && note.body.isEmpty)
        let ping = #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#
        #expect(try post(ping, headers: ["Origin: http://evil.example"]).status == 403)
        #expect(try post(ping, headers: ["Origin: https://allowed.example"]).status == 200, "origins compare case-insensitively")
        #expect(try post(ping).status == 200, "no Origin is served")
        let big = #"{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":"\#(String(repeating: "a", count: 70_000))"}}"#
        #expect(try post(big).status == 413)
        let metrics = try api.get("/metrics").text
        #expect(metrics.contains(#"lattice_http_requests_total{route="/mcp",method="POST",status="200"}"#))
        #expect(metrics.contains(#"lattice_http_requests_total{route="/mcp",method="POST",status="403"}"#))
    }

    @Test("eras: headers must match _meta in 2026-07-28; the handshake era negotiates and needs no headers")
    func eras() throws {
        let list = #"{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":\#(Self.meta)}}"#
        #expect(code(try post(list)) == -32020, "no MCP-Protocol-Version")
        #expect(code(try post(list, headers: ["MCP-Protocol-Version: 2026-07-28"])) == -32020, "no Mcp-Method")
        let ok = try post(list, headers: ["MCP-Protocol-Version: 2026-07-28", "Mcp-Method: tools/list"])
        #expect(ok.status == 200 && ok.text.contains(#""resultType":"complete""#) && ok.text.contains(#""cacheScope":"public""#))
        let unknown = try post(
            #"{"jsonrpc":"2.0","id":1,"method":"nope","params":{"_meta":\#(Self.meta)}}"#,
            headers: ["MCP-Protocol-Version: 2026-07-28", "Mcp-Method: nope"])
        #expect(unknown.status == 404 && code(unknown) == -32601)
        let legacyUnknown = try post(#"{"jsonrpc":"2.0","id":1,"method":"nope"}"#)
        #expect(legacyUnknown.status == 200 && code(legacyUnknown) == -32601)
        for (asked, given) in [
            ("2025-03-26", "2025-03-26"), ("2025-11-25", "2025-11-25"), ("2026-07-28", "2025-11-25"), ("1999-01-01", "2025-11-25"),
        ] {
            let response = try post(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"\#(asked)","capabilities":{}}}"#)
            #expect(response.text.contains(#""protocolVersion":"\#(given)""#) && response.header("Mcp-Session-Id") == nil, "\(asked)")
        }
        let unsupported = try post(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#, headers: ["MCP-Protocol-Version: 2099-01-01"])
        #expect(unsupported.status == 400 && code(unsupported) == -32022)
    }

    @Test("the OpenAPI document has /mcp as one POST operation, and its answers match the documented schemas")
    func openAPI() throws {
        let document = try JSONParser.parse(try api.get("/openapi.json").body)
        guard case .object(let root) = document.value, case .object(let paths)? = root["paths"]?.value,
            case .object(let item)? = paths["/mcp"]?.value, case .object(let operation)? = item["post"]?.value,
            case .object(let responses)? = operation["responses"]?.value
        else {
            Issue.record("no POST /mcp in /openapi.json"); return
        }
        #expect(item.members.map(\.key) == ["post"])
        let validator = SchemaValidator(openAPI: document)
        for (body, status) in [
            (#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#, "200"), ("{", "400"), (#"{"jsonrpc":"2.0","id":2,"method":"x"}"#, "200"),
        ] {
            let response = try post(body)
            #expect(String(response.status) == status)
            guard case .object(let documented)? = responses[status]?.value, case .object(let content)? = documented["content"]?.value,
                case .object(let media)? = content["application/json"]?.value, let schema = media["schema"]
            else {
                Issue.record("\(status) has no application/json schema"); continue
            }
            #expect(validator.validate(try JSONParser.parse(response.body), against: schema).isEmpty, "\(body)")
        }
    }
}
