/// Client-supplied text echoed in an error or a log, cut so that a response or a log line
/// is never bigger than it needs to be: the first `limit` characters and an ellipsis.
enum Excerpt {
    static func of<S: StringProtocol>(_ text: S, limit: Int = 40) -> String {
        var end = text.startIndex
        var count = 0
        while end < text.endIndex && count < limit {
            text.formIndex(after: &end)
            count += 1
        }
        return end == text.endIndex ? String(text) : String(text[..<end]) + "…"
    }
}
