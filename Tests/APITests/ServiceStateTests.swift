import Foundation
import LatticeAPI
import LatticeModel
import Testing
import TestSupport

/// Reloads, readiness and draining, as clients see them.
@Suite("Service state")
struct ServiceStateTests {
    @Test("a failed reload keeps serving the old data and counts as a failure")
    func failedReload() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lattice-reload-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: shippedSeeds, toPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let api = try APIClient(.live, seeds: folder)
        let before = try api.json("/v1")["dataset_version"] as? String
        try Data("{\"actors\": [{\"id\": \"broken\"".utf8).write(to: URL(fileURLWithPath: "\(folder)/broken.json"))
        #expect(throws: SeedError.self) { try api.service.reload(from: folder) }
        #expect(try api.json("/v1")["dataset_version"] as? String == before)
        #expect(try api.get("/v1/actors/japan").status == 200)
        let metrics = try api.get("/metrics").text
        #expect(metrics.contains("lattice_dataset_reloads_total{outcome=\"failure\"} 1"))
        // Fix the folder with a real change: the new version is served.
        try FileManager.default.removeItem(atPath: "\(folder)/broken.json")
        let extra =
            #"{"document": "ecci-unlikelihood-of-an-asian-nato", "actors": [{"id": "kyiv-city", "name": "Kyiv (city)", "kind": "organization", "region": "europe", "summary": "Test record.", "evidence": ["rolled into Kyiv"]}]}"#
        try Data(extra.utf8).write(to: URL(fileURLWithPath: "\(folder)/extra.json"))
        try api.service.reload(from: folder)
        let after = try api.json("/v1")
        #expect(after["dataset_version"] as? String != before)
        #expect((after["counts"] as? [String: Int])?["actors"] == 64)
        #expect(try api.get("/v1/actors/kyiv-city").status == 200)
        #expect(try api.get("/metrics").text.contains("lattice_dataset_reloads_total{outcome=\"success\"} 2"))
    }

    @Test("before a dataset is loaded: data is 503, health is 200, readiness 503")
    func notLoaded() throws {
        let api = try APIClient(.live, seeds: nil)
        let data = try api.get("/v1/actors")
        #expect(data.status == 503)
        #expect(data.header("Retry-After") == "1")
        #expect(data.header("Content-Type") == "application/problem+json; charset=utf-8")
        #expect(try api.get("/healthz").status == 200)
        #expect(try api.get("/readyz").status == 503)
    }

    @Test("draining turns /readyz to 503 while requests are still answered")
    func draining() throws {
        let api = try APIClient(.live)
        #expect(try api.get("/readyz").status == 200)
        api.service.beginDraining()
        let ready = try api.get("/readyz")
        #expect(ready.status == 503)
        #expect((try ready.json() as? [String: Any])?["detail"] as? String == "The server is shutting down; retry on another replica.")
        #expect(try api.get("/v1/actors/japan").status == 200)
    }
}
