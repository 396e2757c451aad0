/// A connection's unwritten response bytes, and the streamed body still to be pulled, if
/// any. Bytes are appended at the back and written from the front; once everything is
/// written the buffer starts over, so a stream holds one chunk at a time however long it
/// is, and a pipelined burst one batch at a time.
struct OutputQueue {
    private var bytes: [UInt8] = []
    private var written = 0
    /// The body being streamed, pulled a chunk at a time as the client reads.
    private(set) var stream: HTTPBodyStream?
    private var framing = ResponseSerializer.BodyFraming.none

    /// Bytes queued and not yet written.
    var unwritten: Int { bytes.count - written }
    /// Output (or a stream) waits for the peer.
    var isWaiting: Bool { written < bytes.count || stream != nil }
    /// Bytes of storage held, written or not.
    var capacity: Int { bytes.capacity }

    /// Queues a response's head and fixed body; a streamed body is kept to be pulled.
    mutating func append(_ response: HTTPResponse, isHead: Bool, version: HTTPVersion, keepAlive: Bool, dateLine: [UInt8]) {
        let framing = ResponseSerializer.append(
            response, to: &bytes, isHead: isHead, version: version, keepAlive: keepAlive, dateLine: dateLine)
        if framing == .chunked || framing == .untilClose, case .stream(let body) = response.body {
            stream = body
            self.framing = framing
        }
    }

    mutating func append(_ literal: [UInt8]) {
        bytes.append(contentsOf: literal)
    }

    /// A chunk pulled from the stream, or nil at its end.
    mutating func appendPulled(_ chunk: [UInt8]?) {
        if let chunk {
            if framing == .chunked {
                ResponseSerializer.appendChunk(chunk, to: &bytes)
            } else {
                bytes.append(contentsOf: chunk)
            }
        } else {
            if framing == .chunked { bytes.append(contentsOf: ResponseSerializer.lastChunk) }
            stream = nil
        }
    }

    mutating func withUnwritten<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[written...])) }
    }

    /// `count` bytes went out; once all did, the buffer starts over.
    mutating func wrote(_ count: Int) {
        written += count
        if written == bytes.count {
            bytes.removeAll(keepingCapacity: true)
            written = 0
        }
    }

    /// Drops everything, keeping the storage for the next connection.
    mutating func removeAll() {
        stream = nil
        bytes.removeAll(keepingCapacity: true)
        written = 0
    }

    /// Takes `spare`'s storage when this holds none (a worker's warm buffer, lent while the
    /// connection writes).
    mutating func borrowStorage(from spare: inout [UInt8]) {
        guard bytes.capacity == 0, spare.capacity > 0 else { return }
        swap(&bytes, &spare)
        if !bytes.isEmpty { bytes.removeAll(keepingCapacity: true) }  // a spare is kept empty
    }

    /// When nothing waits, gives the storage back to `spare` (if it holds none and this is
    /// not larger than `limit`) or frees it: an idle connection then holds no buffer.
    mutating func returnStorage(to spare: inout [UInt8], keepingAtMost limit: Int) {
        guard bytes.capacity > 0, !isWaiting else { return }
        bytes.removeAll(keepingCapacity: true)
        written = 0
        if spare.capacity == 0 && bytes.capacity <= limit {
            swap(&bytes, &spare)
        } else {
            bytes = []
        }
    }
}
