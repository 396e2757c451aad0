import Glibc

/// A document's text as Unicode scalars, so offsets mean what API.md says they mean:
/// `text[start..<end]` in scalars, end exclusive.
package struct DocumentText {
    let scalars: [Unicode.Scalar]
    /// The UTF-8 bytes, searched with memmem.
    private let utf8: [UInt8]
    /// For each UTF-8 byte offset that starts a scalar, that scalar's index.
    private let scalarIndex: [Int32]
    /// For each scalar index (and the end), its UTF-8 byte offset.
    private let byteOffset: [Int32]

    package init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        utf8 = Array(text.utf8)
        var index = [Int32](repeating: 0, count: utf8.count + 1)
        var offsets = [Int32](repeating: 0, count: scalars.count + 1)
        var scalar: Int32 = 0
        for (offset, byte) in utf8.enumerated() {
            if byte & 0xC0 != 0x80 {
                index[offset] = scalar
                offsets[Int(scalar)] = Int32(offset)
                scalar += 1
            } else {
                index[offset] = -1
            }
        }
        index[utf8.count] = scalar
        offsets[scalars.count] = Int32(utf8.count)
        scalarIndex = index
        byteOffset = offsets
    }

    package var count: Int { scalars.count }

    package func slice(_ start: Int, _ end: Int) -> String {
        String(decoding: utf8[Int(byteOffset[start])..<Int(byteOffset[end])], as: UTF8.self)
    }

    /// Start offsets (in scalars) of every occurrence of `needle` (overlapping ones
    /// included), optionally only within a scalar range.
    package func occurrences(of needle: String, in range: Range<Int>? = nil) -> [Int] {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, pattern.count <= utf8.count else { return [] }
        var found: [Int] = []
        utf8.withUnsafeBytes { haystack in
            pattern.withUnsafeBytes { needleBytes in
                let base = haystack.baseAddress!, first = Int32(pattern[0])
                var offset = 0
                while offset + pattern.count <= haystack.count,
                    let hit = memchr(base + offset, first, haystack.count - pattern.count + 1 - offset)
                {
                    let byteOffset = UnsafeRawPointer(hit) - base
                    guard memcmp(hit, needleBytes.baseAddress!, pattern.count) == 0 else {
                        offset = byteOffset + 1
                        continue
                    }
                    let start = Int(scalarIndex[byteOffset])
                    if start >= 0 {  // a match starting mid-scalar cannot be text equality
                        if let range {
                            if start >= range.lowerBound && start + needle.unicodeScalars.count <= range.upperBound { found.append(start) }
                        } else {
                            found.append(start)
                        }
                    }
                    offset = byteOffset + 1
                }
            }
        }
        return found
    }

    /// 1-based line number of an offset, for messages about the document itself.
    package func line(of offset: Int) -> Int {
        var line = 1
        for index in 0..<min(offset, scalars.count) where scalars[index] == "\n" { line += 1 }
        return line
    }

    /// The sentence(s) covering `start..<end`: from the start of the sentence holding
    /// `start` to the end of the one holding `end - 1`.
    package func sentence(covering start: Int, _ end: Int) -> String {
        var from = start
        while from > 0 && !isSentenceBreak(before: from) { from -= 1 }
        var to = max(end, start + 1)
        while to < scalars.count && !isSentenceBreak(before: to) { to += 1 }
        var text = slice(from, to)
        while let last = text.unicodeScalars.last, last.properties.isWhitespace { text.unicodeScalars.removeLast() }
        while let first = text.unicodeScalars.first, first.properties.isWhitespace { text.unicodeScalars.removeFirst() }
        return text
    }

    /// True when a new sentence starts at `index`: after a line break, or after sentence-final
    /// punctuation (and any closing quotes) followed by a space, unless the period ends an
    /// abbreviation such as "U.S." or an initial.
    private func isSentenceBreak(before index: Int) -> Bool {
        let previous = scalars[index - 1]
        if previous == "\n" { return true }
        guard previous == " " else { return false }
        var end = index - 2
        while end >= 0, ["”", "\"", "’", ")"].contains(scalars[end]) { end -= 1 }
        guard end >= 0, [".", "?", "!", "…"].contains(scalars[end]) else { return false }
        if scalars[end] == "." {
            // The word before the period: "U.S" or a single capital is an abbreviation.
            var wordStart = end
            while wordStart > 0, !scalars[wordStart - 1].properties.isWhitespace { wordStart -= 1 }
            let word = scalars[wordStart..<end]
            if word.contains(".") || (word.count == 1 && word.first!.properties.isUppercase) { return false }
        }
        return true
    }

    /// Every pair of quotation marks: “…” (curly) and "…" (straight), as the ranges of the
    /// text between the marks.
    package func quotations() -> [Range<Int>] {
        var result: [Range<Int>] = []
        var openCurly: Int?
        var openStraight: Int?
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "“":
                openCurly = index
            case "”":
                if let open = openCurly {
                    result.append((open + 1)..<index)
                    openCurly = nil
                }
            case "\"":
                if let open = openStraight {
                    result.append((open + 1)..<index)
                    openStraight = nil
                } else {
                    openStraight = index
                }
            default:
                break
            }
        }
        return result.sorted { $0.lowerBound < $1.lowerBound }
    }
}
