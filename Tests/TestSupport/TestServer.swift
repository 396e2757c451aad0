import Glibc
import LatticeHTTP

/// A server running in-process on an ephemeral loopback port, for integration tests.
public final class TestServer: Sendable {
    public let server: HTTPServer

    public init(configuration: ServerConfiguration = ServerConfiguration(), handler: any HTTPHandler) throws {
        var configuration = configuration
        configuration.host = "127.0.0.1"
        configuration.port = 0
        server = HTTPServer(configuration: configuration, handler: handler)
        try server.start()
    }

    public var port: Int { server.port }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    public func stop(gracePeriod: Duration = .seconds(2)) {
        server.shutdown(gracePeriod: gracePeriod)
    }

    deinit {
        server.shutdown(gracePeriod: .milliseconds(100))
    }
}

/// Polls `condition` until it holds or `timeout` passes.
public func eventually(timeout: Double = 5, _ condition: () -> Bool) -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
    while ContinuousClock.now < deadline {
        if condition() { return true }
        usleep(5_000)
    }
    return condition()
}
