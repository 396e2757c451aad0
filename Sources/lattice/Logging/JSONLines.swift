import LatticeAPI
import Logging

/// One JSON object per line: `{"time":…,"level":"info","label":"lattice","message":…,…metadata}`,
/// metadata keys sorted.
enum JSONLines: LogLineFormat {
    static func append(level: Logger.Level, label: String, message: String, fields: Logger.Metadata, to line: inout [UInt8]) {
        appendHead(level: level, label: label, message: message, to: &line)
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            line.append(UInt8(ascii: ","))
            JSONWriter.appendString(key, to: &line)
            line.append(UInt8(ascii: ":"))
            append(value, to: &line)
        }
        line.append(UInt8(ascii: "}"))
        line.append(UInt8(ascii: "\n"))
    }

    /// `{"time":"…","level":"…","label":"…","message":"…"` — the object left open.
    static func appendHead(level: Logger.Level, label: String, message: String, to line: inout [UInt8]) {
        line.append(contentsOf: #"{"time":""#.utf8)
        Timestamp.append(to: &line)
        line.append(contentsOf: #"","level":""#.utf8)
        line.append(contentsOf: level.rawValue.utf8)
        line.append(contentsOf: #"","label":"#.utf8)
        JSONWriter.appendString(label, to: &line)
        line.append(contentsOf: #","message":"#.utf8)
        JSONWriter.appendString(message, to: &line)
    }

    private static func append(_ value: Logger.Metadata.Value, to line: inout [UInt8]) {
        switch value {
        case .string(let text):
            JSONWriter.appendString(text, to: &line)
        case .stringConvertible(let value):
            if let number = value as? any BinaryInteger {
                line.append(contentsOf: "\(number)".utf8)
            } else if let number = value as? Double, number.isFinite {
                line.append(contentsOf: "\(number)".utf8)
            } else if let flag = value as? Bool {
                line.append(contentsOf: "\(flag)".utf8)
            } else {
                JSONWriter.appendString("\(value)", to: &line)
            }
        case .array(let values):
            line.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                append(value, to: &line)
            }
            line.append(UInt8(ascii: "]"))
        case .dictionary(let values):
            line.append(UInt8(ascii: "{"))
            for (index, key) in values.keys.sorted().enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(key, to: &line)
                line.append(UInt8(ascii: ":"))
                append(values[key]!, to: &line)
            }
            line.append(UInt8(ascii: "}"))
        }
    }
}
