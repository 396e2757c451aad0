import Foundation

/// Case- and diacritic-insensitive folding, the one definition shared by slugs, the search
/// index and search queries ("Côte" and "cote" fold alike).
public enum TextFolding {
    public static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .replacingOccurrences(of: "’", with: "'")
    }

    /// Folded tokens: maximal runs of letters and digits. ASCII is folded inline; only
    /// other letters go through Foundation, so tokenizing mostly-English text is cheap.
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
            } else if isPunctuationOrSpace(value) || !scalar.properties.isAlphabetic && !scalar.properties.numericType.isSome {
                finish()
            } else {
                // A letter outside ASCII: fold it (é → e, ß → ss); combining marks fold away.
                for folded in fold(String(scalar)).unicodeScalars where folded.properties.isAlphabetic || ("0"..."9").contains(folded) {
                    current.append(folded)
                }
            }
        }
        finish()
        return tokens
    }

    /// General punctuation, Latin-1 punctuation and spaces: separators, no lookup needed.
    @inline(__always)
    private static func isPunctuationOrSpace(_ value: UInt32) -> Bool {
        (0x2000...0x206F).contains(value) || (0x00A0...0x00BF).contains(value) || value == 0x00D7 || value == 0x00F7
            || (0x3000...0x303F).contains(value)
    }
}

extension Optional {
    fileprivate var isSome: Bool { self != nil }
}
