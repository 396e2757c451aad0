@testable import LatticeHTTP
import Glibc
import Testing

@Suite("Usable CPUs")
struct UsableCPUsTests {
    @Test(
        "a cgroup v2 cpu.max quota rounds up to whole CPUs; max or nothing is no quota",
        arguments: [
            ("200000 100000\n", 2), ("150000 100000", 2), ("50000 100000", 1), ("max 100000\n", nil), ("", nil), (nil, nil),
        ] as [(String?, Int?)])
    func quota(text: String?, expected: Int?) {
        #expect(UsableCPUs.cgroupQuota(text) == expected)
    }

    @Test("the count is at least one and at most the CPUs online; workers = 0 uses it")
    func count() {
        let online = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #expect((1...max(1, online)).contains(UsableCPUs.count))
        var configuration = ServerConfiguration()
        configuration.workers = 0
        #expect(configuration.workerCount == UsableCPUs.count)
    }
}
