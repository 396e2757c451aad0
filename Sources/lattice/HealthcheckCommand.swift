import ArgumentParser
import Glibc

/// `lattice healthcheck [URL]`: exits 0 when the server answers 200. The container's
/// HEALTHCHECK runs it, so the image needs no curl.
struct HealthcheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "healthcheck",
        abstract: "Exit 0 if the server's /readyz answers 200, else 1.",
        discussion:
            "The default URL uses \(Self.port.environmentVariable) (else \(Self.port.defaultValue)) on 127.0.0.1. Only plain http:// URLs are supported."
    )

    /// The setting whose environment variable names the port to check.
    private static let port = SettingTable.shared.port

    @Argument(help: "URL to check (default: http://127.0.0.1:$\(Self.port.environmentVariable)/readyz).")
    var url: String?

    @Option(name: .long, help: "Seconds to wait for the answer.")
    var timeout: Double = 3

    func run() throws {
        let port = Console.environment[Self.port.environmentVariable] ?? String(Self.port.defaultValue)
        let target = url ?? "http://127.0.0.1:\(port)/readyz"
        do {
            let status = try HTTPProbe.status(of: target, timeout: timeout)
            guard status == 200 else {
                print("unhealthy: \(target) answered \(status)")
                throw ExitCode(1)
            }
            print("healthy: \(target) answered 200")
        } catch let error as HTTPProbe.Failure {
            print("unhealthy: \(target): \(error.reason)")
            throw ExitCode(1)
        }
    }
}

/// A minimal HTTP/1.1 GET over a blocking socket: status code only.
enum HTTPProbe {
    struct Failure: Error {
        let reason: String
    }

    static func status(of url: String, timeout: Double) throws(Failure) -> Int {
        guard url.hasPrefix("http://") else { throw Failure(reason: "only http:// URLs are supported") }
        let rest = url.dropFirst(7)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = String(rest[..<slash])
        let path = slash == rest.endIndex ? "/" : String(rest[slash...])
        var host = authority
        var port = "80"
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { port = String(after.dropFirst()) }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            port = String(authority[authority.index(after: colon)...])
        }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, port, &hints, &results) == 0, let address = results else {
            throw Failure(reason: "cannot resolve \(host)")
        }
        defer { freeaddrinfo(results) }
        let fd = socket(address.pointee.ai_family, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(reason: "socket failed") }
        defer { close(fd) }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        guard connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 else {
            throw Failure(reason: "connection refused")
        }
        let request = "GET \(path) HTTP/1.1\r\nHost: \(authority)\r\nConnection: close\r\nUser-Agent: lattice-healthcheck\r\n\r\n"
        guard send(fd, request, request.utf8.count, Int32(MSG_NOSIGNAL)) == request.utf8.count else {
            throw Failure(reason: "send failed")
        }
        var buffer = [UInt8](repeating: 0, count: 512)
        var received: [UInt8] = []
        while received.count < 12 {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            received += buffer[..<n]
        }
        let line = String(decoding: received, as: UTF8.self)
        let parts = line.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let code = Int(parts[1].prefix(3)) else {
            throw Failure(reason: received.isEmpty ? "no answer within \(timeout)s" : "not an HTTP response")
        }
        return code
    }
}
