@testable import LatticeAPI
import Testing

/// If-None-Match lists (RFC 9110 §13.1.2), parsed in one pass over the bytes.
@Suite("Conditional requests")
struct NegotiationTests {
    @Test("If-None-Match: weak comparison, lists, *, and malformed members", arguments: [
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
}
