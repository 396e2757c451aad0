import Foundation
@testable import LatticeAPI
import Testing
import TestSupport

/// Accept, Accept-Encoding and canonical requests, as clients meet them.
@Suite("Content negotiation and canonical requests")
struct NegotiationOverHTTPTests {
    let api = APIClient.shared(.live)

    @Test(
        "Accept q-values choose between JSON and CSV; 406 only when nothing offered is acceptable",
        arguments: [
            ("text/csv, application/json;q=0.5", "text/csv; charset=utf-8; header=present"),
            ("text/*", "text/csv; charset=utf-8; header=present"),
            ("application/json, text/csv", "application/json; charset=utf-8"),
            ("text/csv;q=0.4, application/*;q=0.9", "application/json; charset=utf-8"),
            ("*/*", "application/json; charset=utf-8"),
            ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/json; charset=utf-8"),
            ("*/*;q=0.1, text/csv;q=0", "application/json; charset=utf-8"),
        ])
    func acceptChooses(accept: String, contentType: String) throws {
        for path in ["/v1/actors?limit=3", "/v1/actors/japan", "/v1/search?q=nato"] {
            let response = try api.get(path, headers: ["Accept: \(accept)"])
            #expect(response.status == 200, "\(path) \(accept)")
            #expect(response.header("Content-Type") == contentType, "\(path) \(accept)")
            #expect(response.header("Vary")?.contains("Accept") == true)
        }
    }

    @Test("nothing acceptable: 406 naming what there is; service endpoints ignore Accept")
    func notAcceptable() throws {
        for (path, accept) in [
            ("/v1/actors", "image/png"), ("/v1/actors/japan", "application/json;q=0, text/csv;q=0"),
            ("/v1/graph", "text/csv"), ("/v1/export", "application/json"),
        ] {
            let response = try api.get(path, headers: ["Accept: \(accept)"])
            #expect(response.status == 406, "\(path) \(accept)")
            let problem = try #require(try response.json() as? [String: Any])
            #expect((problem["detail"] as? String)?.contains("it is available as") == true)
        }
        #expect(try api.get("/healthz", headers: ["Accept: image/png"]).status == 200)
        #expect(
            try api.get("/v1/actors?format=csv", headers: ["Accept: application/json"]).header("Content-Type")?.hasPrefix("text/csv") == true,
            "format wins over Accept")
    }

    @Test("a single resource answers CSV alike by Accept and by ?format=csv")
    func singleCSV() throws {
        let byAccept = try api.get("/v1/actors/japan", headers: ["Accept: text/csv"])
        let byFormat = try api.get("/v1/actors/japan?format=csv")
        #expect(byAccept.status == 200 && byFormat.status == 200)
        #expect(byAccept.body == byFormat.body)
        let rows = byAccept.text.split(separator: "\r\n")
        #expect(rows.count == 2)
        #expect(rows.first?.hasPrefix("id,name,kind") == true)
        #expect(rows.last?.hasPrefix("japan,Japan,state") == true)
        let collection = try api.get("/v1/actors?format=csv&limit=500").text.split(separator: "\r\n")
        #expect(collection.contains(rows[1]), "the same row as in the collection")
        #expect(try api.get("/v1/actors/japan?format=json").body == (try api.get("/v1/actors/japan")).body)
    }

    @Test("equivalent requests get the same bytes and the same ETag")
    func canonicalETags() throws {
        let groups = [
            ["/v1/actors?limit=2", "/v1/actors?limit=2&offset=0", "/v1/actors?offset=0&limit=2", "/v1/actors?sort=id&limit=2"],
            ["/v1/actors?kind=state,person", "/v1/actors?kind=person,state", "/v1/actors?kind=person,state,person"],
            ["/v1/actors?alliance=quad", "/v1/actors?alliance=quadrilateral-security-dialogue"],
            ["/v1/graph?focus=japan", "/v1/graph?depth=1&focus=japan"],
        ]
        for group in groups {
            let responses = try group.map { try api.get($0) }
            let etag = responses[0].header("ETag")
            #expect(etag != nil)
            for (path, response) in zip(group, responses) {
                #expect(response.status == 200)
                #expect(response.header("ETag") == etag, "\(path)")
                #expect(response.body == responses[0].body, "\(path)")
                #expect(try api.get(path, headers: ["If-None-Match: \(etag!)"]).status == 304, "\(path)")
            }
        }
        #expect(try api.get("/v1/actors?limit=3").header("ETag") != (try api.get("/v1/actors?limit=2")).header("ETag"))
    }

    @Test("gzip: q=0 refuses it; the export streams compressed and decompresses to the plain export")
    func gzip() throws {
        #expect(try api.get("/v1/actors", headers: ["Accept-Encoding: gzip;q=0"]).header("Content-Encoding") == nil)
        #expect(try api.get("/v1/actors", headers: ["Accept-Encoding: br, *;q=0.5"]).header("Content-Encoding") == "gzip")
        let plain = try api.get("/v1/export")
        let gzipped = try api.get("/v1/export", headers: ["Accept-Encoding: gzip"])
        #expect(gzipped.status == 200)
        #expect(gzipped.header("Content-Encoding") == "gzip")
        #expect(gzipped.body.count < plain.body.count / 3)
        #expect(Gzip.decompress(gzipped.body) == plain.body)
        let etag = try #require(gzipped.header("ETag"))
        #expect(etag.hasSuffix("-gz\"") && etag != plain.header("ETag"))
        #expect(try api.get("/v1/export", headers: ["Accept-Encoding: gzip", "If-None-Match: \(etag)"]).status == 304)
    }

    @Test("near misses point at the right id or path")
    func nearMisses() throws {
        for (path, hint) in [
            ("/v1/actors/South-Korea", "did you mean /v1/actors/south-korea?"),
            ("/v1/actors/south_korea", "did you mean /v1/actors/south-korea?"),
            ("/v1/documents/ECCI-Unlikelihood-Of-An-Asian-NATO/text", "did you mean /v1/documents/ecci-unlikelihood-of-an-asian-nato/text?"),
            ("/v1/actors/", "did you mean /v1/actors? (no trailing slash)"),
            ("/v1/actors/Atlantis", "ids are lowercase slugs"),
        ] {
            let response = try api.get(path)
            #expect(response.status == 404, "\(path)")
            let problem = try #require(try response.json() as? [String: Any])
            #expect((problem["detail"] as? String)?.contains(hint) == true, "\(path): \(problem["detail"] ?? "-")")
        }
        let filter = try #require(try api.get("/v1/alliances?member=South-Korea").json() as? [String: Any])
        let detail = (filter["errors"] as? [[String: String]])?.first?["detail"]
        #expect(detail?.contains("did you mean south-korea?") == true, "\(detail ?? "-")")
    }
}
