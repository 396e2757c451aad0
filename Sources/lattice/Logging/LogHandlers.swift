import Glibc
import Logging
import LatticeHTTP

/// Where log lines go: one `write` per line to standard error, under a lock so lines from
/// different threads never interleave.
final class LogSink: Sendable {
    static let standardError = LogSink()
    /// Lines written so far; the lock around it also serializes the writes.
    private let lines = Locked(0)

    func write(_ line: String) {
        lines.withLock { count in
            count += 1
            var line = line
            line.withUTF8 { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
        }
    }
}

/// `2026-11-29T10:12:34.567Z info lattice: listening address=127.0.0.1:8080`
struct TextLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level
    let label: String

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var line = "\(Timestamp.now()) \(event.level) \(label): \(event.message)"
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for key in merged.keys.sorted() {
            line += " \(key)=\(Self.format(merged[key]!))"
        }
        LogSink.standardError.write(line + "\n")
    }

    private static func format(_ value: Logger.Metadata.Value) -> String {
        let text = "\(value)"
        return text.contains(" ") || text.isEmpty ? "\"\(text)\"" : text
    }
}

/// One JSON object per line: `{"time":…,"level":"info","label":"lattice","message":…,…metadata}`.
struct JSONLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level
    let label: String

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var line = "{\"time\":\(Self.quote(Timestamp.now())),\"level\":\"\(event.level)\",\"label\":\(Self.quote(label)),\"message\":\(Self.quote("\(event.message)"))"
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for key in merged.keys.sorted() {
            line += ",\(Self.quote(key)):\(Self.json(merged[key]!))"
        }
        LogSink.standardError.write(line + "}\n")
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

enum Timestamp {
    /// RFC 3339 in UTC with milliseconds.
    static func now() -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        var seconds = time.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let date = "\(parts.tm_year + 1900)-\(String(parts.tm_mon + 1).padded(2))-\(String(parts.tm_mday).padded(2))"
        let clock = "\(String(parts.tm_hour).padded(2)):\(String(parts.tm_min).padded(2)):\(String(parts.tm_sec).padded(2))"
        return "\(date)T\(clock).\(String(time.tv_nsec / 1_000_000).padded(3))Z"
    }
}

enum Logs {
    /// Installs the chosen handler for every logger of the process.
    static func bootstrap(format: String, level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            if format == "json" { return JSONLogHandler(logLevel: level, label: label) as any LogHandler }
            return TextLogHandler(logLevel: level, label: label)
        }
    }
}
