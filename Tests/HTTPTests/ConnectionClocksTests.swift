import Testing
@testable import LatticeHTTP

/// Every timeout of a connection, with a fake clock: instants are literal nanoseconds, and
/// nothing sleeps. The configuration uses round numbers of seconds so each row reads easily.
@Suite("Connection clocks")
struct ConnectionClocksTests {
    static let s: UInt64 = 1_000_000_000

    static var configuration: ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.headerTimeout = .seconds(10)
        configuration.bodyTimeout = .seconds(20)
        configuration.idleTimeout = .seconds(60)
        configuration.writeTimeout = .seconds(30)
        return configuration
    }

    /// One event in a connection's life, at an instant in seconds.
    enum Step: CustomStringConvertible {
        case bytes(UInt64)
        case bodyAwaited(UInt64)
        case answered(UInt64, moreBuffered: Bool)
        case writeBlocked(UInt64)
        case writeProgress(UInt64)
        case drained

        var description: String { "\(self)" }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let steps: [Step]
        var watch: ConnectionClocks.Watch = .requests
        var outputWaiting = false
        /// (instant in seconds, what has run out then)
        let expected: [(UInt64, ConnectionClocks.Expiry?)]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "a connection that never sends is on the header clock", steps: [],
            expected: [(10, nil), (11, .idle), (59, .idle)]),
        Case(
            name: "slow header: 408 ten seconds after the first byte", steps: [.bytes(5)],
            expected: [(14, nil), (15, nil), (16, .request)]),
        Case(
            name: "slow body: 408 twenty seconds after the head", steps: [.bytes(1), .bodyAwaited(2)],
            expected: [(12, nil), (22, nil), (23, .request)]),
        Case(
            name: "idle keep-alive: closed silently sixty seconds after the last response",
            steps: [.bytes(1), .answered(2, moreBuffered: false)],
            expected: [(30, nil), (62, nil), (63, .idle)]),
        Case(
            name: "a pipelined request already buffered is on the header clock from the response",
            steps: [.bytes(1), .answered(4, moreBuffered: true)],
            expected: [(14, nil), (15, .request)]),
        Case(
            name: "the next request's clock starts with its first byte, not before",
            steps: [.bytes(1), .answered(2, moreBuffered: false), .bytes(50)],
            expected: [(59, nil), (60, nil), (61, .request), (63, .request)]),
        Case(
            name: "write timeout: thirty seconds without progress", steps: [.bytes(1), .answered(1, moreBuffered: false), .writeBlocked(2)],
            outputWaiting: true, expected: [(32, nil), (33, .write)]),
        Case(
            name: "progress restarts the write clock", steps: [.bytes(1), .answered(1, moreBuffered: false), .writeBlocked(2), .writeProgress(20)],
            outputWaiting: true, expected: [(33, nil), (50, nil), (51, .write)]),
        Case(
            name: "while output waits, the idle and request clocks do not apply",
            steps: [.bytes(1), .answered(1, moreBuffered: false), .writeBlocked(1), .writeProgress(100)],
            outputWaiting: true, expected: [(100, nil), (129, nil)]),
        Case(
            name: "drained output stops the write clock", steps: [.bytes(1), .answered(1, moreBuffered: false), .writeBlocked(2), .drained],
            expected: [(40, nil), (62, .idle)]),
        Case(
            name: "lingering ends at its deadline", steps: [], watch: .linger(deadline: 7 * s),
            expected: [(6, nil), (7, .linger)]),
        Case(
            name: "the drain window ends at its deadline", steps: [.bytes(1), .answered(1, moreBuffered: false)],
            watch: .drainWindow(deadline: 3 * s), expected: [(2, nil), (3, .drainWindow)]),
        Case(name: "a closing connection has no clock", steps: [], watch: .nothing, expected: [(1000, nil)]),
    ]

    @Test("each timeout fires at its instant and not before", arguments: cases)
    func timeouts(_ testCase: Case) {
        var clocks = ConnectionClocks(acceptedAt: 0)
        let s = Self.s
        for step in testCase.steps {
            switch step {
            case .bytes(let at): clocks.bytesArrived(at: at * s)
            case .bodyAwaited(let at): clocks.bodyAwaited(at: at * s)
            case .answered(let at, let more): clocks.answered(at: at * s, moreBuffered: more)
            case .writeBlocked(let at): clocks.writeWaiting(at: at * s, progressed: false)
            case .writeProgress(let at): clocks.writeWaiting(at: at * s, progressed: true)
            case .drained: clocks.outputDrained()
            }
        }
        for (at, expiry) in testCase.expected {
            #expect(
                clocks.expiry(
                    at: at * s, watching: testCase.watch, outputWaiting: testCase.outputWaiting,
                    configuration: Self.configuration) == expiry, "at \(at) s")
        }
    }

    @Test("a request that timed out stops its clocks; the 408 follows")
    func timedOutStops() {
        var clocks = ConnectionClocks(acceptedAt: 0)
        clocks.bytesArrived(at: 1 * Self.s)
        clocks.bodyAwaited(at: 2 * Self.s)
        clocks.requestTimedOut()
        #expect(clocks.requestStarted == 0 && clocks.bodyStarted == 0)
    }
}
