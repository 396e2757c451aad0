/// Bytes received but not yet parsed: appended at the back, consumed from the front.
/// Consuming moves an index; the storage is compacted only when the consumed prefix is
/// large, so a burst of pipelined requests costs no quadratic copying.
public struct ByteQueue: Sendable {
    private var storage: [UInt8] = []
    private var start = 0

    public init() {}

    public init(_ bytes: [UInt8]) {
        storage = bytes
    }

    public var count: Int { storage.count - start }
    /// Bytes of storage held, buffered or not.
    public var capacity: Int { storage.capacity }
    public var isEmpty: Bool { start == storage.count }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        // Compacting before the storage would grow keeps its capacity near what is buffered.
        if start > 0 && (start >= storage.count / 2 || storage.count + bytes.count > storage.capacity) {
            storage.removeSubrange(0..<start)
            start = 0
        }
        storage.append(contentsOf: bytes)
    }

    public mutating func append<S: Sequence>(contentsOf bytes: S) where S.Element == UInt8 {
        storage.append(contentsOf: bytes)
    }

    /// Drops `n` bytes from the front. When everything is consumed the storage is reset,
    /// keeping its capacity only while it is small (idle connections should hold no memory).
    public mutating func consume(_ n: Int) {
        precondition(n <= count, "consumed more than was buffered")
        start += n
        if start == storage.count {
            storage.removeAll(keepingCapacity: storage.capacity <= 4096)
            start = 0
        }
    }

    /// Takes `spare`'s storage (its capacity) when this queue is empty and holds none, so
    /// a connection can borrow its worker's warm buffer while it reads.
    public mutating func borrowStorage(from spare: inout [UInt8]) {
        guard storage.capacity == 0, spare.capacity > 0 else { return }
        swap(&storage, &spare)
        if !storage.isEmpty { storage.removeAll(keepingCapacity: true) }  // a spare is kept empty
        start = 0
    }

    /// When everything is consumed, gives the storage back to `spare` (if it holds none and
    /// this is not too large to keep) or frees it: an idle connection then holds no buffer.
    public mutating func returnStorage(to spare: inout [UInt8], keepingAtMost limit: Int = 64 * 1024) {
        guard isEmpty, storage.capacity > 0 else { return }
        if !storage.isEmpty { storage.removeAll(keepingCapacity: true) }  // consume() usually did
        start = 0
        if spare.capacity == 0 && storage.capacity <= limit {
            swap(&storage, &spare)
        } else {
            storage = []
        }
    }

    /// Drops everything buffered, keeping the storage's capacity.
    public mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        start = 0
    }

    /// Frees the storage entirely.
    public mutating func reset() {
        storage = []
        start = 0
    }

    public func withUnsafeReadableBytes<R, E: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R
    ) throws(E) -> R {
        try storage.withUnsafeBufferPointer { all throws(E) in
            try body(UnsafeBufferPointer(rebasing: all[start...]))
        }
    }

    public subscript(offset: Int) -> UInt8 { storage[start + offset] }

    /// Whether the buffered bytes begin with `prefix`.
    public func hasPrefix(_ prefix: [UInt8]) -> Bool {
        count >= prefix.count && storage[start..<(start + prefix.count)].elementsEqual(prefix)
    }
}
