import Foundation
import Glibc
import Testing
import TestSupport

/// What an operator's signals and a hostile client's bytes do to a running `lattice serve`.
@Suite("Signals and logs", .serialized)
struct SignalAndLogTests {
    /// A copy of the shipped seeds with `count` more actors, so that loading takes a while.
    static func seeds(extraActors count: Int) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lattice-signals-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: LatticeBinary.packageRoot.appendingPathComponent("seeds"), to: folder)
        let actors = (0..<count).map { index in
            #"{"id": "zz-extra-\#(index)", "name": "Extra \#(index)", "kind": "organization", "region": "europe", "summary": "Synthetic.", "evidence": ["rolled into Kyiv"]}"#
        }
        let file = #"{"document": "ecci-unlikelihood-of-an-asian-nato", "actors": [\#(actors.joined(separator: ",\n"))]}"#
        try Data(file.utf8).write(to: folder.appendingPathComponent("extra.json"))
        return folder
    }

    static func lines(_ log: URL, containing text: String) -> Int {
        ((try? String(contentsOf: log, encoding: .utf8)) ?? "").components(separatedBy: "\n").filter { $0.contains(text) }.count
    }

    @Test("SIGHUPs during startup neither kill the process nor get lost; a burst of them runs at most two reloads")
    func reloadsAreMergedAndSurviveStartup() throws {
        let folder = try Self.seeds(extraActors: 6_000)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (process, log) = try LatticeBinary.serve(["--port", "0", "--seeds", folder.path, "--log-format", "text"])
        defer { if process.isRunning { process.terminate() } }
        #expect(eventually(timeout: 20) { Self.lines(log, containing: "loading seeds") == 1 })
        let loading = Self.lines(log, containing: "listening") == 0
        for _ in 0..<3 { kill(process.processIdentifier, SIGHUP) }
        let port = try #require(LatticeBinary.listeningPort(in: log, timeout: 60))
        #expect(process.isRunning)
        if loading {
            #expect(Self.lines(log, containing: "reload requested during startup") == 1)
        }
        #expect(eventually(timeout: 30) { Self.lines(log, containing: "reloaded seeds") == 1 }, "three SIGHUPs, one reload")

        // A burst while serving: one reload runs, the rest merge into one more.
        for _ in 0..<20 {
            kill(process.processIdentifier, SIGHUP)
            usleep(2_000)
        }
        #expect(eventually(timeout: 60) { Self.lines(log, containing: "reloaded seeds") >= 2 })
        usleep(3_000_000)  // any reload still to come would have finished by now
        let reloads = Self.lines(log, containing: "reloaded seeds")
        #expect((2...3).contains(reloads), "20 SIGHUPs ran \(reloads - 1) reloads")
        let metrics = try CurlClient().request("http://127.0.0.1:\(port)/metrics").text
        #expect(metrics.contains("lattice_dataset_reloads_total{outcome=\"success\"} \(reloads + 1)"))
        let resident = metrics.components(separatedBy: "\n").first { $0.hasPrefix("lattice_dataset_reload_resident_bytes ") }
        #expect((resident?.split(separator: " ").last).flatMap { Int($0) }.map { $0 > 1_000_000 } == true, "\(resident ?? "-")")
        #expect(((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("resident_bytes="))
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
    }

    @Test("SIGTERM during startup exits 0 with a log line")
    func terminateDuringStartup() throws {
        let folder = try Self.seeds(extraActors: 6_000)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (process, log) = try LatticeBinary.serve(["--port", "0", "--seeds", folder.path])
        defer { if process.isRunning { process.terminate() } }
        #expect(eventually(timeout: 20) { Self.lines(log, containing: "loading seeds") == 1 })
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.contains("SIGTERM received during startup: exiting") || text.contains("SIGTERM received: draining"))
    }

    @Test("request data cannot forge a log line or a field, in either format", arguments: ["text", "json"])
    func forgedLines(format: String) throws {
        let (process, log) = try LatticeBinary.serve(["--port", "0", "--log-format", format])
        defer { if process.isRunning { process.terminate() } }
        let port = try #require(LatticeBinary.listeningPort(in: log))
        let forged =
            "/v1/x%0a2026-12-02T00:00:00.000Z%20notice%20lattice:%20reloaded%20seeds%20dataset_version=evil"
            + "%0d%e2%80%a8%1b[31m%22%20status=200"
        let client = try RawClient(port: port)
        client.send("GET \(forged) HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 404)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let text = try String(contentsOf: log, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!lines.contains { $0.hasPrefix("2026-12-02T00:00:00.000Z") }, "no forged line")
        #expect(!text.contains("\r") && !text.contains("\u{1b}") && !text.contains("\u{2028}"))
        let access = try #require(lines.first { $0.contains("lattice.access") && $0.contains("/v1/x") })
        if format == "text" {
            #expect(
                access.contains(
                    #"/v1/x\n2026-12-02T00:00:00.000Z notice lattice: reloaded seeds dataset_version=evil\r\u2028\x1b[31m" status=200 404"#))
            #expect(
                access.contains(
                    #"path="/v1/x\n2026-12-02T00:00:00.000Z notice lattice: reloaded seeds dataset_version=evil\r\u2028\x1b[31m\" status=200""#))
            #expect(access.hasSuffix(" status=404"), "the real status is the last field: \(access)")
        } else {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(access.utf8)) as? [String: Any])
            #expect((object["path"] as? String)?.hasPrefix("/v1/x\n2026-12-02") == true)
            #expect(object["status"] as? Int == 404)
        }
    }

    @Test("a port held by another process, another Lattice included, is a startup error, not a shared port")
    func portInUse() throws {
        let (first, log) = try LatticeBinary.serve(["--port", "0"])
        defer { if first.isRunning { first.terminate() } }
        let port = try #require(LatticeBinary.listeningPort(in: log))
        // In the background, so that a second server that does start fails the test, not hangs it.
        let (second, secondLog) = try LatticeBinary.serve(["--port", String(port)])
        defer { if second.isRunning { second.terminate() } }
        #expect(eventually(timeout: 20) { !second.isRunning }, "the second server started on a port in use")
        if second.isRunning { return }
        #expect(second.terminationStatus == 1)
        let errors = try String(contentsOf: secondLog, encoding: .utf8)
        #expect(errors.contains("cannot listen on 127.0.0.1:\(port)"), "\(errors)")
        #expect(errors.contains("already in use by another process"), "\(errors)")
        #expect(errors.contains("--port"))
        #expect(first.isRunning)
    }
}
