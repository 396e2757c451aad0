import Foundation
@testable import LatticeModel

/// A throwaway seeds folder: one small document and annotation files written by the test.
struct SeedFixture {
    let path: String

    static let text = "Leaders met in Seoul. “We will stand together,” said Kim — a diplomat. Seoul agreed… Then “together” again.\n"

    init(files: [String: String], document: String = SeedFixture.text) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("lattice-seeds-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Data(document.utf8).write(to: URL(fileURLWithPath: "\(path)/doc.txt"))
        for (name, contents) in files {
            let url = URL(fileURLWithPath: "\(path)/\(name)")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
        }
    }

    /// An existing folder (a copy of the shipped seeds), removed like any other.
    init(path: String) {
        self.path = path
    }

    func write(_ name: String, bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: "\(path)/\(name)"))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A valid baseline: one document, two actors, one alliance, one relation, one statement.
    static let documents = """
        {"documents": [{"id": "doc", "file": "doc.txt", "title": "A meeting", "language": "en", "kind": "article", "published": "2024-11-20", "published_basis": "stated", "rights": "Written for the tests."}]}
        """

    static func actors(extra: String = "") -> String {
        """
        {
          "document": "doc",
          "actors": [
            {"id": "south-korea", "name": "South Korea", "kind": "state", "aliases": ["Seoul"],
             "codes": {"iso3166_alpha2": "KR", "iso3166_alpha3": "KOR"}, "region": "east-asia",
             "summary": "A state.", "evidence": [{"quote": "Seoul", "occurrence": 1}]},
            {"id": "kim", "name": "Kim", "kind": "person", "roles": ["Diplomat"], "affiliations": ["south-korea"],
             "region": "east-asia", "summary": "A diplomat.", "evidence": ["said Kim — a diplomat"]}\(extra)
          ]
        }
        """
    }

    static let rest = """
        {
          "document": "doc",
          "alliances": [
            {"id": "pact", "name": "The Pact", "short_name": "Pact", "kind": "minilateral", "status": "proposed",
             "members": [{"actor": "south-korea", "role": "member"}], "summary": "A pact.", "evidence": ["stand together"]}
          ],
          "relations": [
            {"id": "kim-korea", "kind": "alliance_tie", "from": "kim", "to": "south-korea", "directed": false,
             "valence": "cooperative", "summary": "Works for it.", "evidence": ["Kim — a diplomat"]}
          ],
          "statements": [
            {"id": "kim-together", "speaker": "kim", "quote": "We will stand together", "mode": "direct", "verb": "said",
             "about": ["pact"], "stance": {"target": "pact", "value": "supports"}},
            {"id": "again", "speaker": "kim", "quote": "together", "context": "Then “together” again", "mode": "partial", "verb": null}
          ]
        }
        """

    static func valid() throws -> SeedFixture {
        try SeedFixture(files: ["documents.json": documents, "actors.json": actors(), "rest.json": rest])
    }
}

/// Loads and returns the problems (empty when the folder loads).
func problems(_ fixture: SeedFixture) -> [SeedProblem] {
    do {
        _ = try SeedLoader.load(from: fixture.path)
        return []
    } catch {
        return error.problems
    }
}

let shippedSeeds: String = {
    // Tests/ModelTests/Fixtures.swift → the package root's seeds folder.
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("seeds").path
}()
