/// One client connection, confined to its worker's queue and registered once in the
/// worker's event set (edge-triggered: readable always, writable only while output waits).
/// It owns no Dispatch source; closing the descriptor also removes it from the event set.
///
/// A new connection is read at once, on the queue that accepted it: a client's first request
/// usually arrives with its handshake, and a connection that is answered and closed on that
/// first read never registers with the event set at all (the per-connection cost that
/// decides one-request-per-connection throughput).
///
/// Requests are parsed and answered in order as bytes arrive; pipelined requests already in
/// the buffer are answered without waiting for another read event. While output is waiting
/// for the peer, reading stops (back-pressure): the kernel's buffers hold what the client
/// sends meanwhile, and since an edge-triggered set reports it only once, the connection
/// reads until EAGAIN itself as soon as the output has drained.
final class Connection {
    enum Phase {
        /// Reading requests and answering them.
        case open
        /// Our side is shut down; reading and discarding until EOF or the deadline.
        case lingering(deadline: UInt64)
        /// The server is shutting down and no request is in progress: still reading, and
        /// answering (with `Connection: close`) whatever request arrives, until the deadline;
        /// then half-closed and lingering. Closing at once would reset a request already on
        /// the wire (issue 16 item 10).
        case drainingIdle(deadline: UInt64)
        case closing
    }

    let fd: Int32
    unowned let worker: Worker

    private var phase = Phase.open
    /// Whether the descriptor is in the worker's event set, and with write interest.
    private var registered = false
    private var wantsWritable = false

    private var parser: RequestParser
    private var input = ByteQueue()
    private var output: [UInt8] = []
    private var outputOffset = 0
    private var stream: HTTPBodyStream?
    private var streamFraming = ResponseSerializer.BodyFraming.none
    /// After the output is flushed: close, lingering first if the client may still be sending.
    private var closeAfterFlush = false
    private var lingerOnClose = false
    private var peerFinished = false

    /// The timeouts' clocks (a pure value: `now` comes from here, the I/O shell).
    private var clocks: ConnectionClocks

    init(fd: Int32, worker: Worker) {
        self.fd = fd
        self.worker = worker
        self.parser = RequestParser(limits: worker.core.configuration.limits)
        self.clocks = ConnectionClocks(acceptedAt: MonotonicClock.now())
    }

    private var configuration: ServerConfiguration { worker.core.configuration }

    /// Reads what already arrived and answers it; registers for events only if the
    /// connection is still open afterwards.
    func start() {
        readable(thorough: false)  // registering reports anything that arrives meanwhile
        if case .closing = phase { return }
        register()
    }

    private func register() {
        guard !registered else { return }
        guard worker.events.add(fd, token: UInt64(fd), writable: wantsWritable) else {
            worker.core.report(.registerFailed, SocketError("epoll_ctl"))
            close()
            return
        }
        registered = true
    }

    /// Write interest only while output waits: a socket with buffer space is always writable.
    private func setWritableInterest(_ wanted: Bool) {
        guard wanted != wantsWritable else { return }
        wantsWritable = wanted
        guard registered else { return }  // start() registers with the current interest
        if !worker.events.modify(fd, token: UInt64(fd), writable: wanted) {
            worker.core.report(.registerFailed, SocketError("epoll_ctl"))
            close()
        }
    }

    /// An event from the worker's event set.
    func handle(_ event: ReadyEvent) {
        if outputOffset < output.count || stream != nil {
            // Back-pressure: reading waits until the output has drained (writable()). A
            // hang-up may come without EPOLLOUT: the write then reports the broken pipe.
            if event.isWritable || event.isHangup { writable() }
        } else if event.isReadable || event.isHangup {
            readable(thorough: event.isHangup)
        }
    }

    // MARK: Reading

    /// Reads what has arrived, then answers it. A short read means the socket was empty a
    /// moment ago, and anything later raises a new edge, so it can end the loop without one
    /// more read for EAGAIN — except when the edge that brought us here was already
    /// harvested: after a hang-up (data and FIN reported in one event) and when reading
    /// resumes without an event (after back-pressure, when lingering starts). Those read
    /// until EAGAIN or EOF (`thorough`).
    private func readable(thorough: Bool = true) {
        var received = false
        reading: while true {
            switch Socket.read(fd, into: worker.readBuffer) {
            case .bytes(let count):
                if phase.reads {
                    input.append(UnsafeRawBufferPointer(rebasing: worker.readBuffer[..<count]))
                    received = true
                }
                if !thorough && count < worker.readBuffer.count { break reading }
            case .wouldBlock:
                break reading
            case .closed:
                peerFinished = true
                break reading
            case .failed(let error):
                worker.core.report(.readFailed, error)
                close()
                return
            }
        }
        switch phase {
        case .closing:
            return
        case .lingering:
            if peerFinished { close() }
            return
        case .open, .drainingIdle:
            break
        }
        if received && !parser.isMidRequest { clocks.bytesArrived(at: MonotonicClock.now()) }
        // After EOF, what is buffered is still answered before the connection closes; no
        // more events come for it (edge-triggered), so nothing needs stopping.
        drive()
    }

    // MARK: Answering

    /// Parses and answers what is buffered, flushes, and repeats while progress is possible.
    /// Requests already in the buffer are answered without waiting for another read event
    /// (none would come for bytes we already hold): after output drains or a stream ends,
    /// the loop goes back to the buffer.
    private func drive() {
        while phase.answers {
            let stop = answerBufferedRequests()
            guard flush() else { return }   // blocked on the peer, or closed
            if stream != nil { continue }
            if closeAfterFlush {
                finish()
                return
            }
            if stop != .needsInput && !input.isEmpty { continue }
            if peerFinished {
                close()  // the client half-closed and everything it sent is answered
            } else if worker.shuttingDown, input.isEmpty, !parser.isMidRequest, case .open = phase {
                phase = .drainingIdle(deadline: MonotonicClock.now() + configuration.drainIdleTimeout.nanoseconds)
            }
            return
        }
    }

    /// Why answering buffered requests stopped.
    private enum Stop {
        /// The buffer holds no complete request.
        case needsInput
        /// Enough output is queued, a stream started, or the connection is closing: flush
        /// first, then look at the buffer again.
        case flushFirst
    }

    /// Answers complete requests from the buffer until it runs out, a response closes the
    /// connection or starts a stream, or enough output is queued.
    private func answerBufferedRequests() -> Stop {
        while phase.answers, !closeAfterFlush, stream == nil {
            if output.count - outputOffset > 256 * 1024 { return .flushFirst }
            let handler = worker.core.handler
            switch parser.parse(&input, wantsBody: { handler.wantsBody($0) }) {
            case .incomplete:
                if parser.takeContinue() {
                    borrowOutputBuffer()
                    output.append(contentsOf: "HTTP/1.1 100 Continue\r\n\r\n".utf8)
                }
                if parser.isMidRequest { clocks.bodyAwaited(at: MonotonicClock.now()) }
                return .needsInput
            case .request(let request):
                let response = worker.core.handler.respond(to: request)
                let keepAlive = request.keepAlive && !worker.draining && !closeAfterFlush
                    && !ResponseSerializer.closesAfter(response, version: request.version)
                enqueue(response, isHead: request.method == .head, version: request.version, keepAlive: keepAlive)
                if !keepAlive {
                    closeAfterFlush = true
                    // Bytes still coming (the next request, or a body being discarded):
                    // a close now could reset the response.
                    lingerOnClose = !input.isEmpty || parser.isMidRequest
                }
                clocks.answered(at: MonotonicClock.now(), moreBuffered: !input.isEmpty)
            case .failure(let error):
                fail(error, request: parser.requestInProgress)
                return .flushFirst
            }
        }
        return .flushFirst
    }

    /// Answers an HTTP-layer error and closes after it, lingering so the client can read it.
    private func fail(_ error: HTTPError, request: HTTPRequest?) {
        let response = worker.core.handler.response(for: error, request: request)
        enqueue(response, isHead: request?.method == .head, version: .http1_1, keepAlive: false)
        closeAfterFlush = true
        lingerOnClose = true
    }

    private func enqueue(_ response: HTTPResponse, isHead: Bool, version: HTTPVersion, keepAlive: Bool) {
        borrowOutputBuffer()
        let framing = ResponseSerializer.append(
            response, to: &output, isHead: isHead, version: version, keepAlive: keepAlive,
            dateLine: worker.dateCache.current())
        if framing == .chunked || framing == .untilClose, case .stream(let body) = response.body {
            stream = body
            streamFraming = framing
        }
    }

    /// Idle connections hold no output buffer; a writing one borrows its worker's spare.
    private func borrowOutputBuffer() {
        if output.capacity == 0 && worker.spareOutput.capacity > 0 {
            swap(&output, &worker.spareOutput)
        }
    }

    private func returnOutputBuffer() {
        output.removeAll(keepingCapacity: true)
        outputOffset = 0
        if worker.spareOutput.capacity == 0 && output.capacity <= 1024 * 1024 {
            swap(&output, &worker.spareOutput)
        } else {
            output = []
        }
    }

    // MARK: Writing

    /// Writes queued output, pulling stream chunks as the socket accepts them. Returns true
    /// when everything is written; false when blocked on the peer or closed.
    private func flush() -> Bool {
        while true {
            if outputOffset == output.count {
                guard let body = stream else { break }
                // Everything produced so far is written: reuse the buffer for the next chunk,
                // so a stream holds one chunk at a time however long it is (issue 16 item 6).
                output.removeAll(keepingCapacity: true)
                outputOffset = 0
                if let chunk = body.next() {
                    if streamFraming == .chunked {
                        ResponseSerializer.appendChunk(chunk, to: &output)
                    } else {
                        output.append(contentsOf: chunk)
                    }
                } else {
                    if streamFraming == .chunked { output.append(contentsOf: ResponseSerializer.lastChunk) }
                    stream = nil
                }
                continue
            }
            let result = output.withUnsafeBytes { Socket.write(fd, UnsafeRawBufferPointer(rebasing: $0[outputOffset...])) }
            switch result {
            case .bytes(let count):
                outputOffset += count
                // Progress only matters while output still waits (the write timeout).
                if outputOffset < output.count || stream != nil { clocks.writeWaiting(at: MonotonicClock.now(), progressed: true) }
            case .wouldBlock:
                clocks.writeWaiting(at: MonotonicClock.now(), progressed: false)
                setWritableInterest(true)
                return false
            case .closed:
                close()
                return false
            case .failed(let error):
                worker.core.report(.writeFailed, error)
                close()
                return false
            }
        }
        if output.capacity > 0 { returnOutputBuffer() }
        clocks.outputDrained()
        setWritableInterest(false)
        return true
    }

    /// The peer made room: write what waits, then read what arrived meanwhile (reading
    /// paused while output waited, and no new edge reports bytes that are already there).
    private func writable() {
        guard phase.answers else { return }
        drive()
        if phase.answers, outputOffset == output.count, stream == nil, !peerFinished { readable() }
    }

    // MARK: Closing

    /// Everything is written and the connection must end.
    private func finish() {
        if lingerOnClose && !peerFinished {
            // RFC 9112 §9.6: half-close, then drain what the client still sends, so that a
            // reset does not destroy the response before the client reads it.
            Socket.shutdownWrite(fd)
            phase = .lingering(deadline: MonotonicClock.now() + configuration.lingerTimeout.nanoseconds)
            input.reset()
            readable()  // what is already here raises no new edge
        } else {
            close()
        }
    }

    /// Closes the descriptor, which also takes it out of the event set, and leaves the worker.
    func close() {
        if case .closing = phase { return }
        phase = .closing
        stream = nil
        input.reset()
        output = []
        Socket.close(fd)
        worker.remove(self)
    }

    /// Called by the worker's timer.
    func checkDeadlines(now: UInt64) {
        let outputWaiting = outputOffset < output.count || stream != nil
        switch clocks.expiry(at: now, phase: phase, outputWaiting: outputWaiting, configuration: configuration) {
        case nil:
            return
        case .linger, .write, .idle:
            close()
        case .drainWindow:
            endDrainWindow(now)
        case .request:
            clocks.requestTimedOut()
            fail(.requestTimeout, request: parser.requestInProgress)
            drive()
        }
    }

    /// The server is shutting down. Whatever already arrived is read and answered (with
    /// `Connection: close`); a connection with nothing to answer closes now, a busy one after
    /// its current response (``drive()`` sees the worker draining).
    func drain() {
        guard case .open = phase, outputOffset == output.count, stream == nil else { return }
        readable()
    }

    /// The drain window passed with no request: half-close (the client sees EOF on an idle
    /// connection, which it must expect, RFC 9112 §9.6) and read until its FIN or the
    /// deadline. A request that crossed our FIN is then read, never met with a reset.
    private func endDrainWindow(_ now: UInt64) {
        Socket.shutdownWrite(fd)
        input.reset()
        phase = .lingering(deadline: now + configuration.drainIdleTimeout.nanoseconds)
        if peerFinished { close() } else { readable() }
    }
}

extension Connection.Phase {
    /// Whether requests are still read and answered.
    var answers: Bool {
        switch self {
        case .open, .drainingIdle: true
        case .lingering, .closing: false
        }
    }

    /// Whether bytes read are kept (to be parsed) rather than dropped.
    var reads: Bool { answers }
}
