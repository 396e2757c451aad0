import Glibc

/// Every document's text in a normal form for checking a claimed quotation against it:
/// curly and straight quotes alike, every dash a hyphen, every run of whitespace one space,
/// lower case. Each byte of the normal form remembers which byte of the original text it
/// came from, so a match is reported at its offsets in the ORIGINAL text (Unicode scalars,
/// end exclusive, as every span of the API), never in the normal form.
///
/// Built once per dataset; a search is a byte scan (memchr and memcmp) of the normal forms.
public struct QuoteIndex: Sendable {
    struct Normalized: Sendable {
        /// The normal form, UTF-8.
        let bytes: [UInt8]
        /// Where each byte of `bytes` came from, as runs: kept as an offset per byte, it was
        /// four times the text; most bytes are ASCII copied one for one, so runs are few.
        let runs: [Run]

        /// The UTF-8 offset in the original text of the scalar byte `index` came from (a
        /// collapsed run of whitespace: its first scalar).
        func origin(_ index: Int) -> Int {
            var low = 0, high = runs.count  // the last run starting at or before index
            while high - low > 1 {
                let mid = (low + high) / 2
                if Int(runs[mid].normal) <= index { low = mid } else { high = mid }
            }
            let run = runs[low]
            return Int(run.original) + (run.linear ? index - Int(run.normal) : 0)
        }
    }

    /// Bytes of the normal form from `normal` on came from the original at `original` on:
    /// one for one (`linear`: ASCII copied or lowered), or all from the one scalar there
    /// (a quote, a dash, a lowered non-ASCII letter).
    struct Run: Sendable {
        let normal: Int32
        let original: Int32
        let linear: Bool
    }

    /// By document position (``Dataset/documents`` order).
    let documents: [Normalized]

    /// How a claimed text was found.
    public enum Match: String, Sendable {
        /// Character for character as the document has it.
        case verbatim
        /// Only once quotes, dashes, whitespace and case are normalised.
        case normalized
    }

    /// One place a claimed text occurs: scalar offsets into the original text.
    public struct Occurrence: Sendable, Equatable {
        public let document: Int
        public let start: Int
        public let end: Int
        /// The original text at `start..<end`.
        public let text: String
        public let match: Match
    }

    init(documents: [Document]) {
        self.documents = documents.parallelMap { Self.normalize(text: $0.text) }
    }

    /// The claimed text in normal form, as the documents are: trimmed, so a match can
    /// neither begin nor end inside a run of whitespace.
    public static func normalized(_ claim: String) -> String {
        var output: [UInt8] = []
        var pendingSpace = false
        for scalar in claim.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace { output.append(UInt8(ascii: " ")); pendingSpace = false }
            appendNormal(scalar) { output.append($0) }
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func normalize(text: String) -> Normalized {
        var bytes: [UInt8] = []
        var runs: [Run] = []
        bytes.reserveCapacity(text.utf8.count)
        var offset = 0
        var inSpace = false
        /// Records that the next byte comes from `origin`, one for one with its scalar or not.
        func emit(_ byte: UInt8, from origin: Int, linear: Bool) {
            let index = bytes.count
            if let run = runs.last {
                let continues =
                    run.linear
                    ? linear && Int(run.original) + index - Int(run.normal) == origin
                    : !linear && Int(run.original) == origin
                if !continues { runs.append(Run(normal: Int32(index), original: Int32(origin), linear: linear)) }
            } else {
                runs.append(Run(normal: Int32(index), original: Int32(origin), linear: linear))
            }
            bytes.append(byte)
        }
        for scalar in text.unicodeScalars {
            defer { offset += UTF8.width(scalar) }
            if scalar.properties.isWhitespace {
                if !inSpace { emit(UInt8(ascii: " "), from: offset, linear: true) }
                inSpace = true
                continue
            }
            inSpace = false
            let ascii = scalar.value < 0x80
            appendNormal(scalar) { byte in emit(byte, from: offset, linear: ascii) }
        }
        return Normalized(bytes: bytes, runs: runs)
    }

    /// One non-whitespace scalar in normal form, as UTF-8 bytes.
    @inline(__always)
    private static func appendNormal(_ scalar: Unicode.Scalar, _ emit: (UInt8) -> Void) {
        switch scalar.value {
        case 0x41...0x5A: emit(UInt8(scalar.value + 0x20))
        case 0x00...0x7F: emit(UInt8(scalar.value))
        // “ ” „ ‟ ″ « »: a double quotation mark.
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB: emit(UInt8(ascii: "\""))
        // ‘ ’ ‚ ‛ ′: a single quotation mark or apostrophe.
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032: emit(UInt8(ascii: "'"))
        // ‐ ‑ ‒ – — ― − and the small and full-width hyphens: a hyphen.
        case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: emit(UInt8(ascii: "-"))
        default:
            for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                for byte in UTF8.encode(lower)! { emit(byte) }
            }
        }
    }

    /// Where `claim` occurs in the documents at `positions` (every document when nil), in
    /// document order then text order: at most `limit` occurrences, and how many there are
    /// in all. A match must start and end at a word boundary when the claim starts or ends
    /// with a letter or digit ("Japan" is not found inside "Japanese").
    public func occurrences(of claim: String, in positions: [Int]? = nil, documents texts: [Document], limit: Int) -> (
        found: [Occurrence], total: Int
    ) {
        let needle = Array(Self.normalized(claim).utf8)
        guard !needle.isEmpty else { return ([], 0) }
        let first = claim.unicodeScalars.first { !$0.properties.isWhitespace }
        let last = claim.unicodeScalars.last { !$0.properties.isWhitespace }
        let wordStart = first.map(Self.isWordScalar) ?? false, wordEnd = last.map(Self.isWordScalar) ?? false
        var found: [Occurrence] = []
        var total = 0
        for position in positions ?? Array(documents.indices) {
            let normal = documents[position]
            let hits = Self.find(needle, in: normal.bytes)
            guard !hits.isEmpty else { continue }
            let original = Array(texts[position].text.utf8)
            for hit in hits {
                let startByte = normal.origin(hit)
                let lastByte = normal.origin(hit + needle.count - 1)
                let endByte = lastByte + Self.width(lead: original[lastByte])
                if wordStart, let before = Self.scalar(before: startByte, in: original), Self.isWordScalar(before) { continue }
                if wordEnd, let after = Self.scalar(at: endByte, in: original), Self.isWordScalar(after) { continue }
                // A match that begins or ends inside one scalar's normal form (a lowercase
                // mapping to several scalars) is no occurrence of a whole text.
                if hit > 0, normal.origin(hit - 1) == startByte { continue }
                let after = hit + needle.count
                if after < normal.bytes.count, normal.origin(after) == lastByte { continue }
                total += 1
                guard found.count < limit else { continue }
                let text = String(decoding: original[startByte..<endByte], as: UTF8.self)
                let start = Self.scalarOffset(ofByte: startByte, in: original)
                let end = start + text.unicodeScalars.count
                found.append(
                    Occurrence(
                        document: position, start: start, end: end, text: text,
                        match: text == claim ? .verbatim : .normalized))
            }
        }
        return (found, total)
    }

    /// Byte offsets of every occurrence of `needle` in `haystack`, overlapping ones included.
    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard needle.count <= haystack.count else { return [] }
        var hits: [Int] = []
        haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pattern in
                let base = hay.baseAddress!, firstByte = Int32(needle[0])
                var offset = 0
                while offset + needle.count <= hay.count,
                    let hit = memchr(base + offset, firstByte, hay.count - needle.count + 1 - offset)
                {
                    let at = UnsafeRawPointer(hit) - base
                    if memcmp(hit, pattern.baseAddress!, needle.count) == 0 { hits.append(at) }
                    offset = at + 1
                }
            }
        }
        return hits
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    private static func width(lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }

    private static func scalar(at offset: Int, in bytes: [UInt8]) -> Unicode.Scalar? {
        guard offset < bytes.count else { return nil }
        var iterator = bytes[offset...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    private static func scalar(before offset: Int, in bytes: [UInt8]) -> Unicode.Scalar? {
        guard offset > 0 else { return nil }
        var start = offset - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return scalar(at: start, in: bytes)
    }

    /// The scalar offset of a UTF-8 offset: the scalars that start before it.
    private static func scalarOffset(ofByte offset: Int, in bytes: [UInt8]) -> Int {
        var count = 0
        for index in 0..<offset where bytes[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
