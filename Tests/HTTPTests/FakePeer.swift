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
    /// The socket, client and clock the machine's actions are performed on.
    private(set) var io: FakeIO

    var state: State { io.state }
    /// Everything the server wrote, and whether it half-closed.
    var written: [UInt8] { io.written }
    var halfClosed: Bool { io.halfClosed }
    /// The client has half-closed; it sends nothing more.
    var clientFinished: Bool { io.finSent }
    /// Each request the handler saw, as `METHOD path body-length`.
    var requests: [String] { io.requests }
    /// Reads performed (each one a system call in the real shell).
    var reads: Int { io.reads }
    /// Bytes the client sent that the server has not read.
    var unread: Int { io.inbound.count }
    /// The next read or write fails with an unexpected error.
    var failNextRead: Bool {
        get { io.failNextRead }
        set { io.failNextRead = newValue }
    }
    var failNextWrite: Bool {
        get { io.failNextWrite }
        set { io.failNextWrite = newValue }
    }
    /// The server is ending keep-alive (`drain_delay`).
    var serverDraining: Bool {
        get { io.serverDraining }
        set { io.serverDraining = newValue }
    }
    /// The connection yielded its worker's turn and waits to be resumed.
    var yielded: Bool { io.yielded }
    private var seen = 0

    /// `readsPerTurn`, `responsesPerTurn`: what a turn may do before the connection yields
    /// its worker's turn (as the shell's ``ConnectionTuning``); the tests resume it with
    /// ``resume()``.
    init(
        readSize: Int = 64 * 1024, wantsBody: Bool = true, window: Int? = nil, readsPerTurn: Int = .max,
        responsesPerTurn: Int = .max, handler: @escaping (HTTPRequest) -> HTTPResponse = FakePeer.respond
    ) {
        let policy = ConnectionPolicy(configuration: Self.configuration, wantsBody: { _ in wantsBody })
        machine = ConnectionMachine(policy: policy, now: Self.epoch)
        io = FakeIO(
            readSize: readSize, window: window, readsPerTurn: readsPerTurn, responsesPerTurn: responsesPerTurn,
            handler: handler)
    }

    // MARK: What the client and the clock do

    /// Accepts the connection (its first bytes may already be waiting).
    mutating func accept(_ firstBytes: String = "") {
        io.inbound += Array(firstBytes.utf8)
        run(machine.start())
    }

    mutating func send(_ text: String) { send(Array(text.utf8)) }

    /// The client sends bytes, and its FIN with them when `fin` (one event reports both).
    mutating func send(_ bytes: [UInt8], fin: Bool = false) {
        io.inbound += bytes
        io.finSent = io.finSent || fin
        deliver(fin ? [.readable, .hangup] : .readable)
    }

    /// The client half-closes (shutdown(SHUT_WR)): an event with readability and hang-up.
    mutating func sendFIN() {
        io.finSent = true
        deliver([.readable, .hangup])
    }

    /// The client reads `count` more bytes (nil: all, from now on), making room for writes.
    mutating func clientReads(_ count: Int?) {
        if let count { io.window = (io.window ?? 0) + count } else { io.window = nil }
        deliver(.writable)
    }

    /// The clock reaches `seconds`, and the worker's timer checks the deadlines.
    mutating func clock(_ seconds: Double) {
        io.clock = Self.epoch + UInt64(seconds * Double(Self.second))
        guard case .waiting = io.state else { return }
        run(machine.checkDeadlines(now: io.clock))
    }

    /// The server begins its shutdown.
    mutating func drain() {
        guard case .waiting = io.state else { return }
        run(machine.drain())
    }

    /// The worker comes back to a connection that yielded its turn.
    mutating func resume() {
        guard case .waiting = io.state, io.yielded else { return }
        io.yielded = false
        run(machine.resume(now: io.clock))
    }

    /// What the server wrote since the last call.
    mutating func output() -> String {
        defer { seen = io.written.count }
        return String(decoding: io.written[seen...], as: UTF8.self)
    }

    private mutating func deliver(_ readiness: ConnectionMachine.Readiness) {
        guard case .waiting(let writable) = io.state else { return }
        var readiness = readiness
        if !writable { readiness.remove(.writable) }  // not asked for: the event set stays silent
        guard !readiness.isEmpty else { return }
        run(machine.ready(readiness, now: io.clock))
    }

    /// Performs actions through the same loop as the socket shell.
    private mutating func run(_ first: ConnectionMachine.Action) {
        machine.perform(first, now: io.clock, with: &io)
    }
}

/// The fake socket, client and clock: reads take what the client sent, writes go into
/// ``written`` as far as the client's window allows.
struct FakeIO: ConnectionIO {
    var state = FakePeer.State.waiting(writable: false)
    /// The clock, in nanoseconds.
    var clock = FakePeer.epoch
    /// Sent by the client, not yet read by the server.
    var inbound: [UInt8] = []
    var finSent = false
    /// How much more the client's buffers accept; nil: everything.
    var window: Int?
    var written: [UInt8] = []
    var halfClosed = false
    var requests: [String] = []
    var reads = 0
    var failNextRead = false
    var failNextWrite = false
    var serverDraining = false
    var yielded = false
    let readsPerTurn: Int
    let responsesPerTurn: Int
    /// The worker's spare buffers, lent and returned as the shell does.
    private var spareInput = FakeIO.spare()
    private var spareOutput = FakeIO.spare()
    private let readSize: Int
    private let handler: (HTTPRequest) -> HTTPResponse
    private let buffer = ReadBuffer()

    /// A read buffer that lives as long as the peer (copies share it).
    final class ReadBuffer {
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: ConnectionTuning.readBufferBytes, alignment: 16)
        deinit { bytes.deallocate() }
    }

    private static func spare() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(256)
        return buffer
    }

    init(
        readSize: Int, window: Int?, readsPerTurn: Int, responsesPerTurn: Int,
        handler: @escaping (HTTPRequest) -> HTTPResponse
    ) {
        self.readSize = min(readSize, ConnectionTuning.readBufferBytes)
        self.window = window
        self.readsPerTurn = readsPerTurn
        self.responsesPerTurn = responsesPerTurn
        self.handler = handler
    }

    mutating func now() -> UInt64 { clock }
    /// As large as the fake's read size: a read that fills it may leave more waiting.
    var readBuffer: UnsafeMutableRawBufferPointer { UnsafeMutableRawBufferPointer(rebasing: buffer.bytes[..<readSize]) }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Socket.IOResult {
        reads += 1
        check(buffer.count > 0, "a read of nothing")
        if failNextRead {
            failNextRead = false
            return .failed(SocketError("read"))
        }
        guard !inbound.isEmpty else { return finSent ? .closed : .wouldBlock }
        let count = min(buffer.count, inbound.count)
        inbound.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        inbound.removeFirst(count)
        return .bytes(count)
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer) -> Socket.IOResult {
        check(!bytes.isEmpty, "a write with nothing to write")
        if failNextWrite {
            failNextWrite = false
            return .failed(SocketError("write"))
        }
        let count = min(bytes.count, window ?? .max)
        guard count > 0 else { return .wouldBlock }
        written += bytes[..<count]
        window = window.map { $0 - count }
        return .bytes(count)
    }

    mutating func shutdownWrite() {
        check(!halfClosed, "half-closed twice")
        halfClosed = true
    }

    mutating func respond(to request: HTTPRequest) -> HTTPResponse {
        requests.append("\(request.method) \(request.path) \(request.body.count)")
        return handler(request)
    }

    mutating func respond(to error: HTTPError, request: HTTPRequest?) -> HTTPResponse {
        HTTPResponse(status: error.status, body: .bytes(Array(error.slug.utf8)))
    }

    mutating func pull(_ stream: HTTPBodyStream) -> [UInt8]? { stream.next() }
    mutating func dateLine() -> [UInt8] { FakePeer.dateLine }

    mutating func lendInputBuffer(to machine: inout ConnectionMachine) { machine.borrowInputBuffer(from: &spareInput) }
    mutating func lendOutputBuffer(to machine: inout ConnectionMachine) { machine.borrowOutputBuffer(from: &spareOutput) }
    mutating func takeBuffersBack(from machine: inout ConnectionMachine) {
        machine.returnBuffers(input: &spareInput, output: &spareOutput)
    }

    mutating func wait(writable: Bool, yielded: Bool) -> Bool {
        if yielded {
            self.yielded = true  // unread bytes are fine: the worker comes back
        } else if !writable {
            check(inbound.isEmpty, "waits for readability with \(inbound.count) unread bytes: it would stall")
            check(!finSent, "waits for readability with an unread FIN: it would stall")
        }
        state = .waiting(writable: writable)
        return true
    }

    mutating func close() {
        state = .closed
    }
}

extension FakePeer {
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
            return HTTPResponse(
                status: .ok,
                body: .stream(
                    HTTPBodyStream {
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
