#if FUZZING
// Compiled into the LatticeHTTP module by scripts/fuzz.sh, for Fuzz/ConnectionFuzzer.swift:
// a broken invariant stops the fuzzer.
func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    precondition(condition, message())
}
#else
@testable import LatticeHTTP
import Testing

/// A broken invariant is a test failure here, and a crash in the fuzzer.
func check(_ condition: Bool, _ message: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(condition, Comment(rawValue: message()), sourceLocation: sourceLocation)
}
#endif

/// A fake socket, client and clock around one ``ConnectionMachine``. It performs the
/// machine's actions the way ``Connection`` does, but against bytes held here: reads take
/// what the client sent, writes go into ``written`` as far as the client's window allows,
/// and the clock moves only when a test says so. Events are delivered the way an
/// edge-triggered event set delivers them: once per arrival, and writability only while the
/// machine asked for it.
///
/// It serves the tests (ConnectionMachineTests) and the connection fuzzer
/// (Fuzz/ConnectionFuzzer.swift, built with `-D FUZZING`).
///
/// Every time the machine waits for readability, the peer checks the edge-triggered trap:
/// unread bytes or an unread FIN at that moment would never raise another event, and the
/// connection would stall forever.
struct FakePeer {
    /// Whole seconds, so each test reads easily: header 10 s, body 20 s, idle 60 s,
    /// write 30 s, linger 2 s, drain window 1 s.
    static let configuration: ServerConfiguration = {
        var configuration = ServerConfiguration()
        configuration.headerTimeout = .seconds(10)
        configuration.bodyTimeout = .seconds(20)
        configuration.idleTimeout = .seconds(60)
        configuration.writeTimeout = .seconds(30)
        configuration.lingerTimeout = .seconds(2)
        configuration.drainIdleTimeout = .seconds(1)
        return configuration
    }()

    static let second: UInt64 = 1_000_000_000
    /// Second 0 of a test. Monotonic clocks never read 0 (ConnectionClocks uses 0 for "not
    /// running"), so the tests' clock starts well after it, as a real one does.
    static let epoch: UInt64 = 1_000 * second
    static let dateLine = Array("Date: D\r\n".utf8)

    enum State: Equatable, Sendable {
        /// Waiting for an event: readability, and writability when `writable`.
        case waiting(writable: Bool)
        case closed
    }

    private(set) var machine: ConnectionMachine
    private(set) var state = State.waiting(writable: false)
    /// The clock, in nanoseconds.
    private(set) var now = FakePeer.epoch
    /// Sent by the client, not yet read by the server.
    private var inbound: [UInt8] = []
    private var finSent = false
    /// How much more the client's buffers accept; nil: everything.
    private var window: Int?
    /// Everything the server wrote, and how much of it a test has looked at.
    private(set) var written: [UInt8] = []
    private var seen = 0
    private(set) var halfClosed = false
    /// The client has half-closed; it sends nothing more.
    var clientFinished: Bool { finSent }
    /// Each request the handler saw, as `METHOD path body-length`.
    private(set) var requests: [String] = []
    /// Bytes the client sent that the server has not read.
    var unread: Int { inbound.count }
    /// Reads performed (each one a system call in the real shell).
    private(set) var reads = 0
    /// The next read or write fails with an unexpected error.
    var failNextRead = false
    var failNextWrite = false
    /// The server is ending keep-alive (`drain_delay`).
    var serverDraining = false
    /// The worker's spare buffers, lent and returned as the shell does.
    private var spareInput = FakePeer.spare()
    private var spareOutput = FakePeer.spare()

    private static func spare() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(256)
        return buffer
    }
    private let readSize: Int
    private let handler: (HTTPRequest) -> HTTPResponse

    init(readSize: Int = 64 * 1024, wantsBody: Bool = true, window: Int? = nil,
         handler: @escaping (HTTPRequest) -> HTTPResponse = FakePeer.respond) {
        let policy = ConnectionPolicy(configuration: Self.configuration, wantsBody: { _ in wantsBody })
        machine = ConnectionMachine(policy: policy, now: Self.epoch)
        self.readSize = readSize
        self.window = window
        self.handler = handler
    }

    // MARK: What the client and the clock do

    /// Accepts the connection (its first bytes may already be waiting).
    mutating func accept(_ firstBytes: String = "") {
        inbound += Array(firstBytes.utf8)
        run(machine.start(now: now))
    }

    mutating func send(_ text: String) { send(Array(text.utf8)) }

    /// The client sends bytes, and its FIN with them when `fin` (one event reports both).
    mutating func send(_ bytes: [UInt8], fin: Bool = false) {
        inbound += bytes
        finSent = finSent || fin
        deliver(fin ? [.readable, .hangup] : .readable)
    }

    /// The client half-closes (shutdown(SHUT_WR)): an event with readability and hang-up.
    mutating func sendFIN() {
        finSent = true
        deliver([.readable, .hangup])
    }

    /// The client reads `count` more bytes (nil: all, from now on), making room for writes.
    mutating func clientReads(_ count: Int?) {
        if let count { window = (window ?? 0) + count } else { window = nil }
        deliver(.writable)
    }

    /// The clock reaches `seconds`, and the worker's timer checks the deadlines.
    mutating func clock(_ seconds: Double) {
        now = Self.epoch + UInt64(seconds * Double(Self.second))
        guard case .waiting = state else { return }
        run(machine.checkDeadlines(now: now))
    }

    /// The server begins its shutdown.
    mutating func drain() {
        guard case .waiting = state else { return }
        run(machine.drain(now: now))
    }

    /// What the server wrote since the last call.
    mutating func output() -> String {
        defer { seen = written.count }
        return String(decoding: written[seen...], as: UTF8.self)
    }

    private mutating func deliver(_ readiness: ConnectionMachine.Readiness) {
        guard case .waiting(let writable) = state else { return }
        var readiness = readiness
        if !writable { readiness.remove(.writable) }  // not asked for: the event set stays silent
        guard !readiness.isEmpty else { return }
        run(machine.ready(readiness, now: now))
    }

    // MARK: Performing actions, as Connection does

    private mutating func run(_ first: ConnectionMachine.Action) {
        var action = first
        while true {
            switch action {
            case .read(let upTo):
                reads += 1
                check(upTo > 0, "a read of nothing")
                let size = min(readSize, upTo)
                if failNextRead {
                    failNextRead = false
                    action = machine.read(.failed, now: now)
                } else if !inbound.isEmpty {
                    let count = min(size, inbound.count)
                    let chunk = Array(inbound[..<count])
                    inbound.removeFirst(count)
                    machine.borrowInputBuffer(from: &spareInput)
                    action = chunk.withUnsafeBytes {
                        machine.read(.bytes($0, filledBuffer: count == size), now: now)
                    }
                } else {
                    action = machine.read(finSent ? .closed : .wouldBlock, now: now)
                }
            case .respond:
                let request = machine.takeRequest()!
                machine.borrowOutputBuffer(from: &spareOutput)
                requests.append("\(request.method) \(request.path) \(request.body.count)")
                action = machine.respond(
                    with: handler(request), dateLine: Self.dateLine, serverDraining: serverDraining, now: now)
            case .respondToError(let error):
                _ = machine.takeRequest()
                let response = HTTPResponse(status: error.status, body: .bytes(Array(error.slug.utf8)))
                machine.borrowOutputBuffer(from: &spareOutput)
                action = machine.respond(with: response, dateLine: Self.dateLine, serverDraining: serverDraining, now: now)
            case .pull(let stream):
                action = machine.pulled(stream.next(), now: now)
            case .write:
                let pending = machine.withUnwrittenOutput { Array($0) }
                check(!pending.isEmpty, "a write with nothing to write")
                let count = min(pending.count, window ?? .max)
                if failNextWrite {
                    failNextWrite = false
                    action = machine.wrote(.failed, now: now)
                } else if count == 0 {
                    action = machine.wrote(.wouldBlock, now: now)
                } else {
                    written += pending[..<count]
                    window = window.map { $0 - count }
                    action = machine.wrote(.wrote(count), now: now)
                }
            case .shutdownWrite:
                check(!halfClosed, "half-closed twice")
                halfClosed = true
                action = machine.halfClosed()
            case .wait(let writable):
                if !writable {
                    check(inbound.isEmpty, "waits for readability with \(inbound.count) unread bytes: it would stall")
                    check(!finSent, "waits for readability with an unread FIN: it would stall")
                }
                machine.returnBuffers(input: &spareInput, output: &spareOutput)
                state = .waiting(writable: writable)
                return
            case .close:
                machine.returnBuffers(input: &spareInput, output: &spareOutput)
                state = .closed
                return
            }
        }
    }

    // MARK: The handler

    /// `/big/N`: N bytes of `x` (at most 1 MiB); `/stream/N`: N chunks `1`…`N` (at most
    /// 1,000); a body: `got N`; anything else: the path without its slash. (The caps keep
    /// the fuzzer's requests cheap.)
    static func respond(_ request: HTTPRequest) -> HTTPResponse {
        let parts = request.path.split(separator: "/")
        if parts.first == "big", let asked = Int(parts.last!), asked >= 0 {
            let count = min(asked, 1 << 20)
            return HTTPResponse(status: .ok, body: .bytes([UInt8](repeating: UInt8(ascii: "x"), count: count)))
        }
        if parts.first == "stream", let asked = Int(parts.last!) {
            let count = min(asked, 1000)
            var sent = 0
            return HTTPResponse(status: .ok, body: .stream(HTTPBodyStream {
                guard sent < count else { return nil }
                sent += 1
                return Array("\(sent)".utf8)
            }))
        }
        if !request.body.isEmpty {
            return HTTPResponse(status: .ok, body: .bytes(Array("got \(request.body.count)".utf8)))
        }
        return HTTPResponse(status: .ok, body: .bytes(Array(request.path.dropFirst().utf8)))
    }
}
