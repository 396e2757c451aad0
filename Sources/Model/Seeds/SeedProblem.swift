/// One thing wrong with a seeds folder: where (file, line, column, record path) and what
/// to do about it.
public struct SeedProblem: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// Path relative to the seeds folder.
    public let file: String
    public let line: Int?
    public let column: Int?
    /// Where in the file's structure: `actors[3] (south-korea).kind`.
    public let path: String?
    public let message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, path: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        if let path { return "\(location): \(path): \(message)" }
        return "\(location): \(message)"
    }

    public static func < (lhs: SeedProblem, rhs: SeedProblem) -> Bool {
        (lhs.file, lhs.line ?? 0, lhs.column ?? 0, lhs.message) < (rhs.file, rhs.line ?? 0, rhs.column ?? 0, rhs.message)
    }
}

/// Loading failed: every problem found, in file and line order.
public struct SeedError: Error, Sendable, CustomStringConvertible {
    public let problems: [SeedProblem]

    package init(problems: [SeedProblem]) {
        self.problems = problems
    }

    public var description: String {
        "\(problems.count) problem\(problems.count == 1 ? "" : "s") in the seeds:\n"
            + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}

/// Collects problems while loading goes on, so one run reports all of them.
package final class ProblemLog {
    package private(set) var problems: [SeedProblem] = []

    package init() {}

    package func add(_ problem: SeedProblem) {
        problems.append(problem)
    }

    package func add(file: String, line: Int? = nil, column: Int? = nil, path: String? = nil, _ message: String) {
        problems.append(SeedProblem(file: file, line: line, column: column, path: path, message: message))
    }

    package var isEmpty: Bool { problems.isEmpty }
}
