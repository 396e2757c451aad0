import Glibc
import LatticeHTTP

/// What a request asks for: conditional requests, encodings and media types.
enum Negotiation {
    /// RFC 9110 §13.1.2: If-None-Match matches with the weak comparison; `*` matches any.
    /// One pass over the field's bytes, no substrings: a 16 KB list of tags costs
    /// microseconds, not the half millisecond that splitting it did.
    /// `wildcard: false` ignores `*`: for checking a tag before the body (and so whether there
    /// is a representation at all) is known.
    static func ifNoneMatch(_ header: String, matches etag: String, wildcard: Bool = true) -> Bool {
        var header = header
        var etag = etag
        return header.withUTF8 { field in
            etag.withUTF8 { tag in
                let target =
                    tag.count >= 2 && tag[0] == UInt8(ascii: "W") && tag[1] == UInt8(ascii: "/")
                    ? UnsafeBufferPointer(rebasing: tag[2...]) : tag
                return listContains(field, target, wildcard: wildcard)
            }
        }
    }

    private static func listContains(_ field: UnsafeBufferPointer<UInt8>, _ target: UnsafeBufferPointer<UInt8>, wildcard: Bool) -> Bool {
        let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")
        var index = 0
        while index < field.count {
            let byte = field[index]
            if byte == comma || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1; continue }
            if byte == UInt8(ascii: "*") {
                if wildcard { return true }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "W"), index + 1 < field.count, field[index + 1] == UInt8(ascii: "/") { index += 2 }
            guard index < field.count, field[index] == quote else {
                // Not an entity tag: skip to the next member.
                while index < field.count && field[index] != comma { index += 1 }
                continue
            }
            var close = index + 1
            while close < field.count && field[close] != quote { close += 1 }
            guard close < field.count else { return false }
            let length = close + 1 - index
            if length == target.count && memcmp(field.baseAddress! + index, target.baseAddress!, length) == 0 { return true }
            index = close + 1
        }
        return false
    }

    /// RFC 9110 §12.5.3: gzip unless the client gave it (or `*`, without naming gzip) q=0.
    static func acceptsGzip(_ request: HTTPRequest) -> Bool {
        guard let header = request.headers["accept-encoding"] else { return false }
        var star: Double?
        for (coding, quality) in weightedList(header) {
            if coding == "gzip" || coding == "x-gzip" { return quality > 0 }
            if coding == "*" { star = quality }
        }
        return (star ?? 0) > 0
    }

    /// RFC 9110 §12.5.1: the offer the client prefers, by the quality of the most specific
    /// media range that matches each (`text/csv` over `text/*` over `*/*`); ties go to the
    /// earlier offer, the server's preference. No Accept means the first offer; nil means
    /// nothing offered is acceptable (406).
    static func preferred(_ offers: [String], accept: String?) -> String? {
        // No Accept, or curl's and most libraries' `*/*`: the first offer, without parsing.
        guard let accept, !accept.isEmpty, accept != "*/*" else { return offers.first }
        let ranges = weightedList(accept)
        // Nothing valid listed (every member ignored) is an empty Accept, as above.
        guard !ranges.isEmpty else { return offers.first }
        var best: (offer: String, quality: Double)?
        for offer in offers {
            let slash = offer.firstIndex(of: "/")!
            let typeRange = String(offer[...slash]) + "*"
            var quality: Double?
            var specificity = -1
            for (range, q) in ranges {
                let matchLevel: Int
                if range == offer {
                    matchLevel = 2
                } else if range == typeRange {
                    matchLevel = 1
                } else if range == "*/*" {
                    matchLevel = 0
                } else {
                    continue
                }
                if matchLevel > specificity { specificity = matchLevel; quality = q }
            }
            if let quality, quality > 0, quality > best?.quality ?? 0 { best = (offer, quality) }
        }
        return best?.offer
    }

    /// `a;q=0.5, b` → [(a, 0.5), (b, 1)], names lowercased, parameters other than q
    /// dropped. Every member is read: the header size limit already bounds the list, and a
    /// cap on members would change the answer (`application/json` listed after it would
    /// get a 406). A member whose weight is not a qvalue (`q=nan`, `q=-1`, `q=1.5`,
    /// `q=abc`) is ignored, as if it were not listed: RFC 9110 §12.4.2 gives it no meaning,
    /// and reading it as 0 would refuse what the client may have meant to accept, while
    /// reading it as 1 would prefer what it may have meant to refuse.
    static func weightedList(_ header: String) -> [(String, Double)] {
        var result: [(String, Double)] = []
        members: for member in header.split(separator: ",") {
            let parts = member.split(separator: ";")
            guard let first = parts.first else { continue }
            let name = first.trimmingCharacters(in: " \t").lowercased()
            guard !name.isEmpty else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard pair.count == 2, pair[0].trimmingCharacters(in: " \t").lowercased() == "q" else { continue }
                guard let weight = qvalue(pair[1].trimmingCharacters(in: " \t")) else { continue members }
                quality = weight
                break  // §12.4.2: the first q ends the media type's own parameters.
            }
            result.append((name, quality))
        }
        return result
    }

    /// RFC 9110 §12.4.2: `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`;
    /// nil for anything else.
    static func qvalue(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard let lead = bytes.first, lead == UInt8(ascii: "0") || lead == UInt8(ascii: "1"), bytes.count <= 5 else { return nil }
        guard bytes.count > 1 else { return lead == UInt8(ascii: "1") ? 1 : 0 }
        guard bytes[1] == UInt8(ascii: ".") else { return nil }
        var thousandths = 0
        var scale = 100
        for digit in bytes[2...] {
            guard digit >= UInt8(ascii: "0") && digit <= UInt8(ascii: "9") else { return nil }
            thousandths += Int(digit - UInt8(ascii: "0")) * scale
            scale /= 10
        }
        if lead == UInt8(ascii: "1") { return thousandths == 0 ? 1 : nil }
        return Double(thousandths) / 1000
    }
}

private extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        let blanks = Set(set)
        var slice = Substring(self)
        while let first = slice.first, blanks.contains(first) { slice.removeFirst() }
        while let last = slice.last, blanks.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
