@testable import LatticeAPI
import Testing

/// If-None-Match lists (RFC 9110 §13.1.2), parsed in one pass over the bytes.
@Suite("Conditional requests")
struct NegotiationTests {
    @Test(
        "If-None-Match: weak comparison, lists, *, and malformed members",
        arguments: [
            (#""abc""#, #""abc""#, true),
            (#"W/"abc""#, #""abc""#, true),
            (#""abc""#, #"W/"abc""#, true),
            (#""x", "abc""#, #""abc""#, true),
            ("\t\"x\" ,\t\"abc\"\t", #""abc""#, true),
            ("*", #""abc""#, true),
            (#""abcd""#, #""abc""#, false),
            (#""ab""#, #""abc""#, false),
            (#"abc"#, #""abc""#, false),
            (#"abc, "abc""#, #""abc""#, true),
            (#""abc"#, #""abc""#, false),
            (#""a,b", "abc""#, #""abc""#, true),
            ("", #""abc""#, false),
            (",,,", #""abc""#, false),
        ])
    func matches(header: String, etag: String, expected: Bool) {
        #expect(Negotiation.ifNoneMatch(header, matches: etag) == expected)
    }

    @Test("a 16 KB list is scanned whole: the match at its end is found, a miss is a miss")
    func longList() {
        let filler = Array(repeating: #""0123456789abcdef""#, count: 900).joined(separator: ", ")
        #expect(filler.utf8.count > 16_000)
        #expect(Negotiation.ifNoneMatch(filler + #", "wanted""#, matches: #""wanted""#))
        #expect(!Negotiation.ifNoneMatch(filler, matches: #""wanted""#))
    }

    @Test("Accept is read whole: an offer listed after 40 other media types is still found")
    func longAccept() {
        let others = (1...40).map { "application/x-other-\($0)" }
        #expect(
            Negotiation.preferred(["application/json", "text/csv"], accept: (others + ["application/json"]).joined(separator: ", "))
                == "application/json")
        #expect(Negotiation.preferred(["application/json", "text/csv"], accept: (others + ["text/csv;q=0.2"]).joined(separator: ",")) == "text/csv")
        let filler = Array(repeating: "x/y", count: 4_000).joined(separator: ",")
        #expect(filler.utf8.count > 15_000)
        #expect(Negotiation.preferred(["application/json"], accept: filler + ",application/json") == "application/json")
        #expect(Negotiation.preferred(["application/json"], accept: filler) == nil)
    }

    @Test(
        "qvalues follow RFC 9110 §12.4.2",
        arguments: [
            ("0", 0.0), ("1", 1.0), ("0.5", 0.5), ("0.125", 0.125), ("1.000", 1.0), ("0.", 0.0), ("1.", 1.0), ("0.001", 0.001),
        ])
    func validQValue(text: String, value: Double) {
        #expect(Negotiation.qvalue(text) == value)
    }

    @Test(
        "a member whose q is not a qvalue is ignored, as if it were not listed",
        arguments: [
            "nan", "-1", "1.5", "abc", "", "2", "0.0001", "1.001", "inf", "+0.5", "0x1", " ", ".5",
        ])
    func invalidQValue(q: String) {
        #expect(Negotiation.qvalue(q) == nil)
        // Not refused (as q=0 would), not preferred (as q=1 would): absent.
        #expect(Negotiation.weightedList("text/csv;q=\(q), application/json;q=0.5").map(\.0) == ["application/json"])
        #expect(Negotiation.preferred(["application/json", "text/csv"], accept: "text/csv;q=\(q), application/json;q=0.5") == "application/json")
        #expect(Negotiation.preferred(["application/json", "text/csv"], accept: "application/json;q=\(q), text/csv;q=0.1") == "text/csv")
        #expect(
            Negotiation.preferred(["application/json", "text/csv"], accept: "text/csv;q=\(q)") == "application/json",
            "an Accept whose every member is ignored is an empty Accept: the first offer")
    }
}
