import LatticeModel

/// Dates, bases, document kinds and links for the synthetic seeds, in proportions like a
/// curated collection's: most documents dated to the day, a few inferred to the month, some
/// undated; about two relations in five and half the alliances dated, some ended; one
/// statement in five dated by its text. Each value is a function of the record's id (a
/// stable hash), so a record's dates do not depend on the order records are generated in.
enum SyntheticDates {
    static let rights = "Synthetic text generated for scale tests; it describes no real events."

    /// FNV-1a over the id, then split by `salt`: a deterministic draw per record and field.
    static func draw(_ id: String, _ salt: UInt64, below bound: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ salt
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        hash ^= hash >> 29
        hash = hash &* 0xbf58_476d_1ce4_e5b9
        hash ^= hash >> 32
        return Int(hash % UInt64(bound))
    }

    static func kind(_ id: String) -> DocumentKind {
        let roll = draw(id, 1, below: 100)
        return roll < 70 ? .article : roll < 88 ? .report : roll < 95 ? .statement : .transcript
    }

    static func published(_ id: String) -> (PartialDate?, PublishedBasis?) {
        let roll = draw(id, 2, below: 100)
        let year = 2013 + draw(id, 3, below: 12), month = 1 + draw(id, 4, below: 12), day = 1 + draw(id, 5, below: 28)
        if roll < 80 { return (PartialDate(year: year, month: month, day: day), .stated) }
        if roll < 90 { return (PartialDate(year: year, month: month), .inferred) }
        return (nil, nil)
    }

    static func url(_ id: String) -> String? {
        draw(id, 6, below: 10) < 7 ? "https://example.org/lattice-synthetic/\(id)" : nil
    }

    /// A date at or before `anchor` (within about six years), at year or month precision.
    private static func before(_ anchor: PartialDate?, _ id: String, _ salt: UInt64) -> PartialDate {
        let top = anchor?.year ?? 2024
        let year = max(1950, top - draw(id, salt, below: 7))
        guard draw(id, salt + 1, below: 3) > 0 else { return PartialDate(year: year)! }
        let lastMonth = year == top ? (anchor?.month ?? 12) : 12
        return PartialDate(year: year, month: 1 + draw(id, salt + 2, below: lastMonth))!
    }

    /// `since` for about `percent` of the records, and an `until` after it for one in eight of those.
    static func valid(_ id: String, anchor: PartialDate?, percent: Int) -> ValidTime {
        guard draw(id, 10, below: 100) < percent else { return ValidTime() }
        let since = before(anchor, id, 11)
        guard draw(id, 14, below: 8) == 0 else { return ValidTime(since: since) }
        let end = since.year + 1 + draw(id, 15, below: 3)
        return ValidTime(since: since, until: PartialDate(year: end))
    }

    /// The text dates one statement in five: at or before its document's date.
    static func saidOn(_ id: String, published: PartialDate?) -> (PartialDate?, SaidOnBasis?) {
        guard draw(id, 20, below: 5) == 0 else { return (nil, nil) }
        return (before(published, id, 21), .stated)
    }

    /// A links sidecar citing up to three of the quotes in a document, for three documents
    /// in five; nil for the others.
    static func links(for document: SyntheticDocument, quotes: [String]) -> [UInt8]? {
        guard draw(document.id, 30, below: 5) < 3 else { return nil }
        var entries: [JSONOutput] = []
        var seen = Set<String>()
        for quote in quotes where seen.insert(quote).inserted && entries.count < 3 {
            guard let start = document.text.occurrences(of: quote).first else { continue }
            let end = start + quote.unicodeScalars.count
            entries.append(
                .object([
                    ("start", .int(start)), ("end", .int(end)), ("text", .string(document.text.slice(start, end))),
                    ("url", .string("https://example.org/lattice-synthetic/cited/\(document.id)/\(entries.count + 1)")),
                ]))
        }
        let name = document.file.split(separator: "/").last.map(String.init) ?? document.file
        return JSONOutput.object([
            ("document_file", .string(name)), ("unit", .string("unicode_scalar")), ("links", .array(entries)),
        ]).serialized()
    }
}
