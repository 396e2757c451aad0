import Testing
@testable import LatticeModel

/// The ranking's three ways of scoring (dictionaries for rare words, arrays for common ones,
/// impact-ordered postings for one word)
/// and its bounded top-k agree with each other and with a plain sort of every match, on
/// every one-, two- and three-letter prefix in the shipped seeds' vocabulary and on pairs of
/// words, with and without a type filter.
@Suite struct SearchRankingTests {
    static let dataset = try! SeedLoader.load(from: shippedSeeds)

    static func index(denseAbove: Int, readsImpactOrder: Bool = false) -> SearchIndex {
        let entries = dataset.search.entries
        return SearchIndex(
            entries: entries, fields: { dataset.searchFields(of: entries[$0].ref) }, denseAbove: denseAbove, readsImpactOrder: readsImpactOrder)
    }

    static let sparse = index(denseAbove: .max)
    static let dense = index(denseAbove: -1)
    /// One-word queries from impact-ordered postings; the others sparsely.
    static let impact = index(denseAbove: .max, readsImpactOrder: true)

    /// Queries: every prefix of length 1–3 of a word in a name or text, and some pairs.
    static let queries: [String] = {
        var words = Set<String>()
        for entry in dataset.search.entries {
            for token in TextFolding.tokens(entry.name) { words.insert(token) }
        }
        var prefixes = Set<String>()
        for word in words { for length in 1...3 where word.count >= length { prefixes.insert(String(word.prefix(length))) } }
        let sorted = words.sorted()
        let pairs = stride(from: 0, to: sorted.count - 1, by: 7).map { "\(sorted[$0]) \(sorted[$0 + 1].prefix(3))" }
        return prefixes.sorted() + pairs + ["the security", "nato alliance", "korea korea", "south korea japan"]
    }()

    static func same(_ a: [SearchIndex.Hit], _ b: [SearchIndex.Hit]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.entry == $1.entry && $0.score == $1.score && $0.field == $1.field }
    }

    @Test func denseAndSparseScoringRankTheSame() {
        #expect(Self.queries.count > 200)
        var nonEmpty = 0
        for query in Self.queries {
            for types in [nil, Set([EntityType.actor]), Set([EntityType.statement, .relation])] as [Set<EntityType>?] {
                let a = Self.sparse.search(query, types: types), b = Self.dense.search(query, types: types)
                #expect(Self.same(a, b), "\(query) \(String(describing: types))")
                #expect(Self.same(a, Self.impact.search(query, types: types)), "impact order: \(query) \(String(describing: types))")
                if !a.isEmpty { nonEmpty += 1 }
            }
        }
        #expect(nonEmpty > 200)
    }

    @Test func aWindowIsTheSameSliceOfTheWholeRanking() {
        let entries = Self.dataset.search.entries
        for query in Self.queries.prefix(400) {
            let all = Self.dense.search(query)
            // The whole ranking is a sort by score, then name, then id.
            let sorted = all.sorted { a, b in
                if a.score != b.score { return a.score > b.score }
                let (x, y) = (entries[a.entry], entries[b.entry])
                return x.name != y.name ? x.name < y.name : x.ref.id < y.ref.id
            }
            #expect(Self.same(all, sorted), "\(query)")
            for window in [0..<1, 0..<3, 2..<5, 1..<100, 5..<6, 1000..<1010] {
                for index in [Self.dense, Self.sparse, Self.impact] {
                    let page = index.search(query, window: window)
                    #expect(page.total == all.count)
                    let expected = Array(all[min(window.lowerBound, all.count)..<min(window.upperBound, all.count)])
                    #expect(Self.same(page.hits, expected), "\(query) \(window)")
                }
            }
        }
    }

    /// Every whole word of a name: where the index answers from impact order (one word that
    /// no other extends), the page and total are what scoring every match gives.
    @Test func impactOrderAnswersOneWordAsScoringDoes() {
        var words = Set<String>()
        for entry in Self.dataset.search.entries {
            for token in TextFolding.tokens(entry.name) { words.insert(token) }
        }
        var answered = 0
        for word in words.sorted() {
            guard let fast = Self.impact.searchOneWord(word, window: 0..<Int.max) else { continue }
            answered += 1
            #expect(Self.same(fast.hits, Self.sparse.search(word)), "\(word)")
            for window in [0..<1, 0..<3, 2..<5, 1..<100] {
                let page = Self.impact.search(word, window: window), expected = Self.dense.search(word, window: window)
                #expect(page.total == expected.total && Self.same(page.hits, expected.hits), "\(word) \(window)")
            }
        }
        #expect(answered > 100, "only \(answered) words were answered from impact order")
    }
}
