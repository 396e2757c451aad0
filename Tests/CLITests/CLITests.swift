import Foundation
import Glibc
import Testing
import TestSupport
@testable import lattice

/// The `lattice` command as operators and curators meet it.
@Suite("Command line", .serialized)
struct CLITests {
    @Test("--version and --help")
    func versionAndHelp() throws {
        let version = try LatticeBinary.run(["--version"])
        #expect(version.status == 0)
        #expect(version.output.trimmingCharacters(in: .whitespacesAndNewlines) == "1.0.0")
        for command in [[], ["serve"], ["validate"], ["healthcheck"], ["config"]] {
            let help = try LatticeBinary.run(command + ["--help"])
            #expect(help.status == 0)
            #expect(help.output.contains("USAGE"))
        }
        #expect(try LatticeBinary.run(["serve", "--help"]).output.contains("--shutdown-grace"))
    }

    @Test("configuration precedence: flag > environment > file > default")
    func precedence() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lattice-\(UUID().uuidString).json")
        try Data(#"{"port": 1111, "cache_max_age": 5, "log_format": "json"}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try LatticeBinary.run(
            ["config", "--config", file.path, "--port", "3333"],
            environment: ["LATTICE_PORT": "2222", "LATTICE_CACHE_MAX_AGE": "7"])
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("port = 3333  (command-line flag --port)"))
        #expect(lines.contains("cache_max_age = 7  (environment variable LATTICE_CACHE_MAX_AGE)"))
        #expect(lines.contains("log_format = json  (config file \(file.path):1)"))
        #expect(
            lines.contains("idle_timeout = 60  (built-in default)")
                || lines.contains { $0.hasPrefix("idle_timeout = 60  (config file Config/lattice.json") } == false)
        let viaEnvironment = try LatticeBinary.run(["config"], environment: ["LATTICE_CONFIG": file.path])
        #expect(viaEnvironment.output.contains("port = 1111  (config file \(file.path):1)"))
    }

    @Test("the shipped Config/lattice.json holds every setting at its default")
    func shippedConfig() throws {
        let defaults = try LatticeBinary.run(["config", "--show", "defaults"])
        let shipped = try String(contentsOf: LatticeBinary.packageRoot.appendingPathComponent("Config/lattice.json"), encoding: .utf8)
        #expect(defaults.output == shipped)
        let resolved = try LatticeBinary.run(["config"])
        #expect(resolved.output.split(separator: "\n").count == SettingTable.rows.count)
    }

    @Test("the README's configuration table is the one the binary prints, row for row")
    func readmeTable() throws {
        let table = try LatticeBinary.run(["config", "--show", "markdown"]).output
        let readme = try String(contentsOf: LatticeBinary.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let rows = table.split(separator: "\n").filter { $0.hasPrefix("| `") }
        #expect(rows.count == SettingTable.rows.count)
        for row in rows { #expect(readme.contains(row), "README.md lacks: \(row)") }
    }

    @Test(
        "bad settings stop startup naming the key and its source",
        arguments: [
            (["serve", "--port", "70000"], [String: String](), "port = \"70000\" (from command-line flag --port) is out of range 0…65535"),
            (["serve", "--port", "-1"], [String: String](), "port = \"-1\" (from command-line flag --port) is out of range 0…65535"),
            (
                ["serve", "--port", "http"], [String: String](),
                "port = \"http\" (from command-line flag --port) is not an integer; expected a whole number from 0 to 65535"
            ),
            (["serve"], ["LATTICE_LOG_LEVEL": "loud"], "log_level = \"loud\" (from environment variable LATTICE_LOG_LEVEL) must be one of"),
            (["serve"], ["LATTICE_WORKRES": "2"], "environment variable LATTICE_WORKRES is not a setting"),
            (["serve", "--idle-timeout", "soon"], [:], "idle_timeout = \"soon\" (from command-line flag --idle-timeout) is not a number of seconds"),
            (["serve", "--config", "/nonexistent.json"], [:], "config file /nonexistent.json does not exist"),
        ])
    func badSettings(arguments: [String], environment: [String: String], message: String) throws {
        let result = try LatticeBinary.run(arguments, environment: environment)
        #expect(result.status == 2)
        #expect(result.errors.contains(message), "\(result.errors)")
    }

    @Test("a config file with an unknown key or a wrong type is refused with its line")
    func badFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lattice-\(UUID().uuidString).json")
        try Data("{\n  \"port\": \"8080\",\n  \"colour\": \"red\"\n}\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try LatticeBinary.run(["serve", "--config", file.path])
        #expect(result.status == 2)
        #expect(result.errors.contains("port (from config file \(file.path):2) must be an integer, not a string"))
        #expect(result.errors.contains("config file \(file.path):3: unknown key \"colour\""))
        // JSON has one kind of number: 1e3 is the integer 1000; 1.5 is no port.
        try Data("{\"port\": 1e3, \"workers\": 1.5}".utf8).write(to: file)
        let numbers = try LatticeBinary.run(["config", "--config", file.path])
        #expect(!numbers.errors.contains("port ="), "\(numbers.errors)")
        #expect(numbers.errors.contains("workers = \"1.5\""), "\(numbers.errors)")
        #expect(numbers.errors.contains("is not an integer; expected a whole number from"), "\(numbers.errors)")
    }

    @Test("a config file over 1 MiB is refused with its name and the limit, even when it is valid JSON")
    func oversizedFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lattice-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let settings = #"{"port": 1111}"#
        // Padded with JSON whitespace to exactly the limit: still a config file.
        try Data((settings + String(repeating: " ", count: 1_048_576 - settings.utf8.count)).utf8).write(to: file)
        let atLimit = try LatticeBinary.run(["config", "--config", file.path])
        #expect(atLimit.status == 0, "\(atLimit.errors)")
        #expect(atLimit.output.contains("port = 1111"))
        try Data((settings + String(repeating: " ", count: 2 * 1_048_576)).utf8).write(to: file)
        let over = try LatticeBinary.run(["config", "--config", file.path])
        #expect(over.status == 2)
        #expect(over.errors.contains("config file \(file.path) is larger than the limit of 1048576 bytes (1 MiB)"), "\(over.errors)")
    }

    @Test("a host that does not resolve says so and what is accepted")
    func badHost() throws {
        let result = try LatticeBinary.run(["serve", "--host", "999.1.1.1", "--port", "0"])
        #expect(result.status == 1)
        #expect(result.errors.contains("host \"999.1.1.1\": "), "\(result.errors)")
        #expect(result.errors.contains("expected an IPv4 or IPv6 address"), "\(result.errors)")
        #expect(!result.errors.contains("failed: Invalid argument"))
    }

    @Test("validate: 0 and a summary on the shipped seeds; 1 and every problem on broken ones")
    func validate() throws {
        let good = try LatticeBinary.run(["validate", "--seeds", "seeds"])
        #expect(good.status == 0)
        #expect(good.output.contains("seeds: OK, dataset "))
        #expect(good.output.contains("Every quotation is covered by a statement or marked as a term."))
        #expect(good.output.contains("Dates (a hint, not an error"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lattice-bad-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: LatticeBinary.packageRoot.appendingPathComponent("seeds"), to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(
            #"{"document": "ecci-unlikelihood-of-an-asian-nato", "statements": [{"id": "x", "speaker": "nobody", "quote": "not in the article", "mode": "direct", "verb": "said"}, {"id": "japan", "speaker": "japan", "quote": "Seoul", "mode": "pretend", "verb": null}]}"#
                .utf8
        )
        .write(to: folder.appendingPathComponent("zz-broken.json"))
        let bad = try LatticeBinary.run(["validate", "--seeds", folder.path])
        #expect(bad.status == 1)
        #expect(bad.output.contains("zz-broken.json:1:"))
        #expect(bad.output.contains("a speaker refers to \"nobody\", which is not the id of any record"))
        #expect(bad.output.contains("the quote \"not in the article\" is not in ecci-unlikelihood-of-an-asian-nato"))
        #expect(bad.output.contains("\"pretend\" is not one of direct, partial, paraphrase"))
        #expect(bad.output.contains("nothing was loaded"))
        // Coverage: remove a statement and its quotation is reported.
        let statements = folder.appendingPathComponent("statements.json")
        let text = try String(contentsOf: statements, encoding: .utf8)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("zz-broken.json"))
        let trimmed = text.replacingOccurrences(of: #""quote": "premature","#, with: #""quote": "to talk about an Asian NATO","#)
        try Data(trimmed.utf8).write(to: statements)
        let uncovered = try LatticeBinary.run(["validate", "--seeds", folder.path])
        #expect(uncovered.status == 0)
        #expect(uncovered.output.contains("“premature” has no statement"))
        #expect(!uncovered.output.contains("Every quotation is covered"))
        // Marked as a quoted term, it is accounted for.
        try Data(#"{"document": "ecci-unlikelihood-of-an-asian-nato", "terms": ["premature"]}"#.utf8)
            .write(to: folder.appendingPathComponent("zz-terms.json"))
        let marked = try LatticeBinary.run(["validate", "--seeds", folder.path])
        #expect(marked.status == 0)
        #expect(!marked.output.contains("“premature” has no statement"))
        #expect(marked.output.contains("Every quotation is covered by a statement or marked as a term."))
    }

    @Test("serve: logs address, dataset and load time; healthcheck passes; SIGHUP reloads; SIGTERM exits 0")
    func serveLifecycle() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lattice-serve-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: LatticeBinary.packageRoot.appendingPathComponent("seeds"), to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (process, log) = try LatticeBinary.serve(["--port", "0", "--seeds", folder.path, "--log-format", "json"])
        defer { if process.isRunning { process.terminate() } }
        let port = try #require(LatticeBinary.listeningPort(in: log))
        let startup = try String(contentsOf: log, encoding: .utf8)
        #expect(startup.contains("\"message\":\"listening\""))
        #expect(startup.contains("\"dataset_version\":"))
        #expect(startup.contains("\"load_ms\":"))
        #expect(startup.contains("\"actors\":63"))
        let health = try LatticeBinary.run(["healthcheck", "http://127.0.0.1:\(port)/readyz"])
        #expect(health.status == 0)
        #expect(try LatticeBinary.run(["healthcheck"], environment: ["LATTICE_PORT": String(port)]).status == 0)
        #expect(try LatticeBinary.run(["healthcheck", "http://127.0.0.1:\(port)/nothing"]).status == 1)

        let client = CurlClient()
        let before = try #require(try client.request("http://127.0.0.1:\(port)/v1").json() as? [String: Any])
        // A broken seed: the reload fails, the old data stays.
        try Data("{ not json".utf8).write(to: folder.appendingPathComponent("broken.json"))
        kill(process.processIdentifier, SIGHUP)
        #expect(eventually(timeout: 10) { (try? String(contentsOf: log, encoding: .utf8))?.contains("reload failed") == true })
        let during = try #require(try client.request("http://127.0.0.1:\(port)/v1").json() as? [String: Any])
        #expect(during["dataset_version"] as? String == before["dataset_version"] as? String)
        // A good change: the reload swaps it in.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("broken.json"))
        try Data(
            #"{"document": "ecci-unlikelihood-of-an-asian-nato", "actors": [{"id": "kyiv-city", "name": "Kyiv (city)", "kind": "organization", "region": "europe", "summary": "Test.", "evidence": ["rolled into Kyiv"]}]}"#
                .utf8
        )
        .write(to: folder.appendingPathComponent("extra.json"))
        kill(process.processIdentifier, SIGHUP)
        #expect(eventually(timeout: 10) { (try? String(contentsOf: log, encoding: .utf8))?.contains("reloaded seeds") == true })
        let after = try #require(try client.request("http://127.0.0.1:\(port)/v1").json() as? [String: Any])
        #expect(after["dataset_version"] as? String != before["dataset_version"] as? String)
        let metrics = try client.request("http://127.0.0.1:\(port)/metrics").text
        #expect(metrics.contains("lattice_dataset_reloads_total{outcome=\"failure\"} 1"))
        #expect(metrics.contains("lattice_dataset_reloads_total{outcome=\"success\"} 2"))

        let text = try String(contentsOf: log, encoding: .utf8)
        let access = try #require(
            text.split(separator: "\n").first { $0.contains("\"label\":\"lattice.access\"") && $0.contains("\"path\":\"/v1\"") })
        for field in ["\"method\":\"GET\"", "\"status\":200", "\"bytes\":", "\"duration_ms\":", "\"request_id\":"] {
            #expect(access.contains(field), "\(field) in \(access)")
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        #expect(try String(contentsOf: log, encoding: .utf8).contains("SIGTERM received: draining"))
    }

    @Test("limits and timeouts from flags reach the server")
    func limitsFromFlags() throws {
        let (process, log) = try LatticeBinary.serve([
            "--port", "0", "--max-target-bytes", "300", "--header-timeout", "0.3",
            "--max-header-count", "8", "--cache-max-age", "7", "--render-cache-bytes", "0",
        ])
        defer { if process.isRunning { process.terminate() } }
        let port = try #require(LatticeBinary.listeningPort(in: log))
        let long = try RawClient(port: port)
        long.send("GET /v1/\(String(repeating: "a", count: 400)) HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try long.readResponse().status == 414)
        let many = try RawClient(port: port)
        many.send("GET /v1 HTTP/1.1\r\nHost: x\r\n" + (0..<9).map { "X-\($0): y\r\n" }.joined() + "\r\n")
        #expect(try many.readResponse().status == 431)
        let slow = try RawClient(port: port)
        slow.send("GET /v1 HTTP/1.1\r\n")
        #expect(try slow.readResponse().status == 408)
        let cached = try CurlClient().request("http://127.0.0.1:\(port)/v1")
        #expect(cached.header("Cache-Control") == "public, max-age=7")
        // With no render cache, a record read twice is rendered twice and nothing is kept
        // (the default keeps it: RenderCacheTests).
        for _ in 0..<2 { #expect(try CurlClient().request("http://127.0.0.1:\(port)/v1/actors/japan").status == 200) }
        let metrics = try CurlClient().request("http://127.0.0.1:\(port)/metrics").text.split(separator: "\n")
        #expect(metrics.contains("lattice_render_cache_entries 0"))
        #expect(metrics.contains(#"lattice_render_cache_lookups_total{result="miss"} 2"#))
    }

    @Test("defer_accept decides whether a connection that sends nothing reaches the server", arguments: [true, false])
    func deferAcceptFlag(deferAccept: Bool) throws {
        let (process, log) = try LatticeBinary.serve(["--port", "0", "--defer-accept", String(deferAccept)])
        defer { if process.isRunning { process.terminate() } }
        let port = try #require(LatticeBinary.listeningPort(in: log))
        let silent = try RawClient(port: port)
        try withExtendedLifetime(silent) {
            usleep(200_000)
            let metrics = try CurlClient().request("http://127.0.0.1:\(port)/metrics").text
            let open = metrics.split(separator: "\n").first { $0.hasPrefix("lattice_http_open_connections ") }
            // The /metrics request's own connection, and the silent one unless accept is deferred.
            #expect(open == "lattice_http_open_connections \(deferAccept ? 1 : 2)")
        }
    }

    @Test("serve refuses a broken seeds folder at startup with the problems and exit 1")
    func serveBrokenSeeds() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lattice-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("[1, 2".utf8).write(to: folder.appendingPathComponent("a.json"))
        let result = try LatticeBinary.run(["serve", "--port", "0", "--seeds", folder.path])
        #expect(result.status == 1)
        #expect(result.errors.contains("cannot load seeds"))
        #expect(result.errors.contains("a.json:1:6: unexpected end of file inside an array"))
    }
}
