/// Ids and alias slugs: `[a-z0-9]+(-[a-z0-9]+)*`.
public enum Slug {
    public static func isValid(_ text: String) -> Bool {
        isValid(bytes: text.utf8)
    }

    /// The same check on bytes (the router checks a path segment before making a string).
    @inlinable
    public static func isValid<Bytes: Collection<UInt8>>(bytes: Bytes) -> Bool {
        guard let first = bytes.first, first != UInt8(ascii: "-") else { return false }
        var previousHyphen = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousHyphen = false
            case UInt8(ascii: "-"):
                if previousHyphen { return false }
                previousHyphen = true
            default:
                return false
            }
        }
        return !previousHyphen
    }

    /// The slug of a name: folded to ASCII lowercase, every run of other characters a hyphen
    /// ("U.S." → "u-s", "Quadrilateral Security Dialogue" → "quadrilateral-security-dialogue").
    public static func make(_ name: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in TextFolding.fold(name).unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen && !result.isEmpty { result.append("-") }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return result
    }
}
