import LatticeModel

/// A JSON value to write: the output side of ``JSONNode`` (which also remembers where each
/// value was read). Objects keep their members in the order given.
enum JSONOutput {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONOutput])
    case object([(String, JSONOutput)])

    static func optional(_ text: String?) -> JSONOutput { text.map(JSONOutput.string) ?? .null }

    /// UTF-8 text, two spaces per level, one member or element per line, and a final newline;
    /// non-ASCII characters are written as themselves (RFC 8259 §8.1).
    func serialized() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4096)
        write(into: &bytes, depth: 0)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    private func write(into bytes: inout [UInt8], depth: Int) {
        switch self {
        case .null: bytes += "null".utf8
        case .bool(let value): bytes += (value ? "true" : "false").utf8
        case .int(let value): bytes += String(value).utf8
        case .string(let text): Self.writeString(text, into: &bytes)
        case .array(let elements):
            guard !elements.isEmpty else {
                bytes += "[]".utf8
                return
            }
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                Self.newline(into: &bytes, depth: depth + 1)
                element.write(into: &bytes, depth: depth + 1)
            }
            Self.newline(into: &bytes, depth: depth)
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else {
                bytes += "{}".utf8
                return
            }
            bytes.append(UInt8(ascii: "{"))
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                Self.newline(into: &bytes, depth: depth + 1)
                Self.writeString(key, into: &bytes)
                bytes += ": ".utf8
                value.write(into: &bytes, depth: depth + 1)
            }
            Self.newline(into: &bytes, depth: depth)
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(into bytes: inout [UInt8], depth: Int) {
        bytes.append(UInt8(ascii: "\n"))
        bytes += repeatElement(UInt8(ascii: " "), count: 2 * depth)
    }

    /// RFC 8259 §7: quotation mark, reverse solidus and control characters are escaped.
    private static func writeString(_ text: String, into bytes: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += #"\""#.utf8
            case UInt8(ascii: "\\"): bytes += #"\\"#.utf8
            case UInt8(ascii: "\n"): bytes += #"\n"#.utf8
            case UInt8(ascii: "\r"): bytes += #"\r"#.utf8
            case UInt8(ascii: "\t"): bytes += #"\t"#.utf8
            case 0..<0x20: bytes += #"\u00"#.utf8 + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
