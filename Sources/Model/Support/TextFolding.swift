/// Case- and diacritic-insensitive folding, the one definition shared by slugs, the search
/// index and search queries ("Côte", "COTE" and a decomposed "Cote\u{302}" all fold to
/// "cote"). Written on the standard library alone: Foundation's folding would pull ICU
/// into every server process for a few hundred letters.
public enum TextFolding {
    /// Lowercased, diacritics removed, other characters kept.
    public static func fold(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { append(folded: scalar, to: &result) }
        return String(result)
    }

    /// Folded tokens: maximal runs of letters and digits.
    public static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        func finish() {
            if !current.isEmpty {
                tokens.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 0x30...0x39, 0x61...0x7A: current.append(scalar)
                case 0x41...0x5A: current.append(Unicode.Scalar(value + 0x20)!)
                default: finish()
                }
            } else if isMark(scalar) {
                continue  // a combining accent of the letter before it
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                append(folded: scalar, to: &current)
            } else {
                finish()
            }
        }
        finish()
        return tokens
    }

    private static func append(folded scalar: Unicode.Scalar, to output: inout String.UnicodeScalarView) {
        let value = scalar.value
        if value < 0x80 {
            output.append((0x41...0x5A).contains(value) ? Unicode.Scalar(value + 0x20)! : scalar)
        } else if let ascii = LatinFolding.table[value] {
            output.append(contentsOf: ascii.unicodeScalars)
        } else if isMark(scalar) {
            return
        } else if value == 0x2019 || value == 0x2018 {
            output.append("'")  // typographic apostrophes fold to the ASCII one
        } else {
            output.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
    }

    @inline(__always)
    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }
}
