import Foundation
@testable import LatticeAPI
import LatticeModel
import Testing
import TestSupport

/// A slow reader of `/v1/export` cannot keep a replaced dataset version in memory for
/// longer than the configured limit, and `/metrics` reports versions still held.
@Suite("Export streams and replaced versions")
struct ExportPinningTests {
    static func pinnedGauge(_ api: APIClient) throws -> Int? {
        let text = try api.get("/metrics").text
        let line = text.split(separator: "\n").first { $0.hasPrefix("lattice_dataset_versions_pinned ") }
        return line.flatMap { Int($0.split(separator: " ")[1]) }
    }

    /// The shipped seeds plus 300 actors with 11 KB summaries: an export of about 3.5 MB,
    /// more than the socket buffers hold, in few records (the loader stays fast).
    static func bulkySeeds() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lattice-bulky-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: shippedSeeds, toPath: folder)
        let actors = (0..<300).map { index in
            let summary = String(repeating: "A synthetic test record with a long summary number \(index). ", count: 200)
            return
                #"{"id": "zz-bulky-\#(index)", "name": "Bulky \#(index)", "kind": "organization", "region": "europe", "summary": "\#(summary)", "evidence": ["rolled into Kyiv"]}"#
        }
        let file = #"{"document": "ecci-unlikelihood-of-an-asian-nato", "actors": [\#(actors.joined(separator: ","))]}"#
        try Data(file.utf8).write(to: URL(fileURLWithPath: "\(folder)/extra.json"))
        return folder
    }

    @Test("after a reload, an export still reading the old version past the limit is cut off after a truncated line, freeing it")
    func slowReaderIsEnded() throws {
        let folder = try Self.bulkySeeds()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var configuration = APIConfiguration()
        configuration.staleStreamLimit = .milliseconds(300)
        let api = try APIClient(.live, configuration: configuration, seeds: folder)
        defer { api.stop() }
        #expect(try Self.pinnedGauge(api) == 0)
        let oldVersion = try #require(api.service.dataset?.version)

        let client = try RawClient(port: api.server.port, timeout: 10, receiveBuffer: 4096)
        client.send("GET /v1/export HTTP/1.1\r\nHost: test\r\n\r\n")
        usleep(300_000)  // the server fills the socket and waits for the reader
        try api.service.reload(from: shippedSeeds)
        #expect(api.service.dataset?.version != oldVersion)
        #expect(try Self.pinnedGauge(api) == 1, "the export holds the old version")

        usleep(600_000)  // past the limit
        // The body is cut: its last line says why, and the connection closes without the
        // chunked body's end, so a client that reads no lines knows it is incomplete too.
        let raw = String(decoding: client.readUntilClose(), as: UTF8.self)
        #expect(raw.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(raw.contains(#"{"type":"truncated","dataset_version":"\#(oldVersion)""#))
        #expect(raw.hasSuffix("\n\r\n") && !raw.hasSuffix("\r\n0\r\n\r\n"), "no last chunk: \(raw.suffix(80))")
        #expect(!raw.contains(#"{"type":"statement""#), "the export was cut short")
        #expect(eventually { (try? Self.pinnedGauge(api)) == 0 }, "the old version is freed once the stream ends")
    }

    @Test("an export that finishes on its own version is whole, with no truncated line")
    func exportOnTheServedVersionIsWhole() throws {
        var configuration = APIConfiguration()
        configuration.staleStreamLimit = .milliseconds(1)
        let api = try APIClient(.live, configuration: configuration)
        defer { api.stop() }
        let text = try api.get("/v1/export").text
        let counts = try #require(api.service.dataset?.counts)
        #expect(text.split(separator: "\n").count == counts.documents + counts.actors + counts.alliances + counts.relations + counts.statements)
        #expect(!text.contains(#""type":"truncated""#))
    }
}
