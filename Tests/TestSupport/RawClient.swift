import Foundation
import Glibc

/// A plain blocking TCP client for the bytes curl would never send: malformed requests,
/// smuggling attempts, trickled headers, clients that never read.
public final class RawClient {
    public let fd: Int32
    private var buffer: [UInt8] = []

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Connects to 127.0.0.1:port with a receive timeout. A `receiveBuffer` is set before
    /// connecting, so the window the server sees is small from the first byte (set after,
    /// the window already offered lets the server write megabytes before it blocks).
    public init(port: Int, timeout: Double = 5, receiveBuffer: Int32? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(errno)") }
        if var bytes = receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let code = errno
            Glibc.close(fd)
            throw Failure(description: "connect: errno \(code)")
        }
        setTimeout(timeout)
    }

    deinit {
        Glibc.close(fd)
    }

    public func setTimeout(_ seconds: Double) {
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Shrinks the receive buffer so a server's writes block early (for slow-reader tests).
    public func setReceiveBuffer(_ bytes: Int32) {
        var value = bytes
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    @discardableResult
    public func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    /// Half-closes our side.
    public func shutdownWrite() {
        Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    /// Reads until the peer closes (or the timeout); returns everything received.
    public func readUntilClose() -> [UInt8] {
        while fill() {}
        defer { buffer = [] }
        return buffer
    }

    /// True when the server has closed the connection (EOF, or reset) within the timeout.
    public func isClosedByPeer() -> Bool {
        while true {
            var scratch = [UInt8](repeating: 0, count: 4096)
            let n = recv(fd, &scratch, scratch.count, 0)
            if n == 0 { return true }
            if n < 0 { return errno == ECONNRESET }
            buffer.append(contentsOf: scratch[..<n])
        }
    }

    /// Reads one complete response (Content-Length, chunked, or until close).
    public func readResponse(head: Bool = false) throws -> RawResponse {
        while true {
            if let (response, used) = try RawResponse.parse(buffer, isHead: head, complete: false) {
                buffer.removeFirst(used)
                return response
            }
            if !fill() {
                if let (response, used) = try RawResponse.parse(buffer, isHead: head, complete: true) {
                    buffer.removeFirst(used)
                    return response
                }
                throw Failure(description: "connection ended before a complete response: \(String(decoding: buffer, as: UTF8.self).prefix(200))")
            }
        }
    }

    /// One read; false on EOF, error or timeout.
    private func fill() -> Bool {
        var scratch = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &scratch, scratch.count, 0)
        if n <= 0 { return false }
        buffer.append(contentsOf: scratch[..<n])
        return true
    }
}

/// A response parsed from raw bytes.
public struct RawResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var text: String { String(decoding: body, as: UTF8.self) }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Parses one response from the start of `bytes`: nil when more bytes are needed.
    static func parse(_ bytes: [UInt8], isHead: Bool, complete: Bool) throws -> (RawResponse, Int)? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let headEnd = bytes.firstRange(of: separator)?.upperBound else { return nil }
        let lines = String(decoding: bytes[..<(headEnd - 4)], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw RawClient.Failure(description: "bad status line \(lines[0])")
        }
        var headers: [(String, String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var response = RawResponse(status: status, headers: headers, body: [])
        if isHead || status == 204 || status == 304 || (100..<200).contains(status) {
            return (response, headEnd)
        }
        if let length = response.header("content-length").flatMap(Int.init) {
            guard bytes.count >= headEnd + length else { return nil }
            response.body = Array(bytes[headEnd..<(headEnd + length)])
            return (response, headEnd + length)
        }
        if response.header("transfer-encoding")?.lowercased() == "chunked" {
            var index = headEnd
            var body: [UInt8] = []
            while true {
                guard let lineEnd = bytes[index...].firstRange(of: [13, 10])?.lowerBound else { return nil }
                let sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self).split(separator: ";")[0]
                guard let size = Int(sizeText, radix: 16) else { throw RawClient.Failure(description: "bad chunk size") }
                index = lineEnd + 2
                if size == 0 {
                    guard bytes.count >= index + 2 else { return nil }
                    response.body = body
                    return (response, index + 2)
                }
                guard bytes.count >= index + size + 2 else { return nil }
                body.append(contentsOf: bytes[index..<(index + size)])
                index += size + 2
            }
        }
        guard complete else { return nil }
        response.body = Array(bytes[headEnd...])
        return (response, bytes.count)
    }
}
