import Foundation
import Testing
@testable import LatticeModel

/// Dates, bases, links sidecars and sources in the seeds: every rule of seeds/README.md's
/// "Dates" section, each broken once, with the file, line and record path it names.
@Suite("Dated seeds")
struct DatedSeedsTests {
    /// The baseline with `rest.json` edited by `change`.
    static func fixture(_ change: (String) -> String, extra: [String: String] = [:]) throws -> SeedFixture {
        var files = ["documents.json": SeedFixture.documents, "actors.json": SeedFixture.actors(), "rest.json": change(SeedFixture.rest)]
        files.merge(extra) { $1 }
        return try SeedFixture(files: files)
    }

    @Test("dates load at their precision; an undated statement takes its document's date with basis publication")
    func datesLoad() throws {
        let fixture = try Self.fixture {
            $0.replacingOccurrences(of: #""summary": "Works for it.""#, with: #""since": "2023", "until": "2024-06", "summary": "Works for it.""#)
                .replacingOccurrences(
                    of: #""mode": "direct", "verb": "said","#,
                    with: #""mode": "direct", "verb": "said", "said_on": "2024-11", "said_on_basis": "stated","#
                )
                .replacingOccurrences(
                    of: #"[{"actor": "south-korea", "role": "member"}]"#,
                    with: #"[{"actor": "south-korea", "role": "member", "since": "2024-11-19"}]"#)
        }
        defer { fixture.remove() }
        let dataset = try SeedLoader.load(from: fixture.path)
        let relation = try #require(dataset.relation("kim-korea"))
        #expect(relation.valid == ValidTime(since: PartialDate(year: 2023), until: PartialDate(year: 2024, month: 6)))
        #expect(dataset.statement("kim-together")?.saidOn == PartialDate(year: 2024, month: 11))
        #expect(dataset.statement("kim-together")?.saidOnBasis == .stated)
        #expect(dataset.statement("again")?.saidOn == PartialDate(year: 2024, month: 11, day: 20))
        #expect(dataset.statement("again")?.saidOnBasis == .publication)
        #expect(dataset.alliance("pact")?.members.first?.valid.since == PartialDate(year: 2024, month: 11, day: 19))
        let document = try #require(dataset.document("doc"))
        #expect(document.published == PartialDate(year: 2024, month: 11, day: 20) && document.publishedBasis == .stated)
        #expect(document.kind == .article && document.rights == "Written for the tests." && document.url == nil)
        // One document backs each record; the earliest source is its publication.
        #expect(relation.sources == Sources(documents: ["doc"], earliest: document.published))
        #expect(dataset.actor("kim")?.sources.count == 1)
    }

    @Test("each broken date rule is a problem naming the file, line and record path")
    func brokenRules() throws {
        let cases: [(String, String, String)] = [
            (
                #""summary": "Works for it.""#, #""since": "2024", "until": "2023-12", "summary": "Works for it.""#,
                "relations[0] (kim-korea).until: until 2023-12 is before since 2024"
            ),
            (
                #""summary": "Works for it.""#, #""since": "2025-13", "summary": "Works for it.""#,
                "relations[0] (kim-korea).since: \"2025-13\": month 13 is not 01–12"
            ),
            (
                #""summary": "Works for it.""#, #""since": "2025-02-30", "summary": "Works for it.""#,
                "2025-02 has 28 days, so day 30 does not exist"
            ),
            (
                #""summary": "Works for it.""#, #""since": "20250101", "summary": "Works for it.""#,
                "\"20250101\" is not a date"
            ),
            (
                #""mode": "direct", "verb": "said","#, #""mode": "direct", "verb": "said", "said_on": "2025", "said_on_basis": "stated","#,
                "said_on 2025 is after its document's published date 2024-11-20"
            ),
            (
                #""mode": "direct", "verb": "said","#, #""mode": "direct", "verb": "said", "said_on": "2024","#,
                "said_on needs \"said_on_basis\" (stated, publication)"
            ),
            (
                #""mode": "direct", "verb": "said","#, #""mode": "direct", "verb": "said", "said_on_basis": "stated","#,
                "said_on_basis is given but said_on is not"
            ),
            (
                #""mode": "direct", "verb": "said","#, #""mode": "direct", "verb": "said", "said_on": "2024-10", "said_on_basis": "publication","#,
                "said_on_basis publication means the document's date, 2024-11-20, but said_on is 2024-10"
            ),
        ]
        for (from, to, expected) in cases {
            let fixture = try Self.fixture { $0.replacingOccurrences(of: from, with: to) }
            defer { fixture.remove() }
            let found = problems(fixture)
            #expect(
                found.contains { $0.file == "rest.json" && $0.line != nil && $0.description.contains(expected) },
                "\(expected) not in \(found.map(\.description))")
        }
        // A document's basis without its date, and the reverse.
        for (documents, expected) in [
            (
                SeedFixture.documents.replacingOccurrences(of: #""published": "2024-11-20", "#, with: ""),
                "documents[0] (doc).published_basis: published_basis is given but published is not"
            ),
            (
                SeedFixture.documents.replacingOccurrences(of: #""published_basis": "stated", "#, with: ""),
                "documents[0] (doc).published: published needs \"published_basis\" (stated, inferred)"
            ),
            (
                SeedFixture.documents.replacingOccurrences(of: #""kind": "article", "#, with: #""kind": "blog", "#),
                "\"blog\" is not one of article, report, statement, transcript"
            ),
        ] {
            let fixture = try Self.fixture({ $0 }, extra: ["documents.json": documents])
            defer { fixture.remove() }
            let found = problems(fixture)
            #expect(
                found.contains { $0.file == "documents.json" && $0.description.contains(expected) }, "\(expected) not in \(found.map(\.description))")
        }
    }

    @Test("a links sidecar loads with its document; an entry whose text does not match names the sidecar and entry")
    func linksSidecar() throws {
        let good =
            #"{"document_file": "doc.txt", "unit": "unicode_scalar", "links": [{"start": 15, "end": 20, "text": "Seoul", "url": "https://example.org/seoul"}]}"#
        let fixture = try Self.fixture({ $0 }, extra: ["doc.links.json": good])
        defer { fixture.remove() }
        let dataset = try SeedLoader.load(from: fixture.path)
        #expect(dataset.document("doc")?.links == [DocumentLink(start: 15, end: 20, text: "Seoul", url: "https://example.org/seoul")])

        let bad = good.replacingOccurrences(of: #""start": 15, "end": 20"#, with: #""start": 14, "end": 19"#)
        let broken = try Self.fixture({ $0 }, extra: ["doc.links.json": bad])
        defer { broken.remove() }
        let found = problems(broken)
        #expect(
            found.contains {
                $0.file == "doc.links.json" && $0.path == "links[0]"
                    && $0.message.contains("text \"Seoul\" does not match the document's 14..<19, which is \" Seou\"")
            },
            "\(found.map(\.description))")
        // It must name its own document and count in Unicode scalars.
        let misnamed = try Self.fixture(
            { $0 },
            extra: [
                "doc.links.json": good.replacingOccurrences(of: #""doc.txt""#, with: #""other.txt""#)
                    .replacingOccurrences(of: "unicode_scalar", with: "utf16")
            ])
        defer { misnamed.remove() }
        let named = problems(misnamed).map(\.description)
        #expect(
            named.contains { $0.contains("doc.links.json") && $0.contains("names \"other.txt\" but this sidecar sits beside \"doc.txt\"") },
            "\(named)")
        #expect(named.contains { $0.contains("\"utf16\" is not supported; offsets are counted in \"unicode_scalar\"") }, "\(named)")
        // The sidecar is not read as an annotation file, and it changes the dataset version.
        #expect(!found.contains { $0.message.contains("unknown key \"document_file\"") })
        let plain = try Self.fixture { $0 }
        defer { plain.remove() }
        #expect(try SeedLoader.load(from: plain.path).version != dataset.version)
    }
}
