/// A strict JSON parser (RFC 8259) for curator-written files. It differs from a general
/// decoder in what it refuses, with a line and column for each refusal: invalid UTF-8,
/// duplicate keys (a silent overwrite hides a curator's mistake), nesting deeper than a
/// limit, numbers out of range, trailing content.
///
/// A protocol message is parsed in the `.message` dialect instead: any valid JSON is
/// accepted there, because a client may send fields we never read (RFC 8259 §9 lets a parser
/// limit numbers' precision, not refuse them).
public struct JSONParser {
    /// What a document may hold beyond the common ground of both dialects.
    public enum Dialect: Sendable {
        /// A curator's file: `\u0000`, integers beyond 2^53 and numbers beyond a Double's
        /// range are refused, each with its position, since no curator means them.
        case seed
        /// A protocol message: `\u0000` is a character like another; an integer beyond 2^53 is
        /// kept as an inexact number (so a field that needs an integer refuses it by type) and
        /// a number beyond a Double's range as an infinite one.
        case message
    }

    public struct Failure: Error, Sendable, Equatable {
        public let message: String
        public let line: Int
        public let column: Int
    }

    public static let maximumDepth = 32

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0
    /// Seed text refuses `\u0000` (C-string tools stop at it) and numbers it cannot hold exactly.
    private let dialect: Dialect

    private init(bytes: [UInt8], dialect: Dialect) {
        self.bytes = bytes
        self.dialect = dialect
    }

    /// Parses a whole document: one value, surrounded by whitespace only.
    public static func parse(_ bytes: [UInt8], dialect: Dialect = .seed) throws(Failure) -> JSONNode {
        if let offset = UTF8Validation.firstInvalidOffset(in: bytes) {
            let (line, column) = UTF8Validation.position(of: offset, in: bytes)
            throw Failure(
                message: "invalid UTF-8 (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) at offset \(offset)); save the file as UTF-8",
                line: line, column: column)
        }
        var parser = JSONParser(bytes: bytes, dialect: dialect)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }  // tolerate a BOM
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.index == bytes.count else {
            throw parser.failure("unexpected content after the end of the JSON value")
        }
        return value
    }

    private var column: Int { index - lineStart + 1 }

    private func failure(_ message: String) -> Failure {
        Failure(message: message, line: line, column: column)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "\n"):
                index += 1
                line += 1
                lineStart = index
            default:
                return
            }
        }
    }

    private mutating func parseValue() throws(Failure) -> JSONNode {
        guard index < bytes.count else { throw failure("unexpected end of file; a value is missing") }
        let (startLine, startColumn) = (line, column)
        let value: JSONNode.Value
        switch bytes[index] {
        case UInt8(ascii: "{"): value = try parseObject()
        case UInt8(ascii: "["): value = try parseArray()
        case UInt8(ascii: "\""): value = .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); value = .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); value = .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); value = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = try parseNumber()
        default:
            throw failure("unexpected character \(describe(at: index)); expected a value")
        }
        return JSONNode(value: value, line: startLine, column: startColumn)
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        if depth > Self.maximumDepth { throw failure("nested more than \(Self.maximumDepth) levels deep") }
    }

    private mutating func parseObject() throws(Failure) -> JSONNode.Value {
        try enter()
        defer { depth -= 1 }
        index += 1
        var members: [JSONObject.Member] = []
        var seen = Set<String>()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(JSONObject(members: []))
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                guard index < bytes.count else { throw failure("unexpected end of file inside an object") }
                // `{"a": 1,}`: JSON has no trailing comma, and that is the usual way to get here.
                let hint = bytes[index] == UInt8(ascii: "}") && !members.isEmpty ? "; remove the comma before it" : ""
                throw failure("expected a key in double quotes, found \(describe(at: index))\(hint)")
            }
            let (keyLine, keyColumn) = (line, column)
            let key = try parseString()
            guard seen.insert(key).inserted else {
                throw Failure(message: "duplicate key \"\(key)\" in the same object", line: keyLine, column: keyColumn)
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected \":\" after the key \"\(key)\"") }
            index += 1
            skipWhitespace()
            members.append(JSONObject.Member(key: key, value: try parseValue()))
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of file inside an object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(JSONObject(members: members))
            }
            throw failure("expected ',' or '}' after a member, found \(describe(at: index))\(missingCommaHint())")
        }
    }

    private mutating func parseArray() throws(Failure) -> JSONNode.Value {
        try enter()
        defer { depth -= 1 }
        index += 1
        var elements: [JSONNode] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array([])
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of file inside an array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            throw failure("expected ',' or ']' after an element, found \(describe(at: index))\(missingCommaHint())")
        }
    }

    private mutating func parseString() throws(Failure) -> String {
        index += 1  // opening quote
        var runStart = index
        var output: [UInt8] = []
        while true {
            guard index < bytes.count else { throw failure("unterminated string") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                output.append(contentsOf: bytes[runStart..<index])
                index += 1
                return String(decoding: output, as: UTF8.self)
            }
            if byte < 0x20 {
                throw failure(
                    byte == UInt8(ascii: "\n")
                        ? "unterminated string (a line break inside a string must be written \\n)"
                        : "a control character inside a string must be escaped")
            }
            if byte == UInt8(ascii: "\\") {
                output.append(contentsOf: bytes[runStart..<index])
                index += 1
                guard index < bytes.count else { throw failure("unterminated escape sequence") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "/"): output.append(UInt8(ascii: "/"))
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try parseHex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw failure("a high surrogate \\u escape must be followed by a low surrogate")
                        }
                        index += 2
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw failure("invalid low surrogate in a \\u escape") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw failure("a lone low surrogate \\u escape is not a character")
                    }
                    guard code != 0 || dialect == .message else { throw failure("\\u0000 is not allowed in seed text") }
                    if let scalar = Unicode.Scalar(code) { UTF8.encode(scalar) { output.append($0) } }
                default:
                    throw failure("invalid escape: a backslash followed by \(describe(at: index - 1))")
                }
                runStart = index
                continue
            }
            index += 1
        }
    }

    private mutating func parseHex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw failure("a \\u escape needs four hex digits")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private mutating func parseNumber() throws(Failure) -> JSONNode.Value {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        func digits() -> Int {
            let from = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return index - from
        }
        let integerDigits = digits()
        guard integerDigits > 0 else { throw failure("a number needs digits") }
        if integerDigits > 1, bytes[index - integerDigits] == UInt8(ascii: "0") {
            throw failure("a number must not have leading zeros")
        }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            isInteger = false
            guard digits() > 0 else { throw failure("a decimal point must be followed by digits") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            isInteger = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw failure("an exponent needs digits") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        let value = Double(text) ?? .nan
        let exact = !isInteger || abs(value) <= 9_007_199_254_740_991
        if dialect == .message {
            return .number(value, isInteger: isInteger && exact)
        }
        guard index - start <= 64, value.isFinite else {
            throw Failure(
                message: "the number \(text.prefix(24))\(text.count > 24 ? "…" : "") is out of range", line: line, column: start - lineStart + 1)
        }
        guard exact else {
            throw Failure(message: "the integer \(text.prefix(24)) is too large to be exact", line: line, column: start - lineStart + 1)
        }
        return .number(value, isInteger: isInteger)
    }

    private mutating func expectLiteral(_ literal: String) throws(Failure) {
        for expected in literal.utf8 {
            guard index < bytes.count, bytes[index] == expected else {
                throw failure("invalid literal; expected \(literal) (strings need double quotes)")
            }
            index += 1
        }
    }

    /// The character at `offset` as a curator would name it: `'"'`, `'{'`, `'“'`, or
    /// `U+0000` for an invisible one. Single quotes, so that a double quote reads as one.
    private func describe(at offset: Int) -> String {
        var iterator = bytes[offset...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else {
            return "the byte 0x\(String(bytes[offset], radix: 16, uppercase: true))"
        }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .unassigned, .privateUse, .surrogate:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        default:
            return "'\(Character(scalar))'"
        }
    }

    /// After a member or an element, another value's start means the comma between them is
    /// missing: say so, since the error is reported where the next value begins.
    private func missingCommaHint() -> String {
        switch bytes[index] {
        case UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            "; is a comma missing before it?"
        default:
            ""
        }
    }
}

/// UTF-8 validation that reports where the first invalid byte is.
enum UTF8Validation {
    static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch lead {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(lead & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(lead & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(lead & 0x07)
            default: return index
            }
            guard index + length <= count else { return index }
            for offset in 1..<length {
                let continuation = bytes[index + offset]
                guard continuation & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(continuation & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
            index += length
        }
        return nil
    }

    /// 1-based line and column (in bytes) of an offset.
    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }
}
