import Foundation
import Testing
@testable import LatticeHTTP

/// Replays the fuzzer's corpus and every crash it ever found (Fuzz/regressions/http): each
/// input must parse without trapping, and to the same result whole and byte by byte.
@Suite("Fuzz corpus replay: HTTP parser")
struct HTTPFuzzReplayTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")

    static var inputs: [URL] {
        ["corpus/http", "regressions/http"].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)) ?? [])
                .filter { !$0.lastPathComponent.hasPrefix(".") }
        }.sorted { $0.path < $1.path }
    }

    @Test("every corpus and regression input parses the same whole and byte by byte")
    func replay() throws {
        let inputs = Self.inputs
        #expect(inputs.count >= 10)
        // The defaults, and the small limits the fuzzer runs with (Fuzz/HTTPParserFuzzer.swift).
        let limits = [HTTPLimits(), HTTPLimits(maxTargetLength: 512, maxHeaderBytes: 1024, maxHeaderCount: 16, maxBodyBytes: 2048)]
        for url in inputs {
            let bytes = [UInt8](try Data(contentsOf: url))
            for limit in limits {
                let whole = parseAll(bytes, byteByByte: false, limits: limit)
                let split = parseAll(bytes, byteByByte: true, limits: limit)
                #expect(describe(whole) == describe(split), "\(url.lastPathComponent), target limit \(limit.maxTargetLength)")
            }
        }
    }

    func describe(_ results: [RequestParser.ParseResult]) -> [String] {
        results.map { result in
            switch result {
            case .incomplete: "incomplete"
            case .request(let request): "\(request.method) \(request.target) \(request.body.count) \(request.headers.count)"
            case .failure(let error): "error \(error.slug)"
            }
        }
    }
}
