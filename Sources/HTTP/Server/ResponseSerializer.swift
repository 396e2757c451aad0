/// Writes a response head (and a fixed body) as bytes (RFC 9112 §4–§6).
enum ResponseSerializer {
    enum BodyFraming {
        case none
        case fixed
        case chunked
        /// HTTP/1.0 cannot do chunked: a streamed body then ends when the connection closes.
        case untilClose
    }

    /// Appends the head, and the body when it is a fixed one and the method is not HEAD.
    /// Returns how a streamed body, if any, must be framed.
    static func append(
        _ response: HTTPResponse, to output: inout [UInt8], isHead: Bool, version: HTTPVersion,
        keepAlive: Bool, dateLine: [UInt8]
    ) -> BodyFraming {
        let status = response.status
        output.append(contentsOf: status.statusLine)
        output.append(contentsOf: dateLine)
        for field in response.headers where field.isSafe {
            output.append(contentsOf: field.line)
        }
        var framing = BodyFraming.none
        var keepAlive = keepAlive
        if status.allowsBody {
            switch response.body {
            case .empty, .bytes:
                appendContentLength(response.body.count ?? 0, to: &output)
                framing = .fixed
            case .stream:
                if version == .http1_1 {
                    output.append(contentsOf: "Transfer-Encoding: chunked\r\n".utf8)
                    framing = .chunked
                } else {
                    keepAlive = false
                    framing = .untilClose
                }
            }
        }
        if !keepAlive {
            output.append(contentsOf: "Connection: close\r\n".utf8)
        } else if version == .http1_0 {
            output.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        output.append(ASCII.cr)
        output.append(ASCII.lf)
        if framing == .fixed, !isHead, case .bytes(let body) = response.body {
            output.append(contentsOf: body)
        }
        return isHead ? .none : framing
    }

    /// Whether a streamed response forces the connection closed (HTTP/1.0 without chunking).
    static func closesAfter(_ response: HTTPResponse, version: HTTPVersion) -> Bool {
        guard version == .http1_0, response.status.allowsBody, case .stream = response.body else { return false }
        return true
    }

    /// One chunk of a chunked body: size in hex, CRLF, data, CRLF.
    static func appendChunk(_ chunk: [UInt8], to output: inout [UInt8]) {
        guard !chunk.isEmpty else { return }
        output.append(contentsOf: String(chunk.count, radix: 16).utf8)
        output.append(ASCII.cr)
        output.append(ASCII.lf)
        output.append(contentsOf: chunk)
        output.append(ASCII.cr)
        output.append(ASCII.lf)
    }

    static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)

    private static func appendContentLength(_ length: Int, to output: inout [UInt8]) {
        output.append(contentsOf: "Content-Length: ".utf8)
        appendDecimal(length, to: &output)
        output.append(ASCII.cr)
        output.append(ASCII.lf)
    }

    static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for any Int
        withUnsafeMutableBytes(of: &digits) { buffer in
            var start = buffer.count
            var remaining = value.magnitude
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            } while remaining > 0
            if value < 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "-")
            }
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start...]))
        }
    }
}
