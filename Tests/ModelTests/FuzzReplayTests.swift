import Foundation
import Testing
@testable import LatticeModel

/// Replays the seed loader's fuzz corpus and every crash it ever found
/// (Fuzz/regressions/seeds) as an annotation file beside the real article.
@Suite("Fuzz corpus replay: seed loader")
struct SeedFuzzReplayTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")

    @Test("every corpus and regression input loads or reports problems")
    func replay() throws {
        let inputs = ["corpus/seeds", "regressions/seeds"].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(at: Self.root.appendingPathComponent(folder), includingPropertiesForKeys: nil)) ?? [])
                .filter { !$0.lastPathComponent.hasPrefix(".") }
        }
        #expect(inputs.count >= 5)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lattice-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in ["000_87d4a8ef7e3f0c43.txt", "documents.json"] {
            try FileManager.default.copyItem(atPath: "\(shippedSeeds)/\(file)", toPath: folder.appendingPathComponent(file).path)
        }
        for input in inputs {
            try FileManager.default.copyItem(at: input, to: folder.appendingPathComponent("fuzz.json"))
            defer { try? FileManager.default.removeItem(at: folder.appendingPathComponent("fuzz.json")) }
            do {
                let dataset = try SeedLoader.load(from: folder.path)
                for statement in dataset.statements {
                    let scalars = Array(dataset.document(statement.source.document)!.text.unicodeScalars)
                    #expect(String(String.UnicodeScalarView(scalars[statement.source.start..<statement.source.end])) == statement.text)
                }
            } catch {
                #expect(!error.problems.isEmpty, "\(input.lastPathComponent)")
            }
        }
    }
}
