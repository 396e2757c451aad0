import Glibc

/// Reading a whole file with plain syscalls (one copy, no Foundation buffers), bounded: the
/// seed loader and the explorer's assets both read files an operator points at.
package enum FileBytes {
    /// At most `limit + 1` bytes of the file — one more than allowed tells the caller it is
    /// too big without reading it all — or nil if it cannot be opened or read.
    package static func read(_ path: String, upTo limit: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
        }
        return bytes
    }
}
