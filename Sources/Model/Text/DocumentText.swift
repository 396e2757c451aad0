/// A document's text as Unicode scalars, so offsets mean what API.md says they mean:
/// `text[start..<end]` in scalars, end exclusive.
struct DocumentText {
    let scalars: [Unicode.Scalar]

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    var count: Int { scalars.count }

    func slice(_ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }

    /// Start offsets of every occurrence of `needle` (overlapping ones included).
    func occurrences(of needle: String, in range: Range<Int>? = nil) -> [Int] {
        let pattern = Array(needle.unicodeScalars)
        guard let first = pattern.first else { return [] }
        let range = range ?? 0..<scalars.count
        var found: [Int] = []
        var index = range.lowerBound
        let last = range.upperBound - pattern.count
        while index <= last {
            if scalars[index] == first {
                var matches = true
                for offset in 1..<pattern.count where scalars[index + offset] != pattern[offset] {
                    matches = false
                    break
                }
                if matches { found.append(index) }
            }
            index += 1
        }
        return found
    }

    /// 1-based line number of an offset, for messages about the document itself.
    func line(of offset: Int) -> Int {
        var line = 1
        for index in 0..<min(offset, scalars.count) where scalars[index] == "\n" { line += 1 }
        return line
    }

    /// The sentence(s) covering `start..<end`: from the start of the sentence holding
    /// `start` to the end of the one holding `end - 1`.
    func sentence(covering start: Int, _ end: Int) -> String {
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
    func quotations() -> [Range<Int>] {
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
