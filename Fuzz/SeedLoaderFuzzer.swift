// libFuzzer target for the seed loader (compiled into the model's module by
// scripts/fuzz.sh). Each input becomes an annotation file beside the real article; the
// loader must report problems or load — never crash — and a loaded dataset must keep its
// invariant: every statement's text is exactly its document's text at its offsets.
import Foundation

nonisolated(unsafe) var fuzzFolder: String?

func prepareFolder() -> String {
    if let fuzzFolder { return fuzzFolder }
    let folder = NSTemporaryDirectory() + "lattice-fuzz-seeds-\(getpid())"
    try? FileManager.default.removeItem(atPath: folder)
    try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let seeds = ProcessInfo.processInfo.environment["LATTICE_FUZZ_SEEDS"] ?? "seeds"
    for file in ["000_87d4a8ef7e3f0c43.txt", "documents.json"] {
        try! FileManager.default.copyItem(atPath: "\(seeds)/\(file)", toPath: "\(folder)/\(file)")
    }
    fuzzFolder = folder
    return folder
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSeedLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? JSONParser.parse(bytes)
    let folder = prepareFolder()
    FileManager.default.createFile(atPath: "\(folder)/fuzz.json", contents: Data(bytes))
    do {
        let dataset = try SeedLoader.load(from: folder)
        for statement in dataset.statements {
            let text = dataset.document(statement.source.document)!.text
            let scalars = Array(text.unicodeScalars)
            precondition(String(String.UnicodeScalarView(scalars[statement.source.start..<statement.source.end])) == statement.text)
        }
    } catch {
        precondition(!error.problems.isEmpty, "a failed load must say why")
    }
    return 0
}
