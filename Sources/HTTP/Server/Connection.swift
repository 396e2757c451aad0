import Dispatch

/// One client connection, confined to its worker's queue: at most one read source (created
/// the first time a read would block) and at most one write source (created the first time a
/// write would block) for its whole life. The descriptor is closed only in the cancel handler
/// of the last source, or directly when no source was ever needed (see notes/http-server.md).
///
/// A new connection is read at once, on the queue that accepted it: a client's first request
/// usually arrives with its handshake, and a connection that is answered and closed on that
/// first read never registers with epoll at all (the per-connection cost that decides
/// one-request-per-connection throughput).
///
/// Requests are parsed and answered in order as bytes arrive; pipelined requests already in
/// the buffer are answered without waiting for another read event. While output is waiting
/// for the peer, reading stops (back-pressure).
final class Connection: @unchecked Sendable {
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
    /// Strong: the worker keeps its connections until their last cancel handler has run.
    let worker: Worker
    var slot: Int

    private var phase = Phase.open
    private var readSource: DispatchSourceRead?
    /// Set when the read source is created; it is never created twice.
    private var readSourceCreated = false
    private var writeSource: DispatchSourceWrite?
    private var readSuspended = false
    private var writeSuspended = true
    private var liveSources = 0

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
    /// Until the first request is answered, silence is on the header clock, not the idle one.
    private var answeredAny = false

    // Deadlines, in MonotonicClock nanoseconds; 0 means "not running".
    private var requestStarted: UInt64 = 0
    private var bodyStarted: UInt64 = 0
    private var idleSince: UInt64
    private var lastWriteProgress: UInt64 = 0

    init(fd: Int32, worker: Worker, slot: Int) {
        self.fd = fd
        self.worker = worker
        self.slot = slot
        self.parser = RequestParser(limits: worker.core.configuration.limits)
        self.idleSince = MonotonicClock.now()
    }

    private var configuration: ServerConfiguration { worker.core.configuration }

    /// Reads what already arrived and answers it; waits for more only if the connection is
    /// still open afterwards.
    func start() {
        readable()
        startReadingIfIdle()
    }

    /// Creates the read source once the connection needs one: it is open, the client has not
    /// finished sending, and no output waits (the write source's completion calls this again).
    private func startReadingIfIdle() {
        guard case .open = phase, !readSourceCreated, !peerFinished,
              outputOffset == output.count, stream == nil else { return }
        makeReadSource()
    }

    private func makeReadSource() {
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: worker.queue)
        source.setEventHandler { [self] in readable() }
        source.setCancelHandler { [self] in sourceCancelled() }
        readSource = source
        readSourceCreated = true
        liveSources += 1
        source.resume()
    }

    // MARK: Reading

    private func readable() {
        var received = false
        reading: while true {
            switch Socket.read(fd, into: worker.readBuffer) {
            case .bytes(let count):
                if phase.reads {
                    input.append(UnsafeRawBufferPointer(rebasing: worker.readBuffer[..<count]))
                    received = true
                }
                if count < worker.readBuffer.count { break reading }
            case .wouldBlock:
                break reading
            case .closed:
                peerFinished = true
                break reading
            case .failed:
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
        if received && requestStarted == 0 && !parser.isMidRequest {
            requestStarted = MonotonicClock.now()
        }
        if peerFinished {
            // EOF must stop the read source, or level-triggered epoll fires forever. What is
            // buffered is still answered before the connection closes.
            stopReading()
        }
        drive()
    }

    private func stopReading() {
        guard let source = readSource else { return }
        readSource = nil
        source.cancel()
        if readSuspended {
            readSuspended = false
            source.resume()
        }
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
                if parser.isMidRequest && bodyStarted == 0 { bodyStarted = MonotonicClock.now() }
                return .needsInput
            case .request(let request):
                let response = worker.core.handler.respond(to: request)
                answeredAny = true
                let keepAlive = request.keepAlive && !worker.draining && !closeAfterFlush
                    && !ResponseSerializer.closesAfter(response, version: request.version)
                enqueue(response, isHead: request.method == .head, version: request.version, keepAlive: keepAlive)
                if !keepAlive {
                    closeAfterFlush = true
                    // Bytes still coming (the next request, or a body being discarded):
                    // a close now could reset the response.
                    lingerOnClose = !input.isEmpty || parser.isMidRequest
                }
                let now = MonotonicClock.now()
                bodyStarted = 0
                requestStarted = input.isEmpty ? 0 : now
                idleSince = now
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
                if outputOffset < output.count || stream != nil { lastWriteProgress = MonotonicClock.now() }
            case .wouldBlock:
                waitUntilWritable()
                return false
            case .closed, .failed:
                close()
                return false
            }
        }
        if output.capacity > 0 { returnOutputBuffer() }
        lastWriteProgress = 0
        if let source = writeSource, !writeSuspended {
            writeSuspended = true
            source.suspend()
        }
        if let source = readSource, readSuspended {
            readSuspended = false
            source.resume()
        }
        return true
    }

    /// A socket with buffer space is always writable, so the write source runs only while
    /// output waits; reading pauses meanwhile.
    private func waitUntilWritable() {
        if lastWriteProgress == 0 { lastWriteProgress = MonotonicClock.now() }
        if writeSource == nil {
            let source = DispatchSource.makeWriteSource(fileDescriptor: fd, queue: worker.queue)
            source.setEventHandler { [self] in writable() }
            source.setCancelHandler { [self] in sourceCancelled() }
            writeSource = source
            liveSources += 1
        }
        if writeSuspended, let source = writeSource {
            writeSuspended = false
            source.resume()
        }
        if let source = readSource, !readSuspended {
            readSuspended = true
            source.suspend()
        }
    }

    private func writable() {
        guard phase.answers else { return }
        drive()
        startReadingIfIdle()
    }

    // MARK: Closing

    /// Everything is written and the connection must end.
    private func finish() {
        if lingerOnClose && !peerFinished && (readSource != nil || !readSourceCreated) {
            // RFC 9112 §9.6: half-close, then drain what the client still sends, so that a
            // reset does not destroy the response before the client reads it.
            if !readSourceCreated { makeReadSource() }
            Socket.shutdownWrite(fd)
            phase = .lingering(deadline: MonotonicClock.now() + configuration.lingerTimeout.nanoseconds)
            input.reset()
        } else {
            close()
        }
    }

    /// Cancels both sources; the descriptor closes when the last cancel handler runs, or now
    /// if the connection never needed a source.
    func close() {
        if case .closing = phase { return }
        phase = .closing
        stream = nil
        stopReading()
        if let source = writeSource {
            writeSource = nil
            source.cancel()
            if writeSuspended {
                writeSuspended = false
                source.resume()
            }
        }
        if liveSources == 0 { release() }
    }

    private func sourceCancelled() {
        liveSources -= 1
        guard liveSources == 0 else { return }
        release()
    }

    /// The last source is gone (or there never was one): close the descriptor and leave.
    private func release() {
        if case .closing = phase {} else { phase = .closing }
        input.reset()
        output = []
        Socket.close(fd)
        worker.remove(self)
    }

    /// Called by the worker's timer.
    func checkDeadlines(now: UInt64) {
        switch phase {
        case .closing:
            return
        case .lingering(let deadline):
            if now >= deadline { close() }
            return
        case .drainingIdle(let deadline):
            if now >= deadline { endDrainWindow(now) }
            return
        case .open:
            break
        }
        if outputOffset < output.count || stream != nil {
            if lastWriteProgress != 0 && now - lastWriteProgress > configuration.writeTimeout.nanoseconds {
                close()  // the client stopped reading
            }
            return
        }
        if bodyStarted != 0 {
            if now - bodyStarted > configuration.bodyTimeout.nanoseconds { timeOut(now) }
        } else if requestStarted != 0 {
            if now - requestStarted > configuration.headerTimeout.nanoseconds { timeOut(now) }
        } else if now - idleSince > (answeredAny ? configuration.idleTimeout : configuration.headerTimeout).nanoseconds {
            // Idle keep-alive, or a connection that never sent a byte (on the header clock,
            // issue 16 item 9): close silently, as nginx does. No request, so no 408.
            close()
        }
    }

    /// A request started but did not arrive in time: 408, then close (RFC 9110 §15.5.9).
    private func timeOut(_ now: UInt64) {
        requestStarted = 0
        bodyStarted = 0
        fail(.requestTimeout, request: parser.requestInProgress)
        drive()
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
        if !readSourceCreated { makeReadSource() }
        Socket.shutdownWrite(fd)
        input.reset()
        phase = .lingering(deadline: now + configuration.drainIdleTimeout.nanoseconds)
        if peerFinished { close() }
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
