import Foundation

/// Runs the built `lattice` binary as a user would.
enum LatticeBinary {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The executable next to the test bundle in the build folder.
    static let url: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("lattice")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/lattice")
    }()

    struct Result {
        let status: Int32
        let output: String
        let errors: String
    }

    /// Runs to completion with the given arguments and environment (LATTICE_* from the
    /// test process are not inherited).
    static func run(_ arguments: [String], environment: [String: String] = [:], directory: URL = packageRoot) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var inherited = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LATTICE_") }
        inherited.merge(environment) { $1 }
        process.environment = inherited
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
            errors: String(decoding: err, as: UTF8.self))
    }

    /// Starts `lattice serve` in the background; stderr (the logs) goes to a file.
    static func serve(_ arguments: [String], environment: [String: String] = [:], directory: URL = packageRoot) throws -> (Process, URL) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("lattice-serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = url
        process.arguments = ["serve"] + arguments
        process.currentDirectoryURL = directory
        var inherited = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LATTICE_") }
        inherited.merge(environment) { $1 }
        process.environment = inherited
        let handle = try FileHandle(forWritingTo: log)
        process.standardError = handle
        process.standardOutput = handle
        try process.run()
        return (process, log)
    }

    /// The port a server logged as its listening address.
    static func listeningPort(in log: URL, timeout: Double = 20) -> Int? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOf: log, encoding: .utf8),
                let range = text.range(of: #"address(=|":")[^" ]*:[0-9]+"#, options: .regularExpression)
            {
                return Int(text[range].split(separator: ":").last ?? "")
            }
            usleep(20_000)
        }
        return nil
    }
}
