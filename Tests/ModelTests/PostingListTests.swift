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
        #expect(large.intersection(small).positions == expected)
        #expect(small.intersection(large).positions == expected)
    }

    @Test("union is sorted and without duplicates")
    func union() {
        let union = PostingList.union([PostingList([1, 5, 9]), PostingList([2, 5, 10]), PostingList([])])
        #expect(union.positions == [1, 2, 5, 9, 10])
    }
}
