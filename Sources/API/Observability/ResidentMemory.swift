import CSystem
import Glibc

/// The process's resident set, and handing freed heap back to the kernel.
public enum ResidentMemory {
    /// Resident bytes now, from `/proc/self/statm` (its second field, in pages); 0 where
    /// that file does not exist.
    public static func bytes() -> Int {
        let fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return 0 }
        let fields = buffer[..<count].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Returns the free memory of every malloc arena to the kernel. A load allocates from
    /// several threads' arenas; without this, each failed reload of a big folder left its
    /// peak behind as resident memory, and repeated ones ratcheted it up.
    public static func releaseFreedMemory() {
        _ = lattice_malloc_trim()
    }
}
