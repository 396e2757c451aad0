import LatticeHTTP
import Synchronization

/// How many dataset versions are alive in memory, for `lattice_dataset_versions_pinned`: a
/// version no longer served stays alive while something still holds it (an export being
/// streamed, a request being answered), and on big seeds each costs hundreds of megabytes.
final class SnapshotCensus: Sendable {
    private let alive = Atomic<Int>(0)

    /// Snapshots that were served and are still in memory, the current one included.
    var count: Int { alive.load(ordering: .relaxed) }

    /// One served snapshot's place in the count, given back when the snapshot is freed.
    final class Entry: Sendable {
        let census: SnapshotCensus

        init(_ census: SnapshotCensus) {
            self.census = census
            census.alive.add(1, ordering: .relaxed)
        }

        deinit { census.alive.subtract(1, ordering: .relaxed) }
    }
}

/// When a snapshot stopped being served, and its place in the census.
final class SnapshotLifetime: Sendable {
    private let entry = Locked<SnapshotCensus.Entry?>(nil)
    /// `MonotonicClock.now()` when another version replaced it; 0 while it is served.
    private let retiredAt = Atomic<UInt64>(0)

    func enlist(in census: SnapshotCensus) {
        entry.withLock { $0 = SnapshotCensus.Entry(census) }
    }

    func retire(at now: UInt64) {
        retiredAt.store(max(now, 1), ordering: .relaxed)
    }

    /// Nanoseconds since it was replaced, or nil while it is the one served.
    func retiredFor(now: UInt64) -> UInt64? {
        let at = retiredAt.load(ordering: .relaxed)
        return at == 0 ? nil : now &- at
    }
}
