import LatticeHTTP

/// A representation rendered for serving: its bytes, strong ETag, the ETag header field
/// ready to write, and its gzip, made the first time a client accepts it.
final class Rendered: Sendable {
    let json: [UInt8]
    let etag: String
    let etagField: HTTPField
    let gzip = GzipCopy()

    init(_ json: [UInt8]) {
        self.json = json
        etag = ContentHash.etag(json)
        etagField = HTTPField("ETag", etag)
    }
}

/// The representations of one dataset version that were asked for recently, kept within a
/// byte budget; the others are rendered again from the records when asked for.
///
/// Keeping every record rendered made the rendered bytes the largest part of the resident
/// set on big seeds (about 45% at the 1,000x seeds), though most records are rarely read.
/// The hot ones — the records a dashboard polls, the pages it pages through — stay here and
/// are served as pre-rendered bytes; a cold one costs one render (a few microseconds).
///
/// Eviction is CLOCK (second chance): each entry has a bit set when it is served; the hand
/// sweeps the entries, clearing set bits and evicting the first entry found clear. A record
/// read again between two sweeps stays. Rendering happens outside the lock; two requests
/// that race render twice and keep the first, and both serve the same bytes, since rendering
/// is deterministic.
final class RenderCache: Sendable {
    /// What the budget charges for one entry besides its bytes: the object, its ETag
    /// strings and field, the gzip copy's lock, and the place in the tables.
    static let entryOverhead = 256

    /// What it holds now, for `/metrics` and tests.
    struct Statistics: Sendable, Equatable {
        var entries = 0
        var bytes = 0
        var hits: UInt64 = 0
        var misses: UInt64 = 0
        var evictions: UInt64 = 0
    }

    private struct Entry {
        let table: Int32
        let position: Int32
        let value: Rendered
        let cost: Int
        var referenced: Bool
    }

    private struct State {
        /// Per table, per position: the entry's index in `entries`, or -1.
        var slots: [[Int32]]
        var entries: [Entry?] = []
        var free: [Int32] = []
        var hand = 0
        var statistics = Statistics()
    }

    let budget: Int
    private let state: Locked<State>

    /// `tableSizes[t]` positions in table `t`; at most `budget` bytes (as charged by
    /// ``cost(of:)``) kept at once.
    init(tableSizes: [Int], budget: Int) {
        self.budget = max(0, budget)
        state = Locked(State(slots: tableSizes.map { [Int32](repeating: -1, count: $0) }))
    }

    /// What keeping `bytes` costs the budget. The gzip copy, when one is made, is smaller
    /// than half the body for JSON; it is charged up front so the budget is never exceeded.
    static func cost(of bytes: Int) -> Int { bytes + bytes / 2 + entryOverhead }

    /// The kept representation, or a new one rendered by `render` and kept.
    func rendered(table: Int, position: Int, render: () -> [UInt8]) -> Rendered {
        if let hit = lookup(table: table, position: position) { return hit }
        let made = Rendered(render())
        return keep(made, table: table, position: position)
    }

    /// The representations of `positions` in one table, in order: the kept ones looked up
    /// under one lock, the others rendered by `render` and kept (a page costs one lock for
    /// its hits, not one per record).
    func rendered(table: Int, positions: [Int32], render: (Int) -> [UInt8]) -> [Rendered] {
        var found: [Rendered?] = state.withLock { state in
            positions.map { Self.hit(&state, table: table, position: Int($0)) }
        }
        for index in found.indices where found[index] == nil {
            let position = Int(positions[index])
            found[index] = keep(Rendered(render(position)), table: table, position: position)
        }
        return found.map { $0! }
    }

    /// The kept representation, if any, marked as used.
    func lookup(table: Int, position: Int) -> Rendered? {
        state.withLock { Self.hit(&$0, table: table, position: position) }
    }

    /// The kept entry for a position, marked as used and counted as a hit, or a miss.
    private static func hit(_ state: inout State, table: Int, position: Int) -> Rendered? {
        let slot = Int(state.slots[table][position])
        guard slot >= 0, let entry = state.entries[slot] else {
            state.statistics.misses += 1
            return nil
        }
        state.statistics.hits += 1
        if !entry.referenced { state.entries[slot]!.referenced = true }
        return entry.value
    }

    var statistics: Statistics { state.withLock { $0.statistics } }

    private func keep(_ made: Rendered, table: Int, position: Int) -> Rendered {
        let cost = Self.cost(of: made.json.count)
        guard cost <= budget else { return made }
        let budget = self.budget
        return state.withLock { state -> Rendered in
            let existing = Int(state.slots[table][position])
            if existing >= 0, let entry = state.entries[existing] { return entry.value }
            while state.statistics.bytes + cost > budget { Self.evictOne(&state) }
            let entry = Entry(table: Int32(table), position: Int32(position), value: made, cost: cost, referenced: false)
            let index: Int
            if let reused = state.free.popLast() {
                index = Int(reused)
                state.entries[index] = entry
            } else {
                index = state.entries.count
                state.entries.append(entry)
            }
            state.slots[table][position] = Int32(index)
            state.statistics.entries += 1
            state.statistics.bytes += cost
            return made
        }
    }

    /// Advances the hand to the first entry not used since it last passed, and evicts it.
    /// Ends within two sweeps: the first clears every bit it passes.
    private static func evictOne(_ state: inout State) {
        while true {
            if state.hand >= state.entries.count { state.hand = 0 }
            let index = state.hand
            state.hand += 1
            guard let entry = state.entries[index] else { continue }
            if entry.referenced {
                state.entries[index]!.referenced = false
                continue
            }
            state.entries[index] = nil
            state.free.append(Int32(index))
            state.slots[Int(entry.table)][Int(entry.position)] = -1
            state.statistics.entries -= 1
            state.statistics.bytes -= entry.cost
            state.statistics.evictions += 1
            return
        }
    }
}
