import CSystem
import Glibc

/// How many CPUs this process may really use: the CPUs online, fewer when the affinity
/// mask allows fewer (`taskset`, a Kubernetes static CPU policy), and fewer again when a
/// cgroup v2 quota caps the process (`cpu.max`, a container's CPU limit): one worker per
/// CPU of the node in a pod limited to one CPU would only add contention.
enum UsableCPUs {
    static var count: Int {
        var count = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        let allowed = Int(lattice_affinity_cpu_count())
        if allowed > 0 { count = min(count, allowed) }
        if let quota = cgroupQuota(), quota > 0 { count = min(count, max(1, quota)) }
        return count
    }

    /// `cpu.max` of this process's cgroup v2 (`"200000 100000"` → 2, rounded up; `max` →
    /// nil), or nil where there is none.
    static func cgroupQuota(_ text: String? = read("/sys/fs/cgroup/cpu.max")) -> Int? {
        guard let fields = text?.split(whereSeparator: { $0 == " " || $0 == "\n" }), fields.count >= 2,
            let quota = Double(fields[0]), let period = Double(fields[1]), period > 0
        else { return nil }
        return Int((quota / period).rounded(.up))
    }

    private static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : nil
    }
}
