/// A sorted list of record positions, and the set algebra filters need: a comma list within
/// one parameter is a union (OR), parameters combine by intersection (AND).
public struct PostingList: Sendable, Equatable {
    public private(set) var positions: [Int32]

    public init(_ sortedPositions: [Int32]) {
        positions = sortedPositions
    }

    public static func all(_ count: Int) -> PostingList {
        PostingList((0..<Int32(count)).map { $0 })
    }

    public var count: Int { positions.count }

    public static func union(_ lists: [PostingList]) -> PostingList {
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

    public func intersection(_ other: PostingList) -> PostingList {
        var result: [Int32] = []
        var i = 0, j = 0
        let a = positions, b = other.positions
        while i < a.count && j < b.count {
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

/// Positions of records by a key (kind, region, member, speaker...).
struct PostingIndex<Key: Hashable & Sendable>: Sendable {
    private var lists: [Key: [Int32]] = [:]

    mutating func add(_ key: Key, _ position: Int) {
        lists[key, default: []].append(Int32(position))
    }

    /// Positions must be added in increasing order per key; this sorts defensively.
    func finished() -> PostingIndex {
        var copy = self
        for key in copy.lists.keys {
            var list = copy.lists[key]!
            list.sort()
            var unique: [Int32] = []
            for position in list where unique.last != position { unique.append(position) }
            copy.lists[key] = unique
        }
        return copy
    }

    func list(_ key: Key) -> PostingList {
        PostingList(lists[key] ?? [])
    }

    /// Union of the lists of several keys (a comma-separated filter).
    func union(_ keys: [Key]) -> PostingList {
        PostingList.union(keys.map(list))
    }
}
