import LatticeAPI
import Logging

/// The access log: one line per request, written straight into the log buffer — the same
/// fields and formats as every other line (text or JSON), without building swift-log
/// metadata, which cost about a fifth of the server's CPU. Application logs keep swift-log.
///
/// Text: `… info lattice.access: GET /v1 200 bytes=712 duration_ms=0.041 method=GET path=/v1 request_id=… route=index status=200`
enum AccessLog {
    static let label = "lattice.access"

    /// The writer for a format (`text` or `json`); nil when the level hides info lines.
    static func writer(format: String, level: Logger.Level) -> (@Sendable (AccessLogEntry) -> Void)? {
        guard level <= .info else { return nil }
        if format == "json" {
            return { entry in LogSink.standardError.append(urgent: false) { appendJSON(entry, to: &$0) } }
        }
        return { entry in LogSink.standardError.append(urgent: false) { appendText(entry, to: &$0) } }
    }

    static func appendText(_ entry: AccessLogEntry, to line: inout [UInt8]) {
        TextLines.appendHead(level: .info, label: label, to: &line)
        LogText.appendMessage(entry.method, to: &line)
        line.append(UInt8(ascii: " "))
        LogText.appendMessage(entry.path, to: &line)
        line.append(UInt8(ascii: " "))
        Digits.append(entry.status, to: &line)
        line.append(contentsOf: " bytes=".utf8)
        Digits.append(entry.bytes, to: &line)
        line.append(contentsOf: " duration_ms=".utf8)
        Digits.appendMilliseconds(entry.durationSeconds, to: &line)
        TextLines.appendField("method", entry.method, to: &line)
        TextLines.appendField("path", entry.path, to: &line)
        TextLines.appendField("request_id", entry.requestID, to: &line)
        TextLines.appendField("route", entry.route, to: &line)
        line.append(contentsOf: " status=".utf8)
        Digits.append(entry.status, to: &line)
        line.append(UInt8(ascii: "\n"))
    }

    static func appendJSON(_ entry: AccessLogEntry, to line: inout [UInt8]) {
        JSONLines.appendHead(level: .info, label: label, message: "\(entry.method) \(entry.path) \(entry.status)", to: &line)
        line.append(contentsOf: #","bytes":"#.utf8)
        Digits.append(entry.bytes, to: &line)
        line.append(contentsOf: #","duration_ms":"#.utf8)
        Digits.appendMilliseconds(entry.durationSeconds, to: &line)
        line.append(contentsOf: #","method":"#.utf8)
        JSONWriter.appendString(entry.method, to: &line)
        line.append(contentsOf: #","path":"#.utf8)
        JSONWriter.appendString(entry.path, to: &line)
        line.append(contentsOf: #","request_id":"#.utf8)
        JSONWriter.appendString(entry.requestID, to: &line)
        line.append(contentsOf: #","route":"#.utf8)
        JSONWriter.appendString(entry.route, to: &line)
        line.append(contentsOf: #","status":"#.utf8)
        Digits.append(entry.status, to: &line)
        line.append(contentsOf: "}\n".utf8)
    }
}
