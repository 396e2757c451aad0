import Foundation
@testable import LatticeAPI
import LatticeModel
import Testing
import TestSupport

/// One request sees one dataset version from start to end, however often reloads swap it.
@Suite("Reloads under load")
struct ReloadRaceTests {
    /// A copy of the shipped seeds with `count` more actors whose ids sort after every
    /// shipped one, so their positions do not exist in the smaller dataset.
    static func largerSeeds(extraActors count: Int) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lattice-large-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: shippedSeeds, toPath: folder)
        let actors = (0..<count).map { index in
            #"{"id": "zz-extra-\#(index)", "name": "Extra \#(index)", "kind": "organization", "region": "europe", "summary": "A synthetic test record number \#(index), long enough that its gzip differs from its neighbours'.", "evidence": ["rolled into Kyiv"]}"#
        }
        let file = #"{"document": "ecci-unlikelihood-of-an-asian-nato", "actors": [\#(actors.joined(separator: ","))]}"#
        try Data(file.utf8).write(to: URL(fileURLWithPath: "\(folder)/extra.json"))
        return folder
    }

    @Test("gzip and plain requests in flight while reloads swap two datasets: every body matches its ETag and version")
    func bodiesMatchTheirETagsAcrossReloads() throws {
        let largeFolder = try Self.largerSeeds(extraActors: 60)
        defer { try? FileManager.default.removeItem(atPath: largeFolder) }
        let small = try SeedLoader.load(from: shippedSeeds)
        let large = try SeedLoader.load(from: largeFolder)
        #expect(large.counts.actors == small.counts.actors + 60)

        var configuration = APIConfiguration()
        configuration.gzipMinimumBytes = 1
        let api = try APIClient(.live, configuration: configuration, seeds: nil)
        let paths = [
            "/v1/actors/zz-extra-59", "/v1/actors/zz-extra-30", "/v1/actors/zz-extra-45", "/v1/actors/japan", "/v1/graph",
            "/v1/actors?limit=5&sort=-id", "/v1/documents/ecci-unlikelihood-of-an-asian-nato/text",
        ]

        // What each path may answer: per dataset version, its ETag and exact body.
        var expected: [String: [String: [UInt8]]] = [:]  // path -> etag -> body
        for dataset in [small, large] {
            api.service.serve(dataset)
            for path in paths {
                let response = try api.get(path)
                guard response.status == 200, let etag = response.header("ETag") else { continue }
                expected[path, default: [:]][etag] = response.body
            }
        }
        #expect(expected["/v1/actors/zz-extra-59"]?.count == 1)
        #expect(expected["/v1/graph"]?.count == 2)

        let valid = expected
        let stop = Shared(false)
        let reloads = Thread {
            var flip = false
            while !stop.value {
                api.service.serve(flip ? large : small)
                flip.toggle()
                usleep(300)
            }
        }
        reloads.start()
        defer { stop.value = true }

        let mismatches = Shared<[String]>([])
        let answered = Shared(0)
        DispatchQueue.concurrentPerform(iterations: 8) { client in
            let curl = CurlClient()
            for round in 0..<1_000 {
                let path = paths[(client + round) % paths.count]
                let gzip = round % 4 != 0
                guard let response = try? curl.request(api.url(path), headers: gzip ? ["Accept-Encoding: gzip"] : []) else {
                    mismatches.update { $0.append("\(path): transport error") }
                    continue
                }
                guard response.status == 200 else { continue }  // an extra actor between versions: 404
                answered.update { $0 += 1 }
                var etag = response.header("ETag") ?? "-"
                var body = response.body
                if response.header("Content-Encoding") == "gzip" {
                    guard etag.hasSuffix("-gz\""), let plain = Gzip.decompress(body) else {
                        mismatches.update { $0.append("\(path): gzip body or ETag \(etag) malformed") }
                        continue
                    }
                    etag = String(etag.dropLast(4)) + "\""
                    body = plain
                }
                if valid[path]?[etag] != body {
                    mismatches.update { $0.append("\(path) gzip=\(gzip): body does not belong to ETag \(etag)") }
                }
            }
        }
        stop.value = true
        while !reloads.isFinished { usleep(1000) }
        #expect(mismatches.value.isEmpty, "\(mismatches.value.prefix(5))")
        #expect(answered.value > 4_000)
    }
}

/// A value shared between threads in a test.
private final class Shared<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}
