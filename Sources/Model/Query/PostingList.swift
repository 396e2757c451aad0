/// A sorted set of record positions, and the set algebra filters need: a comma list within
/// one parameter is a union (OR), parameters combine by intersection (AND). "Everything"
/// is represented without materializing it, so an unfiltered page of a large collection
/// costs the page, not the collection.
public struct PostingList: Sendable, Equatable {
    enum Storage: Sendable, Equatable {
        case all(Int)
        /// A slice, so an index's list is served from its one shared array without a copy.
        case some(ArraySlice<Int32>)
    }

    let storage: Storage

    public init(_ sortedPositions: [Int32]) {
        storage = .some(sortedPositions[...])
    }

    init(_ sortedPositions: ArraySlice<Int32>) {
        storage = .some(sortedPositions)
    }

    private init(storage: Storage) {
        self.storage = storage
    }

    /// Every position from 0 to `count - 1`.
    public static func all(_ count: Int) -> PostingList { PostingList(storage: .all(count)) }

    public var count: Int {
        switch storage {
        case .all(let count): count
        case .some(let positions): positions.count
        }
    }

    public var isAll: Bool {
        if case .all = storage { return true }
        return false
    }

    /// Every position, materialized for `.all` (avoid on large unfiltered sets; use
    /// ``slice(_:)``).
    public var positions: ArraySlice<Int32> {
        switch storage {
        case .all(let count): (0..<Int32(count)).map { $0 }[...]
        case .some(let positions): positions
        }
    }

    /// The positions at these ranks (a page).
    public func slice(_ range: Range<Int>) -> [Int32] {
        switch storage {
        case .all: range.map { Int32($0) }
        case .some(let positions):
            Array(positions[(positions.startIndex + range.lowerBound)..<(positions.startIndex + range.upperBound)])
        }
    }

    public func contains(_ position: Int32) -> Bool {
        switch storage {
        case .all(let count):
            return position >= 0 && Int(position) < count
        case .some(let positions):
            var low = positions.startIndex, high = positions.endIndex
            while low < high {
                let mid = (low + high) / 2
                if positions[mid] < position { low = mid + 1 } else { high = mid }
            }
            return low < positions.endIndex && positions[low] == position
        }
    }

    public static func union(_ lists: [PostingList]) -> PostingList {
        if let everything = lists.first(where: \.isAll) { return everything }
        switch lists.count {
        case 0: return PostingList([])
        case 1: return lists[0]
        default:
            var merged = lists.flatMap(\.positions)
            merged.sort()
            var unique: [Int32] = []
            unique.reserveCapacity(merged.count)
            for position in merged where unique.last != position { unique.append(position) }
            return PostingList(unique)
        }
    }

    /// Both sets. With a much smaller side, each of its positions is looked up by binary
    /// search instead of walking the larger list.
    public func intersection(_ other: PostingList) -> PostingList {
        switch (storage, other.storage) {
        case (.all, _): return other
        case (_, .all): return self
        case (.some(let a), .some(let b)):
            let (small, large) = a.count <= b.count ? (a, b) : (b, a)
            if small.count * 16 < large.count {
                let largeList = PostingList(large)
                return PostingList(small.filter { largeList.contains($0) })
            }
            var result: [Int32] = []
            var i = a.startIndex, j = b.startIndex
            while i < a.endIndex && j < b.endIndex {
                if a[i] == b[j] {
                    result.append(a[i])
                    i += 1
                    j += 1
                } else if a[i] < b[j] {
                    i += 1
                } else {
                    j += 1
                }
            }
            return PostingList(result)
        }
    }
}

/// Positions of records by a key (kind, region, member, speaker...).
struct PostingIndex<Key: Hashable & Sendable>: Sendable {
    /// While it is filled: a growing list per key.
    private var filling: [Key: [Int32]] = [:]
    /// Once finished: key `k`'s positions are `positions[start[slot[k]]..<start[slot[k] + 1]]`,
    /// one array for every key (a list per key cost its header, its allocation and its
    /// growth slack: 11.5 MB at the 1,000x seeds).
    private var slot: [Key: Int32] = [:]
    private var start: [Int32] = [0]
    private var positions: [Int32] = []

    mutating func add(_ key: Key, _ position: Int) {
        filling[key, default: []].append(Int32(position))
    }

    /// Each key's positions sorted, and each position once (a record filed twice under one
    /// value, as a relation whose ends are the same alliance's members may be, counts once),
    /// laid end to end.
    func finished() -> PostingIndex {
        var finished = PostingIndex()
        finished.positions.reserveCapacity(filling.values.reduce(0) { $0 + $1.count })
        finished.start.reserveCapacity(filling.count + 1)
        finished.slot.reserveCapacity(filling.count)
        for (key, list) in filling {
            finished.slot[key] = Int32(finished.start.count - 1)
            let sorted = list.sorted()
            for (i, position) in sorted.enumerated() where i == 0 || sorted[i - 1] != position { finished.positions.append(position) }
            finished.start.append(Int32(finished.positions.count))
        }
        return finished
    }

    func list(_ key: Key) -> PostingList {
        guard let s = slot[key].map(Int.init) else { return PostingList([]) }
        return PostingList(positions[Int(start[s])..<Int(start[s + 1])])
    }

    /// Union of the lists of several keys (a comma-separated filter).
    func union(_ keys: [Key]) -> PostingList {
        PostingList.union(keys.map(list))
    }
}
