/// Writes JSON straight into bytes, keys in the order the caller writes them, so output is
/// deterministic and no generic encoder runs on a hot path.
///
/// ```swift
/// var json = JSONWriter()
/// json.object { o in
///     o.field("id", "japan")
///     o.field("counts") { $0.object { c in c.field("relations", 3) } }
/// }
/// ```
package struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    private init(empty: Void) {}

    mutating func raw(_ fragment: [UInt8]) { bytes.append(contentsOf: fragment) }
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func null() { raw("null") }
    mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

    mutating func int(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func double(_ value: Double) {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            int(Int(value))
        } else if value.isFinite {
            bytes.append(contentsOf: "\(value)".utf8)
        } else {
            null()
        }
    }

    /// A JSON string with the escapes RFC 8259 requires (and `/` left alone). Non-ASCII is
    /// written as UTF-8.
    mutating func string(_ value: String) {
        Self.appendString(value, to: &bytes)
    }

    /// `value` as a quoted JSON string appended to `bytes`: the one JSON string escaper of
    /// the package (the logs use it too). U+2028 and U+2029 are escaped as well: valid JSON
    /// either way, but line breaks to JavaScript and to some log viewers.
    package static func appendString(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                if byte == 0xE2, index + 2 < utf8.count, utf8[index + 1] == 0x80, utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9 {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                    bytes.append(contentsOf: Array((utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8))
                    runStart = index + 3
                    continue
                }
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                default:
                    bytes.append(contentsOf: Array("\\u00".utf8))
                    bytes.append(hexDigits[Int(byte >> 4)])
                    bytes.append(hexDigits[Int(byte & 0x0F)])
                }
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    mutating func object(_ body: (inout ObjectWriter) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        var writer = ObjectWriter(json: JSONWriter(empty: ()))
        swap(&writer.json.bytes, &bytes)  // hand the buffer over without copying
        body(&writer)
        swap(&writer.json.bytes, &bytes)
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func array<S: Sequence>(_ elements: S, _ body: (inout JSONWriter, S.Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for element in elements {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            body(&self, element)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func strings(_ values: [String]) {
        array(values) { $0.string($1) }
    }

    struct ObjectWriter {
        fileprivate var json: JSONWriter
        private var first = true

        fileprivate init(json: JSONWriter) {
            self.json = json
        }

        private mutating func key(_ name: StaticString) {
            if !first { json.bytes.append(UInt8(ascii: ",")) }
            first = false
            json.bytes.append(UInt8(ascii: "\""))
            name.withUTF8Buffer { json.bytes.append(contentsOf: $0) }
            json.bytes.append(UInt8(ascii: "\""))
            json.bytes.append(UInt8(ascii: ":"))
        }

        mutating func field(_ name: StaticString, _ value: String) { key(name); json.string(value) }
        mutating func field(_ name: StaticString, _ value: String?) { key(name); json.optionalString(value) }
        mutating func field(_ name: StaticString, _ value: Int) { key(name); json.int(value) }
        mutating func field(_ name: StaticString, _ value: Double) { key(name); json.double(value) }
        mutating func field(_ name: StaticString, _ value: Bool) { key(name); json.bool(value) }
        mutating func field(_ name: StaticString, _ values: [String]) { key(name); json.strings(values) }
        mutating func null(_ name: StaticString) { key(name); json.null() }
        /// A key known only at run time (escaped like any string).
        mutating func field(dynamic name: String, _ value: String) {
            if !first { json.bytes.append(UInt8(ascii: ",")) }
            first = false
            json.string(name)
            json.bytes.append(UInt8(ascii: ":"))
            json.string(value)
        }
        mutating func raw(_ name: StaticString, _ fragment: [UInt8]) { key(name); json.raw(fragment) }
        mutating func field(_ name: StaticString, _ body: (inout JSONWriter) -> Void) {
            key(name)
            body(&json)
        }
    }
}
