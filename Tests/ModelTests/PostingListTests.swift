import Testing
@testable import LatticeModel

@Suite("Posting lists")
struct PostingListTests {
    @Test("everything is not materialized, and behaves like the full range")
    func all() {
        let all = PostingList.all(1_000_000)
        #expect(all.count == 1_000_000)
        #expect(all.slice(10..<13) == [10, 11, 12])
        #expect(all.contains(999_999) && !all.contains(1_000_000))
        let some = PostingList([3, 7, 9])
        #expect(all.intersection(some) == some)
        #expect(some.intersection(all) == some)
        #expect(PostingList.union([some, all]).count == 1_000_000)
    }

    @Test("intersection agrees with the naive one, merging or searching", arguments: [1, 5, 40, 400])
    func intersection(step: Int) {
        let large = PostingList((0..<Int32(10_000)).filter { $0 % 3 != 0 })
        let small = PostingList(stride(from: Int32(0), to: 10_000, by: step).map { $0 })
        let expected = Set(large.positions).intersection(small.positions).sorted()
        #expect(Array(large.intersection(small).positions) == expected)
        #expect(Array(small.intersection(large).positions) == expected)
    }

    @Test("union is sorted and without duplicates")
    func union() {
        let union = PostingList.union([PostingList([1, 5, 9]), PostingList([2, 5, 10]), PostingList([])])
        #expect(Array(union.positions) == [1, 2, 5, 9, 10])
    }

    /// An index's lists are slices of one shared array, most not starting at 0: each must
    /// behave as the sorted, duplicate-free list of what was filed under its key.
    @Test("an index's lists, laid end to end, each behave as their own sorted set")
    func indexLists() {
        var index = PostingIndex<String>()
        var filed: [String: Set<Int32>] = [:]
        var state: UInt64 = 26
        func next() -> UInt64 {  // xorshift64: the same lists every run
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        for _ in 0..<5_000 {
            let key = "k\(next() % 40)", position = Int(next() % 2_000)
            index.add(key, position)
            index.add(key, position)  // filed twice, listed once
            filed[key, default: []].insert(Int32(position))
        }
        let finished = index.finished()
        #expect(finished.list("absent").count == 0)
        for (key, positions) in filed {
            let list = finished.list(key), expected = positions.sorted()
            #expect(Array(list.positions) == expected, "\(key)")
            #expect(list.slice(1..<3) == Array(expected[1..<3]))
            #expect((0..<2_000).allSatisfy { list.contains(Int32($0)) == positions.contains(Int32($0)) }, "\(key)")
            for other in ["k0", "k1", "k39"] {
                let naive = positions.intersection(filed[other] ?? []).sorted()
                #expect(Array(list.intersection(finished.list(other)).positions) == naive, "\(key) ∩ \(other)")
            }
            #expect(Array(finished.union([key, "k7"]).positions) == positions.union(filed["k7"] ?? []).sorted())
        }
    }
}
