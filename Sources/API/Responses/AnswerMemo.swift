import LatticeHTTP

/// Answers that depend only on the dataset and a request from a small, dataset-bounded set
/// (every mixed tie, the positions on one alliance): computed on first request and kept in
/// the snapshot, so each costs its computation once per dataset version and is freed with
/// that version. Keyed by the answer's ETag, which names the version and the canonical
/// request (and the format), so two spellings of one request share an entry.
final class AnswerMemo: Sendable {
    /// One answer: its bytes and, made on first use, their gzip.
    struct Answer: Sendable {
        let body: [UInt8]
        let gzip: GzipCopy
    }

    private let answers = Locked<[String: Answer]>([:])

    /// The answer for `key`, computing it with `make` when it is not there yet. `make` runs
    /// outside the lock: a slow answer never holds up others. Two requests that race compute
    /// it twice and keep the first; both get the same bytes, since answers are deterministic.
    func answer<E: Error>(_ key: String, make: () throws(E) -> [UInt8]) throws(E) -> Answer {
        if let found = answers.withLock({ $0[key] }) { return found }
        let made = Answer(body: try make(), gzip: GzipCopy())
        return answers.withLock { stored in
            if let first = stored[key] { return first }
            stored[key] = made
            return made
        }
    }

    /// The number of answers kept (for tests).
    var count: Int { answers.withLock { $0.count } }
}

extension Reply {
    /// A remembered answer: its body, its ETag (the key) and its gzip, made at most once.
    static func memoized(_ answer: AnswerMemo.Answer, etag: String, contentType: HTTPField) -> Reply {
        var reply = Reply(contentType: contentType, body: .bytes(answer.body), etag: etag)
        reply.compression = .memo(answer.gzip)
        return reply
    }
}
