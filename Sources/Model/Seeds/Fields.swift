/// Reads the fields of one JSON object, logging a located problem for every missing,
/// mistyped or unknown field instead of stopping at the first.
struct Fields {
    let object: JSONObject
    let site: Site
    let log: ProblemLog

    init?(_ node: JSONNode, site: Site, log: ProblemLog, what: String) {
        guard case .object(let object) = node.value else {
            log.add(site.problem("\(what) must be an object, not \(node.typeDescription)"))
            return nil
        }
        self.object = object
        self.site = site
        self.log = log
    }

    /// Unknown keys are usually typos ("alises"), so they are problems.
    func rejectUnknownKeys(allowed: [String]) {
        for member in object.members where !allowed.contains(member.key) {
            let hint = closest(to: member.key, in: allowed, within: 2).map { " (did you mean \"\($0)\"?)" } ?? ""
            log.add(
                site.child(member.key, member.value).problem(
                    "unknown key \"\(member.key)\"\(hint); allowed keys are \(allowed.joined(separator: ", "))"))
        }
    }

    func site(_ key: String) -> Site { site.child(key, object[key]) }

    func string(_ key: String) -> String? {
        guard let node = object[key] else {
            log.add(site.problem("missing required field \"\(key)\""))
            return nil
        }
        return nonEmptyString(node, site(key))
    }

    /// Absent or null gives nil; otherwise it must be a non-empty string.
    func optionalString(_ key: String) -> String? {
        guard let node = object[key] else { return nil }
        if case .null = node.value { return nil }
        return nonEmptyString(node, site(key))
    }

    private func nonEmptyString(_ node: JSONNode, _ site: Site) -> String? {
        guard case .string(let text) = node.value else {
            log.add(site.problem("must be a string, not \(node.typeDescription)"))
            return nil
        }
        guard text.utf8.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else {
            log.add(site.problem("must not be empty"))
            return nil
        }
        return text
    }

    func bool(_ key: String, default defaultValue: Bool) -> Bool? {
        guard let node = object[key] else { return defaultValue }
        guard case .bool(let value) = node.value else {
            log.add(site(key).problem("must be true or false, not \(node.typeDescription)"))
            return nil
        }
        return value
    }

    func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let node = object[key] else { return nil }
        guard case .number(let value, let isInteger) = node.value, isInteger, value >= Double(range.lowerBound),
            value <= Double(range.upperBound)
        else {
            log.add(site(key).problem("must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return Int(value)
    }

    func enumeration<E: DatasetEnumeration>(_ key: String, _ type: E.Type) -> E? {
        guard let text = string(key) else { return nil }
        guard let value = E(rawValue: text) else {
            log.add(site(key).problem("\"\(text)\" is not one of \(E.allowedList)"))
            return nil
        }
        return value
    }

    /// Absent or null gives nil; otherwise a date at its written precision (`2024`,
    /// `2024-06`, `2024-06-19`).
    func date(_ key: String) -> PartialDate? {
        guard let text = optionalString(key) else { return nil }
        do {
            return try PartialDate(parsing: text)
        } catch {
            log.add(site(key).problem("\(error.description); use null when no source dates it"))
            return nil
        }
    }

    /// Absent or null gives nil; otherwise one of the enumeration's values.
    func optionalEnumeration<E: DatasetEnumeration>(_ key: String, _ type: E.Type) -> E? {
        guard let node = object[key], !node.isNull else { return nil }
        return enumeration(key, type)
    }

    /// `since` and `until`, checked to be in order.
    func validTime() -> ValidTime {
        let valid = ValidTime(since: date("since"), until: date("until"))
        if valid.isReversed, let since = valid.since, let until = valid.until {
            log.add(site("until").problem("until \(until) is before since \(since); swap them or fix the one the text gives"))
        }
        return valid
    }

    /// A date and its basis, which come together: each is a problem without the other.
    func datedBy<Basis: DatasetEnumeration>(_ dateKey: String, _ basisKey: String, _ type: Basis.Type) -> (PartialDate?, Basis?) {
        let date = date(dateKey), basis = optionalEnumeration(basisKey, type)
        let dateWritten = !(object[dateKey]?.isNull ?? true), basisWritten = !(object[basisKey]?.isNull ?? true)
        if dateWritten && !basisWritten {
            log.add(site(dateKey).problem("\(dateKey) needs \"\(basisKey)\" (\(Basis.allowedList)) saying how the date is known"))
        } else if basisWritten && !dateWritten {
            log.add(site(basisKey).problem("\(basisKey) is given but \(dateKey) is not; write the date, or drop both"))
        }
        return (date, basis)
    }

    /// The elements of an array field with their sites; absent gives [] unless required.
    func array(_ key: String, required: Bool = false) -> [(JSONNode, Site)] {
        guard let node = object[key] else {
            if required { log.add(site.problem("missing required field \"\(key)\"")) }
            return []
        }
        guard case .array(let elements) = node.value else {
            log.add(site(key).problem("must be an array, not \(node.typeDescription)"))
            return []
        }
        return elements.enumerated().map { index, element in
            (element, Site(file: site.file, line: element.line, column: element.column, path: "\(site.path).\(key)[\(index)]"))
        }
    }

    func strings(_ key: String) -> [String] {
        array(key).compactMap { element, site in nonEmptyString(element, site) }
    }

    func enumerations<E: DatasetEnumeration>(_ key: String, _ type: E.Type) -> [E] {
        array(key).compactMap { element, site in
            guard let text = nonEmptyString(element, site) else { return nil }
            guard let value = E(rawValue: text) else {
                log.add(site.problem("\"\(text)\" is not one of \(E.allowedList)"))
                return nil
            }
            return value
        }
    }

    func reference(_ key: String) -> RawRef? {
        guard let node = object[key] else {
            log.add(site.problem("missing required field \"\(key)\""))
            return nil
        }
        return Self.reference(node, site(key), log)
    }

    func optionalReference(_ key: String) -> RawRef? {
        guard let node = object[key] else { return nil }
        if case .null = node.value { return nil }
        return Self.reference(node, site(key), log)
    }

    func references(_ key: String) -> [RawRef] {
        array(key).compactMap { element, site in Self.reference(element, site, log) }
    }

    static func reference(_ node: JSONNode, _ site: Site, _ log: ProblemLog) -> RawRef? {
        guard case .string(let id) = node.value else {
            log.add(site.problem("must be an id string, not \(node.typeDescription)"))
            return nil
        }
        return RawRef(id: id, site: site)
    }

    /// A span: a quote string, or {quote, document?, occurrence?, context?}.
    static func span(_ node: JSONNode, _ site: Site, defaultDocument: String?, _ log: ProblemLog) -> RawSpan? {
        switch node.value {
        case .string(let quote):
            guard !quote.isEmpty else {
                log.add(site.problem("a quote must not be empty"))
                return nil
            }
            return RawSpan(quote: quote, document: defaultDocument, occurrence: nil, context: nil, site: site)
        case .object:
            guard let fields = Fields(node, site: site, log: log, what: "a span") else { return nil }
            fields.rejectUnknownKeys(allowed: ["quote", "document", "occurrence", "context"])
            guard let quote = fields.string("quote") else { return nil }
            return RawSpan(
                quote: quote, document: fields.optionalString("document") ?? defaultDocument,
                occurrence: fields.integer("occurrence", in: 1...1_000_000), context: fields.optionalString("context"),
                site: site)
        default:
            log.add(site.problem("a span must be a quote string or an object with \"quote\", not \(node.typeDescription)"))
            return nil
        }
    }

    func spans(_ key: String, defaultDocument: String?, required: Bool) -> [RawSpan] {
        let elements = array(key, required: required)
        if required && object[key] != nil && elements.isEmpty {
            log.add(site(key).problem("needs at least one span of evidence from a document"))
        }
        return elements.compactMap { element, site in Self.span(element, site, defaultDocument: defaultDocument, log) }
    }
}

/// The candidate nearest to `text` within `maximum` edits, for "did you mean" hints; ties go
/// to the lexicographically smallest, so the hint does not depend on a dictionary's order.
/// Candidates whose length alone rules them out are skipped without computing a distance
/// (a dangling reference is compared with every id of the dataset).
func closest(to text: String, in candidates: some Sequence<String>, within maximum: Int) -> String? {
    let target = Array(text.unicodeScalars)
    var best: (distance: Int, candidate: String)?
    for candidate in candidates {
        let limit = best?.distance ?? maximum
        guard abs(candidate.unicodeScalars.count - target.count) <= limit else { continue }
        guard let distance = editDistance(target, Array(candidate.unicodeScalars), atMost: limit) else { continue }
        if let current = best, distance == current.distance && current.candidate < candidate { continue }
        best = (distance, candidate)
    }
    return best?.candidate
}

/// Levenshtein distance in Unicode scalars.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    editDistance(a, b, atMost: max(a.count, b.count))!
}

/// Levenshtein distance in Unicode scalars, or nil as soon as it must exceed `limit`: a row
/// whose every cell is over the limit can only grow, so most candidates stop after a few rows.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost limit: Int) -> Int? {
    if a.isEmpty { return b.count <= limit ? b.count : nil }
    if b.isEmpty { return a.count <= limit ? a.count : nil }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        var rowMinimum = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            rowMinimum = min(rowMinimum, current[j])
        }
        if rowMinimum > limit { return nil }
        swap(&previous, &current)
    }
    return previous[b.count] <= limit ? previous[b.count] : nil
}
