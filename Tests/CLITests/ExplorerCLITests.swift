import Foundation
import Testing
import TestSupport

/// The explorer setting as operators meet it.
@Suite("Command line: the explorer setting", .serialized)
struct ExplorerCLITests {
    @Test("explorer may be empty (no explorer), unlike other string settings")
    func emptyTurnsItOff() throws {
        let viaEnvironment = try LatticeBinary.run(["config"], environment: ["LATTICE_EXPLORER": ""])
        #expect(viaEnvironment.status == 0)
        #expect(viaEnvironment.output.contains("explorer =   (environment variable LATTICE_EXPLORER)"))
        let viaFlag = try LatticeBinary.run(["config", "--explorer", ""])
        #expect(viaFlag.status == 0)
        #expect(try LatticeBinary.run(["config", "--seeds", ""]).status == 2, "seeds still must not be empty")
    }

    @Test("a folder that cannot be served stops startup with exit 1 and the reason")
    func missingFolderStopsStartup() throws {
        let result = try LatticeBinary.run(["serve", "--port", "0", "--explorer", "/nonexistent-explorer-folder"])
        #expect(result.status == 1)
        #expect(result.errors.contains("/nonexistent-explorer-folder"))
        #expect(result.errors.contains("not a folder"))
    }

    @Test("serve loads the shipped explorer and serves its page at / to browsers")
    func servesThePage() throws {
        let (process, log) = try LatticeBinary.serve(["--port", "0", "--seeds", "seeds"])
        defer {
            process.terminate()
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: log)
        }
        let port = try #require(LatticeBinary.listeningPort(in: log))
        let page = try CurlClient().request("http://127.0.0.1:\(port)/", headers: ["Accept: text/html"])
        #expect(page.status == 200)
        #expect(page.text.contains("<!doctype html>"))
        #expect((try? String(contentsOf: log, encoding: .utf8))?.contains("explorer loaded") == true)
        let json = try CurlClient().request("http://127.0.0.1:\(port)/")
        #expect(json.status == 308)
    }

    @Test("run from a folder without explorer/, the default serves the API alone and says so")
    func defaultFolderMissing() throws {
        let elsewhere = FileManager.default.temporaryDirectory
        let seeds = LatticeBinary.packageRoot.appendingPathComponent("seeds").path
        let (process, log) = try LatticeBinary.serve(["--port", "0", "--seeds", seeds], directory: elsewhere)
        defer { if process.isRunning { process.terminate() } }
        let port = try #require(LatticeBinary.listeningPort(in: log))
        #expect(try CurlClient().request("http://127.0.0.1:\(port)/v1").status == 200)
        #expect((try? String(contentsOf: log, encoding: .utf8))?.contains("no explorer folder at explorer: serving the API only") == true)
    }
}
