import Foundation
@testable import LatticeAPI
import LatticeModel
import Testing

/// The cache of rendered records: bounded by its budget, second chance for what was read
/// again, and — over a real socket — a server that keeps nothing serves the same bytes and
/// ETags as one that keeps everything.
@Suite struct RenderCacheTests {
    /// A body of `size` bytes that says which position it was rendered for.
    static func body(_ position: Int, size: Int = 100) -> [UInt8] {
        Array(String(position).utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: size)
    }

    @Test func staysWithinItsBudgetAndEvictsTheOldestUnread() {
        let budget = RenderCache.cost(of: 104) * 3
        let cache = RenderCache(tableSizes: [20], budget: budget)
        for position in 0..<10 {
            _ = cache.rendered(table: 0, position: position) { Self.body(position) }
            #expect(cache.statistics.bytes <= budget)
        }
        let statistics = cache.statistics
        #expect(statistics.entries == 3)
        #expect(statistics.evictions == 7)
        #expect(statistics.misses == 10)
        // The last three stayed; the first seven were evicted.
        #expect((0..<7).allSatisfy { cache.lookup(table: 0, position: $0) == nil })
        #expect((7..<10).allSatisfy { cache.lookup(table: 0, position: $0) != nil })
    }

    @Test func aHitIsTheKeptObjectAndRendersNothing() {
        let cache = RenderCache(tableSizes: [4, 4], budget: 1 << 20)
        let first = cache.rendered(table: 1, position: 2) { Self.body(2) }
        var rendered = false
        let second = cache.rendered(table: 1, position: 2) {
            rendered = true
            return Self.body(99)
        }
        #expect(first === second)
        #expect(!rendered)
        #expect(second.json == Self.body(2))
        #expect(second.etag == ContentHash.etag(Self.body(2)))
        // The same position in another table is another entry.
        #expect(cache.lookup(table: 0, position: 2) == nil)
        #expect(cache.statistics.hits == 1)
    }

    @Test func aPageFindsItsKeptRecordsAndRendersTheRest() {
        let cache = RenderCache(tableSizes: [10], budget: 1 << 20)
        let kept = [0, 3].map { position in cache.rendered(table: 0, position: position) { Self.body(position) } }
        var renderedNow: [Int] = []
        let page = cache.rendered(table: 0, positions: [3, 1, 0, 7]) { position in
            renderedNow.append(position)
            return Self.body(position)
        }
        #expect(page.map(\.json) == [3, 1, 0, 7].map { Self.body($0) })
        #expect(page[0] === kept[1] && page[2] === kept[0])
        #expect(renderedNow == [1, 7])
        #expect(cache.statistics.hits == 2)
        #expect(cache.statistics.entries == 4)
        #expect(cache.lookup(table: 0, position: 7) === page[3])
    }

    @Test func aRecordReadAgainSurvivesTheNextEviction() {
        let cache = RenderCache(tableSizes: [10], budget: RenderCache.cost(of: 103) * 3)
        for position in 0..<3 { _ = cache.rendered(table: 0, position: position) { Self.body(position) } }
        #expect(cache.lookup(table: 0, position: 0) != nil)  // read again: its bit is set
        _ = cache.rendered(table: 0, position: 3) { Self.body(3) }
        #expect(cache.lookup(table: 0, position: 0) != nil)
        #expect(cache.lookup(table: 0, position: 1) == nil)  // the first one not read again
        #expect(cache.lookup(table: 0, position: 2) != nil)
        #expect(cache.lookup(table: 0, position: 3) != nil)
    }

    @Test func somethingLargerThanTheBudgetIsServedButNotKept() {
        let cache = RenderCache(tableSizes: [2], budget: RenderCache.cost(of: 1000))
        let big = cache.rendered(table: 0, position: 0) { Self.body(0, size: 5000) }
        #expect(big.json.count == 5001)
        #expect(cache.statistics.entries == 0)
        #expect(cache.statistics.bytes == 0)
        let none = RenderCache(tableSizes: [2], budget: 0)
        #expect(none.rendered(table: 0, position: 1) { Self.body(1) }.json == Self.body(1))
        #expect(none.statistics.entries == 0)
    }

    /// Every record of every kind, each document's text, collection pages and the export:
    /// byte for byte and ETag for ETag the same whether rendered for the request or kept.
    @Test func keepingNothingServesTheSameBytesAsKeepingEverything() throws {
        var none = APIConfiguration()
        none.renderCacheBytes = 0
        let cold = try APIClient(.live, configuration: none)
        let warm = APIClient.shared(.live)
        let dataset = try #require(warm.service.dataset)
        var paths = ["/v1/actors?limit=100", "/v1/statements?limit=100&offset=5", "/v1/relations?sort=-id", "/v1/export"]
        for type in EntityType.allCases {
            let ids: [String] =
                switch type {
                case .actor: dataset.actors.map(\.id)
                case .alliance: dataset.alliances.map(\.id)
                case .relation: dataset.relations.map(\.id)
                case .statement: dataset.statements.map(\.id)
                case .document: dataset.documents.map(\.id)
                }
            paths += ids.map { Paths.resource(EntityRef(type, $0)) }
        }
        paths += dataset.documents.map { Paths.resource(EntityRef(.document, $0.id)) + "/text" }
        for path in paths {
            for _ in 0..<2 {  // the second time, the warm server answers from its cache
                let a = try warm.get(path), b = try cold.get(path)
                #expect(a.status == 200, "\(path)")
                #expect(a.body == b.body, "\(path)")
                #expect(a.header("ETag") == b.header("ETag"), "\(path)")
            }
        }
        let gzip = ["Accept-Encoding: gzip"]
        let path = Paths.resource(EntityRef(.document, dataset.documents[0].id)) + "/text"
        let a = try warm.get(path, headers: gzip), b = try cold.get(path, headers: gzip)
        #expect(a.header("Content-Encoding") == "gzip")
        #expect(a.body == b.body && a.header("ETag") == b.header("ETag"))
        #expect(try cold.json("/v1/actors?limit=1")["data"] != nil)
        #expect(cold.service.snapshot?.cache.statistics.entries == 0)
    }

    /// `/metrics` reports what the cache holds, and a second read of a record is a hit.
    @Test func metricsCountHitsAndMisses() throws {
        let server = try APIClient(.live)
        func value(_ name: String) throws -> Double {
            let text = try server.get("/metrics").text
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix(name + " ") }, "\(name) in /metrics")
            return try #require(Double(line.split(separator: " ").last!))
        }
        let hitName = #"lattice_render_cache_lookups_total{result="hit"}"#
        let before = try value(hitName)
        let actor = try #require(server.service.dataset?.actors.first?.id)
        _ = try server.get("/v1/actors/\(actor)")
        _ = try server.get("/v1/actors/\(actor)")
        let hits = try value(hitName)
        let entries = try value("lattice_render_cache_entries")
        let bytes = try value("lattice_render_cache_bytes")
        #expect(hits >= before + 1)
        #expect(entries >= 1)
        #expect(bytes > 0)
    }
}
