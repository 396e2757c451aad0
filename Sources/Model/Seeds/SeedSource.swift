/// Where the loader reads a seeds folder's files: ``SeedFolder`` on disk, or the fuzzer's
/// source, which keeps the files that never change between its inputs in memory.
package protocol SeedSource: Sendable {
    /// Relative paths of every annotation file, sorted.
    func annotationFiles(log: ProblemLog) -> [String]

    /// A file's bytes, or nil after logging why not (missing, outside the folder, too big…).
    func read(_ relative: String, limit: Int, log: ProblemLog, referencedAt: (file: String, line: Int?, path: String?)?) -> [UInt8]?

    /// Whether a file exists (for optional files, such as a document's links sidecar).
    func exists(_ relative: String) -> Bool

    /// The SHA-256 (hex) of a file just read.
    func sha256(of relative: String, _ bytes: [UInt8]) -> String

    /// A document's text indexed by Unicode scalar, for locating quotes.
    func scalars(of relative: String, _ text: String) -> DocumentText

    /// Whether annotation files are decoded on several threads (the same records and
    /// problems either way).
    var decodesInParallel: Bool { get }
}

extension SeedSource {
    package func read(_ relative: String, limit: Int, log: ProblemLog) -> [UInt8]? {
        read(relative, limit: limit, log: log, referencedAt: nil)
    }

    package func sha256(of relative: String, _ bytes: [UInt8]) -> String { SHA256.hex(of: bytes) }

    package func scalars(of relative: String, _ text: String) -> DocumentText { DocumentText(text) }

    package var decodesInParallel: Bool { true }
}
