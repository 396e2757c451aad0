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
        let smaps = try String(contentsOfFile: "/proc/self/smaps", encoding: .utf8)
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
}
