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
/// ``pulled(_:now:)``, ``wrote(_:now:)``, ``halfClosed()``), which returns the next action;
/// ``perform(_:now:with:)`` is the one loop that does so, for the socket shell and the tests'
/// fake peer alike. Events (``start()``, ``ready(_:now:)``, ``checkDeadlines(now:)``,
/// ``drain()``, ``resume()``, ``abort()``) come only while the machine waits.
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
// Its state is internal to LatticeHTTP rather than private so that the machine can span two
// files (events and reports here, the steps they take in ConnectionMachine+Steps.swift);
// nothing outside the machine touches it.
struct ConnectionMachine {
    /// Which report the machine awaits, or that it waits for an event.
    enum Step {
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
    struct Pending {
        var isHead: Bool
        var version: HTTPVersion
        var keepAlive: Bool
        var isError: Bool
        var taken = false
    }

    // In this order the one-byte fields fill the padding after `output` and the machine
    // takes 249 bytes, which keeps an idle connection in malloc's 288-byte size class
    // (ConnectionMachineTests pins it).
    let policy: ConnectionPolicy
    var input = ByteQueue()
    var output = OutputQueue()
    var step = Step.waiting
    /// The client half-closed (or reset): whatever it sent is still answered, in any phase.
    var peerFinished = false
    var clocks: ConnectionClocks
    var phase: Phase
    var parser: RequestParser

    init(policy: ConnectionPolicy, shuttingDown: Bool = false, now: UInt64) {
        self.policy = policy
        self.parser = RequestParser(sharing: policy.limits)
        self.phase = .open(Open(shutdown: shuttingDown ? .pending : .none))
        self.clocks = ConnectionClocks(acceptedAt: now)
    }

    var configuration: ServerConfiguration { policy.configuration }

    /// The open connection's state, changed in place (nothing when it is not open).
    mutating func updateOpen(_ change: (inout Open) -> Void) {
        guard case .open(var open) = phase else { return }
        change(&open)
        phase = .open(open)
    }

    var afterFlush: AfterFlush {
        if case .open(let open) = phase { open.afterFlush } else { .close }
    }

    // MARK: Events (only while waiting)

    /// The connection was accepted: read what already arrived (usually its first request).
    mutating func start() -> Action {
        startReading(thorough: false)
    }

    /// The event set reported the socket ready.
    mutating func ready(_ readiness: Readiness, now: UInt64) -> Action {
        switch step {
        case .waiting: break
        case .reading, .responding, .writing, .pulling, .halfClosing, .finished: return unexpected("readiness")
        }
        switch phase {
        case .closed:
            return close()
        case .lingering:
            guard readiness.contains(.readable) || readiness.contains(.hangup) else { return wait() }
            return startReading(thorough: readiness.contains(.hangup))
        case .open(var open):
            if output.isWaiting {
                // Back-pressure: bytes that arrived wait until the output has drained. A
                // hang-up may come without writability: the write then reports the broken pipe.
                guard readiness.contains(.writable) || readiness.contains(.hangup) else { return wait() }
                open.readOwed = true
                phase = .open(open)
                return answerBufferedRequests(now: now)
            }
            guard readiness.contains(.readable) || readiness.contains(.hangup) else { return wait() }
            return startReading(thorough: readiness.contains(.hangup) || open.readOwed)
        }
    }

    /// The worker takes its turn back before this ``Action/read`` (see
    /// ``ConnectionTuning/readsPerTurn``): the machine waits, owing a read that ``resume()``
    /// performs once the worker's other ready connections were served.
    mutating func yieldRead() -> Action {
        switch step {
        case .reading: break
        case .responding, .writing, .pulling, .halfClosing, .waiting, .finished: return unexpected("yield")
        }
        switch phase {
        case .open:
            updateOpen { $0.readOwed = true }
            return wait()
        case .lingering:
            step = .waiting
            return .wait(writable: false)  // resume() reads on
        case .closed:
            return close()
        }
    }

    /// The worker takes its turn back before this ``Action/respond`` (see
    /// ``ConnectionTuning/responsesPerTurn``): the request stays parsed in the parser, and
    /// ``resume(now:)`` answers it once the worker's other ready connections were served.
    mutating func yieldAnswer() -> Action {
        switch step {
        case .responding(let pending) where !pending.taken && !pending.isError: break
        case .reading, .responding, .writing, .pulling, .halfClosing, .waiting, .finished: return unexpected("yield")
        }
        updateOpen { $0.answerOwed = true }
        return wait()
    }

    /// The worker comes back to a connection that yielded (``yieldRead()``, ``yieldAnswer()``).
    mutating func resume(now: UInt64) -> Action {
        switch step {
        case .waiting: break
        case .reading, .responding, .writing, .pulling, .halfClosing, .finished: return unexpected("resume")
        }
        switch phase {
        case .closed:
            return close()
        case .lingering:
            return startReading(thorough: true)
        case .open(let open):
            if open.answerOwed { return answerBufferedRequests(now: now) }
            guard open.readOwed, !output.isWaiting else { return wait() }
            return startReading(thorough: true)
        }
    }

    /// The worker's timer: acts on whatever timeout has run out at `now`.
    mutating func checkDeadlines(now: UInt64) -> Action {
        switch step {
        case .waiting: break
        case .reading, .responding, .writing, .pulling, .halfClosing, .finished: return unexpected("deadline check")
        }
        switch clocks.expiry(at: now, watching: watch, outputWaiting: output.isWaiting, configuration: configuration) {
        case nil:
            return wait()
        case .linger, .write, .idle:
            return close()
        case .drainWindow:
            // Half-close (the client sees EOF on an idle connection, which it must expect,
            // RFC 9112 §9.6) and read until its FIN or the deadline: a request that crossed
            // our FIN is read, never met with a reset.
            return halfCloseAndLinger(until: now + configuration.drainIdleTimeout.nanoseconds)
        case .request:
            clocks.requestTimedOut()
            return fail(.requestTimeout)
        }
    }

    /// Which deadlines the phase runs on.
    var watch: ConnectionClocks.Watch {
        switch phase {
        case .closed: .nothing
        case .lingering(let deadline): .linger(deadline: deadline)
        case .open(let open):
            if case .drainWindow(let deadline) = open.shutdown { .drainWindow(deadline: deadline) } else { .requests }
        }
    }

    /// The server is shutting down. Whatever already arrived is read and answered (with
    /// `Connection: close`); a connection with nothing to answer then enters its drain
    /// window, a busy one closes after its current response.
    mutating func drain() -> Action {
        switch step {
        case .waiting: break
        case .reading, .responding, .writing, .pulling, .halfClosing, .finished: return unexpected("drain")
        }
        guard case .open(var open) = phase else { return wait() }
        if case .drainWindow = open.shutdown { return wait() }
        open.shutdown = .pending
        phase = .open(open)
        return output.isWaiting ? wait() : startReading(thorough: true)
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
        let thorough: Bool
        var received: Bool
        switch step {
        case .reading(let wasThorough, let wasReceived): (thorough, received) = (wasThorough, wasReceived)
        case .responding, .writing, .pulling, .halfClosing, .waiting, .finished: return unexpected("read")
        }
        let answers: Bool
        if case .open = phase { answers = true } else { answers = false }
        switch result {
        case .bytes(let bytes, let filledBuffer):
            if answers {
                input.append(bytes)
                received = true
            }
            if thorough || filledBuffer {
                if !answers || input.count < ConnectionTuning.bufferedInputBytes {
                    step = .reading(thorough: thorough, received: received)
                    return .read(upTo: readRoom())
                }
                // Answer what is buffered before reading more; the read stopped before
                // EAGAIN, so it is owed.
                updateOpen { $0.readOwed = true }
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
        case .open:
            if received && !parser.isMidRequest { clocks.bytesArrived(at: now) }
            // After EOF, what is buffered is still answered before the connection closes.
            return answerBufferedRequests(now: now)
        }
    }

    /// The handler's response to the ``Action/respond`` or ``Action/respondToError(_:)``
    /// just performed. `dateLine` is the `Date` field line; `serverDraining` that the server
    /// is ending keep-alive (the response then closes its connection).
    mutating func respond(with response: HTTPResponse, dateLine: [UInt8], serverDraining: Bool, now: UInt64) -> Action {
        let pending: Pending
        switch step {
        case .responding(let awaited): pending = awaited
        case .reading, .writing, .pulling, .halfClosing, .waiting, .finished: return unexpected("response")
        }
        if pending.isError {
            output.append(response, isHead: pending.isHead, version: pending.version, keepAlive: false, dateLine: dateLine)
            updateOpen { $0.afterFlush = .lingerThenClose }  // so the client can read the error before a reset
            return answerBufferedRequests(now: now)
        }
        let keepAlive =
            pending.keepAlive && !serverDraining
            && !ResponseSerializer.closesAfter(response, version: pending.version)
        output.append(response, isHead: pending.isHead, version: pending.version, keepAlive: keepAlive, dateLine: dateLine)
        if !keepAlive {
            // Bytes still coming (the next request, or a body being discarded): a close now
            // could reset the response.
            let lingers = !input.isEmpty || parser.isMidRequest
            updateOpen { $0.afterFlush = lingers ? .lingerThenClose : .close }
        }
        clocks.answered(at: now, moreBuffered: !input.isEmpty)
        return answerBufferedRequests(now: now)
    }

    /// The next chunk of the stream being sent, or nil at its end.
    mutating func pulled(_ chunk: [UInt8]?, now: UInt64) -> Action {
        let needsInput: Bool
        switch step {
        case .pulling(let needs): needsInput = needs
        case .reading, .responding, .writing, .halfClosing, .waiting, .finished: return unexpected("chunk")
        }
        if chunk == nil, output.stream?.aborted == true {
            // Everything before was written: closing now, without the last chunk, tells the
            // client the body is incomplete.
            return close()
        }
        output.appendPulled(chunk)
        return flush(needsInput: needsInput, now: now)
    }

    /// The bytes a ``Action/write`` must send. (Mutating only so that the shell's call works
    /// on the machine in place: a non-mutating call on a struct stored in a class copies it.)
    mutating func withUnwrittenOutput<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        output.withUnwritten(body)
    }

    /// The result of a ``Action/write``.
    mutating func wrote(_ result: WriteResult, now: UInt64) -> Action {
        let needsInput: Bool
        switch step {
        case .writing(let needs): needsInput = needs
        case .reading, .responding, .pulling, .halfClosing, .waiting, .finished: return unexpected("write")
        }
        switch result {
        case .wrote(let count):
            output.wrote(count)
            // Progress only matters while output still waits (the write timeout).
            if output.isWaiting { clocks.writeWaiting(at: now, progressed: true) }
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
        switch step {
        case .halfClosing: return startReading(thorough: true)
        case .reading, .responding, .writing, .pulling, .waiting, .finished: return unexpected("half-close")
        }
    }
}
