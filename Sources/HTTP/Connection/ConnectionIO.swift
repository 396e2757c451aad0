/// What performs a connection's actions: ``Connection`` on its socket, and the tests' fake
/// peer on bytes in memory. ``ConnectionMachine/perform(_:now:with:)`` is the one loop that
/// hands the machine's actions to it and reports their results back, so the tests drive the
/// protocol exactly as the server does.
protocol ConnectionIO {
    /// The clock, read again after the calls that take time (the handler, a stream).
    mutating func now() -> UInt64
    /// Where reads go: the worker's buffer, shared by its connections.
    var readBuffer: UnsafeMutableRawBufferPointer { get }
    /// Reads into `buffer` (a prefix of ``readBuffer``) without blocking.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Socket.IOResult
    /// Writes without blocking.
    mutating func write(_ bytes: UnsafeRawBufferPointer) -> Socket.IOResult
    mutating func shutdownWrite()
    /// The handler's response to a request, and to an error the HTTP layer found.
    mutating func respond(to request: HTTPRequest) -> HTTPResponse
    mutating func respond(to error: HTTPError, request: HTTPRequest?) -> HTTPResponse
    mutating func pull(_ stream: HTTPBodyStream) -> [UInt8]?
    /// The `Date` field line for a response written now.
    mutating func dateLine() -> [UInt8]
    /// The server is ending keep-alive: responses close their connections.
    var serverDraining: Bool { get }
    /// Reads and responses one turn may make before the connection yields to others (see
    /// ``ConnectionTuning/readsPerTurn``).
    var readsPerTurn: Int { get }
    var responsesPerTurn: Int { get }
    /// Lend the worker's warm buffers to the machine, and take them back when it waits.
    mutating func lendInputBuffer(to machine: inout ConnectionMachine)
    mutating func lendOutputBuffer(to machine: inout ConnectionMachine)
    mutating func takeBuffersBack(from machine: inout ConnectionMachine)
    /// Watch for the next event (`yielded`: and come back once the worker's other ready
    /// connections were served); false when that fails and the connection must close.
    mutating func wait(writable: Bool, yielded: Bool) -> Bool
    /// Close the descriptor: the machine is finished.
    mutating func close()
}

extension ConnectionMachine {
    /// Performs `first` and every action after it through `io`, until the machine waits or
    /// closes.
    mutating func perform<IO: ConnectionIO>(_ first: Action, now: UInt64, with io: inout IO) {
        var now = now
        var action = first
        var reads = 0
        var responses = 0
        var yielded = false
        while true {
            switch action {
            case .read(let upTo):
                if reads == io.readsPerTurn {
                    // The worker's other ready connections go first; this one resumes after them.
                    action = yieldRead()
                    yielded = true
                    continue
                }
                reads += 1
                let whole = io.readBuffer
                let buffer = UnsafeMutableRawBufferPointer(rebasing: whole[..<min(upTo, whole.count)])
                switch io.read(into: buffer) {
                case .bytes(let count):
                    io.lendInputBuffer(to: &self)
                    action = read(
                        .bytes(UnsafeRawBufferPointer(rebasing: buffer[..<count]), filledBuffer: count == buffer.count), now: now)
                case .wouldBlock:
                    action = read(.wouldBlock, now: now)
                case .closed:
                    action = read(.closed, now: now)
                case .failed:
                    action = read(.failed, now: now)
                }

            case .respond:
                if responses == io.responsesPerTurn {
                    action = yieldAnswer()
                    yielded = true
                    continue
                }
                responses += 1
                let response = io.respond(to: takeRequest()!)
                now = io.now()  // the handler took time
                io.lendOutputBuffer(to: &self)
                action = respond(with: response, dateLine: io.dateLine(), serverDraining: io.serverDraining, now: now)

            case .respondToError(let error):
                let response = io.respond(to: error, request: takeRequest())
                io.lendOutputBuffer(to: &self)
                action = respond(with: response, dateLine: io.dateLine(), serverDraining: io.serverDraining, now: now)

            case .pull(let stream):
                let chunk = io.pull(stream)
                now = io.now()
                action = pulled(chunk, now: now)

            case .write:
                switch withUnwrittenOutput({ io.write($0) }) {
                case .bytes(let count):
                    action = wrote(.wrote(count), now: now)
                case .wouldBlock:
                    action = wrote(.wouldBlock, now: now)
                case .closed:
                    action = wrote(.closed, now: now)
                case .failed:
                    action = wrote(.failed, now: now)
                }

            case .shutdownWrite:
                io.shutdownWrite()
                action = halfClosed()

            case .wait(let writable):
                io.takeBuffersBack(from: &self)
                if io.wait(writable: writable, yielded: yielded) { return }
                action = abort()

            case .close:
                io.takeBuffersBack(from: &self)  // warm for the next connection
                io.close()
                return
            }
        }
    }
}
