// libFuzzer target for the seed loader (compiled into the model's module by
// scripts/fuzz.sh). Each input is an annotation file, fuzz.json, beside the real article and
// its documents.json; the loader must report problems or load — never crash — and a loaded
// dataset must keep its invariant: every statement's text is exactly its document's text at
// its offsets.
//
// Speed: the article and documents.json are the same for every input, so they are read,
// hashed and (the article) indexed by scalar once and served from memory, and the input
// itself never goes through the disk.
// Its two annotation files are decoded on the calling thread: Dispatch's worker threads
// keep per-thread caches, so a run that went through them usually ended with more mallocs
// than frees, and libFuzzer answers every such run with a second run and a full
// LeakSanitizer scan of the heap — three quarters of the fuzzer's time until then.
// Any other file an input names (a document's "file") is read through SeedFolder from a
// folder holding just those two files, as FuzzReplayTests sets up, so the path checks are
// fuzzed as before.
import Foundation

struct FuzzSeeds: SeedSource {
    static let constantFiles = ["000_87d4a8ef7e3f0c43.txt", "documents.json"]

    let folder: SeedFolder
    let constant: [String: (bytes: [UInt8], sha256: String, scalars: DocumentText)]
    var input: [UInt8] = []

    init(seeds: String) {
        let path = NSTemporaryDirectory() + "lattice-fuzz-seeds-\(getpid())"
        try? FileManager.default.removeItem(atPath: path)
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for file in Self.constantFiles { try! FileManager.default.copyItem(atPath: "\(seeds)/\(file)", toPath: "\(path)/\(file)") }
        let folder = try! SeedFolder(path: path)
        let log = ProblemLog()
        constant = Dictionary(
            uniqueKeysWithValues: Self.constantFiles.map { file in
                let bytes = folder.read(file, limit: SeedFolder.maximumDocumentBytes, log: log)!
                return (file, (bytes, SHA256.hex(of: bytes), DocumentText(String(decoding: bytes, as: UTF8.self))))
            })
        self.folder = folder
    }

    func annotationFiles(log: ProblemLog) -> [String] { ["documents.json", "fuzz.json"] }

    var decodesInParallel: Bool { false }

    func scalars(of relative: String, _ text: String) -> DocumentText { constant[relative]?.scalars ?? DocumentText(text) }

    func read(_ relative: String, limit: Int, log: ProblemLog, referencedAt: (file: String, line: Int?, path: String?)?) -> [UInt8]? {
        if relative == "fuzz.json" { return input }
        if let file = constant[relative] { return file.bytes }
        return folder.read(relative, limit: limit, log: log, referencedAt: referencedAt)
    }

    /// The article's links sidecar (none) and any file an input names, as on disk.
    func exists(_ relative: String) -> Bool {
        relative == "fuzz.json" || constant[relative] != nil || folder.exists(relative)
    }

    func sha256(of relative: String, _ bytes: [UInt8]) -> String {
        relative == "fuzz.json" ? SHA256.hex(of: bytes) : constant[relative]?.sha256 ?? SHA256.hex(of: bytes)
    }
}

nonisolated(unsafe) var fuzzSeeds: FuzzSeeds?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSeedLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if fuzzSeeds == nil {
        fuzzSeeds = FuzzSeeds(seeds: ProcessInfo.processInfo.environment["LATTICE_FUZZ_SEEDS"] ?? "seeds")
    }
    var source = fuzzSeeds!
    source.input = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let dataset = try SeedLoader.load(from: source, named: "fuzz")
        var scalars: [String: [Unicode.Scalar]] = [:]
        for statement in dataset.statements {
            let id = statement.source.document
            if scalars[id] == nil { scalars[id] = Array(dataset.document(id)!.text.unicodeScalars) }
            let text = scalars[id]![statement.source.start..<statement.source.end]
            precondition(String(String.UnicodeScalarView(text)) == statement.text)
        }
    } catch {
        precondition(!error.problems.isEmpty, "a failed load must say why")
    }
    return 0
}
