import CSystem
import Glibc

/// The process's resident set, and handing back what a load leaves in it.
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

    /// Caps glibc's malloc arenas (unless `MALLOC_ARENA_MAX` says otherwise). A load runs on
    /// every core's thread and glibc gives each thread its own arena, up to eight per core:
    /// the next, smaller dataset is then spread thinly over pages the big one filled, which
    /// `malloc_trim` cannot hand back because each holds a few live bytes. Alternating
    /// reloads of the bundled and the 1,000x seeds left 46 MB resident on the bundled seeds
    /// after 20 reloads (16.5 MB fresh) with the default, 24–30 MB with two arenas, at the same
    /// load time. Call it first thing, before other threads start.
    public static func limitMallocArenas(_ count: Int32 = 2) {
        _ = lattice_limit_malloc_arenas(count)
    }

    /// Hands back what a load leaves behind that serving does not use:
    /// - the free memory of every malloc arena. A load allocates from several threads'
    ///   arenas; without this, each failed reload of a big folder left its peak behind as
    ///   resident memory, and repeated ones ratcheted it up;
    /// - the executable's code pages. Loading runs code that serving never does (reading
    ///   and verifying seeds, rendering every resource, the OpenAPI document, the command
    ///   line): about 5 MB of mapped code, more than 10,000 idle connections take. The pages
    ///   are clean and file-backed, so dropping them from the mapping loses nothing: the
    ///   code that runs next faults its pages back in from the page cache, and the resident
    ///   set shows what serving uses. Returns the code bytes released.
    @discardableResult
    public static func releaseLoadingMemory() -> Int {
        _ = lattice_malloc_trim()
        return lattice_release_code_pages()
    }
}
