/// A ranked full-text index over every record: case- and diacritic-insensitive tokens,
/// prefix matching through a sorted vocabulary, and per-field weights (a match in a name
/// outranks one in a summary).
public struct SearchIndex: Sendable {
    public enum Field: Int, Sendable, CaseIterable {
        case name, shortName, alias, code, role, subject, text, summary, title

        var weight: Double {
            switch self {
            case .name, .shortName, .title: 10
            case .alias, .code: 8
            case .role, .subject: 4
            case .text: 3
            case .summary: 1
            }
        }
    }

    public struct Entry: Sendable {
        public let ref: EntityRef
        public let name: String
        /// The texts indexed for this entry, by field (for snippets).
        public let fields: [(Field, String)]
    }

    public struct Hit: Sendable {
        public let entry: Int
        public let score: Double
        /// The field whose text matched best, for the snippet.
        public let field: Field
    }

    struct Posting: Sendable {
        let entry: Int32
        let field: Field
        /// Tokens in the field's text: a match in a short field ("NATO") says more than one
        /// in a long one ("Asian NATO").
        let fieldLength: Int32
    }

    public let entries: [Entry]
    private let vocabulary: [String]          // sorted
    private let postings: [[Posting]]         // parallel to vocabulary

    init(entries: [Entry]) {
        self.entries = entries
        var byToken: [String: [Posting]] = [:]
        for (index, entry) in entries.enumerated() {
            for (field, text) in entry.fields {
                let tokens = TextFolding.tokens(text)
                for token in Set(tokens) {
                    byToken[token, default: []].append(Posting(entry: Int32(index), field: field, fieldLength: Int32(tokens.count)))
                }
            }
        }
        vocabulary = byToken.keys.sorted()
        postings = vocabulary.map { byToken[$0]! }
    }

    /// Entries matching every token of `query` (the last token may be a prefix; earlier ones
    /// match exactly or as a prefix with a lower weight), best first.
    public func search(_ query: String, types: Set<EntityType>? = nil, fields: Set<Field>? = nil) -> [Hit] {
        // A repeated word narrows nothing: each distinct one is looked up once.
        var seen = Set<String>()
        let tokens = TextFolding.tokens(query).filter { seen.insert($0).inserted }
        guard !tokens.isEmpty else { return [] }
        var scores: [Int32: (score: Double, field: Field, best: Double)] = [:]
        for (tokenIndex, token) in tokens.enumerated() {
            var matched: [Int32: (Double, Field)] = [:]
            var position = lowerBound(token)
            while position < vocabulary.count, vocabulary[position].hasPrefix(token) {
                let exact = vocabulary[position] == token
                for posting in postings[position] {
                    if let fields, !fields.contains(posting.field) { continue }
                    if let types, !types.contains(entries[Int(posting.entry)].ref.type) { continue }
                    let weight = posting.field.weight * (exact ? 1.0 : 0.6) * (1 + 1 / Double(posting.fieldLength))
                    if weight > matched[posting.entry]?.0 ?? 0 { matched[posting.entry] = (weight, posting.field) }
                }
                position += 1
            }
            if tokenIndex == 0 {
                for (entry, (weight, field)) in matched { scores[entry] = (weight, field, weight) }
            } else {
                var next: [Int32: (Double, Field, Double)] = [:]
                for (entry, current) in scores {
                    guard let (weight, field) = matched[entry] else { continue }
                    next[entry] = (current.score + weight, weight > current.best ? field : current.field, max(weight, current.best))
                }
                scores = next
            }
            if scores.isEmpty { return [] }
        }
        return scores.map { Hit(entry: Int($0.key), score: ($0.value.score * 100).rounded() / 100, field: $0.value.field) }
            .sorted { a, b in
                if a.score != b.score { return a.score > b.score }
                let nameA = entries[a.entry].name, nameB = entries[b.entry].name
                return nameA != nameB ? nameA < nameB : entries[a.entry].ref.id < entries[b.entry].ref.id
            }
    }

    private func lowerBound(_ token: String) -> Int {
        var low = 0, high = vocabulary.count
        while low < high {
            let mid = (low + high) / 2
            if vocabulary[mid] < token { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Up to `width` scalars of the hit's field around the first matching word, with
    /// ellipses where the text was cut. Short fields (most names) are returned whole
    /// without being scanned.
    public func snippet(for hit: Hit, query: String, width: Int = 120) -> String {
        let text = entries[hit.entry].fields.first { $0.0 == hit.field }?.1 ?? entries[hit.entry].name
        let scalars = text.unicodeScalars
        let count = scalars.count
        if count <= width { return text }
        let tokens = TextFolding.tokens(query)
        // The first word of the text whose folded form starts with a query token, as a
        // scalar offset. Words are sliced from the string, never rebuilt scalar by scalar.
        var matchAt = 0
        var offset = 0
        var index = scalars.startIndex
        search: while index < scalars.endIndex {
            guard Self.isWordScalar(scalars[index]) else {
                scalars.formIndex(after: &index)
                offset += 1
                continue
            }
            var end = index
            var length = 0
            while end < scalars.endIndex, Self.isWordScalar(scalars[end]) {
                scalars.formIndex(after: &end)
                length += 1
            }
            let folded = TextFolding.fold(String(scalars[index..<end]))
            if tokens.contains(where: { folded.hasPrefix($0) }) {
                matchAt = offset
                break search
            }
            index = end
            offset += length
        }
        var start = max(0, matchAt - width / 3)
        var stop = min(count, start + width)
        start = max(0, stop - width)
        func scalar(_ at: Int) -> Unicode.Scalar { scalars[scalars.index(scalars.startIndex, offsetBy: at)] }
        while start > 0, start < matchAt, scalar(start - 1) != " " { start += 1 }
        while stop < count, stop > matchAt, scalar(stop - 1) != " " { stop -= 1 }
        while start < stop, scalar(start).properties.isWhitespace { start += 1 }
        while stop > start, scalar(stop - 1).properties.isWhitespace { stop -= 1 }
        let lower = scalars.index(scalars.startIndex, offsetBy: start)
        let upper = scalars.index(lower, offsetBy: stop - start)
        return (start > 0 ? "…" : "") + String(scalars[lower..<upper]) + (stop < count ? "…" : "")
    }

    @inline(__always)
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80
            ? (scalar.value >= 0x30 && scalar.value <= 0x39) || ((scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A)
            : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
