import Foundation
@testable import LatticeAPI
import LatticeHTTP
import TestSupport

/// The API tests' one client: a ``LatticeService`` and its ``APIHandler``, reached in process
/// or over a live socket (``TestMode``). The shared pair answers from the shipped seeds for
/// read-only tests; both modes drive the same service, so a test run in both proves they agree.
final class APIClient: Sendable {
    let service: LatticeService
    let client: TestClient

    var mode: TestMode { client.mode }

    /// The shipped seeds with the explorer loaded, as `lattice serve` has them.
    private static let sharedService: LatticeService = {
        let service = LatticeService(configuration: .withShippedExplorer)
        try! service.reload(from: shippedSeeds)
        return service
    }()
    private static let sharedLive = try! APIClient(.live, service: sharedService)
    private static let sharedInProcess = try! APIClient(.inProcess, service: sharedService)

    /// The client on the shared service, one per mode for the test process.
    static func shared(_ mode: TestMode) -> APIClient {
        mode == .live ? sharedLive : sharedInProcess
    }

    /// A client on a service of its own, loaded from `seeds` (nil: not loaded, so not ready).
    convenience init(
        _ mode: TestMode, configuration: APIConfiguration = APIConfiguration(),
        server: ServerConfiguration = ServerConfiguration(), seeds: String? = shippedSeeds
    ) throws {
        let service = LatticeService(configuration: configuration)
        if let seeds { try service.reload(from: seeds) }
        try self.init(mode, service: service, server: server)
    }

    init(_ mode: TestMode, service: LatticeService, server: ServerConfiguration = ServerConfiguration()) throws {
        self.service = service
        client = try TestClient(mode, handler: APIHandler(service: service), server: server)
        if let live = client.server { service.attach(live.server) }
    }

    /// The server of a live client (a test that asks for it needs the socket).
    var server: TestServer {
        guard let server = client.server else { preconditionFailure("only a .live APIClient has a server") }
        return server
    }

    func url(_ path: String) -> String { server.url(path) }

    /// One request (GET by default); `headers` are `Name: value` lines.
    func get(_ path: String, method: String = "GET", headers: [String] = [], body: [UInt8]? = nil) throws -> TestResponse {
        try client.request(path, method: method, headers: headers, body: body)
    }

    /// The body of a GET as a JSON object.
    func json(_ path: String, headers: [String] = []) throws -> [String: Any] {
        let response = try get(path, headers: headers)
        guard let object = try response.json() as? [String: Any] else { throw Failure("\(path) did not return an object") }
        return object
    }

    func stop() { client.stop() }
}
