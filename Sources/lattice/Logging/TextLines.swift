import Logging

/// `2026-11-29T10:12:34.567Z info lattice: listening address=127.0.0.1:8080`, fields sorted
/// by key. Message and values are escaped by ``LogText``: one event is always one line.
enum TextLines: LogLineFormat {
    static func append(level: Logger.Level, label: String, message: String, fields: Logger.Metadata, to line: inout [UInt8]) {
        appendHead(level: level, label: label, to: &line)
        LogText.appendMessage(message, to: &line)
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            appendField(key, value.description, to: &line)
        }
        line.append(UInt8(ascii: "\n"))
    }

    /// `time level label: `
    static func appendHead(level: Logger.Level, label: String, to line: inout [UInt8]) {
        Timestamp.append(to: &line)
        line.append(UInt8(ascii: " "))
        line.append(contentsOf: level.rawValue.utf8)
        line.append(UInt8(ascii: " "))
        line.append(contentsOf: label.utf8)
        line.append(UInt8(ascii: ":"))
        line.append(UInt8(ascii: " "))
    }

    /// ` key=value`
    static func appendField(_ key: StaticString, _ value: String, to line: inout [UInt8]) {
        line.append(UInt8(ascii: " "))
        key.withUTF8Buffer { line.append(contentsOf: $0) }
        line.append(UInt8(ascii: "="))
        LogText.appendValue(value, to: &line)
    }

    static func appendField(_ key: String, _ value: String, to line: inout [UInt8]) {
        line.append(UInt8(ascii: " "))
        LogText.appendMessage(key, to: &line)
        line.append(UInt8(ascii: "="))
        LogText.appendValue(value, to: &line)
    }
}
