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
    public var isEmpty: Bool { start == storage.count }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if start > 0 && start >= storage.count / 2 {
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
}
