import Foundation
import Glibc
import Testing
@testable import LatticeModel

/// Seed files written to break the loader: each gets a clear, located error, no crash, and
/// bounded memory and time.
@Suite("Hostile seed files")
struct HostileSeedsTests {
    func load(_ fixture: SeedFixture) -> [SeedProblem] { problems(fixture) }

    @Test("a 100 MB file is refused by its size without being read")
    func hugeFile() throws {
        let fixture = try SeedFixture.valid()
        defer { fixture.remove() }
        let path = "\(fixture.path)/huge.json"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 100 * 1024 * 1024)  // sparse: 100 MB of zeros
        try handle.close()
        let residentBefore = residentKilobytes()
        let started = ContinuousClock.now
        let found = load(fixture)
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(residentKilobytes() - residentBefore < 50_000, "the file was not read into memory")
        #expect(
            found.map(\.description) == ["huge.json: \"huge.json\" is 104857600 bytes, over the limit of 67108864 bytes; split it into smaller files"]
        )
    }

    @Test("a 100 MB document is refused by its size")
    func hugeDocument() throws {
        let fixture = try SeedFixture.valid()
        defer { fixture.remove() }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(fixture.path)/doc.txt"))
        try handle.truncate(atOffset: 100 * 1024 * 1024)
        try handle.close()
        let found = load(fixture)
        #expect(
            found.contains { $0.file == "documents.json" && $0.message.contains("\"doc.txt\" is 104857600 bytes, over the limit of 16777216 bytes") })
    }

    @Test("deeply nested JSON stops at the depth limit with its position")
    func deepNesting() throws {
        let fixture = try SeedFixture.valid()
        defer { fixture.remove() }
        let depth = 100_000
        try fixture.write("deep.json", bytes: Array(String(repeating: "[", count: depth).utf8) + Array(String(repeating: "]", count: depth).utf8))
        try fixture.write(
            "deep2.json", bytes: Array(("{\"actors\": " + String(repeating: "{\"a\": ", count: 40) + "1" + String(repeating: "}", count: 41)).utf8))
        let found = load(fixture).map(\.description)
        #expect(found.contains("deep.json:1:33: nested more than 32 levels deep"))
        #expect(found.contains { $0.hasPrefix("deep2.json:1:") && $0.hasSuffix("nested more than 32 levels deep") })
    }

    @Test("huge and malformed numbers are errors, not crashes or silent rounding")
    func hugeNumbers() throws {
        let fixture = try SeedFixture.valid()
        defer { fixture.remove() }
        let actors = SeedFixture.actors().replacingOccurrences(
            of: "{\"quote\": \"Seoul\", \"occurrence\": 1}", with: "{\"quote\": \"Seoul\", \"occurrence\": 1e400}")
        try fixture.write("actors.json", bytes: Array(actors.utf8))
        try fixture.write("n1.json", bytes: Array("{\"actors\": [\(String(repeating: "9", count: 5000))]}".utf8))
        try fixture.write("n2.json", bytes: Array("{\"actors\": [12345678901234567890]}".utf8))
        try fixture.write("n3.json", bytes: Array("{\"actors\": [-0.5e, 01]}".utf8))
        let found = load(fixture).map(\.description)
        #expect(found.contains { $0.hasPrefix("actors.json:6:") && $0.contains("the number 1e400 is out of range") })
        #expect(found.contains { $0.hasPrefix("n1.json:1:13: the number 999999999999999999999999…") })
        #expect(found.contains("n2.json:1:13: the integer 12345678901234567890 is too large to be exact"))
        #expect(found.contains("n3.json:1:18: an exponent needs digits"))
    }

    @Test("duplicate keys are errors at the second occurrence")
    func duplicateKeys() throws {
        let fixture = try SeedFixture.valid()
        defer { fixture.remove() }
        try fixture.write(
            "dup.json", bytes: Array("{\n  \"document\": \"doc\",\n  \"actors\": [{\"id\": \"x\", \"name\": \"A\", \"name\": \"B\"}]\n}".utf8))
        #expect(load(fixture).map(\.description) == ["dup.json:3:39: duplicate key \"name\" in the same object"])
    }

    @Test("invalid UTF-8 of every kind is located, never decoded with replacement characters")
    func invalidUTF8() throws {
        let cases: [(String, [UInt8])] = [
            ("lone continuation byte", [0x80]),
            ("overlong encoding of /", [0xC0, 0xAF]),
            ("UTF-16 surrogate", [0xED, 0xA0, 0x80]),
            ("truncated sequence", [0xE2, 0x82]),
            ("beyond U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
        ]
        for (name, bytes) in cases {
            let fixture = try SeedFixture.valid()
            defer { fixture.remove() }
            try fixture.write("bad.json", bytes: Array("{\"actors\": [\"ok ".utf8) + bytes + Array("\"]}".utf8))
            let found = load(fixture)
            #expect(found.count == 1, "\(name)")
            #expect(found.first?.message.hasPrefix("invalid UTF-8 (byte 0x") == true, "\(name): \(found)")
            #expect(found.first?.line == 1 && found.first?.column == 17, "\(name)")
        }
    }

    @Test("a symlink out of the seeds folder is refused, for annotations and documents")
    func symlinkEscape() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("lattice-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("{\"actors\": []}".utf8).write(to: outside.appendingPathComponent("secret.json"))
        try Data("secret text".utf8).write(to: outside.appendingPathComponent("secret.txt"))
        let fixture = try SeedFixture.valid()
        defer { fixture.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: "\(fixture.path)/linked.json", withDestinationPath: outside.appendingPathComponent("secret.json").path)
        try FileManager.default.createSymbolicLink(
            atPath: "\(fixture.path)/linked.txt", withDestinationPath: outside.appendingPathComponent("secret.txt").path)
        try fixture.write(
            "docs2.json",
            bytes: Array(
                #"{"documents": [{"id": "leak", "file": "linked.txt", "title": "T", "language": "en", "kind": "article", "rights": "Test."}, {"id": "up", "file": "../etc/passwd", "title": "T", "language": "en", "kind": "article", "rights": "Test."}, {"id": "abs", "file": "/etc/passwd", "title": "T", "language": "en", "kind": "article", "rights": "Test."}]}"#
                    .utf8))
        let found = load(fixture).map(\.description)
        #expect(found.contains { $0.hasPrefix("linked.json: \"linked.json\" resolves outside the seeds folder") })
        #expect(found.contains { $0.contains("\"linked.txt\" resolves outside the seeds folder") })
        #expect(found.contains { $0.contains("\"../etc/passwd\" resolves outside the seeds folder") })
        #expect(found.contains { $0.contains("\"/etc/passwd\" is absolute; name files relative to the seeds folder") })
    }

    @Test("wrong types everywhere are reported, not trapped")
    func wrongTypes() throws {
        let fixture = try SeedFixture.valid()
        defer { fixture.remove() }
        try fixture.write(
            "types.json",
            bytes: Array(
                #"{"document": 5, "actors": {"id": "x"}, "alliances": [7, null, {"id": ["a"]}], "relations": [{"id": "r", "kind": "war", "from": 1, "to": {}, "directed": "yes", "valence": "hostile", "summary": "s", "evidence": "quote"}], "statements": [{"id": "s", "speaker": "kim", "quote": 5, "mode": "direct", "verb": 3, "about": "pact", "stance": "supports"}]}"#
                    .utf8))
        let found = load(fixture).map(\.message)
        #expect(found.contains("must be a string, not a number"))
        #expect(found.contains("must be an array, not an object"))
        #expect(found.contains("an alliance must be an object, not a number"))
        #expect(found.contains("an alliance must be an object, not null"))
        #expect(found.contains("must be true or false, not a string"))
        #expect(found.contains("must be an id string, not a number"))
        #expect(found.contains("a stance must be an object, not a string"))
        #expect(found.count >= 10)
    }

    @Test("a control character or NUL in a string is an error")
    func controlCharacters() throws {
        let fixture = try SeedFixture.valid()
        defer { fixture.remove() }
        try fixture.write("ctl.json", bytes: Array("{\"actors\": [\"a".utf8) + [0x01] + Array("\", \"\\u0000\"]}".utf8))
        let found = load(fixture).map(\.description)
        #expect(found.contains("ctl.json:1:15: a control character inside a string must be escaped"))
    }

    @Test("ten thousand problems are all reported, quickly")
    func manyProblems() throws {
        let fixture = try SeedFixture.valid()
        defer { fixture.remove() }
        let records = (0..<10_000).map {
            "{\"id\": \"bad-\($0)\", \"name\": \"N\", \"kind\": \"alien\", \"region\": \"mars\", \"summary\": \"s\", \"evidence\": [\"nowhere \($0)\"]}"
        }
        try fixture.write("many.json", bytes: Array("{\"document\": \"doc\", \"actors\": [\(records.joined(separator: ",\n"))]}".utf8))
        let started = ContinuousClock.now
        let found = load(fixture)
        #expect(found.count >= 20_000, "kind and region of each record, at least")
        #expect(ContinuousClock.now - started < .seconds(20))
    }
}

/// This process's resident set, in kilobytes.
func residentKilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
}
