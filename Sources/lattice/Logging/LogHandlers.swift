import Dispatch
import Glibc
import Logging
import LatticeHTTP

/// Where log lines go: standard error, through a buffer. Writing each access-log line with
/// its own syscall cost a third of the server's CPU under load; lines are now appended to a
/// buffer that is written when it passes 64 KiB, every 100 ms, at exit, and at once for
/// warnings and worse (so problems are never held back). The lock keeps lines whole.
final class LogSink: Sendable {
    static let standardError = LogSink()
    private let buffer = Locked<[UInt8]>([])
    private static let flushThreshold = 64 * 1024

    private init() {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "lattice.log.flush"))
        timer.schedule(deadline: .now() + .milliseconds(100), repeating: .milliseconds(100), leeway: .milliseconds(20))
        timer.setEventHandler { LogSink.standardError.flush() }
        timer.resume()
        Self.timer = timer
        atexit { LogSink.standardError.flush() }
    }

    nonisolated(unsafe) private static var timer: DispatchSourceTimer?

    func write(_ line: String, urgent: Bool) {
        buffer.withLock { bytes in
            bytes.append(contentsOf: line.utf8)
            if urgent || bytes.count >= Self.flushThreshold { Self.drain(&bytes) }
        }
    }

    func flush() {
        buffer.withLock { bytes in
            if !bytes.isEmpty { Self.drain(&bytes) }
        }
    }

    private static func drain(_ bytes: inout [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { break }
                offset += written
            }
        }
        bytes.removeAll(keepingCapacity: bytes.capacity <= 4 * flushThreshold)
    }
}

/// How one log line is written; the handler around it is shared.
protocol LogLineFormat: Sendable {
    static func line(time: String, level: Logger.Level, label: String, message: String, fields: Logger.Metadata) -> String
}

/// A swift-log handler that formats each event as one line and hands it to ``LogSink``.
struct LineLogHandler<Format: LogLineFormat>: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level
    let label: String

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let line = Format.line(time: Timestamp.now(), level: event.level, label: label,
                               message: event.message.description, fields: combined(metadata, event.metadata))
        LogSink.standardError.write(line, urgent: event.level >= .warning)
    }
}

/// `2026-11-29T10:12:34.567Z info lattice: listening address=127.0.0.1:8080`
enum TextLines: LogLineFormat {
    static func line(time: String, level: Logger.Level, label: String, message: String, fields: Logger.Metadata) -> String {
        var line = ""
        line.reserveCapacity(256)
        line += time
        line += " "
        line += level.rawValue
        line += " "
        line += label
        line += ": "
        line += message
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            line += " "
            line += key
            line += "="
            line += format(value)
        }
        return line + "\n"
    }

    private static func format(_ value: Logger.Metadata.Value) -> String {
        let text = value.description
        return text.utf8.contains(UInt8(ascii: " ")) || text.isEmpty ? "\"\(text)\"" : text
    }
}

/// One JSON object per line: `{"time":…,"level":"info","label":"lattice","message":…,…metadata}`.
enum JSONLines: LogLineFormat {
    static func line(time: String, level: Logger.Level, label: String, message: String, fields: Logger.Metadata) -> String {
        var line = "{\"time\":\""
        line.reserveCapacity(384)
        line += time
        line += "\",\"level\":\""
        line += level.rawValue
        line += "\",\"label\":"
        line += quote(label)
        line += ",\"message\":"
        line += quote(message)
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            line += ","
            line += quote(key)
            line += ":"
            line += json(value)
        }
        return line + "}\n"
    }

    private static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): quote(text)
        case .stringConvertible(let value):
            if let number = value as? any BinaryInteger { "\(number)" }
            else if let number = value as? Double, number.isFinite { "\(number)" }
            else if let flag = value as? Bool { "\(flag)" }
            else { quote("\(value)") }
        case .array(let values): "[" + values.map(json).joined(separator: ",") + "]"
        case .dictionary(let values): "{" + values.keys.sorted().map { "\(quote($0)):\(json(values[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += "\\u" + String(scalar.value, radix: 16).padded(4)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// A handler's own metadata with the event's on top; no copy when one of them is empty
/// (the usual case: access-log lines carry only their own fields).
private func combined(_ handler: Logger.Metadata, _ event: Logger.Metadata?) -> Logger.Metadata {
    guard let event, !event.isEmpty else { return handler }
    if handler.isEmpty { return event }
    return handler.merging(event) { $1 }
}

enum Timestamp {
    /// The date and time to the second, formatted once per second.
    private static let cache = Locked<(second: Int, text: String)>((-1, ""))

    /// RFC 3339 in UTC with milliseconds.
    static func now() -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        let prefix = cache.withLock { cache -> String in
            if cache.second != time.tv_sec {
                var seconds = time.tv_sec
                var parts = tm()
                gmtime_r(&seconds, &parts)
                let date = "\(parts.tm_year + 1900)-\(String(parts.tm_mon + 1).padded(2))-\(String(parts.tm_mday).padded(2))"
                let clock = "\(String(parts.tm_hour).padded(2)):\(String(parts.tm_min).padded(2)):\(String(parts.tm_sec).padded(2))"
                cache = (time.tv_sec, "\(date)T\(clock).")
            }
            return cache.text
        }
        return prefix + String(time.tv_nsec / 1_000_000).padded(3) + "Z"
    }
}

enum Logs {
    /// Installs the chosen handler for every logger of the process.
    static func bootstrap(format: String, level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            if format == "json" { return LineLogHandler<JSONLines>(logLevel: level, label: label) as any LogHandler }
            return LineLogHandler<TextLines>(logLevel: level, label: label)
        }
    }
}
