import Foundation
import Hummingbird

// Usage: HummingbirdPeer PORT FILE — answers GET /v1/actors/japan (any path, in fact) with
// the bytes of FILE as application/json, as a user would write it with Hummingbird 2.
let arguments = CommandLine.arguments
let port = Int(arguments.count > 1 ? arguments[1] : "8081") ?? 8081
let body = try Data(contentsOf: URL(fileURLWithPath: arguments.count > 2 ? arguments[2] : "body.json"))
let buffer = ByteBuffer(bytes: body)

let router = Router()
router.get("/v1/actors/:id") { _, _ -> Response in
    Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: buffer))
}
router.get("/readyz") { _, _ in "ready" }
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
