import Foundation
@testable import LatticeAPI
import LatticeHTTP
import LatticeModel
import TestSupport

let shippedSeeds: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("seeds").path

let shippedExplorer: String = URL(fileURLWithPath: shippedSeeds).deletingLastPathComponent().appendingPathComponent("explorer").path

extension APIConfiguration {
    /// The defaults, with the repository's explorer folder loaded (as `lattice serve` does).
    static var withShippedExplorer: APIConfiguration {
        var configuration = APIConfiguration()
        configuration.explorer = try! ExplorerAssets.load(from: shippedExplorer)
        return configuration
    }
}

struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Ids of the records in a collection response.
func ids(_ body: [String: Any]) -> [String] {
    (body["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
}

func meta(_ body: [String: Any]) -> [String: Any] { body["meta"] as? [String: Any] ?? [:] }
func links(_ body: [String: Any]) -> [String: Any] { body["links"] as? [String: Any] ?? [:] }

/// The endpoints the tests name, looked up by their declared names.
extension Endpoint {
    static let root = named("root"), index = named("index"), explorer = named("explorer"), metrics = named("metrics")
    static let actors = named("actors"), actor = named("actor"), alliances = named("alliances"), alliance = named("alliance")
    static let statements = named("statements"), statement = named("statement"), relations = named("relations")
    static let relation = named("relation"), documents = named("documents"), document = named("document")
    static let documentText = named("documentText"), search = named("search"), graph = named("graph"), export = named("export")
    static let cohesion = named("cohesion"), positions = named("positions"), mixedTies = named("mixedTies")
    static let openapi = named("openapi"), healthz = named("healthz"), readyz = named("readyz")
}
