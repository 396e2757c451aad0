import LatticeHTTP

/// The Content-Type fields of what the API serves.
enum ContentTypes {
    static let json = HTTPField("Content-Type", "application/json; charset=utf-8")
    static let problem = HTTPField("Content-Type", "application/problem+json; charset=utf-8")
    static let csv = HTTPField("Content-Type", "text/csv; charset=utf-8; header=present")
    static let text = HTTPField("Content-Type", "text/plain; charset=utf-8")
    static let ndjson = HTTPField("Content-Type", "application/x-ndjson")
    static let prometheus = HTTPField("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
}
