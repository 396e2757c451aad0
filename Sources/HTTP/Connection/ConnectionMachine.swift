/// One connection's HTTP/1.1 protocol as a value: events go in (the connection started,
/// the socket became ready, bytes were read, a write went through or would block, the
/// handler answered, a deadline check, the server drains), each with an explicit `now`, and
/// the next ``Action`` comes out (read, answer this request, write, wait for readiness,
/// half-close, close). It makes no system call, touches no Dispatch object and reads no
/// clock: ``Connection`` performs the actions on a worker's queue, and the tests
/// (ConnectionMachineTests) drive it with literal bytes and a fake clock.
///
/// Every action but ``Action/wait(writable:)`` and ``Action/close`` is answered by exactly one
/// report (``read(_:now:)``, ``respond(with:dateLine:serverDraining:now:)``,
/// ``pulled(_:now:)``, ``wrote(_:now:)``, ``halfClosed()``), which returns the next action.
/// Events (``start(now:)``, ``ready(_:now:)``, ``checkDeadlines(now:)``, ``drain(now:)``,
/// ``abort()``) come only while the machine waits.
///
/// The protocol, in short:
/// - Requests are parsed and answered in order as bytes arrive; pipelined requests already
///   buffered are answered without waiting for another read event, in batches of up to
///   ``ConnectionTuning/outputHighWater`` of output before it is flushed.
/// - Reading stops once ``ConnectionTuning/bufferedInputBytes`` are buffered: what they
///   hold is answered first, and reading resumes as it is consumed and the output drains,
///   so a client that sends without reading holds a bounded amount of the server's memory.
/// - While output waits for the peer, reading stops (back-pressure): the kernel's buffers
///   hold what the client sends meanwhile. Readiness is edge-triggered, so no new event
///   reports those bytes; once the output drains the machine reads until `EAGAIN` itself.
/// - A new connection is read at once (its first request usually came with its handshake);
///   a read shorter than asked ends reading, since anything later raises a new edge.
///   After a hang-up, after back-pressure, after reading stopped at the input bound or at
///   the end of the worker's turn (``yieldRead()``), and when lingering starts, the edge was
///   already harvested, so reading goes on until `EAGAIN` or EOF ("thorough").
/// - One request, one response: a response is final. A request whose body nobody wants is
///   answered once its body has been read and dropped (``RequestParser``), and an error found
///   after a response that ends the connection closes it without a second response.
/// - A response that must close the connection is followed by a close, or by a lingering
///   close (half-close, then read and drop until the client's FIN or ``ServerConfiguration/lingerTimeout``)
///   when the client may still be sending (RFC 9112 §9.6).
/// - At shutdown an idle connection is still read for ``ServerConfiguration/drainIdleTimeout``
///   (a request already on the wire is answered with `Connection: close`), then half-closed.
struct ConnectionMachine {
    /// The connection's stage, as far as the protocol goes.
    enum Phase: Equatable {
        /// Reading requests and answering them.
        case open
        /// Our side is shut down; reading and discarding until EOF or the deadline.
        case lingering(deadline: UInt64)
        /// The server is shutting down and no request is in progress: still reading, and
        /// answering (with `Connection: close`) whatever request arrives, until the deadline;
        /// then half-closed and lingering. Closing at once would reset a request already on
        /// the wire (issue 16 item 10).
        case drainingIdle(deadline: UInt64)
        case closed

        /// Whether requests are still read and answered.
        var answers: Bool {
            switch self {
            case .open, .drainingIdle: true
            case .lingering, .closed: false
            }
        }
    }

    /// What the I/O shell must do next.
    enum Action {
        /// Read once from the socket, at most `upTo` bytes; report with ``read(_:now:)``.
        case read(upTo: Int)
        /// Call the handler for the request ``takeRequest()`` hands over; report its
        /// response with ``respond(with:dateLine:serverDraining:now:)``.
        case respond
        /// The HTTP layer found an error: ask the handler for its response (``takeRequest()``
        /// hands over the head whose body was being read, if any); report it the same way.
        /// The connection closes after it.
        case respondToError(HTTPError)
        /// Pull the next chunk of a streamed body; report it with ``pulled(_:now:)``.
        case pull(HTTPBodyStream)
        /// Write ``withUnwrittenOutput(_:)``; report with ``wrote(_:now:)``.
        case write
        /// Shut the socket down for writing (half-close); report with ``halfClosed()``.
        case shutdownWrite
        /// Nothing to do until the next event: watch readability, and writability too when
        /// `writable` (only while output waits — a socket with buffer space is always writable).
        case wait(writable: Bool)
        /// Close the descriptor; the machine is finished.
        case close
    }

    /// What one read returned.
    enum ReadResult {
        /// Bytes arrived; `filledBuffer` when they were as many as the read could take (more
        /// may wait).
        case bytes(UnsafeRawBufferPointer, filledBuffer: Bool)
        case wouldBlock
        /// EOF: the peer half-closed (or reset).
        case closed
        /// An unexpected error (the shell reports it); the connection closes.
        case failed
    }

    /// What one write returned.
    enum WriteResult {
        case wrote(Int)
        case wouldBlock
        /// The peer is gone (EPIPE, ECONNRESET).
        case closed
        /// An unexpected error (the shell reports it); the connection closes.
        case failed
    }

    /// What the event set reported.
    struct Readiness: OptionSet {
        let rawValue: UInt8
        static let readable = Readiness(rawValue: 1)
        static let writable = Readiness(rawValue: 2)
        /// The peer closed its side, or the connection failed: a read will say which.
        static let hangup = Readiness(rawValue: 4)
    }

    /// Where the machine is: which report it awaits, or that it waits for an event.
    private enum Step {
        case reading(thorough: Bool, received: Bool)
        case responding(Pending)
        /// `needsInput`: answering stopped because the buffer holds no complete request
        /// (rather than to flush first), so after flushing there is nothing more to parse.
        case writing(needsInput: Bool)
        case pulling(needsInput: Bool)
        case halfClosing
        case waiting
        case finished
    }

    /// What the response being awaited needs from its request.
    private struct Pending {
        var isHead: Bool
        var version: HTTPVersion
        var keepAlive: Bool
        var isError: Bool
        var taken = false
    }

    private(set) var phase = Phase.open
    private var step = Step.waiting
    private let policy: ConnectionPolicy
    private var parser: RequestParser
    private var input = ByteQueue()
    private var output: [UInt8] = []
    private var outputOffset = 0
    private var stream: HTTPBodyStream?
    /// Before the one-byte fields, which then fill its last word (an idle connection's
    /// size decides its allocation size class: see ``Connection``).
    private var clocks: ConnectionClocks
    private var streamFraming = ResponseSerializer.BodyFraming.none
    /// After the output is flushed: close, lingering first if the client may still be sending.
    private var closeAfterFlush = false
    private var lingerOnClose = false
    private var peerFinished = false
    /// Reading paused for back-pressure: once the output drains, read until EAGAIN.
    private var readOwed = false
    private var shuttingDown: Bool

    init(policy: ConnectionPolicy, shuttingDown: Bool = false, now: UInt64) {
        self.policy = policy
        self.parser = RequestParser(sharing: policy.limits)
        self.shuttingDown = shuttingDown
        self.clocks = ConnectionClocks(acceptedAt: now)
    }

    private var configuration: ServerConfiguration { policy.configuration }

    /// Output (or a stream) waits for the peer.
    var outputWaiting: Bool { outputOffset < output.count || stream != nil }

    // MARK: Events (only while waiting)

    /// The connection was accepted: read what already arrived (usually its first request).
    mutating func start(now: UInt64) -> Action {
        startReading(thorough: false)
    }

    /// The event set reported the socket ready.
    mutating func ready(_ readiness: Readiness, now: UInt64) -> Action {
        guard case .waiting = step else { return unexpected("readiness") }
        if outputWaiting {
            // Back-pressure: bytes that arrived wait until the output has drained. A hang-up
            // may come without writability: the write then reports the broken pipe.
            guard readiness.contains(.writable) || readiness.contains(.hangup), phase.answers else { return wait() }
            readOwed = true
            return drive(now: now)
        }
        guard readiness.contains(.readable) || readiness.contains(.hangup) else { return wait() }
        return startReading(thorough: readiness.contains(.hangup) || readOwed)
    }

    /// The worker takes its turn back before this ``Action/read`` (see
    /// ``ConnectionTuning/readsPerTurn``): the machine waits, owing a read that
    /// ``resume(now:)`` performs once the worker's other ready connections were served.
    mutating func yieldRead() -> Action {
        guard case .reading = step else { return unexpected("yield") }
        readOwed = true
        return wait()
    }

    /// The worker comes back to a connection that yielded (``yieldRead()``).
    mutating func resume(now: UInt64) -> Action {
        guard case .waiting = step else { return unexpected("resume") }
        guard readOwed, !outputWaiting else { return wait() }
        return startReading(thorough: true)
    }

    /// The worker's timer: acts on whatever timeout has run out at `now`.
    mutating func checkDeadlines(now: UInt64) -> Action {
        guard case .waiting = step else { return unexpected("deadline check") }
        switch clocks.expiry(at: now, phase: phase, outputWaiting: outputWaiting, configuration: configuration) {
        case nil:
            return wait()
        case .linger, .write, .idle:
            return close()
        case .drainWindow:
            // Half-close (the client sees EOF on an idle connection, which it must expect,
            // RFC 9112 §9.6) and read until its FIN or the deadline: a request that crossed
            // our FIN is read, never met with a reset.
            input.reset()
            phase = .lingering(deadline: now + configuration.drainIdleTimeout.nanoseconds)
            if peerFinished { return close() }
            step = .halfClosing
            return .shutdownWrite
        case .request:
            clocks.requestTimedOut()
            return fail(.requestTimeout)
        }
    }

    /// The server is shutting down. Whatever already arrived is read and answered (with
    /// `Connection: close`); a connection with nothing to answer then enters its drain
    /// window, a busy one closes after its current response.
    mutating func drain(now: UInt64) -> Action {
        guard case .waiting = step else { return unexpected("drain") }
        shuttingDown = true
        guard phase == .open, !outputWaiting else { return wait() }
        return startReading(thorough: true)
    }

    /// Close now, whatever is in progress (the shutdown's grace period is over).
    mutating func abort() -> Action {
        close()
    }

    /// The request the last ``Action/respond`` or ``Action/respondToError(_:)`` is about
    /// (for an error, the head whose body was being read, if any). It waits in the parser,
    /// not in the action: actions stay a few bytes, returned in registers, where a request
    /// in them was copied along at every step (measured: 10% of a keep-alive request's
    /// instructions), and no connection carries a request-sized field for it.
    mutating func takeRequest() -> HTTPRequest? {
        guard case .responding(var pending) = step, !pending.taken else { return nil }
        pending.taken = true
        step = .responding(pending)
        return pending.isError ? parser.requestInProgress : parser.takeRequest()
    }

    // MARK: Reports

    /// The result of a ``Action/read``.
    mutating func read(_ result: ReadResult, now: UInt64) -> Action {
        guard case .reading(let thorough, var received) = step else { return unexpected("read") }
        switch result {
        case .bytes(let bytes, let filledBuffer):
            if phase.answers {
                input.append(bytes)
                received = true
            }
            if thorough || filledBuffer {
                if !phase.answers || input.count < ConnectionTuning.bufferedInputBytes {
                    step = .reading(thorough: thorough, received: received)
                    return .read(upTo: readRoom())
                }
                // Answer what is buffered before reading more; the read stopped before
                // EAGAIN, so it is owed.
                readOwed = true
            }
        case .wouldBlock:
            break
        case .closed:
            peerFinished = true
        case .failed:
            return close()
        }
        switch phase {
        case .closed:
            return close()
        case .lingering:
            return peerFinished ? close() : wait()
        case .open, .drainingIdle:
            if received && !parser.isMidRequest { clocks.bytesArrived(at: now) }
            // After EOF, what is buffered is still answered before the connection closes.
            return drive(now: now)
        }
    }

    /// The handler's response to the ``Action/respond`` or ``Action/respondToError(_:)``
    /// just performed. `dateLine` is the `Date` field line; `serverDraining` that the server
    /// is ending keep-alive (the response then closes its connection).
    mutating func respond(with response: HTTPResponse, dateLine: [UInt8], serverDraining: Bool, now: UInt64) -> Action {
        guard case .responding(let pending) = step else { return unexpected("response") }
        if pending.isError {
            enqueue(response, isHead: pending.isHead, version: pending.version, keepAlive: false, dateLine: dateLine)
            closeAfterFlush = true
            lingerOnClose = true  // so the client can read the error before a reset
            return answerBufferedRequests(now: now)
        }
        let keepAlive = pending.keepAlive && !serverDraining
            && !ResponseSerializer.closesAfter(response, version: pending.version)
        enqueue(response, isHead: pending.isHead, version: pending.version, keepAlive: keepAlive, dateLine: dateLine)
        if !keepAlive {
            closeAfterFlush = true
            // Bytes still coming (the next request, or a body being discarded): a close now
            // could reset the response.
            lingerOnClose = !input.isEmpty || parser.isMidRequest
        }
        clocks.answered(at: now, moreBuffered: !input.isEmpty)
        return answerBufferedRequests(now: now)
    }

    /// The next chunk of the stream being sent, or nil at its end.
    mutating func pulled(_ chunk: [UInt8]?, now: UInt64) -> Action {
        guard case .pulling(let needsInput) = step else { return unexpected("chunk") }
        if let chunk {
            if streamFraming == .chunked {
                ResponseSerializer.appendChunk(chunk, to: &output)
            } else {
                output.append(contentsOf: chunk)
            }
        } else {
            if streamFraming == .chunked { output.append(contentsOf: ResponseSerializer.lastChunk) }
            stream = nil
        }
        return flush(needsInput: needsInput, now: now)
    }

    /// The bytes a ``Action/write`` must send. (Mutating only so that the shell's call works
    /// on the machine in place: a non-mutating call on a struct stored in a class copies it.)
    mutating func withUnwrittenOutput<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        output.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[outputOffset...])) }
    }

    /// The result of a ``Action/write``.
    mutating func wrote(_ result: WriteResult, now: UInt64) -> Action {
        guard case .writing(let needsInput) = step else { return unexpected("write") }
        switch result {
        case .wrote(let count):
            outputOffset += count
            // Progress only matters while output still waits (the write timeout).
            if outputWaiting { clocks.writeWaiting(at: now, progressed: true) }
            return flush(needsInput: needsInput, now: now)
        case .wouldBlock:
            clocks.writeWaiting(at: now, progressed: false)
            return wait()
        case .closed, .failed:
            return close()
        }
    }

    /// The ``Action/shutdownWrite`` is done: read and drop what the client still sends.
    mutating func halfClosed() -> Action {
        guard case .halfClosing = step else { return unexpected("half-close") }
        return startReading(thorough: true)
    }

    // MARK: Buffers

    /// Idle connections hold no buffers: the shell lends its worker's warm spares, the
    /// input one before read bytes are reported and the output one before a response is,
    /// and takes them back when the connection waits with nothing half-read or unwritten
    /// (``returnBuffers(input:output:)``).
    mutating func borrowInputBuffer(from spare: inout [UInt8]) {
        input.borrowStorage(from: &spare)
    }

    mutating func borrowOutputBuffer(from spare: inout [UInt8]) {
        guard output.capacity == 0, spare.capacity > 0 else { return }
        swap(&output, &spare)
        if !output.isEmpty { output.removeAll(keepingCapacity: true) }  // a spare is kept empty
    }

    /// Bytes of buffer storage the connection holds (none while idle, once its buffers are
    /// returned).
    var heldBufferBytes: Int { input.capacity + output.capacity }

    mutating func returnBuffers(input spareInput: inout [UInt8], output spareOutput: inout [UInt8]) {
        input.returnStorage(to: &spareInput, keepingAtMost: ConnectionTuning.largestKeptInput)
        returnOutputBuffer(to: &spareOutput)
    }

    private mutating func returnOutputBuffer(to spare: inout [UInt8]) {
        guard output.capacity > 0, !outputWaiting else { return }
        output.removeAll(keepingCapacity: true)
        outputOffset = 0
        if spare.capacity == 0 && output.capacity <= ConnectionTuning.largestKeptOutput {
            swap(&output, &spare)
        } else {
            output = []
        }
    }

    // MARK: Answering

    private mutating func startReading(thorough: Bool) -> Action {
        if thorough { readOwed = false }
        step = .reading(thorough: thorough, received: false)
        return .read(upTo: readRoom())
    }

    /// How much the next read may add to the input: up to the input bound, or, for a head
    /// larger than the bound (the only thing that can fill it while no output waits), as far
    /// as the largest head the parser can still accept.
    private func readRoom() -> Int {
        guard phase.answers else { return Int.max }  // dropped, not buffered
        let room = ConnectionTuning.bufferedInputBytes - input.count
        return room > 0 ? room : max(policy.largestHead - input.count, 1)
    }

    /// Answers what is buffered, flushes, and repeats while progress is possible.
    private mutating func drive(now: UInt64) -> Action {
        phase.answers ? answerBufferedRequests(now: now) : wait()
    }

    /// Answers the next complete request in the buffer, unless the connection is closing,
    /// a stream is being sent or enough output is queued; then flushes.
    private mutating func answerBufferedRequests(now: UInt64) -> Action {
        guard phase.answers, !closeAfterFlush, stream == nil,
              output.count - outputOffset <= ConnectionTuning.outputHighWater
        else { return flush(needsInput: false, now: now) }
        switch parser.advance(&input, wantsBody: policy.wantsBody) {
        case .incomplete:
            if parser.takeContinue() { output.append(contentsOf: Self.continueLine) }
            if parser.isMidRequest { clocks.bodyAwaited(at: now) }
            return flush(needsInput: true, now: now)
        case .requestReady(let isHead, let version, let keepAlive):
            step = .responding(Pending(isHead: isHead, version: version, keepAlive: keepAlive, isError: false))
            return .respond
        case .failure(let error):
            return fail(error)
        }
    }

    private static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
    private static let headMethod = Array("HEAD ".utf8)

    /// Asks for an HTTP-layer error's response; the connection closes after it, lingering
    /// so the client can read it.
    private mutating func fail(_ error: HTTPError) -> Action {
        // A response that ends the connection is already queued: it was the final one.
        guard !closeAfterFlush else { return close() }
        // RFC 9110 §9.3.2: no body in any response to HEAD, errors included, also when the
        // head failed to parse (it is still in the input then: nothing was consumed).
        let isHead = parser.requestInProgress.map { $0.method == .head } ?? input.hasPrefix(Self.headMethod)
        step = .responding(Pending(isHead: isHead, version: .http1_1, keepAlive: false, isError: true))
        return .respondToError(error)
    }

    private mutating func enqueue(_ response: HTTPResponse, isHead: Bool, version: HTTPVersion, keepAlive: Bool, dateLine: [UInt8]) {
        let framing = ResponseSerializer.append(
            response, to: &output, isHead: isHead, version: version, keepAlive: keepAlive, dateLine: dateLine)
        if framing == .chunked || framing == .untilClose, case .stream(let body) = response.body {
            stream = body
            streamFraming = framing
        }
    }

    // MARK: Writing

    /// Writes queued output, pulling stream chunks as the socket accepts them; once all is
    /// written, goes on with what comes next.
    private mutating func flush(needsInput: Bool, now: UInt64) -> Action {
        if outputOffset < output.count {
            step = .writing(needsInput: needsInput)
            return .write
        }
        // Everything produced so far is written: the buffer starts over, so a stream holds
        // one chunk at a time however long it is, and a pipelined burst one batch at a time.
        if outputOffset > 0 {
            output.removeAll(keepingCapacity: true)
            outputOffset = 0
        }
        if stream != nil {
            step = .pulling(needsInput: needsInput)
            return .pull(stream!)
        }
        clocks.outputDrained()
        if closeAfterFlush { return finish(now: now) }
        // Stopped to flush with requests still buffered: answer them now (no read event
        // would come for bytes already held).
        if !needsInput && !input.isEmpty { return answerBufferedRequests(now: now) }
        return idle(now: now)
    }

    /// Everything buffered is answered and written.
    private mutating func idle(now: UInt64) -> Action {
        if peerFinished { return close() }  // the client half-closed and everything it sent is answered
        if shuttingDown, phase == .open, input.isEmpty, !parser.isMidRequest {
            phase = .drainingIdle(deadline: now + configuration.drainIdleTimeout.nanoseconds)
        }
        if readOwed {
            readOwed = false
            return startReading(thorough: true)
        }
        return wait()
    }

    // MARK: Closing

    /// Everything is written and the connection must end.
    private mutating func finish(now: UInt64) -> Action {
        guard lingerOnClose && !peerFinished else { return close() }
        // RFC 9112 §9.6: half-close, then drain what the client still sends, so that a reset
        // does not destroy the response before the client reads it.
        phase = .lingering(deadline: now + configuration.lingerTimeout.nanoseconds)
        input.reset()
        step = .halfClosing
        return .shutdownWrite
    }

    private mutating func wait() -> Action {
        step = .waiting
        return .wait(writable: outputWaiting)
    }

    private mutating func close() -> Action {
        phase = .closed
        step = .finished
        stream = nil
        input.removeAll()  // both kept: the shell lends them to the next connection
        output.removeAll(keepingCapacity: true)
        outputOffset = 0
        return .close
    }

    /// A report or event that does not match what the machine asked for is a bug in the
    /// shell; in a release build the connection is closed rather than left in a bad state.
    private mutating func unexpected(_ what: StaticString) -> Action {
        if case .finished = step { return .close }
        assertionFailure("connection: unexpected \(what) while \(step)")
        return close()
    }
}

/// What every connection of a server shares, set once: the configuration (limits and
/// timeouts) and the handler's answer to whether a request's body is wanted (asked while
/// the head is parsed, so it is a question, not an action). A class, so a connection holds
/// one reference instead of a copy.
final class ConnectionPolicy: Sendable {
    let configuration: ServerConfiguration
    /// `configuration.limits`, for every connection's parser to share.
    let limits: SharedHTTPLimits
    let wantsBody: @Sendable (HTTPRequest) -> Bool
    /// The most input a head can take before the parser rejects it (414 or 431): a request
    /// line with the longest target, method and version, and the largest header section.
    let largestHead: Int

    init(configuration: ServerConfiguration, wantsBody: @escaping @Sendable (HTTPRequest) -> Bool = { _ in true }) {
        self.configuration = configuration
        self.limits = SharedHTTPLimits(configuration.limits)
        self.wantsBody = wantsBody
        self.largestHead = configuration.limits.maxTargetLength + configuration.limits.maxHeaderBytes + 64
    }
}
