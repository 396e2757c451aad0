import CZlib
import Foundation
import LatticeAPI
import LatticeHTTP
import Testing
import TestSupport

/// Caching, conditional requests, CORS, CSV, gzip, HEAD, request ids and the error format.
@Suite("HTTP semantics of the API")
struct HTTPSemanticsTests {
    let api = APIClient.shared(.live)

    static let dataPaths = [
        "/v1", "/v1/actors", "/v1/actors/japan", "/v1/alliances", "/v1/alliances/quad", "/v1/statements",
        "/v1/statements/ishiba-asian-nato", "/v1/relations", "/v1/relations/russia-ukraine-war", "/v1/documents",
        "/v1/documents/ecci-unlikelihood-of-an-asian-nato", "/v1/documents/ecci-unlikelihood-of-an-asian-nato/text",
        "/v1/search?q=quad", "/v1/graph", "/v1/graph?focus=japan", "/v1/export", "/openapi.json",
    ]

    @Test("every 200 has a strong ETag; If-None-Match gives 304 with no body", arguments: dataPaths)
    func conditional(path: String) throws {
        let first = try api.get(path)
        #expect(first.status == 200)
        let etag = try #require(first.header("ETag"))
        #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && !etag.hasPrefix("W/"))
        #expect(first.header("Cache-Control") == "public, max-age=60")
        let again = try api.get(path)
        #expect(again.body == first.body, "identical requests get identical bytes")
        #expect(again.header("ETag") == etag)
        let cached = try api.get(path, headers: ["If-None-Match: \(etag)"])
        #expect(cached.status == 304)
        #expect(cached.body.isEmpty)
        #expect(cached.header("ETag") == etag)
        #expect(cached.header("Cache-Control") == "public, max-age=60")
        #expect(try api.get(path, headers: ["If-None-Match: \"other\", W/\(etag)"]).status == 304, "weak comparison")
        #expect(try api.get(path, headers: ["If-None-Match: *"]).status == 304)
        #expect(try api.get(path, headers: ["If-None-Match: \"stale\""]).status == 200)
    }

    @Test("collection ETags differ by query and follow the dataset version")
    func collectionETags() throws {
        let a = try api.get("/v1/actors?kind=state").header("ETag")
        let b = try api.get("/v1/actors?kind=person").header("ETag")
        let version = try api.json("/v1")["dataset_version"] as? String
        #expect(a != b)
        #expect(a?.hasPrefix("\"\(version ?? "")-") == true)
    }

    @Test("HEAD has GET's status and headers and no body", arguments: dataPaths + ["/v1/actors/nowhere", "/healthz", "/readyz"])
    func head(path: String) throws {
        let get = try api.get(path)
        let head = try api.get(path, method: "HEAD")
        #expect(head.status == get.status)
        #expect(head.body.isEmpty)
        for name in ["Content-Type", "ETag", "Cache-Control", "Content-Length", "Transfer-Encoding", "Link", "Vary"] {
            #expect(head.header(name) == get.header(name), "\(name) on \(path)")
        }
    }

    @Test("gzip round trip for large responses, with Vary and a distinct ETag")
    func gzip() throws {
        for path in ["/v1/actors", "/v1/alliances/quad", "/openapi.json", "/v1/documents/ecci-unlikelihood-of-an-asian-nato/text"] {
            let plain = try api.get(path)
            let compressed = try api.get(path, headers: ["Accept-Encoding: gzip"])
            #expect(compressed.header("Content-Encoding") == "gzip", "\(path)")
            #expect(compressed.header("Vary")?.contains("Accept-Encoding") == true)
            #expect(compressed.body.count < plain.body.count)
            #expect(inflate(compressed.body) == plain.body, "\(path)")
            #expect(compressed.header("ETag") != plain.header("ETag"))
            let etag = try #require(compressed.header("ETag"))
            #expect(try api.get(path, headers: ["Accept-Encoding: gzip", "If-None-Match: \(etag)"]).status == 304)
        }
        let small = try api.get("/healthz", headers: ["Accept-Encoding: gzip"])
        #expect(small.header("Content-Encoding") == nil, "tiny bodies are not worth compressing")
        let refused = try api.get("/v1/actors", headers: ["Accept-Encoding: gzip;q=0, identity"])
        #expect(refused.header("Content-Encoding") == nil)
    }

    @Test("CORS: allow-origin and exposed headers on every response; preflight is 204")
    func cors() throws {
        for path in ["/v1/actors", "/v1/actors/nowhere", "/healthz"] {
            let response = try api.get(path, headers: ["Origin: https://dashboard.example"])
            #expect(response.header("Access-Control-Allow-Origin") == "*")
            #expect(response.header("Access-Control-Expose-Headers") == "ETag, Link, X-Request-Id")
        }
        let preflight = try api.get(
            "/v1/actors?kind=state", method: "OPTIONS",
            headers: [
                "Origin: https://dashboard.example", "Access-Control-Request-Method: GET",
                "Access-Control-Request-Headers: If-None-Match, X-Request-Id",
            ])
        #expect(preflight.status == 204)
        #expect(preflight.body.isEmpty)
        #expect(preflight.header("Access-Control-Allow-Methods") == "GET, HEAD, OPTIONS")
        #expect(preflight.header("Access-Control-Allow-Headers")?.contains("If-None-Match") == true)
        #expect(preflight.header("Access-Control-Allow-Headers")?.contains("X-Request-Id") == true)
        #expect(preflight.header("Access-Control-Max-Age") == "86400")
        #expect(preflight.header("Access-Control-Allow-Origin") == "*")
        let plain = try api.get("/v1", method: "OPTIONS")
        #expect(plain.status == 204)
        #expect(plain.header("Allow") == "GET, HEAD, OPTIONS")
        #expect(try api.get("/nowhere", method: "OPTIONS").status == 404)
    }

    @Test("configured CORS origins are echoed only for listed origins")
    func corsList() throws {
        var configuration = APIConfiguration()
        configuration.corsOrigins = ["https://dash.example"]
        configuration.cacheMaxAge = 5
        let server = try APIClient(.live, configuration: configuration)
        let allowed = try server.get("/v1", headers: ["Origin: https://dash.example"])
        #expect(allowed.header("Access-Control-Allow-Origin") == "https://dash.example")
        #expect(allowed.headerValues("Vary").contains("Origin"))
        #expect(allowed.header("Cache-Control") == "public, max-age=5")
        let other = try server.get("/v1", headers: ["Origin: https://evil.example"])
        #expect(other.header("Access-Control-Allow-Origin") == nil)
    }

    @Test("wrong methods get 405 with Allow, as a problem")
    func methodNotAllowed() throws {
        for method in ["POST", "PUT", "DELETE", "PATCH", "QUERY", "BREW"] {
            let response = try api.get("/v1/actors", method: method)
            #expect(response.status == 405)
            #expect(response.header("Allow") == "GET, HEAD, OPTIONS")
            let problem = try #require(try response.json() as? [String: Any])
            #expect(problem["status"] as? Int == 405)
        }
        let huge = try api.get("/v1/actors", method: String(repeating: "M", count: 7_000))
        #expect(huge.status == 405)
        #expect(huge.body.count < 600, "the method is echoed cut, not whole: \(huge.body.count) bytes")
    }

    @Test("X-Request-Id: echoed when sane, generated otherwise, unique")
    func requestID() throws {
        #expect(try api.get("/healthz", headers: ["X-Request-Id: trace-42.a_b:c"]).header("X-Request-Id") == "trace-42.a_b:c")
        let insane = try api.get("/healthz", headers: ["X-Request-Id: has spaces and <tags>"]).header("X-Request-Id")
        #expect(insane != nil && insane != "has spaces and <tags>")
        let a = try api.get("/healthz").header("X-Request-Id"), b = try api.get("/healthz").header("X-Request-Id")
        #expect(a != nil && a != b)
        #expect(try api.get("/nowhere").header("X-Request-Id") != nil)
    }

    @Test("CSV by Accept or format=csv, with references as ids and lists joined by ;")
    func csv() throws {
        let byParameter = try api.get("/v1/alliances?format=csv&member=india")
        #expect(byParameter.header("Content-Type") == "text/csv; charset=utf-8; header=present")
        let lines = byParameter.text.components(separatedBy: "\r\n")
        #expect(lines[0] == "id,name,short_name,aliases,kind,status,obligations,members,excluded,initiated_by,positions,since,until,sources,summary")
        #expect(
            lines[1].hasPrefix(
                "quad,Quadrilateral Security Dialogue,Quad,,security_dialogue,active,consultation,australia:member;india:member;japan:member;united-states:member,,joe-biden,,"
            ))
        let byAccept = try api.get("/v1/alliances?member=india", headers: ["Accept: text/csv"])
        #expect(byAccept.body == byParameter.body)
        #expect(byAccept.header("Vary") == "Accept, Accept-Encoding")
        #expect(byAccept.header("ETag") != (try api.get("/v1/alliances?member=india").header("ETag")))
        // A statement with commas in its text is quoted.
        let statements = try api.get("/v1/statements?speaker=rahm-emanuel&format=csv")
        #expect(
            statements.text.contains(
                "\"Over the past three years, the U.S. and its allies in the region have strengthened their partnerships and transformed the security landscape, isolating China\""
            ))
        #expect(try api.get("/v1/search?q=quad&format=csv").text.hasPrefix("type,id,name,snippet,score,href\r\n"))
    }

    @Test("CSV quotes commas, double quotes and line breaks (RFC 4180)")
    func csvQuoting() throws {
        let fixture = try CSVFixture()
        defer { fixture.remove() }
        let server = try APIClient(.live, seeds: fixture.path)
        let text = try server.get("/v1/actors?format=csv").text
        let rows = parseCSV(text)
        #expect(rows.count == 2)
        let row = try #require(rows.last)
        let header = try #require(rows.first)
        let summary = try #require(header.firstIndex(of: "summary"))
        #expect(row[summary] == "Says \"hello, world\",\nthen leaves.")
        #expect(row[header.firstIndex(of: "name")!] == "Comma, Quote \"Q\"")
        #expect(text.contains("\"Says \"\"hello, world\"\",\nthen leaves.\""))
    }

    @Test(
        "the HTTP layer's own errors are problem+json too",
        arguments: [
            ("GET / HTTP/1.1\r\n\r\n", 400),
            ("GET /v1 HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
            ("POST /v1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n", 413),
            ("GET /\(String(repeating: "a", count: 9000)) HTTP/1.1\r\nHost: x\r\n\r\n", 414),
            ("GET / HTTP/1.1\r\nHost: x\r\nX: \(String(repeating: "b", count: 17000))\r\n\r\n", 431),
            ("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: br\r\n\r\n", 501),
            ("GET / HTTP/3.0\r\nHost: x\r\n\r\n", 505),
        ])
    func httpLayerErrors(raw: String, status: Int) throws {
        let client = try RawClient(port: api.server.port)
        client.send(raw)
        let response = try client.readResponse()
        #expect(response.status == status)
        #expect(response.header("Content-Type") == "application/problem+json; charset=utf-8")
        #expect(response.header("Connection") == "close")
        #expect(response.header("X-Request-Id") != nil)
        #expect(response.header("Access-Control-Allow-Origin") == "*")
        let problem = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        #expect(problem["status"] as? Int == status)
        #expect((problem["type"] as? String)?.hasPrefix("urn:lattice:problem:") == true)
        #expect((problem["detail"] as? String)?.isEmpty == false)
    }

    @Test("408 for a request that stalls is problem+json")
    func timeout() throws {
        var configuration = ServerConfiguration()
        configuration.headerTimeout = .milliseconds(200)
        let server = try APIClient(.live, server: configuration)
        let client = try RawClient(port: server.server.port)
        client.send("GET /v1 HTTP/1.1\r\nHost: x\r\n")
        let response = try client.readResponse()
        #expect(response.status == 408)
        #expect(response.header("Content-Type") == "application/problem+json; charset=utf-8")
    }

    @Test("an error while a body is read names the request's path as the problem's instance")
    func errorInstance() throws {
        var configuration = ServerConfiguration()
        configuration.bodyTimeout = .milliseconds(200)
        let server = try APIClient(.live, server: configuration)
        let client = try RawClient(port: server.server.port)
        client.send("POST /v1/actors HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab")
        // The API takes no bodies: the body is discarded as it comes, and its timeout is the
        // request's one response (a 405 before it would make the 408 a second one).
        let response = try client.readResponse()
        #expect(response.status == 408)
        let problem = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        #expect(problem["instance"] as? String == "/v1/actors")
    }

    @Test("percent-encoded paths are decoded before routing")
    func encodedPaths() throws {
        #expect(try api.get("/v1/actors/south%2Dkorea").status == 200)
        #expect(try api.get("/v1/actors/%zz").status == 400)
    }
}

func inflate(_ bytes: [UInt8]) -> [UInt8]? {
    var stream = z_stream()
    guard lattice_inflate_init_gzip(&stream) == Z_OK else { return nil }
    defer { inflateEnd(&stream) }
    var input = bytes
    var output = [UInt8](repeating: 0, count: 8 * 1024 * 1024)
    let status = input.withUnsafeMutableBufferPointer { source in
        output.withUnsafeMutableBufferPointer { destination -> Int32 in
            stream.next_in = source.baseAddress
            stream.avail_in = UInt32(source.count)
            stream.next_out = destination.baseAddress
            stream.avail_out = UInt32(destination.count)
            return CZlib.inflate(&stream, Z_FINISH)
        }
    }
    guard status == Z_STREAM_END else { return nil }
    return Array(output[..<Int(stream.total_out)])
}

/// A minimal RFC 4180 reader for checking our output.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(text.unicodeScalars)[...]
    while let c = characters.popFirst() {
        if quoted {
            if c == "\"" {
                if characters.first == "\"" { field.unicodeScalars.append("\""); characters.removeFirst() } else { quoted = false }
            } else {
                field.unicodeScalars.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field); field = ""
        } else if c == "\r", characters.first == "\n" {
            characters.removeFirst()
            row.append(field); field = ""
            rows.append(row); row = []
        } else {
            field.unicodeScalars.append(c)
        }
    }
    return rows
}

/// A one-actor seeds folder whose fields need CSV quoting.
struct CSVFixture {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("lattice-csv-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Data("A text about Q.\n".utf8).write(to: URL(fileURLWithPath: "\(path)/doc.txt"))
        let json = #"""
            {"document": "doc",
             "documents": [{"id": "doc", "file": "doc.txt", "title": "T", "language": "en", "kind": "article", "rights": "Test."}],
             "actors": [{"id": "q", "name": "Comma, Quote \"Q\"", "kind": "person", "region": "global",
                         "summary": "Says \"hello, world\",\nthen leaves.", "evidence": ["about Q"]}]}
            """#
        try Data(json.utf8).write(to: URL(fileURLWithPath: "\(path)/seeds.json"))
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
