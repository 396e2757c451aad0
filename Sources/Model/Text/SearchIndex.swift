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

    /// One searchable record: what a hit names. The texts it was indexed by are the
    /// record's own (``Dataset/searchFields(of:)``), read again for a snippet rather than
    /// kept twice.
    public struct Entry: Sendable {
        public let ref: EntityRef
        public let name: String
    }

    public struct Hit: Sendable {
        public let entry: Int
        public let score: Double
        /// The field whose text matched best, for the snippet.
        public let field: Field
    }

    /// One page of ranked hits and how many there are in all.
    public struct Results: Sendable {
        /// Every entry that matches, counted exactly (not estimated).
        public let total: Int
        /// The hits in the requested window of the ranking, best first.
        public let hits: [Hit]
    }

    struct Posting: Sendable {
        let entry: Int32
        let field: Field
        /// Tokens in the field's text (at most 65,535): a match in a short field ("NATO")
        /// says more than one in a long one ("Asian NATO"). 16 bits keep a posting at 8 bytes.
        let fieldLength: UInt16
    }

    public let entries: [Entry]
    /// Per entry, its place in the order of (name, id): ties in score are broken by this
    /// number instead of comparing names.
    private let tieRank: [Int32]
    private let vocabulary: [String]  // sorted
    /// Word `w`'s postings, in impact order, are `postingList[postingStart[w]..<postingStart[w + 1]]`:
    /// one array for all words instead of one per word (its header, its allocation and the
    /// slack of its growth, 23 MB at the 1,000x seeds).
    private let postingStart: [Int32]
    private let postingList: [Posting]

    /// Above this many postings for one word, scores are kept in arrays indexed by entry
    /// rather than in dictionaries (see ``scoreDensely``): the arrays cost their size once
    /// per query, the dictionaries a hash per posting.
    let denseAbove: Int
    /// Whether a query of one whole word with no filter is answered from its postings'
    /// impact order (see ``searchOneWord``). Off only in tests, which compare the ways of
    /// ranking.
    let readsImpactOrder: Bool
    /// Per word, how many distinct entries its postings hold: `total` for a one-word query.
    private let entryCount: [Int32]

    /// `fields(i)` are the texts entry `i` is found by, by field. `denseAbove` and
    /// `readsImpactOrder` are for tests, which compare the ways of ranking.
    init(entries: [Entry], fields: (Int) -> [(Field, String)], denseAbove: Int? = nil, readsImpactOrder: Bool = true) {
        self.entries = entries
        self.denseAbove = denseAbove ?? max(1024, entries.count / 32)
        self.readsImpactOrder = readsImpactOrder
        var byToken: [String: [Posting]] = [:]
        for index in entries.indices {
            for (field, text) in fields(index) {
                let tokens = TextFolding.tokens(text)
                for token in Set(tokens) {
                    let length = UInt16(clamping: tokens.count)
                    byToken[token, default: []].append(Posting(entry: Int32(index), field: field, fieldLength: length))
                }
            }
        }
        let byName = entries.indices.sorted { a, b in
            entries[a].name != entries[b].name ? entries[a].name < entries[b].name : entries[a].ref.id < entries[b].ref.id
        }
        var tieRank = [Int32](repeating: 0, count: entries.count)
        for (rank, entry) in byName.enumerated() { tieRank[entry] = Int32(rank) }
        self.tieRank = tieRank
        vocabulary = byToken.keys.sorted()
        var postingStart = [Int32](repeating: 0, count: vocabulary.count + 1)
        var entryCount = [Int32](repeating: 0, count: vocabulary.count)
        var postingList: [Posting] = []
        postingList.reserveCapacity(byToken.values.reduce(0) { $0 + $1.count })
        for (w, word) in vocabulary.enumerated() {
            let list = byToken[word]!  // in entry order
            var distinct: Int32 = 0
            for (p, posting) in list.enumerated() where p == 0 || list[p - 1].entry != posting.entry { distinct += 1 }
            entryCount[w] = distinct
            postingList += Self.impactOrder(list, tieRank: tieRank)
            postingStart[w + 1] = Int32(postingList.count)
        }
        self.postingStart = postingStart
        self.postingList = postingList
        self.entryCount = entryCount
    }

    /// A word's postings in the order a query of that word alone ranks their entries: served
    /// weight, then name and id (`tieRank`); an entry's postings by weight, then field order,
    /// so its first is its best. Scoring that adds up words reads them in any order.
    private static func impactOrder(_ list: [Posting], tieRank: [Int32]) -> [Posting] {
        let weights = list.map { weight($0, exact: true) }
        let served = weights.map(served)
        let order = list.indices.sorted { a, b in
            if served[a] != served[b] { return served[a] > served[b] }
            let (x, y) = (tieRank[Int(list[a].entry)], tieRank[Int(list[b].entry)])
            if x != y { return x < y }
            return weights[a] != weights[b] ? weights[a] > weights[b] : a < b
        }
        return order.map { list[$0] }
    }

    /// Word `w`'s postings, in impact order (``impactOrder(_:tieRank:)``).
    private func postings(_ w: Int) -> ArraySlice<Posting> { postingList[Int(postingStart[w])..<Int(postingStart[w + 1])] }

    /// Every hit, best first (score, then name, then id).
    public func search(_ query: String, types: Set<EntityType>? = nil, fields: Set<Field>? = nil) -> [Hit] {
        search(query, types: types, fields: fields, window: 0..<Int.max).hits
    }

    /// The hits ranked `window` (best first: score, then name, then id) and how many match.
    /// Only the best `window.upperBound` are ordered, through a bounded heap, so a common
    /// word costs its matches once each and a sort of one page, not a sort of every match.
    public func search(_ query: String, types: Set<EntityType>? = nil, fields: Set<Field>? = nil, window: Range<Int>) -> Results {
        if readsImpactOrder, types == nil, fields == nil, let results = searchOneWord(query, window: window) { return results }
        let scored = score(query, types: types, fields: fields)
        let wanted = min(window.upperBound, scored.count)
        guard window.lowerBound < wanted else { return Results(total: scored.count, hits: []) }
        let ranked = best(wanted, of: scored)
        return Results(
            total: scored.count,
            hits: ranked[window.lowerBound..<wanted].map {
                Hit(entry: Int($0.entry), score: $0.score, field: $0.field)
            })
    }

    /// A query of one whole word that no other word extends (nil for any other query): its
    /// postings are in ranking order already, so a page costs the postings up to its end
    /// (an entry's later postings skipped), and `total` is counted at load.
    func searchOneWord(_ query: String, window: Range<Int>) -> Results? {
        let tokens = Set(TextFolding.tokens(query))
        guard tokens.count == 1, let token = tokens.first else { return nil }
        let range = vocabularyRange(token)
        guard range.count == 1, vocabulary[range.lowerBound] == token else { return nil }
        let w = range.lowerBound
        var hits: [Hit] = []
        var seen = Set<Int32>()
        for posting in postings(w) {
            guard hits.count < window.upperBound else { break }
            guard seen.insert(posting.entry).inserted else { continue }
            hits.append(Hit(entry: Int(posting.entry), score: Self.served(Self.weight(posting, exact: true)), field: posting.field))
        }
        return Results(total: Int(entryCount[w]), hits: Array(hits[min(window.lowerBound, hits.count)...]))
    }

    /// The entries that match, in no particular order (a filter ranks nothing).
    func matchingEntries(_ query: String, types: Set<EntityType>? = nil, fields: Set<Field>? = nil) -> [Int32] {
        score(query, types: types, fields: fields).map(\.entry)
    }

    struct Scored {
        let entry: Int32
        /// Rounded to hundredths, as served: the ranking orders what clients see.
        let score: Double
        let field: Field
    }

    /// Entries matching every token of `query` (the last token may be a prefix; earlier ones
    /// match exactly or as a prefix with a lower weight), with their scores, unordered.
    private func score(_ query: String, types: Set<EntityType>?, fields: Set<Field>?) -> [Scored] {
        // A repeated word narrows nothing: each distinct one is looked up once.
        var seen = Set<String>()
        let tokens = TextFolding.tokens(query).filter { seen.insert($0).inserted }
        guard !tokens.isEmpty else { return [] }
        let ranges = tokens.map(vocabularyRange)
        let volume = ranges.map { $0.reduce(0) { $0 + postings($1).count } }.max() ?? 0
        let accepts: (Posting) -> Bool = { posting in
            if let fields, !fields.contains(posting.field) { return false }
            if let types, !types.contains(self.entries[Int(posting.entry)].ref.type) { return false }
            return true
        }
        return volume > denseAbove
            ? scoreDensely(tokens, ranges, accepts) : scoreSparsely(tokens, ranges, accepts)
    }

    /// A score as served: rounded to hundredths (half away from zero; scores are positive),
    /// without a call into libm per match.
    @inline(__always)
    private static func served(_ score: Double) -> Double {
        Double(Int64(score * 100 + 0.5)) / 100
    }

    /// The vocabulary positions of the tokens `token` is a prefix of (itself first, if there).
    private func vocabularyRange(_ token: String) -> Range<Int> {
        let low = lowerBound(token)
        var high = low
        while high < vocabulary.count, vocabulary[high].hasPrefix(token) { high += 1 }
        return low..<high
    }

    /// A posting's weight: its field's, less for a prefix match, more in a short field.
    @inline(__always)
    private static func weight(_ posting: Posting, exact: Bool) -> Double {
        posting.field.weight * (exact ? 1.0 : 0.6) * (1 + 1 / Double(posting.fieldLength))
    }

    /// For words with few postings: scores kept in dictionaries, sized by the matches.
    private func scoreSparsely(_ tokens: [String], _ ranges: [Range<Int>], _ accepts: (Posting) -> Bool) -> [Scored] {
        var scores: [Int32: (score: Double, field: Field, best: Double)] = [:]
        for (tokenIndex, token) in tokens.enumerated() {
            var matched: [Int32: (Double, Field)] = [:]
            for position in ranges[tokenIndex] {
                let exact = vocabulary[position] == token
                for posting in postings(position) where accepts(posting) {
                    let weight = Self.weight(posting, exact: exact)
                    if weight > matched[posting.entry]?.0 ?? 0 { matched[posting.entry] = (weight, posting.field) }
                }
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
        return scores.map { Scored(entry: $0.key, score: Self.served($0.value.score), field: $0.value.field) }
    }

    /// For common words: the same scores in arrays indexed by entry, one pass per token over
    /// its postings, with no hashing. `mark[e]` is the last token `e` matched: a later token
    /// only counts for entries that matched every earlier one.
    private func scoreDensely(_ tokens: [String], _ ranges: [Range<Int>], _ accepts: (Posting) -> Bool) -> [Scored] {
        let count = entries.count
        var mark = [Int32](repeating: -1, count: count)
        var tokenWeight = [Double](repeating: 0, count: count)
        var tokenField = [Field](repeating: .name, count: count)
        let several = tokens.count > 1
        var total = several ? [Double](repeating: 0, count: count) : []
        var best = several ? [Double](repeating: 0, count: count) : []
        var field = several ? [Field](repeating: .name, count: count) : []
        var alive: [Int32] = []
        for (tokenIndex, token) in tokens.enumerated() {
            let pass = Int32(tokenIndex)
            var touched: [Int32] = []
            for position in ranges[tokenIndex] {
                let exact = vocabulary[position] == token
                for posting in postings(position) {
                    let entry = Int(posting.entry)
                    guard mark[entry] >= pass - 1, accepts(posting) else { continue }
                    let weight = Self.weight(posting, exact: exact)
                    if mark[entry] < pass {
                        mark[entry] = pass
                        tokenWeight[entry] = weight
                        tokenField[entry] = posting.field
                        touched.append(posting.entry)
                    } else if weight > tokenWeight[entry] {
                        tokenWeight[entry] = weight
                        tokenField[entry] = posting.field
                    }
                }
            }
            if several {
                for entry in touched.map(Int.init) {
                    let weight = tokenWeight[entry]
                    if tokenIndex == 0 {
                        (total[entry], best[entry], field[entry]) = (weight, weight, tokenField[entry])
                    } else {
                        total[entry] += weight
                        if weight > best[entry] { (best[entry], field[entry]) = (weight, tokenField[entry]) }
                    }
                }
            }
            alive = touched
            if alive.isEmpty { return [] }
        }
        return alive.map { entry in
            let e = Int(entry)
            let score = several ? total[e] : tokenWeight[e]
            return Scored(entry: entry, score: Self.served(score), field: several ? field[e] : tokenField[e])
        }
    }

    /// Whether `a` ranks before `b`: higher score, then earlier name and id.
    @inline(__always)
    private func ranksBefore(_ a: Scored, _ b: Scored) -> Bool {
        a.score != b.score ? a.score > b.score : tieRank[Int(a.entry)] < tieRank[Int(b.entry)]
    }

    /// The best `count` of `scored`, best first. A heap holds the best seen so far with the
    /// worst of them on top; each other match costs one comparison with it.
    private func best(_ count: Int, of scored: [Scored]) -> [Scored] {
        if count * 2 >= scored.count { return scored.sorted(by: ranksBefore) }
        var heap: [Scored] = []
        heap.reserveCapacity(count)
        // In the heap, a parent ranks after (is worse than) its children.
        func siftUp(_ start: Int) {
            var child = start
            while child > 0 {
                let parent = (child - 1) / 2
                guard ranksBefore(heap[parent], heap[child]) else { return }
                heap.swapAt(parent, child)
                child = parent
            }
        }
        func siftDown() {
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var worst = parent
                if left < heap.count, ranksBefore(heap[worst], heap[left]) { worst = left }
                if right < heap.count, ranksBefore(heap[worst], heap[right]) { worst = right }
                if worst == parent { return }
                heap.swapAt(parent, worst)
                parent = worst
            }
        }
        for candidate in scored {
            if heap.count < count {
                heap.append(candidate)
                siftUp(heap.count - 1)
            } else if ranksBefore(candidate, heap[0]) {
                heap[0] = candidate
                siftDown()
            }
        }
        return heap.sorted(by: ranksBefore)
    }

    private func lowerBound(_ token: String) -> Int {
        var low = 0, high = vocabulary.count
        while low < high {
            let mid = (low + high) / 2
            if vocabulary[mid] < token { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Up to `width` scalars of `text` (a hit's field) around the first matching word, with
    /// ellipses where the text was cut. Short fields (most names) are returned whole
    /// without being scanned.
    public static func snippet(of text: String, query: String, width: Int = 120) -> String {
        // UTF-8 never has fewer code units than scalars: most names end here uncounted.
        if text.utf8.count <= width { return text }
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
        // The window's edges are moved one scalar at a time: an array makes each step O(1).
        let array = Array(scalars)
        func scalar(_ at: Int) -> Unicode.Scalar { array[at] }
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
