import ArgumentParser
import FoundationEssentials
import Glibc
import LatticeModel
import LatticeSynthetic

/// `lattice generate-seeds`: a deterministic synthetic seeds folder for scale tests, written
/// by the model's own writer (`SyntheticSeeds`), so it is always in the format the loader reads.
struct GenerateSeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-seeds",
        abstract: "Write a deterministic synthetic seeds folder about N times the bundled one.",
        discussion: """
            Writes docs/doc-00001.txt … (generated articles, sha256 pinned) and \
            annotations/doc-00001.json … (their records), plus a manifest, .generated-seeds, \
            listing every file written so that --force replaces exactly a previous run's output. \
            The same --scale, --seed and options give byte-identical files; `lattice validate` \
            accepts them, and every value of every vocabulary is used.
            """
    )

    static let manifest = ".generated-seeds"

    @Option(help: "How many times the real dataset (1 document, 29 actors, …) to generate.")
    var scale: Int

    @Option(help: "The seeds folder to create.")
    var output: String

    @Option(help: "Random seed.")
    var seed: UInt64 = 42

    @Flag(help: "Write into a non-empty folder (a previous run's files are replaced).")
    var force = false

    @Option(
        name: .customLong("include-real"),
        help: ArgumentHelp("Also copy a real seeds folder (e.g. seeds) into the output.", valueName: "seeds-folder"))
    var includeReal: String?

    @Option(help: "Documents per annotation file.")
    var docsPerFile = 1

    func validate() throws {
        guard scale >= 1 else { throw ValidationError("--scale must be at least 1") }
        guard docsPerFile >= 1 else { throw ValidationError("--docs-per-file must be at least 1") }
    }

    func run() throws {
        let started = ContinuousClock.now
        let files = FileManager.default
        try prepareOutput(files)
        let seeds: SyntheticSeeds
        do {
            seeds = try SyntheticSeeds.generate(scale: scale, seed: seed, documentsPerFile: docsPerFile, reserving: includeReal)
        } catch {
            for problem in error.problems { print(problem) }
            throw fail("\(includeReal ?? "the real seeds") has problems; fix them first (lattice validate)")
        }
        var written: [String] = []
        if let includeReal { try copyReal(includeReal, files, &written) }
        var bytes = 0
        for file in seeds.files {
            let url = URL(fileURLWithPath: output).appendingPathComponent(file.path)
            try files.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.bytes).write(to: url)
            written.append(file.path)
            bytes += file.bytes.count
        }
        try Data((written.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: "\(output)/\(Self.manifest)"))
        if !seeds.unusedValues.isEmpty {
            warn("unused enumeration values: \(seeds.unusedValues.joined(separator: ", "))")
        }
        let counts = seeds.counts
        let tenths = ((ContinuousClock.now - started).milliseconds + 50) / 100
        print(
            "generate-seeds: scale \(scale), seed \(seed): \(counts.documents) documents, \(counts.actors) actors, "
                + "\(counts.alliances) alliances, \(counts.relations) relations, \(counts.statements) statements; "
                + "\(bytes) bytes in \(written.count) files (\(seeds.spansWithOccurrence) spans with occurrence, "
                + "\(seeds.spansWithContext) with context, \(seeds.crossDocumentSpans) cross-document) in \(output) "
                + "(\(tenths / 10).\(tenths % 10) s)")
    }

    /// Creates the folder; with --force, removes exactly what a previous run listed in its
    /// manifest and nothing else.
    private func prepareOutput(_ files: FileManager) throws {
        if files.fileExists(atPath: output) && !Self.isFolder(output) {
            throw fail("\(output) exists and is not a folder")
        }
        try files.createDirectory(atPath: output, withIntermediateDirectories: true)
        let entries = try files.contentsOfDirectory(atPath: output)
        guard entries.isEmpty || force else { throw fail("\(output) is not empty; pass --force to replace a previous run's output") }
        let manifest = "\(output)/\(Self.manifest)"
        if let listed = try? String(contentsOfFile: manifest, encoding: .utf8) {
            for relative in listed.split(separator: "\n") where !relative.split(separator: "/").contains("..") {
                try? files.removeItem(atPath: "\(output)/\(relative)")
            }
            try files.removeItem(atPath: manifest)
            for folder in ["annotations", "docs"] where (try? files.contentsOfDirectory(atPath: "\(output)/\(folder)"))?.isEmpty == true {
                try files.removeItem(atPath: "\(output)/\(folder)")
            }
        }
        let leftovers = Self.files(under: output, files).filter { $0.hasSuffix(".json") }
        if let example = leftovers.sorted().first {
            warn("\(leftovers.count) other *.json file(s) in \(output) will be loaded too, e.g. \(output)/\(example)")
        }
    }

    /// Copies a real seeds folder (its hidden files and README.md aside) beside the generated one.
    private func copyReal(_ real: String, _ files: FileManager, _ written: inout [String]) throws {
        for relative in Self.files(under: real, files) where relative != "README.md" {
            let destination = "\(output)/\(relative)"
            if files.fileExists(atPath: destination) && !written.contains(relative) { throw fail("\(destination) already exists") }
            try files.createDirectory(at: URL(fileURLWithPath: destination).deletingLastPathComponent(), withIntermediateDirectories: true)
            try? files.removeItem(atPath: destination)
            try files.copyItem(atPath: "\(real)/\(relative)", toPath: destination)
            written.append(relative)
        }
    }

    /// Relative paths of the regular files under a folder, hidden ones skipped, sorted.
    private static func files(under root: String, _ files: FileManager, _ relative: String = "") -> [String] {
        let folder = relative.isEmpty ? root : "\(root)/\(relative)"
        let names = ((try? files.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        return names.flatMap { name -> [String] in
            let path = relative.isEmpty ? name : "\(relative)/\(name)"
            return isFolder("\(root)/\(path)") ? Self.files(under: root, files, path) : [path]
        }
    }

    private static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    private func warn(_ message: String) { Self.printError("generate-seeds: warning: \(message)") }

    private func fail(_ message: String) -> ExitCode {
        Self.printError("generate-seeds: \(message)")
        return ExitCode(1)
    }

    private static func printError(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
