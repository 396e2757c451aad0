import Foundation
@testable import LatticeAPI
import LatticeHTTP
import Testing
import TestSupport

/// The explorer as Lattice serves it: `/` for browsers and JSON clients, its files with
/// ETags, 304s, gzip and media types, a missing file, and the setting that turns it off.
@Suite("Explorer")
struct ExplorerTests {
    let api = APIClient.shared(.live)

    static let browserAccept = "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"

    func file(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: shippedExplorer).appendingPathComponent(path)))
    }

    @Test("a browser asking for / gets the explorer's page, revalidated by ETag")
    func pageForBrowsers() throws {
        let page = try api.get("/", headers: [Self.browserAccept])
        #expect(page.status == 200)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.body == (try file("index.html")))
        #expect(page.header("Cache-Control") == "no-cache")
        #expect(page.header("Vary")?.contains("Accept") == true)
        #expect(page.header("Content-Security-Policy")?.contains("default-src 'self'") == true)
        #expect(page.header("X-Content-Type-Options") == "nosniff")
        let etag = try #require(page.header("ETag"))
        #expect(etag.hasPrefix("\"") && !etag.hasPrefix("W/"))
        let again = try api.get("/", headers: [Self.browserAccept, "If-None-Match: \(etag)"])
        #expect(again.status == 304)
        #expect(again.body.isEmpty)
        #expect(again.header("ETag") == etag)
        #expect(try api.get("/", headers: ["Accept: text/html"]).status == 200)
    }

    @Test(
        "a JSON client asking for / still gets the redirect to /v1",
        arguments: [
            nil, "Accept: */*", "Accept: application/json", "Accept: application/json, text/html;q=0.9",
            "Accept: text/html;q=0.5, */*", "Accept: text/html;q=0, application/json;q=0.1",
        ])
    func redirectForAPIClients(accept: String?) throws {
        let response = try api.get("/", headers: accept.map { [$0] } ?? [])
        #expect(response.status == 308)
        #expect(response.header("Location") == "/v1")
        #expect(response.header("Vary") == "Accept", "caches must keep the page and the redirect apart")
    }

    @Test("Accept negotiation ranks text/html against application/json by the most specific range")
    func negotiation() {
        func html(_ accept: String) -> Bool {
            ExplorerEndpoint.prefersHTML(try! HTTPRequest(method: .get, target: "/", headers: HTTPHeaders([("Accept", accept)])))
        }
        #expect(html("text/html"))
        #expect(html("text/*, application/json;q=0.5"))
        #expect(html("TEXT/HTML ; q=0.9, */*;q=0.8"))
        #expect(!html("*/*"))
        #expect(!html("application/json"))
        #expect(!html("text/html;q=0.8, application/*"))
        #expect(!html("image/png"))
        #expect(!html(""))
    }

    @Test(
        "each file has its media type, a content-hash ETag, no-cache, and answers If-None-Match with 304",
        arguments: [
            ("index.html", "text/html; charset=utf-8"), ("app.js", "text/javascript; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"), ("icon.svg", "image/svg+xml"),
            ("vendor/d3.min.js", "text/javascript; charset=utf-8"), ("vendor/LICENSE", "text/plain; charset=utf-8"),
        ])
    func assets(path: String, contentType: String) throws {
        let response = try api.get("/explorer/\(path)")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == contentType)
        #expect(response.body == (try file(path)))
        #expect(response.header("ETag") == ContentHash.etag(try file(path)), "the ETag is the hash of the bytes")
        #expect(response.header("Cache-Control") == "no-cache")
        #expect(response.header("Access-Control-Allow-Origin") == "*")
        let etag = try #require(response.header("ETag"))
        let cached = try api.get("/explorer/\(path)", headers: ["If-None-Match: \(etag)"])
        #expect(cached.status == 304)
        #expect(cached.body.isEmpty)
        #expect(cached.header("ETag") == etag)
        #expect(try api.get("/explorer/\(path)", method: "HEAD").header("Content-Type") == contentType)
    }

    @Test("large files are gzipped (made ahead) with their own ETag, and that ETag revalidates too")
    func gzip() throws {
        let plain = try api.get("/explorer/vendor/d3.min.js")
        let compressed = try api.get("/explorer/vendor/d3.min.js", headers: ["Accept-Encoding: gzip"])
        #expect(compressed.header("Content-Encoding") == "gzip")
        #expect(compressed.header("Vary") == "Accept-Encoding")
        #expect(compressed.body.count < plain.body.count / 2)
        #expect(Gzip.decompress(compressed.body) == plain.body)
        let etag = try #require(compressed.header("ETag"))
        #expect(etag != plain.header("ETag"))
        let cached = try api.get("/explorer/vendor/d3.min.js", headers: ["Accept-Encoding: gzip", "If-None-Match: \(etag)"])
        #expect(cached.status == 304)
        #expect(cached.header("Content-Encoding") == nil)
        #expect(
            try api.get("/explorer/vendor/d3.min.js", headers: ["If-None-Match: \(etag)"]).status == 200,
            "the gzip ETag does not match the identity representation")
    }

    @Test(
        "a missing file is a 404 problem document",
        arguments: ["/explorer/nope.js", "/explorer/vendor", "/explorer/../seeds/x.json", "/explorer/%2e%2e/Package.swift"])
    func missing(path: String) throws {
        let response = try api.get(path)
        #expect(response.status == 404)
        #expect(response.header("Content-Type") == "application/problem+json; charset=utf-8")
        let problem = try #require(try response.json() as? [String: Any])
        #expect(problem["type"] as? String == "urn:lattice:problem:not-found")
        #expect(problem["status"] as? Int == 404)
    }

    @Test("with the explorer off, / redirects every client and /explorer/ is 404")
    func disabled() throws {
        let server = try APIClient(.live, configuration: APIConfiguration())
        let root = try server.get("/", headers: [Self.browserAccept])
        #expect(root.status == 308)
        #expect(root.header("Location") == "/v1")
        #expect(root.header("Vary") == nil)
        let asset = try server.get("/explorer/index.html")
        #expect(asset.status == 404)
        #expect(asset.header("Content-Type") == "application/problem+json; charset=utf-8")
        #expect(asset.text.contains("explorer setting"))
    }

    @Test("a folder without index.html, or no folder at all, is refused with the reason")
    func loadErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("explorer-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("body{}".utf8).write(to: folder.appendingPathComponent("style.css"))
        #expect { try ExplorerAssets.load(from: folder.path) } throws: { "\($0)".contains("index.html") }
        #expect { try ExplorerAssets.load(from: folder.appendingPathComponent("absent").path) } throws: { "\($0)".contains("not a folder") }
        try Data("<!doctype html>".utf8).write(to: folder.appendingPathComponent("index.html"))
        try Data("x".utf8).write(to: folder.appendingPathComponent(".hidden"))
        let assets = try ExplorerAssets.load(from: folder.path)
        #expect(assets.paths == ["index.html", "style.css"])
        try Data("x".utf8).write(to: folder.appendingPathComponent("bad name.js"))
        #expect { try ExplorerAssets.load(from: folder.path) } throws: { "\($0)".contains("bad name.js") }
    }

    @Test(
        "a symbolic link in the folder is refused, not followed, wherever it points",
        arguments: [
            "/etc/passwd", "/proc/self/environ", "index.html", "vendor",
        ])
    func symbolicLinksRefused(target: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("explorer-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("vendor"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("<!doctype html>".utf8).write(to: folder.appendingPathComponent("index.html"))
        try Data("x".utf8).write(to: folder.appendingPathComponent("vendor/d3.js"))
        #expect(try ExplorerAssets.load(from: folder.path).paths == ["index.html", "vendor/d3.js"])
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("linked").path, withDestinationPath: target)
        #expect { try ExplorerAssets.load(from: folder.path) } throws: { error in
            "\(error)".contains("linked is a symbolic link") && "\(error)".contains("only regular files")
        }
    }

    @Test("a FIFO in the folder is refused without blocking the load")
    func fifoRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("explorer-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("<!doctype html>".utf8).write(to: folder.appendingPathComponent("index.html"))
        #expect(mkfifo(folder.appendingPathComponent("pipe").path, 0o600) == 0)
        #expect { try ExplorerAssets.load(from: folder.path) } throws: { "\($0)".contains("pipe is not a regular file") }
    }

    @Test("the folder itself may be a symbolic link: only what is inside it is checked")
    func linkedFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("explorer-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let link = folder.path + "-link"
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(atPath: link) }
        try Data("<!doctype html>".utf8).write(to: folder.appendingPathComponent("index.html"))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: folder.path)
        #expect(try ExplorerAssets.load(from: link).paths == ["index.html"])
    }
}
