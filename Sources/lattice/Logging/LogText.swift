/// How text log lines keep request data from forging lines or fields: every control
/// character (C0, DEL, and the Unicode line breaks NEL, LS and PS) is written as an escape,
/// so one event is always one line; a value with a space, a quote, an `=` or nothing in it is
/// quoted, with `"` and `\` escaped inside, so `key=value` pairs cannot be faked either.
enum LogText {
    /// `message` with control characters escaped; never quoted.
    static func appendMessage(_ text: String, to line: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendEscaped($0, quoting: false, to: &line) }
    }

    /// `value`, escaped and quoted when it needs to be.
    static func appendValue(_ text: String, to line: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            let quote = bytes.isEmpty || bytes.contains { $0 == space || $0 == quoteMark || $0 == equals }
            if quote { line.append(quoteMark) }
            appendEscaped(bytes, quoting: quote, to: &line)
            if quote { line.append(quoteMark) }
        }
    }

    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, quoting: Bool, to line: inout [UInt8]) {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x0A: line.append(backslash); line.append(UInt8(ascii: "n"))
            case 0x0D: line.append(backslash); line.append(UInt8(ascii: "r"))
            case 0x09: line.append(backslash); line.append(UInt8(ascii: "t"))
            case 0x00..<0x20, 0x7F: appendHex(UInt32(byte), to: &line)
            case quoteMark where quoting, backslash where quoting:
                line.append(backslash); line.append(byte)
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0x85:  // NEL
                appendHex(0x85, to: &line)
                index += 1
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                appendHex(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029, to: &line)  // LS, PS
                index += 2
            default: line.append(byte)
            }
            index += 1
        }
    }

    /// `\x1b` for a byte, `\u2028` for a wider code point.
    private static func appendHex(_ value: UInt32, to line: inout [UInt8]) {
        line.append(backslash)
        let width = value > 0xFF ? 4 : 2
        line.append(UInt8(ascii: width == 4 ? "u" : "x"))
        for shift in stride(from: (width - 1) * 4, through: 0, by: -4) {
            line.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)])
        }
    }

    private static let space = UInt8(ascii: " ")
    private static let quoteMark = UInt8(ascii: "\"")
    private static let equals = UInt8(ascii: "=")
    private static let backslash = UInt8(ascii: "\\")
    private static let hexDigits = Array("0123456789abcdef".utf8)
}
