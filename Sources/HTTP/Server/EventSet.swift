import CSystem

/// The seam between a worker and its kernel event set: one set per worker, every descriptor
/// registered once, edge-triggered (the owner reads or accepts until EAGAIN), readability
/// always wanted and writability only while output waits. The set's own ``descriptor`` is
/// readable whenever events are ready, so a single Dispatch read source on it wakes the
/// worker, which then drains ``poll(into:)`` in batches.
///
/// `EpollEventSet` is the Linux implementation; a kqueue one would be one more file
/// (`EVFILT_READ` with `EV_CLEAR`, `EVFILT_WRITE` enabled and disabled, `kevent` with a zero
/// timeout) filling the same ``ReadyEvent``s.
protocol EventSet {
    /// The kernel object's descriptor, readable while events are ready.
    var descriptor: Int32 { get }

    /// Starts watching `fd`; its events carry `token`. False when the kernel refuses.
    func add(_ fd: Int32, token: UInt64, writable: Bool) -> Bool

    /// Changes whether writability is reported (readability always is).
    func modify(_ fd: Int32, token: UInt64, writable: Bool) -> Bool

    /// Stops watching `fd` (closing the last descriptor of a socket does this too).
    func remove(_ fd: Int32)

    /// The events ready now, without waiting; returns how many were written to `events`.
    func poll(into events: UnsafeMutableBufferPointer<ReadyEvent>) -> Int

    /// Closes the kernel object.
    func close()
}

/// One readiness report: the registered token and what became ready.
typealias ReadyEvent = lattice_event

extension ReadyEvent {
    var isReadable: Bool { flags & UInt32(LATTICE_EVENT_READABLE) != 0 }
    var isWritable: Bool { flags & UInt32(LATTICE_EVENT_WRITABLE) != 0 }
    /// The peer closed its side, or the connection failed: a read will say which.
    var isHangup: Bool { flags & UInt32(LATTICE_EVENT_HANGUP) != 0 }
}
