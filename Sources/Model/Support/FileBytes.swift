import Glibc

/// Reading a whole file with plain syscalls (one copy, no Foundation buffers), bounded: the
/// seed loader, the explorer's assets and the config file are all files an operator points at.
package enum FileBytes {
    /// At most `limit + 1` bytes of the file — one more than allowed tells the caller it is
    /// too big without reading it all — or nil if it cannot be opened or read.
    package static func read(_ path: String, upTo limit: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return read(fd, upTo: limit)
    }

    /// Why ``readRegularFile(_:upTo:)`` read nothing, as a phrase that follows the path.
    package struct Refusal: Error, CustomStringConvertible {
        package let description: String
    }

    /// Like ``read(_:upTo:)``, but only a regular file that `path` names itself: a symbolic
    /// link (at the last component), a device, a FIFO or a socket is refused. The check is
    /// on the descriptor that is read (O_NOFOLLOW, then fstat), so a file swapped for a link
    /// between a directory listing and this call is refused too, and a FIFO cannot block
    /// the open (O_NONBLOCK).
    package static func readRegularFile(_ path: String, upTo limit: Int) throws(Refusal) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else {
            if errno == ELOOP { throw Refusal(description: "is a symbolic link") }
            throw Refusal(description: "cannot be opened: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Refusal(description: "cannot be examined: \(String(cString: strerror(errno)))") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw Refusal(description: "is not a regular file") }
        guard let bytes = read(fd, upTo: limit) else {
            throw Refusal(description: "cannot be read: \(String(cString: strerror(errno)))")
        }
        return bytes
    }

    private static func read(_ fd: Int32, upTo limit: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= limit {
            // Never ask for more than one byte past the limit: a huge file costs one chunk.
            let wanted = min(chunk.count, limit + 1 - bytes.count)
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, wanted) }
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
