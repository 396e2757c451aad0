import Foundation
import Testing
@testable import LatticeAPI
import LatticeHTTP
import LatticeModel
import TestSupport

/// The JSON-RPC layer of POST /mcp under generated and mutated input, answered in process by
/// the API handler itself (the socket path is MCPEndpointTests'): whatever arrives, the
/// answer is one of the statuses the transport allows, and a refusal is a JSON-RPC error
/// with the code the rules give — checked against the package's JSON parser as oracle.
@Suite("MCP JSON-RPC parsing, generated and mutated input")
struct MCPParsingPropertyTests {
    static let handler: APIHandler = {
        let service = LatticeService(configuration: APIConfiguration())
        try! service.reload(from: shippedSeeds)
        return APIHandler(service: service)
    }()

    static let meta = #"{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}"#

    /// Valid messages of both eras, to mutate.
    static let seeds: [(body: String, headers: [(String, String)])] = [
        (#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{}}}"#, []),
        (#"{"jsonrpc":"2.0","id":"a","method":"tools/list"}"#, []),
        (#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#, []),
        (#"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"search","arguments":{"query":"nato","limit":3}}}"#, []),
        (
            #"{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"verify_quote","arguments":{"text":"peace"},"_meta":\#(meta)}}"#,
            [("MCP-Protocol-Version", "2026-07-28"), ("Mcp-Method", "tools/call"), ("Mcp-Name", "verify_quote")]
        ),
        (
            #"{"jsonrpc":"2.0","id":9,"method":"server/discover","params":{"_meta":\#(meta)}}"#,
            [("MCP-Protocol-Version", "2026-07-28"), ("Mcp-Method", "server/discover")]
        ),
    ]

    struct Answer {
        let status: Int
        let body: [UInt8]
        var json: JSONObject? {
            guard let node = try? JSONParser.parse(body, dialect: .message), case .object(let object) = node.value else { return nil }
            return object
        }
        var code: Int? {
            guard case .object(let error)? = json?["error"]?.value, case .number(let code, _)? = error["code"]?.value else { return nil }
            return Int(code)
        }
    }

    static func post(_ body: [UInt8], headers: [(String, String)] = []) throws -> Answer {
        let request = try HTTPRequest(method: .post, target: "/mcp", headers: HTTPHeaders([("Host", "x")] + headers), body: body)
        let response = handler.respond(to: request)
        guard case .bytes(let bytes) = response.body else { return Answer(status: response.status.code, body: []) }
        return Answer(status: response.status.code, body: bytes)
    }

    /// The refusal the rules give a body the parser refuses, or that is not one message.
    static func expectedRefusal(_ body: [UInt8]) -> Int? {
        guard let node = try? JSONParser.parse(body, dialect: .message) else { return MCPFailure.parseErrorCode }
        guard case .object(let object) = node.value else { return MCPFailure.invalidRequestCode }
        if let id = object["id"] {
            switch id.value {
            case .number(_, let isInteger) where isInteger: break
            case .string(let text) where text.utf8.count <= 256: break
            default: return MCPFailure.invalidRequestCode
            }
        }
        guard case .string("2.0")? = object["jsonrpc"]?.value else { return MCPFailure.invalidRequestCode }
        return nil
    }

    @Test(
        "numbers a Double cannot hold exactly are valid JSON: ignored where unread, refused by type where an integer is needed (ids: see the id test)"
    )
    func numbersBeyondDoubles() throws {
        let unread =
            #"{"jsonrpc":"2.0","id":3,"method":"tools/list","x":[-1003589441969440766459641856,1e400,-1e400],"params":{"y":123456789012345678901234567890}}"#
        let listed = try Self.post(Array(unread.utf8))
        #expect(listed.status == 200)
        #expect(listed.json?["result"] != nil, "\(String(decoding: listed.body, as: UTF8.self))")

        let bigLimit =
            #"{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"search","arguments":{"query":"nato","limit":12345678901234567890}}}"#
        let called = try Self.post(Array(bigLimit.utf8))
        let text = String(decoding: called.body, as: UTF8.self)
        #expect(text.contains("limit"), "\(text)")
        #expect(called.code != MCPFailure.parseErrorCode)

        // The seed dialect still refuses both, with their positions.
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array("[12345678901234567890]".utf8)) }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array("[1e400]".utf8)) }
    }

    @Test("mutated messages: never a crash, an allowed status, and invalid JSON is always -32700 with 400")
    func mutations() throws {
        var random = SplitMix64(seed: 0x4D43_5025)
        var refused = 0, answered = 0
        for round in 0..<4_000 {
            let seed = Self.seeds[round % Self.seeds.count]
            var bytes = Array(seed.body.utf8)
            for _ in 0...(random.next() % 4) {
                let position = Int(random.next() % UInt64(bytes.count + 1))
                switch random.next() % 5 {
                case 0 where position < bytes.count: bytes[position] = UInt8(truncatingIfNeeded: random.next())
                case 1: bytes.insert(Array(#"{}[]",:0-e"\#u{5C}"#.utf8)[Int(random.next() % 12)], at: position)
                case 2 where position < bytes.count: bytes.remove(at: position)
                case 3: bytes = Array(bytes.prefix(position))
                default: bytes.insert(contentsOf: Array(#","extra":{"x":[1,2,{"y":null}]}"#.utf8), at: min(position, bytes.count))
                }
            }
            let answer = try Self.post(bytes, headers: seed.headers)
            #expect(
                [200, 202, 400, 404].contains(answer.status), "round \(round): status \(answer.status) for \(String(decoding: bytes, as: UTF8.self))")
            if let expected = Self.expectedRefusal(bytes) {
                refused += 1
                #expect(
                    answer.status == 400 && answer.code == expected,
                    "round \(round): \(String(decoding: bytes, as: UTF8.self)) answered \(answer.status) \(String(decoding: answer.body.prefix(120), as: UTF8.self))"
                )
                if expected == MCPFailure.parseErrorCode { #expect(answer.json?["id"] == nil, "round \(round): a parse error has no id") }
            } else if answer.status == 200 {
                answered += 1
                #expect(answer.json?["result"] != nil || answer.code != nil, "round \(round): a 200 carries a result or an error")
            } else if answer.status == 202 {
                #expect(answer.body.isEmpty, "round \(round): 202 has no body")
            }
        }
        // Both sides of the oracle were exercised.
        #expect(refused > 500 && answered > 100)
    }

    @Test("ids of every JSON type: integers and short strings are echoed, every other type is -32600 without an id")
    func ids() throws {
        var random = SplitMix64(seed: 42)
        for _ in 0..<300 {
            let choice = random.next() % 8
            let integer = Int64(bitPattern: random.next()) % 9_007_199_254_740_991
            let (id, echoed): (String, String?) =
                switch choice {
                case 0, 1: ("\(integer)", "\(integer)")
                case 2: ("9007199254740991", "9007199254740991")
                case 3: (#""\#(String(repeating: "k", count: Int(random.next() % 300)))""#, nil)
                case 4: ("\(Double(integer) + 0.5)", nil)
                case 5: (["true", "false", "null"][Int(random.next() % 3)], nil)
                case 6: ("[1]", nil)
                default: (#"{"a":1}"#, nil)
                }
            let answer = try Self.post(Array(#"{"jsonrpc":"2.0","id":\#(id),"method":"ping"}"#.utf8))
            if let echoed {
                #expect(answer.status == 200 && String(decoding: answer.body, as: UTF8.self).contains(#""id":\#(echoed),"#), "id \(id)")
            } else if id.hasPrefix("\"") {
                // A string id: echoed up to 256 bytes, refused beyond.
                let length = id.utf8.count - 2
                #expect(length <= 256 ? answer.status == 200 : (answer.status == 400 && answer.code == -32600), "string id of \(length)")
            } else {
                #expect(answer.status == 400 && answer.code == -32600 && answer.json?["id"] == nil, "id \(id)")
            }
        }
        let huge = try Self.post(Array(#"{"jsonrpc":"2.0","id":123456789012345678901234567890,"method":"ping"}"#.utf8))
        #expect(
            huge.status == 400 && huge.code == -32600 && huge.json?["id"] == nil
                && String(decoding: huge.body, as: UTF8.self).contains("not an exact integer"),
            "an integer id beyond 2^53 cannot be echoed exactly: an Invalid Request without an id, never a rounded id")
    }

    @Test("nesting: within the parser's depth a message is served, past it a parse error that says so")
    func nesting() throws {
        for depth in [1, 10, 28, 29, 30, 31, 40, 1_000, 100_000] {
            let value = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            let body = #"{"jsonrpc":"2.0","id":1,"method":"ping","params":{"deep":\#(value)}}"#
            let answer = try Self.post(Array(body.utf8))
            // The message object and params are two levels: the array may go 30 deeper.
            if depth + 2 <= JSONParser.maximumDepth {
                #expect(answer.status == 200 && answer.json?["result"] != nil, "depth \(depth)")
            } else {
                #expect(
                    answer.status == 400 && answer.code == -32700 && String(decoding: answer.body, as: UTF8.self).contains("nested"), "depth \(depth)"
                )
            }
        }
    }

    @Test("huge strings and wrong types in tool arguments: a protocol or tool error, never a crash")
    func arguments() throws {
        let long = String(repeating: "nato ", count: 20_000)
        for (arguments, code, isError) in [
            (#"{"query":"\#(long)"}"#, nil as Int?, true),  // over the parameter's length: a tool error
            (#"{"query":["nato"]}"#, -32602, false),  // wrong JSON type: invalid params
            (#"{"query":"nato","limit":"5"}"#, -32602, false),
            (#"{"query":"nato","limit":5.5}"#, -32602, false),
            (#"{"query":"nato","limit":100000}"#, nil, true),  // out of the parameter's range: a tool error
            (#"{"query":"nato","types":["nation"]}"#, nil, true),
            (#"{"query":"nato","surprise":1}"#, -32602, false),
            (#"[]"#, -32602, false),
        ] {
            let body = #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"search","arguments":\#(arguments)}}"#
            let answer = try Self.post(Array(body.utf8))
            #expect(answer.status == 200, "\(arguments.prefix(60))")
            if let code {
                #expect(answer.code == code, "\(arguments.prefix(60))")
            } else {
                guard case .object(let result)? = answer.json?["result"]?.value else {
                    Issue.record("no result for \(arguments.prefix(60))"); continue
                }
                #expect({ if case .bool(isError)? = result["isError"]?.value { true } else { false } }(), "\(arguments.prefix(60))")
            }
        }
    }
}
