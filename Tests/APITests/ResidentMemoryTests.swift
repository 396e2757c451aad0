import Foundation
import Testing
@testable import LatticeAPI

@Suite("Resident memory")
struct ResidentMemoryTests {
    @Test("what a load leaves behind is handed back: the executable's code pages leave the resident set")
    func releasesCodePages() throws {
        let before = try Self.residentCodeBytes()
        let released = ResidentMemory.releaseLoadingMemory()
        let after = try Self.residentCodeBytes()  // this test's own code is back in already
        #expect(released > 0)
        #expect(before > 0)
        #expect(after < before * 3 / 4, "resident code went from \(before) to \(after) bytes")
    }

    /// The resident part of this executable's code mappings, from /proc/self/smaps.
    static func residentCodeBytes() throws -> Int {
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let smaps = try #require(readProcFile("/proc/self/smaps"))
        var inCode = false
        var kilobytes = 0
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let range = fields.first, range.contains("-"), fields.count >= 5, !range.hasSuffix(":") {
                inCode = fields.count == 6 && fields[5] == executable && fields[1].contains("x")
            } else if inCode, fields.first == "Rss:", fields.count >= 2, let value = Int(fields[1]) {
                kilobytes += value
            }
        }
        return kilobytes * 1024
    }

    /// The whole of a /proc file, read until EOF. (Its size says 0, and Foundation's
    /// `String(contentsOfFile:)` returned only the first 3,606 bytes of smaps in the TSan build.)
    static func readProcFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
