/// The values ``ConnectionMachine`` takes and returns: its phase, its actions and the
/// results reported back to it.
extension ConnectionMachine {
    /// The connection's stage, as far as the protocol goes.
    enum Phase: Equatable {
        /// Reading requests and answering them.
        case open(Open)
        /// Our side is shut down; reading and discarding until EOF or the deadline.
        case lingering(deadline: UInt64)
        case closed
    }

    /// What an open connection carries beyond its buffers.
    struct Open: Equatable {
        var shutdown = Shutdown.none
        /// What follows once the queued output is written.
        var afterFlush = AfterFlush.answerNext
        /// Reading stopped before `EAGAIN` (back-pressure, the input bound, the end of the
        /// worker's turn): the edge is harvested, so a thorough read is owed once what is
        /// buffered is answered and written.
        var readOwed = false
        /// The worker's turn ended with a request parsed and not yet answered
        /// (``ConnectionMachine/yieldAnswer()``): answering resumes with it.
        var answerOwed = false
    }

    /// The server's shutdown, as one open connection sees it.
    enum Shutdown: Equatable {
        case none
        /// The server is shutting down: once nothing is in progress, the drain window opens.
        case pending
        /// Nothing is in progress: still reading, and answering (with `Connection: close`)
        /// whatever request arrives, until the deadline; then half-closed and lingering.
        /// Closing at once would reset a request already on the wire.
        case drainWindow(deadline: UInt64)
    }

    /// What follows the queued output.
    enum AfterFlush: Equatable {
        /// Keep-alive: answer the next request.
        case answerNext
        /// Close the connection.
        case close
        /// Half-close, then read and drop until the client's FIN or the linger deadline:
        /// the client may still be sending, and a close would reset the response.
        case lingerThenClose
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
}
