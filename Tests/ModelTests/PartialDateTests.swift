import LatticeModel
import Testing

@Suite("Partial dates")
struct PartialDateTests {
    static func date(_ text: String) -> PartialDate { try! PartialDate(parsing: text) }

    @Test(
        "every precision parses to its parts and prints back the same",
        arguments: [
            ("2024", 2024, nil, nil, PartialDate.Precision.year),
            ("2024-06", 2024, 6, nil, .month),
            ("2024-06-19", 2024, 6, 19, .day),
            ("0001-01-01", 1, 1, 1, .day),
            ("9999-12-31", 9999, 12, 31, .day),
        ] as [(String, Int, Int?, Int?, PartialDate.Precision)])
    func parses(text: String, year: Int, month: Int?, day: Int?, precision: PartialDate.Precision) throws {
        let date = try PartialDate(parsing: text)
        #expect(date.year == year && date.month == month && date.day == day)
        #expect(date.precision == precision)
        #expect(date.description == text)
    }

    @Test(
        "anything but YYYY, YYYY-MM and YYYY-MM-DD is refused, saying why",
        arguments: [
            ("2025-13", "month 13 is not 01–12"),
            ("2025-00", "month 00 is not 01–12"),
            ("2025-02-30", "2025-02 has 28 days, so day 30 does not exist"),
            ("2025-02-29", "2025-02 has 28 days, so day 29 does not exist"),
            ("1900-02-29", "1900-02 has 28 days"),
            ("2025-04-31", "2025-04 has 30 days"),
            ("2025-01-00", "day 00 does not exist"),
            ("0000", "the year must be 0001–9999"),
            ("yesterday", "is not a date"),
            ("20250101", "is not a date"),
            ("2025-1-05", "is not a date"),
            ("2025-01-5", "is not a date"),
            ("2025/01/05", "is not a date"),
            ("+2025", "is not a date"),
            ("-202", "is not a date"),
            (" 2025", "is not a date"),
            ("2025-01-05T00:00", "is not a date"),
            ("２０２５", "is not a date"),
            ("", "is not a date"),
        ])
    func refuses(text: String, reason: String) {
        #expect(throws: PartialDate.ParseError.self) { try PartialDate(parsing: text) }
        do {
            _ = try PartialDate(parsing: text)
        } catch {
            #expect(error.description.contains(reason), "\(error.description)")
        }
    }

    @Test("leap years: divisible by 4, except centuries, except every 400th")
    func leapYears() {
        #expect(PartialDate(year: 2024, month: 2, day: 29) != nil)
        #expect(PartialDate(year: 2000, month: 2, day: 29) != nil)
        #expect(PartialDate(year: 2100, month: 2, day: 29) == nil)
        #expect(PartialDate(year: 2023, month: 2, day: 29) == nil)
        #expect(Self.date("2024-02").lastDay - Self.date("2024-02").firstDay == 28)
        #expect(Self.date("2023-02").lastDay - Self.date("2023-02").firstDay == 27)
        #expect(Self.date("2024").lastDay - Self.date("2024").firstDay == 365)
        #expect(Self.date("2023").lastDay - Self.date("2023").firstDay == 364)
    }

    @Test("days count from 1970-01-01 and run on across month and year ends")
    func dayNumbers() {
        #expect(Self.date("1970-01-01").firstDay == 0)
        #expect(Self.date("1969-12-31").firstDay == -1)
        #expect(Self.date("2000-03-01").firstDay - Self.date("2000-02-28").firstDay == 2)
        #expect(Self.date("2025-01-01").firstDay - Self.date("2024-12-31").firstDay == 1)
        #expect(Self.date("2024-06").firstDay == Self.date("2024-06-01").firstDay)
        #expect(Self.date("2024-06").lastDay == Self.date("2024-06-30").firstDay)
        #expect(Self.date("2024").lastDay == Self.date("2024-12-31").firstDay)
        for month in 1...12 {
            let text = "2024-\(month < 10 ? "0" : "")\(month)"
            #expect(Self.date(text).lastDay - Self.date(text).firstDay + 1 == PartialDate.days(inMonth: month, of: 2024))
        }
    }

    /// Every pair of precisions, in each relation a span can have to another: inside,
    /// containing, touching, disjoint.
    @Test(
        "dates of any two precisions compare by span",
        arguments: [
            // a, b, overlaps, a before b, a after b
            ("2024", "2024", true, false, false),
            ("2024", "2025", false, true, false),
            ("2024", "2024-06", true, false, false),
            ("2024", "2025-01", false, true, false),
            ("2024", "2024-12-31", true, false, false),
            ("2024", "2025-01-01", false, true, false),
            ("2024-06", "2024", true, false, false),
            ("2024-06", "2024-06", true, false, false),
            ("2024-06", "2024-07", false, true, false),
            ("2024-07", "2024-06", false, false, true),
            ("2024-06", "2024-06-30", true, false, false),
            ("2024-06", "2024-07-01", false, true, false),
            ("2024-06", "2024-05-31", false, false, true),
            ("2024-06-19", "2024", true, false, false),
            ("2024-06-19", "2023", false, false, true),
            ("2024-06-19", "2024-06", true, false, false),
            ("2024-06-19", "2024-05", false, false, true),
            ("2024-06-19", "2024-06-19", true, false, false),
            ("2024-06-19", "2024-06-20", false, true, false),
            ("2024-12-31", "2025", false, true, false),
            ("2024-02-29", "2024-03-01", false, true, false),
        ])
    func compares(a: String, b: String, overlaps: Bool, before: Bool, after: Bool) {
        let (x, y) = (Self.date(a), Self.date(b))
        #expect(x.overlaps(y) == overlaps)
        #expect(y.overlaps(x) == overlaps, "overlap is symmetric")
        #expect(x.isBefore(y) == before)
        #expect(x.isAfter(y) == after)
        #expect(y.isAfter(x) == before, "before and after are converse")
    }

    @Test("sorted by first day, the shorter span first on the same day")
    func order() {
        let sorted = ["2025", "2024-06", "2024", "2024-01", "2024-01-01", "2023-12-31"].map(Self.date).sorted()
        #expect(sorted.map(\.description) == ["2023-12-31", "2024-01-01", "2024-01", "2024", "2024-06", "2025"])
    }

    @Test("a record's interval holds on a date when it overlaps its span; no since runs from its first source")
    func validTime() {
        let treaty = ValidTime(since: Self.date("2024-06"))
        #expect(treaty.holds(during: Self.date("2024")))
        #expect(treaty.holds(during: Self.date("2024-06-19")))
        #expect(!treaty.holds(during: Self.date("2024-05")))
        #expect(treaty.holds(during: Self.date("2030")), "no until: not known to have ended")
        let ended = ValidTime(since: Self.date("2023"), until: Self.date("2024-03"))
        #expect(ended.holds(during: Self.date("2024-03-31")))
        #expect(!ended.holds(during: Self.date("2024-04")))
        let undated = ValidTime()
        #expect(undated.holds(during: Self.date("1900")))
        #expect(!undated.holds(during: Self.date("2024"), start: Self.date("2026-09-18")))
        #expect(undated.holds(during: Self.date("2026"), start: Self.date("2026-09-18")))
        #expect(ValidTime(since: Self.date("2024-06"), until: Self.date("2024-05")).isReversed)
        #expect(!ValidTime(since: Self.date("2024-06"), until: Self.date("2024")).isReversed, "they share June")
    }
}
