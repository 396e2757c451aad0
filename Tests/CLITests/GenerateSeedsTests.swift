import Foundation
import Testing
import TestSupport

/// `lattice generate-seeds` as the benchmark runs it: synthetic seeds beside a copy of the
/// real ones, a manifest, and --force replacing exactly a previous run's files.
@Suite("generate-seeds command", .serialized)
struct GenerateSeedsTests {
    @Test("writes seeds that validate, refuses a non-empty folder, and --force replaces its own output")
    func generateValidateRegenerate() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lattice-generated-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let arguments = ["generate-seeds", "--scale", "3", "--include-real", "seeds", "--output", folder]
        let first = try LatticeBinary.run(arguments)
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("scale 3, seed 42: 3 documents"))
        #expect(first.errors.isEmpty)
        let manifest = try String(contentsOfFile: "\(folder)/.generated-seeds", encoding: .utf8)
        #expect(manifest.split(separator: "\n").contains("annotations/doc-00003.json"))
        #expect(manifest.split(separator: "\n").contains("000_87d4a8ef7e3f0c43.txt"))

        let validated = try LatticeBinary.run(["validate", "--seeds", folder])
        #expect(validated.status == 0, "\(validated.output)")
        #expect(validated.output.contains(": OK, dataset"))
        #expect(validated.output.contains("7 documents"))

        let refused = try LatticeBinary.run(arguments)
        #expect(refused.status == 1)
        #expect(refused.errors.contains("is not empty; pass --force"))

        // A document's text depends only on the documents before it (its records also gather
        // evidence from later ones).
        let before = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/docs/doc-00002.txt"))
        let smaller = try LatticeBinary.run(["generate-seeds", "--scale", "2", "--include-real", "seeds", "--output", folder, "--force"])
        #expect(smaller.status == 0, "\(smaller.errors)")
        // The previous run's files are gone; nothing else is left.
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/annotations/doc-00003.json"))
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/docs/doc-00003.txt"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/docs/doc-00002.txt")) == before)
        #expect(try LatticeBinary.run(["validate", "--seeds", folder]).status == 0)
    }

    @Test("rejects a scale below 1")
    func badScale() throws {
        let result = try LatticeBinary.run(["generate-seeds", "--scale", "0", "--output", "/tmp/never"])
        #expect(result.status != 0)
        #expect(result.errors.contains("--scale must be at least 1"))
    }
}
