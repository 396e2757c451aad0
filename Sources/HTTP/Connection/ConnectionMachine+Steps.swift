/// The machine's answering, writing, buffering and closing steps: the private half of
/// ``ConnectionMachine``, called only from its events and reports (in ConnectionMachine.swift).
extension ConnectionMachine {
    // MARK: Buffers

    /// Idle connections hold no buffers: the shell lends its worker's warm spares, the
    /// input one before read bytes are reported and the output one before a response is,
    /// and takes them back when the connection waits with nothing half-read or unwritten
    /// (``returnBuffers(input:output:)``).
    mutating func borrowInputBuffer(from spare: inout [UInt8]) {
        input.borrowStorage(from: &spare)
    }

    mutating func borrowOutputBuffer(from spare: inout [UInt8]) {
        output.borrowStorage(from: &spare)
    }

    /// Bytes of buffer storage the connection holds (none while idle, once its buffers are
    /// returned).
    var heldBufferBytes: Int { input.capacity + output.capacity }

    mutating func returnBuffers(input spareInput: inout [UInt8], output spareOutput: inout [UInt8]) {
        input.returnStorage(to: &spareInput, keepingAtMost: ConnectionTuning.largestKeptInput)
        output.returnStorage(to: &spareOutput, keepingAtMost: ConnectionTuning.largestKeptOutput)
    }

    // MARK: Answering

    mutating func startReading(thorough: Bool) -> Action {
        if thorough { updateOpen { $0.readOwed = false } }
        step = .reading(thorough: thorough, received: false)
        return .read(upTo: readRoom())
    }

    /// How much the next read may add to the input: up to the input bound, or, for a head
    /// larger than the bound (the only thing that can fill it while no output waits), as far
    /// as the largest head the parser can still accept.
    func readRoom() -> Int {
        guard case .open = phase else { return Int.max }  // dropped, not buffered
        let room = ConnectionTuning.bufferedInputBytes - input.count
        return room > 0 ? room : max(policy.largestHead - input.count, 1)
    }

    /// Answers the next complete request in the buffer, unless the connection is closing,
    /// a stream is being sent or enough output is queued; then flushes.
    mutating func answerBufferedRequests(now: UInt64) -> Action {
        guard case .open(var open) = phase, open.afterFlush == .answerNext, output.stream == nil,
            output.unwritten <= ConnectionTuning.outputHighWater
        else { return flush(needsInput: false, now: now) }
        if open.answerOwed {
            open.answerOwed = false
            phase = .open(open)
        }
        switch parser.advance(&input, wantsBody: policy.wantsBody) {
        case .incomplete:
            if parser.takeContinue() { output.append(Self.continueLine) }
            if parser.isMidRequest { clocks.bodyAwaited(at: now) }
            return flush(needsInput: true, now: now)
        case .requestReady(let isHead, let version, let keepAlive):
            step = .responding(Pending(isHead: isHead, version: version, keepAlive: keepAlive, isError: false))
            return .respond
        case .failure(let error):
            return fail(error)
        }
    }

    static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
    static let headMethod = Array("HEAD ".utf8)

    /// Asks for an HTTP-layer error's response; the connection closes after it, lingering
    /// so the client can read it.
    mutating func fail(_ error: HTTPError) -> Action {
        // A response that ends the connection is already queued: it was the final one.
        guard afterFlush == .answerNext else { return close() }
        // RFC 9110 §9.3.2: no body in any response to HEAD, errors included, also when the
        // head failed to parse (it is still in the input then: nothing was consumed).
        let isHead = parser.requestInProgress.map { $0.method == .head } ?? input.hasPrefix(Self.headMethod)
        step = .responding(Pending(isHead: isHead, version: .http1_1, keepAlive: false, isError: true))
        return .respondToError(error)
    }

    // MARK: Writing

    /// Writes queued output, pulling stream chunks as the socket accepts them; once all is
    /// written, goes on with what comes next.
    mutating func flush(needsInput: Bool, now: UInt64) -> Action {
        if output.unwritten > 0 {
            step = .writing(needsInput: needsInput)
            return .write
        }
        if let stream = output.stream {
            step = .pulling(needsInput: needsInput)
            return .pull(stream)
        }
        clocks.outputDrained()
        switch afterFlush {
        case .close: return close()
        case .lingerThenClose:
            guard !peerFinished else { return close() }
            // RFC 9112 §9.6: half-close, then drain what the client still sends, so that a
            // reset does not destroy the response before the client reads it.
            return halfCloseAndLinger(until: now + configuration.lingerTimeout.nanoseconds)
        case .answerNext:
            // Stopped to flush with requests still buffered: answer them now (no read event
            // would come for bytes already held).
            if !needsInput && !input.isEmpty { return answerBufferedRequests(now: now) }
            return idle(now: now)
        }
    }

    /// Everything buffered is answered and written.
    mutating func idle(now: UInt64) -> Action {
        if peerFinished { return close() }  // the client half-closed and everything it sent is answered
        guard case .open(var open) = phase else { return wait() }
        if open.shutdown == .pending, input.isEmpty, !parser.isMidRequest {
            open.shutdown = .drainWindow(deadline: now + configuration.drainIdleTimeout.nanoseconds)
        }
        let owed = open.readOwed
        open.readOwed = false
        phase = .open(open)
        return owed ? startReading(thorough: true) : wait()
    }

    // MARK: Closing

    /// Half-closes and reads and drops what the client still sends until its FIN or `deadline`.
    mutating func halfCloseAndLinger(until deadline: UInt64) -> Action {
        input.reset()
        phase = .lingering(deadline: deadline)
        if peerFinished { return close() }
        step = .halfClosing
        return .shutdownWrite
    }

    mutating func wait() -> Action {
        step = .waiting
        return .wait(writable: output.isWaiting)
    }

    mutating func close() -> Action {
        phase = .closed
        step = .finished
        input.removeAll()  // both kept: the shell lends them to the next connection
        output.removeAll()
        return .close
    }

    /// A report or event that does not match what the machine asked for is a bug in the
    /// shell; in a release build the connection is closed rather than left in a bad state.
    mutating func unexpected(_ what: StaticString) -> Action {
        if case .finished = step { return .close }
        assertionFailure("connection: unexpected \(what) while \(step)")
        return close()
    }
}
