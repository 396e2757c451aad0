import LatticeHTTP

/// The gzip of one body, made the first time a client that accepts gzip asks for it and
/// kept with the body (a cached representation, a remembered answer), so it is freed when
/// the body is.
final class GzipCopy: Sendable {
    private let stored = Locked<[UInt8]?>(nil)

    init() {}

    func bytes(compress: () -> [UInt8]?) -> [UInt8]? {
        if let cached = stored.withLock({ $0 }) { return cached }
        guard let compressed = compress() else { return nil }
        stored.withLock { $0 = compressed }
        return compressed
    }
}
