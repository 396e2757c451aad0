import LatticeHTTP

/// An RFC 9457 problem document: what every 4xx and 5xx carries.
struct Problem: Error, Sendable {
    let status: HTTPStatus
    /// A stable slug naming the kind of problem; the `type` member is `urn:lattice:problem:<slug>`.
    let slug: String
    let detail: String
    var errors: [ParameterProblem] = []
    /// How many problems there were when `errors` lists only the first of them.
    var errorCount: Int?
    /// Extra headers the problem needs (`Allow` on 405; `Reply.problem` adds `Retry-After`
    /// to every 503).
    var headers: [HTTPField] = []

    var title: String { status.reason }

    /// How much of a request's path a problem echoes, in `detail` and in `instance` alike:
    /// a path may be as long as the target limit (8 KiB by default), and a problem should
    /// not be bigger than the mistake it names.
    static let echoedPathLimit = 200

    /// `instance` is the request's path, cut as `detail` cuts it.
    func json(instance: String) -> [UInt8] {
        var json = JSONWriter(capacity: 256)
        json.object { o in
            o.field("type", "urn:lattice:problem:\(slug)")
            o.field("title", title)
            o.field("status", status.code)
            o.field("detail", detail)
            o.field("instance", Excerpt.of(instance, limit: Self.echoedPathLimit))
            if let errorCount { o.field("error_count", errorCount) }
            if !errors.isEmpty {
                o.field("errors") { json in
                    json.array(errors) { json, error in
                        json.object { e in
                            e.field("parameter", error.parameter)
                            e.field("detail", error.detail)
                        }
                    }
                }
            }
        }
        return json.bytes
    }

    static func notFound(_ detail: String) -> Problem {
        Problem(status: .notFound, slug: "not-found", detail: detail)
    }

    /// `errors` lists at most the first `QueryParameters.maxListedProblems` of `count`.
    static func invalidParameters(_ errors: [ParameterProblem], count: Int) -> Problem {
        let names = errors.map(\.parameter)
        let detail =
            if count == 1 {
                "The query parameter \(names[0]) is invalid: \(errors[0].detail)."
            } else if count == errors.count {
                "The query parameters \(names.joined(separator: ", ")) are invalid; see errors."
            } else {
                "\(count) query parameters are invalid; errors lists the first \(errors.count)."
            }
        return Problem(
            status: .badRequest, slug: "invalid-parameter", detail: detail, errors: errors,
            errorCount: count == errors.count ? nil : count)
    }

    /// A well-formed id that names no record, where the record is the subject of the answer
    /// (an analysis of it): 404, as for its own path, with `errors` naming each parameter.
    static func unknownSubjects(_ errors: [ParameterProblem], count: Int) -> Problem {
        let names = Array(Set(errors.map(\.parameter))).sorted()
        let detail =
            count == 1
            ? "The query parameter \(names[0]) names no record: \(errors[0].detail)."
            : "\(count) ids in \(names.joined(separator: ", ")) name no record; see errors."
        return Problem(
            status: .notFound, slug: "not-found", detail: detail, errors: errors,
            errorCount: count == errors.count ? nil : count)
    }

    static func methodNotAllowed(_ method: HTTPMethod, allow: String) -> Problem {
        Problem(
            status: .methodNotAllowed, slug: "method-not-allowed",
            detail: "\(Excerpt.of(method.description)) is not allowed here; this resource is read-only and allows \(allow).",
            headers: [HTTPField("Allow", allow)])
    }

    /// A 503 while no dataset is loaded, or while the server drains (`/readyz` says which);
    /// `Reply.problem` adds `Retry-After` to every 503.
    static let notReady = Problem(status: .serviceUnavailable, slug: "not-ready", detail: "No dataset is loaded yet; retry shortly.")
    static let draining = Problem(status: .serviceUnavailable, slug: "not-ready", detail: "The server is shutting down; retry on another replica.")

    static func notAcceptable(_ offers: [String], formatParameter: Bool) -> Problem {
        Problem(
            status: .notAcceptable, slug: "not-acceptable",
            detail: "Accept rules out every representation of this resource; it is available as \(offers.joined(separator: ", "))"
                + (formatParameter ? " (or ask with ?format=csv or ?format=json)." : "."))
    }

    /// The HTTP layer's own errors, rendered the same way.
    static func from(_ error: HTTPError) -> Problem {
        Problem(status: error.status, slug: error.slug, detail: error.detail)
    }
}
