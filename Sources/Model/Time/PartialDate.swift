/// A calendar date at the precision a source gives it: a year (`2024`), a month (`2024-06`)
/// or a day (`2024-06-19`), ISO 8601's calendar forms. A partial date stands for its whole
/// span — `2024-06` is every day of June 2024 — so dates of different precisions compare by
/// span: ``overlaps(_:)``, ``isBefore(_:)`` and ``isAfter(_:)`` are about days, never about
/// a made-up first of the month.
///
/// Parsing is strict (``init(parsing:)``): exactly four digits of year, two of month and two
/// of day, each in range, the day existing in its month (leap years included). Anything else
/// — `2025-13`, `2025-02-30`, `20250101`, `2025-1-5`, `yesterday` — is an error that says what
/// was expected, for a 400 naming its parameter or a seed error naming its field.
public struct PartialDate: Sendable, Hashable {
    public enum Precision: UInt8, Sendable, Comparable {
        case year, month, day
        public static func < (a: Precision, b: Precision) -> Bool { a.rawValue < b.rawValue }
    }

    public let year: Int
    /// 1–12, or nil for a year.
    public let month: Int?
    /// 1–31, or nil for a year or a month.
    public let day: Int?

    public var precision: Precision { day != nil ? .day : month != nil ? .month : .year }

    /// The first and last day of the span, as days since 1970-01-01.
    public var firstDay: Int { Self.dayNumber(year, month ?? 1, day ?? 1) }
    public var lastDay: Int {
        if let day, let month { return Self.dayNumber(year, month, day) }
        if let month { return Self.dayNumber(year, month, Self.days(inMonth: month, of: year)) }
        return Self.dayNumber(year, 12, 31)
    }

    /// A date from its parts; nil when they name no date (month 13, February 30th, a day
    /// without a month, a year outside 1–9999).
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let month, !(1...12).contains(month) { return nil }
        if let day {
            guard let month, (1...Self.days(inMonth: month, of: year)).contains(day) else { return nil }
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// What is wrong with a text that is not a date; its `description` says what to write.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, and nothing else.
    public init(parsing text: some StringProtocol) throws(ParseError) {
        let bytes = Array(text.utf8)
        let shape = "a date is YYYY, YYYY-MM or YYYY-MM-DD (ISO 8601 at the precision the source gives)"
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        let dash = UInt8(ascii: "-")
        guard [4, 7, 10].contains(bytes.count), let year = digits(0..<4),
            bytes.count == 4 || (bytes[4] == dash && digits(5..<7) != nil),
            bytes.count < 10 || (bytes[7] == dash && digits(8..<10) != nil)
        else { throw ParseError(description: "\"\(text)\" is not a date: \(shape)") }
        let month = bytes.count >= 7 ? digits(5..<7) : nil
        let day = bytes.count == 10 ? digits(8..<10) : nil
        let written = String(text)
        guard year >= 1 else { throw ParseError(description: "\"\(written)\": the year must be 0001–9999") }
        if let month, !(1...12).contains(month) {
            throw ParseError(description: "\"\(written)\": month \(written.dropFirst(5).prefix(2)) is not 01–12")
        }
        if let month, let day {
            let days = Self.days(inMonth: month, of: year)
            guard (1...days).contains(day) else {
                throw ParseError(description: "\"\(written)\": \(written.prefix(7)) has \(days) days, so day \(written.suffix(2)) does not exist")
            }
        }
        self.init(year: year, month: month, day: day)!
    }

    /// The dates share at least one day.
    public func overlaps(_ other: PartialDate) -> Bool {
        firstDay <= other.lastDay && other.firstDay <= lastDay
    }

    /// Every day of this date is before every day of `other`.
    public func isBefore(_ other: PartialDate) -> Bool { lastDay < other.firstDay }

    /// Every day of this date is after every day of `other`.
    public func isAfter(_ other: PartialDate) -> Bool { firstDay > other.lastDay }

    // MARK: The calendar

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's published
    /// days-from-civil algorithm: eras of 400 years, each year starting in March).
    static func dayNumber(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension PartialDate: Comparable {
    /// Chronological by first day; of two dates starting the same day, the shorter span first
    /// (`2024-01-01`, `2024-01`, `2024`), so a timeline lists the precise event before the
    /// vaguer one it falls in.
    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        (a.firstDay, a.lastDay) < (b.firstDay, b.lastDay)
    }
}

extension PartialDate: CustomStringConvertible {
    /// The canonical text, at the date's own precision.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = pad(year, 4)
        if let month { text += "-" + pad(month, 2) }
        if let day { text += "-" + pad(day, 2) }
        return text
    }
}

/// When a record held, as far as its sources say: from `since` to `until`, either end open
/// when unknown. A record with no `since` runs from the earliest publication among its
/// sources (`start`), so a fact is never placed before anyone wrote of it.
public struct ValidTime: Sendable, Hashable {
    public static let always = ValidTime()

    public var since: PartialDate?
    public var until: PartialDate?

    public init(since: PartialDate? = nil, until: PartialDate? = nil) {
        self.since = since
        self.until = until
    }

    /// Whether the record held at some day of `date`: its interval (from `since`, else from
    /// `start`, to `until`, open where nil) overlaps the span of `date`.
    public func holds(during date: PartialDate, start: PartialDate? = nil) -> Bool {
        if let begin = since ?? start, begin.firstDay > date.lastDay { return false }
        if let until, until.lastDay < date.firstDay { return false }
        return true
    }

    /// `until` before `since` (by span: they may share days, as `2024` and `2024-06` do).
    public var isReversed: Bool {
        guard let since, let until else { return false }
        return until.isBefore(since)
    }
}
