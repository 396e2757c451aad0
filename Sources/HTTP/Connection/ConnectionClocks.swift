/// A connection's timeouts as a value: when each running clock started, and which one has
/// run out at a given `now`. It reads no clock and does no I/O — the connection passes
/// `now` (MonotonicClock nanoseconds) with every event — so every timeout is tested with
/// literal instants (ConnectionClocksTests), none by sleeping.
struct ConnectionClocks {
    /// What ran out, in the order it is checked.
    enum Expiry: Equatable {
        /// The shutdown's drain window passed with no request: half-close and linger.
        case drainWindow
        /// The lingering close (after an error, or after the drain window) is over: close.
        case linger
        /// The peer accepted no output for `writeTimeout`: drop it.
        case write
        /// A request started but its head (`headerTimeout`) or body (`bodyTimeout`) did not
        /// arrive in time: 408 and close (RFC 9110 §15.5.9).
        case request
        /// Idle keep-alive past `idleTimeout`, or a connection that never sent a byte past
        /// `headerTimeout` (it holds a slot and is on the header clock): close silently, as nginx does — there is no
        /// request to answer 408 to, and a client may be racing a new one onto the socket.
        case idle
    }

    /// The first byte of the request being received; 0 when none is.
    private(set) var requestStarted: UInt64 = 0
    /// The end of that request's head, while its body is still arriving; 0 otherwise.
    private(set) var bodyStarted: UInt64 = 0
    /// The last response was queued (or the connection was accepted).
    private(set) var idleSince: UInt64
    /// The last write that made progress, while output waits; 0 when none waits.
    private(set) var lastWriteProgress: UInt64 = 0
    /// Until a first request is answered, silence is on the header clock.
    private(set) var answeredAny = false

    init(acceptedAt now: UInt64) {
        idleSince = now
    }

    /// Bytes of a request arrived; its clock starts with the first of them.
    mutating func bytesArrived(at now: UInt64) {
        if requestStarted == 0 { requestStarted = now }
    }

    /// The head is complete and the body is awaited.
    mutating func bodyAwaited(at now: UInt64) {
        if bodyStarted == 0 { bodyStarted = now }
    }

    /// A response was queued. If bytes of the next request are already buffered, its clock
    /// starts now; otherwise the connection is idle from now.
    mutating func answered(at now: UInt64, moreBuffered: Bool) {
        answeredAny = true
        bodyStarted = 0
        requestStarted = moreBuffered ? now : 0
        idleSince = now
    }

    /// A request timed out; its clocks stop (the 408 is on its way).
    mutating func requestTimedOut() {
        requestStarted = 0
        bodyStarted = 0
    }

    /// A write would block (the first time, the write clock starts) or made progress while
    /// more output waits.
    mutating func writeWaiting(at now: UInt64, progressed: Bool) {
        if progressed || lastWriteProgress == 0 { lastWriteProgress = now }
    }

    /// All output is written.
    mutating func outputDrained() {
        lastWriteProgress = 0
    }

    /// Which deadlines apply: those of requests (the request, write and idle clocks), or one
    /// fixed deadline of the connection's phase, or none.
    enum Watch: Equatable {
        case requests
        case drainWindow(deadline: UInt64)
        case linger(deadline: UInt64)
        case nothing
    }

    /// What has run out at `now`, if anything. `outputWaiting` selects the write clock over
    /// the request ones.
    func expiry(
        at now: UInt64, watching watch: Watch, outputWaiting: Bool,
        configuration: ServerConfiguration
    ) -> Expiry? {
        switch watch {
        case .nothing:
            return nil
        case .linger(let deadline):
            return now >= deadline ? .linger : nil
        case .drainWindow(let deadline):
            return now >= deadline ? .drainWindow : nil
        case .requests:
            break
        }
        if outputWaiting {
            let stalled = lastWriteProgress != 0 && now - lastWriteProgress > configuration.writeTimeout.nanoseconds
            return stalled ? .write : nil
        }
        if bodyStarted != 0 {
            return now - bodyStarted > configuration.bodyTimeout.nanoseconds ? .request : nil
        }
        if requestStarted != 0 {
            return now - requestStarted > configuration.headerTimeout.nanoseconds ? .request : nil
        }
        let limit = answeredAny ? configuration.idleTimeout : configuration.headerTimeout
        return now - idleSince > limit.nanoseconds ? .idle : nil
    }
}
