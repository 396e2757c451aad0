import Foundation
import Testing
@testable import LatticeModel
@testable import LatticeSynthetic

/// The synthetic seeds (`lattice generate-seeds`): written with the loader's own record
/// types, they must load clean, be the same bytes for the same seed, and use every value.
@Suite("Synthetic seeds")
struct SyntheticSeedsTests {
    /// 40 documents: enough for a decomposed (NFD) one (23), a CRLF one (37) and astral
    /// characters (3, 14, 25, 36), small enough for a debug build.
    static let scale = 40
    static let seeds: SyntheticSeeds = try! SyntheticSeeds.generate(scale: scale, seed: 7)

    static func written(_ seeds: SyntheticSeeds) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lattice-synthetic-\(UUID().uuidString)")
        for file in seeds.files {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.bytes).write(to: url)
        }
        return folder.path
    }

    @Test("they load with no problem, every quotation is a statement, and the counts are what was written")
    func loadsClean() throws {
        let folder = try Self.written(Self.seeds)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let dataset = try SeedLoader.load(from: folder)
        #expect(dataset.counts == Self.seeds.counts)
        #expect(dataset.counts.documents == Self.scale)
        #expect(dataset.uncoveredQuotations.isEmpty)
        // About the real article's counts per document (29 actors, 11 alliances, 35 relations, 22 statements).
        let perDocument = [dataset.counts.actors, dataset.counts.alliances, dataset.counts.relations, dataset.counts.statements]
            .map { Double($0) / Double(Self.scale) }
        for (measured, expected) in zip(perDocument, [29.0, 11, 35, 22]) {
            #expect(abs(measured - expected) / expected < 0.1, "\(measured) per document, expected about \(expected)")
        }
        for statement in dataset.statements {
            let scalars = Array(try #require(dataset.document(statement.source.document)).text.unicodeScalars)
            #expect(String(String.UnicodeScalarView(scalars[statement.source.start..<statement.source.end])) == statement.text)
        }
    }

    @Test("the same seed gives the same bytes; another seed, other bytes")
    func deterministic() throws {
        let again = try SyntheticSeeds.generate(scale: Self.scale, seed: 7)
        #expect(again.files.map(\.path) == Self.seeds.files.map(\.path))
        #expect(zip(again.files, Self.seeds.files).allSatisfy { $0.bytes == $1.bytes })
        let other = try SyntheticSeeds.generate(scale: Self.scale, seed: 8)
        #expect(other.files.map(\.bytes) != Self.seeds.files.map(\.bytes))
    }

    @Test("every value of every vocabulary is used")
    func everyEnumerationValue() throws {
        #expect(Self.seeds.unusedValues.isEmpty)
        let folder = try Self.written(try SyntheticSeeds.generate(scale: 1, seed: 1))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Checked on what the loader made of them, even for a single document.
        let dataset = try SeedLoader.load(from: folder)
        func expectAll<E: DatasetEnumeration>(_ used: [E]) {
            #expect(Set(used) == Set(E.allCases), "unused \(E.self): \(Set(E.allCases).subtracting(used).map(\.rawValue))")
        }
        expectAll(dataset.actors.map(\.kind))
        expectAll(dataset.actors.map(\.region))
        expectAll(dataset.alliances.map(\.kind))
        expectAll(dataset.alliances.map(\.status))
        expectAll(dataset.alliances.flatMap(\.obligations))
        expectAll(dataset.alliances.flatMap { $0.members.map(\.role) })
        expectAll(dataset.alliances.flatMap { $0.positions.map(\.stance) })
        expectAll(dataset.statements.compactMap { $0.stance?.value })
        expectAll(dataset.relations.map(\.kind))
        expectAll(dataset.relations.map(\.valence))
        expectAll(dataset.statements.map(\.mode))
    }

    @Test("they carry dates at every precision, ended relations, links and several sources")
    func datesAndSources() throws {
        let folder = try Self.written(Self.seeds)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let dataset = try SeedLoader.load(from: folder)
        #expect(Set(dataset.documents.map(\.kind)) == Set(DocumentKind.allCases))
        #expect(Set(dataset.documents.compactMap(\.publishedBasis)) == Set(PublishedBasis.allCases))
        #expect(Set(dataset.statements.compactMap(\.saidOnBasis)) == Set(SaidOnBasis.allCases))
        #expect(dataset.documents.contains { $0.published == nil })
        let precisions = Set(dataset.relations.compactMap(\.valid.since?.precision) + dataset.documents.compactMap(\.published?.precision))
        #expect(precisions == [.year, .month, .day])
        #expect(dataset.relations.contains { $0.valid.until != nil })
        #expect(dataset.alliances.contains { $0.members.contains { $0.valid.since != nil } })
        #expect(dataset.documents.contains { !$0.links.isEmpty } && dataset.documents.contains { $0.links.isEmpty })
        #expect(dataset.actors.contains { $0.sources.count > 1 })
        #expect(dataset.alliances.contains { $0.sources.count > 1 })
        for statement in dataset.statements {
            let published = dataset.document(statement.source.document)?.published
            if let saidOn = statement.saidOn, let published { #expect(!saidOn.isAfter(published)) }
        }
    }

    @Test("what the writer writes, the reader reads back as the same records")
    func writerAndReaderAgree() throws {
        for file in Self.seeds.files where file.path.hasPrefix("annotations/") {
            let log = ProblemLog()
            var decoded = RawSeeds()
            AnnotationFile(path: file.path, log: log).decode(file.bytes, into: &decoded)
            #expect(log.problems.isEmpty, "\(log.problems)")
            let document = decoded.documents.first?.id
            #expect(AnnotationWriter(defaultDocument: document).file(decoded) == file.bytes, "\(file.path) changes on a round trip")
        }
    }

    @Test("they exercise what makes offsets hard: repeated quotes, other documents, NFD, CRLF, astral characters")
    func hardCases() throws {
        #expect(Self.seeds.spansWithOccurrence > 0)
        #expect(Self.seeds.spansWithContext > 0)
        #expect(Self.seeds.crossDocumentSpans > 0)
        let text = { (index: Int) in
            String(decoding: Self.seeds.files.first { $0.path == "docs/doc-\(String(format: "%05d", index)).txt" }!.bytes, as: UTF8.self)
        }
        #expect(text(23).unicodeScalars.contains { $0.properties.generalCategory == .nonspacingMark })
        #expect(!text(22).unicodeScalars.contains { $0.properties.generalCategory == .nonspacingMark })
        #expect(text(37).contains("\r\n"))
        #expect(text(3).unicodeScalars.contains { $0.value > 0xFFFF })
        let annotations = Self.seeds.files.filter { $0.path.hasPrefix("annotations/") }.map { String(decoding: $0.bytes, as: UTF8.self) }
        #expect(annotations.contains { $0.contains("\"occurrence\"") })
        #expect(annotations.contains { $0.contains("\"context\"") })
    }

    @Test("documents can share annotation files")
    func batched() throws {
        let seeds = try SyntheticSeeds.generate(scale: 5, seed: 7, documentsPerFile: 2)
        #expect(
            seeds.files.filter { $0.path.hasPrefix("annotations/") }.map(\.path)
                == ["annotations/doc-00001-to-00002.json", "annotations/doc-00003-to-00004.json", "annotations/doc-00005.json"])
        let folder = try Self.written(seeds)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try SeedLoader.load(from: folder).counts == seeds.counts)
    }
}
