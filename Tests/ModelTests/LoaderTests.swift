import Foundation
import Testing
@testable import LatticeModel

@Suite("Seed loader")
struct LoaderTests {
    @Test("a valid folder loads, with offsets in Unicode scalars")
    func validFixture() throws {
        let fixture = try SeedFixture.valid()
        defer { fixture.remove() }
        let dataset = try SeedLoader.load(from: fixture.path)
        #expect(dataset.counts == Dataset.Counts(documents: 1, actors: 2, alliances: 1, relations: 1, statements: 2))
        let document = try #require(dataset.document("doc"))
        let scalars = Array(document.text.unicodeScalars)
        for statement in dataset.statements {
            let slice = String(String.UnicodeScalarView(scalars[statement.source.start..<statement.source.end]))
            #expect(slice == statement.text)
        }
        // “We will stand together,” starts after the curly quote at scalar 23.
        let together = try #require(dataset.statement("kim-together"))
        #expect(together.source.start == 23)
        #expect(together.source.end == 23 + "We will stand together".unicodeScalars.count)
        #expect(together.sentence == "“We will stand together,” said Kim — a diplomat.")
        // The second “together” comes after an em dash and an ellipsis, each one scalar.
        let again = try #require(dataset.statement("again"))
        let expectedStart = Array(SeedFixture.text.unicodeScalars).indices.filter {
            String(String.UnicodeScalarView(Array(SeedFixture.text.unicodeScalars)[$0...].prefix(9))) == "together”"
        }.last!
        #expect(again.source.start == expectedStart)
        #expect(again.sentence == "Then “together” again.")
        let evidence = try #require(dataset.actor("kim")?.evidence.first)
        #expect(evidence.text == "said Kim — a diplomat")
        #expect(String(String.UnicodeScalarView(scalars[evidence.start..<evidence.end])) == evidence.text)
        #expect(document.length == scalars.count)
        #expect(document.sha256 == SHA256.hex(of: Array(SeedFixture.text.utf8)))
    }

    @Test("a duplicate id names both places")
    func duplicateID() throws {
        let fixture = try SeedFixture(files: [
            "documents.json": SeedFixture.documents, "rest.json": SeedFixture.rest,
            "actors.json": SeedFixture.actors(
                extra: """
                    ,
                        {"id": "kim", "name": "Kim Again", "kind": "person", "region": "east-asia", "summary": "x", "evidence": ["Kim"]}
                    """),
        ])
        defer { fixture.remove() }
        let found = problems(fixture)
        #expect(found.count == 1)
        let problem = try #require(found.first)
        #expect(problem.file == "actors.json")
        #expect(problem.line == 9)
        #expect(problem.message.contains("id \"kim\" is already used by the actor at actors.json:7"))
    }

    @Test("a dangling reference names the field, and suggests the alias's id")
    func danglingReference() throws {
        let rest = SeedFixture.rest.replacingOccurrences(of: "\"to\": \"south-korea\"", with: "\"to\": \"seoul\"")
            .replacingOccurrences(of: "\"about\": [\"pact\"]", with: "\"about\": [\"packt\"]")
        let fixture = try SeedFixture(files: ["documents.json": SeedFixture.documents, "actors.json": SeedFixture.actors(), "rest.json": rest])
        defer { fixture.remove() }
        let found = problems(fixture).map(\.description)
        #expect(
            found.contains {
                $0.hasPrefix("rest.json:8:70:") && $0.contains("relations[0] (kim-korea).to: a relation end refers to \"seoul\"")
                    && $0.contains("\"seoul\" is an alias, use the id \"south-korea\"")
            })
        #expect(
            found.contains {
                $0.contains("statements[0] (kim-together).about[0]: a subject refers to \"packt\"") && $0.contains("did you mean \"pact\"?")
            })
    }

    @Test("a quote not in the document says so, and spots a near miss")
    func quoteNotFound() throws {
        let rest = SeedFixture.rest.replacingOccurrences(
            of: "\"quote\": \"We will stand together\"", with: "\"quote\": \"We will stand together forever\""
        )
        .replacingOccurrences(of: "\"evidence\": [\"Kim — a diplomat\"]", with: "\"evidence\": [\"Kim - a diplomat\"]")
        let fixture = try SeedFixture(files: ["documents.json": SeedFixture.documents, "actors.json": SeedFixture.actors(), "rest.json": rest])
        defer { fixture.remove() }
        let found = problems(fixture)
        #expect(
            found.contains {
                $0.path == "statements[0] (kim-together).quote" && $0.message.hasPrefix("the quote \"We will stand together forever\" is not in doc")
            })
        #expect(
            found.contains {
                $0.message.contains("\"Kim - a diplomat\" is not in doc (it differs only in quotes, apostrophes or dashes from the text on line 1)")
            })
    }

    @Test("an ambiguous quote lists its occurrences; occurrence and context resolve it")
    func ambiguousQuote() throws {
        let actors = SeedFixture.actors().replacingOccurrences(of: "{\"quote\": \"Seoul\", \"occurrence\": 1}", with: "\"Seoul\"")
        let fixture = try SeedFixture(files: ["documents.json": SeedFixture.documents, "actors.json": actors, "rest.json": SeedFixture.rest])
        defer { fixture.remove() }
        let found = problems(fixture)
        #expect(found.count == 1)
        #expect(
            found.first?.message
                == "the quote \"Seoul\" is ambiguous: it occurs 2 times in doc (lines 1, 1); add \"occurrence\" (1–2) or a longer \"context\"")
        #expect(found.first?.path == "actors[0] (south-korea).evidence[0]")
        let tooFar = SeedFixture.actors().replacingOccurrences(of: "\"occurrence\": 1", with: "\"occurrence\": 3")
        let second = try SeedFixture(files: ["documents.json": SeedFixture.documents, "actors.json": tooFar, "rest.json": SeedFixture.rest])
        defer { second.remove() }
        #expect(problems(second).map(\.message) == ["occurrence 3 requested but the quote \"Seoul\" occurs 2 times"])
    }

    @Test("a bad enumeration value lists the allowed ones")
    func badEnumeration() throws {
        let actors = SeedFixture.actors().replacingOccurrences(of: "\"kind\": \"person\"", with: "\"kind\": \"human\"")
            .replacingOccurrences(
                of: "\"region\": \"east-asia\",\n     \"summary\": \"A state.\"", with: "\"region\": \"asia\",\n     \"summary\": \"A state.\"")
        let fixture = try SeedFixture(files: ["documents.json": SeedFixture.documents, "actors.json": actors, "rest.json": SeedFixture.rest])
        defer { fixture.remove() }
        let found = problems(fixture).map(\.description)
        #expect(found.contains("actors.json:7:42: actors[1] (kim).kind: \"human\" is not one of state, organization, person"))
        #expect(
            found.contains {
                $0.contains(
                    "actors[0] (south-korea).region: \"asia\" is not one of east-asia, southeast-asia, south-asia, oceania, europe, north-america, eurasia, global"
                )
            })
    }

    @Test("unknown keys are caught with a suggestion; wrong types name the type")
    func unknownKeysAndTypes() throws {
        let actors = SeedFixture.actors().replacingOccurrences(of: "\"aliases\":", with: "\"alises\":")
            .replacingOccurrences(of: "\"roles\": [\"Diplomat\"]", with: "\"roles\": \"Diplomat\"")
        let fixture = try SeedFixture(files: ["documents.json": SeedFixture.documents, "actors.json": actors, "rest.json": SeedFixture.rest])
        defer { fixture.remove() }
        let found = problems(fixture).map(\.message)
        #expect(found.contains { $0.hasPrefix("unknown key \"alises\" (did you mean \"aliases\"?)") })
        #expect(found.contains("must be an array, not a string"))
    }

    @Test("a malformed file gives its line and column, and other files are still checked")
    func malformedFile() throws {
        let broken = "{\n  \"actors\": [\n    {\"id\": \"x\",}\n  ]\n}\n"
        let actors = SeedFixture.actors().replacingOccurrences(of: "\"kind\": \"person\"", with: "\"kind\": \"human\"")
        let fixture = try SeedFixture(files: [
            "documents.json": SeedFixture.documents, "actors.json": actors, "rest.json": SeedFixture.rest, "broken.json": broken,
        ])
        defer { fixture.remove() }
        let found = problems(fixture).map(\.description)
        #expect(found.contains("broken.json:3:16: expected a key in double quotes, found '}'; remove the comma before it"))
        #expect(found.contains { $0.contains("\"human\" is not one of") }, "all problems at once")
    }

    @Test("a missing comma in the shipped statements.json is reported first and alone, with what was expected and found")
    func missingCommaInShippedSeeds() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("lattice-seeds-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: shippedSeeds, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let file = URL(fileURLWithPath: "\(copy)/statements.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        let member = #""id": "teodoro-quashed-asian-nato","#
        let range = try #require(text.range(of: member))
        try Data(text.replacingCharacters(in: range, with: String(member.dropLast())).utf8).write(to: file)
        let line = text[..<range.lowerBound].count { $0 == "\n" } + 2  // the next member's line
        let found = problems(SeedFixture(path: copy))
        // Alliances name statements of the file that did not parse: no false "not the id of any record".
        #expect(
            found.map(\.description) == [
                "statements.json:\(line):7: expected ',' or '}' after a member, found '\"'; is a comma missing before it?"
            ])
    }

    @Test("a file that does not parse comes before every other problem")
    func unparsedFirst() throws {
        let actors = SeedFixture.actors().replacingOccurrences(of: "\"kind\": \"person\"", with: "\"kind\": \"human\"")
        let fixture = try SeedFixture(files: [
            "documents.json": SeedFixture.documents, "actors.json": actors,
            "rest.json": SeedFixture.rest.replacingOccurrences(of: "\"kind\": \"minilateral\",", with: "\"kind\": \"minilateral\""),
        ])
        defer { fixture.remove() }
        let found = problems(fixture)
        #expect(found.first?.file == "rest.json")
        #expect(found.first?.message.contains("is a comma missing before it?") == true, "\(found)")
        #expect(
            found.dropFirst().contains { $0.file == "actors.json" && $0.message.contains("\"human\" is not one of") },
            "problems that do not depend on it are still reported")
    }

    @Test("invalid UTF-8 in an annotation file or a document is reported with its position")
    func invalidUTF8() throws {
        let fixture = try SeedFixture.valid()
        defer { fixture.remove() }
        try fixture.write("bad.json", bytes: Array("{\n \"actors\": [\"".utf8) + [0xC3, 0x28] + Array("\"]}".utf8))
        try fixture.write("doc.txt", bytes: Array("Leaders met in Seoul.\nSecond line ".utf8) + [0xFF] + Array("\n".utf8))
        let found = problems(fixture).map(\.description)
        #expect(found.contains("bad.json:2:14: invalid UTF-8 (byte 0xC3 at offset 15); save the file as UTF-8"))
        #expect(found.contains("doc.txt:2:13: invalid UTF-8 (byte 0xFF at offset 34); documents must be UTF-8"))
    }

    @Test("a document changed since it was annotated fails its sha256 pin")
    func shaPin() throws {
        let documents = SeedFixture.documents.replacingOccurrences(
            of: "\"language\": \"en\"", with: "\"language\": \"en\", \"sha256\": \"\(String(repeating: "0", count: 64))\"")
        let fixture = try SeedFixture(files: ["documents.json": documents, "actors.json": SeedFixture.actors(), "rest.json": SeedFixture.rest])
        defer { fixture.remove() }
        #expect(problems(fixture).contains { $0.message.contains("the document changed since it was annotated") })
    }

    @Test("ids must be slugs; aliases may not collide")
    func slugsAndAliases() throws {
        let actors = SeedFixture.actors().replacingOccurrences(of: "\"id\": \"kim\"", with: "\"id\": \"Kim_Jong\"")
        let fixture = try SeedFixture(files: ["documents.json": SeedFixture.documents, "actors.json": actors, "rest.json": SeedFixture.rest])
        defer { fixture.remove() }
        #expect(
            problems(fixture).contains {
                $0.message == "\"Kim_Jong\" is not a slug; use lowercase letters and digits joined by single hyphens, e.g. \"kim-jong\""
            })
        let clash = SeedFixture.actors().replacingOccurrences(
            of: "\"roles\": [\"Diplomat\"]", with: "\"aliases\": [\"Seoul\"], \"roles\": [\"Diplomat\"]")
        let second = try SeedFixture(files: ["documents.json": SeedFixture.documents, "actors.json": clash, "rest.json": SeedFixture.rest])
        defer { second.remove() }
        #expect(problems(second).contains { $0.message.contains("the name or alias \"Seoul\" (slug \"seoul\") is already claimed by south-korea") })
    }

    @Test("a missing folder is one clear problem")
    func missingFolder() {
        do {
            _ = try SeedLoader.load(from: "/nonexistent/seeds")
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.map(\.message) == ["not a folder; pass the seeds folder (e.g. --seeds seeds)"])
        }
    }
}

@Suite("SHA-256")
struct SHA256Tests {
    @Test("known vectors")
    func vectors() {
        #expect(SHA256.hex(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(of: [UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
