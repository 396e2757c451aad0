/// The header fields of a request, kept as the bytes that arrived plus the position of
/// each name and value, so parsing a request allocates one array however many fields it has.
///
/// Names compare case-insensitively (RFC 9110 §5.1); repeated fields are all kept, in order.
public struct HTTPHeaders: Sendable {
    struct Field: Sendable {
        var nameStart: Int32, nameEnd: Int32, valueStart: Int32, valueEnd: Int32
    }

    let storage: [UInt8]
    let fields: [Field]

    init(storage: [UInt8], fields: [Field]) {
        self.storage = storage
        self.fields = fields
    }

    /// Builds headers from name/value pairs (for tests and synthetic requests).
    public init(_ pairs: [(String, String)] = []) {
        var storage: [UInt8] = []
        var fields: [Field] = []
        for (name, value) in pairs {
            let nameStart = storage.count
            storage.append(contentsOf: name.utf8)
            let valueStart = storage.count
            storage.append(contentsOf: value.utf8)
            fields.append(
                Field(
                    nameStart: Int32(nameStart), nameEnd: Int32(valueStart),
                    valueStart: Int32(valueStart), valueEnd: Int32(storage.count)))
        }
        self.storage = storage
        self.fields = fields
    }

    public var count: Int { fields.count }

    /// The first value of the named field, or nil.
    public subscript(name: String) -> String? {
        storage.withUnsafeBufferPointer { bytes in
            for field in fields where Self.matches(bytes, field, name) {
                return String(decoding: bytes[Int(field.valueStart)..<Int(field.valueEnd)], as: UTF8.self)
            }
            return nil
        }
    }

    /// How often the fields that decide a request's framing and connection appear, and where
    /// the first Host value is: found in one pass over the names, since every request needs
    /// them and most have none of the rarer ones.
    struct FramingFields {
        var host = 0
        var firstHost: Range<Int>?
        var transferEncoding = 0
        var contentLength = 0
        var expect = 0
        var connection = 0
    }

    func framingFields() -> FramingFields {
        storage.withUnsafeBufferPointer { bytes in
            var found = FramingFields()
            for field in fields {
                let name = Int(field.nameStart)..<Int(field.nameEnd)
                switch name.count {
                case 4 where Self.equalsIgnoringCase(bytes, name, "host"):
                    if found.host == 0 { found.firstHost = Int(field.valueStart)..<Int(field.valueEnd) }
                    found.host += 1
                case 6 where Self.equalsIgnoringCase(bytes, name, "expect"): found.expect += 1
                case 10 where Self.equalsIgnoringCase(bytes, name, "connection"): found.connection += 1
                case 14 where Self.equalsIgnoringCase(bytes, name, "content-length"): found.contentLength += 1
                case 17 where Self.equalsIgnoringCase(bytes, name, "transfer-encoding"): found.transferEncoding += 1
                default: break
                }
            }
            return found
        }
    }

    /// Runs `body` on the bytes in `range` of the field storage.
    func withBytes<R>(in range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Every value of the named field, in arrival order.
    public func values(for name: String) -> [String] {
        storage.withUnsafeBufferPointer { bytes in
            fields.filter { Self.matches(bytes, $0, name) }.map {
                String(decoding: bytes[Int($0.valueStart)..<Int($0.valueEnd)], as: UTF8.self)
            }
        }
    }

    /// Whether any comma-separated element of the named field equals `token`, ignoring case
    /// (`Connection: keep-alive, Upgrade`; `Accept-Encoding: gzip;q=1`). Parameters after
    /// `;` are ignored, except that `q=0` means "not acceptable".
    public func containsToken(_ token: String, in name: String) -> Bool {
        storage.withUnsafeBufferPointer { bytes in
            for field in fields where Self.matches(bytes, field, name) {
                var start = Int(field.valueStart)
                let end = Int(field.valueEnd)
                while start <= end {
                    var elementEnd = start
                    while elementEnd < end && bytes[elementEnd] != UInt8(ascii: ",") { elementEnd += 1 }
                    if Self.element(bytes, start..<elementEnd, is: token) { return true }
                    start = elementEnd + 1
                }
            }
            return false
        }
    }

    /// Whether one list element, `token *( OWS ";" OWS parameter )`, is `token` (ignoring
    /// case) and not refused with `q=0`. Works on the bytes: no strings are built.
    private static func element(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, is token: String) -> Bool {
        var start = range.lowerBound
        var isFirst = true
        while start <= range.upperBound {
            var partEnd = start
            while partEnd < range.upperBound && bytes[partEnd] != UInt8(ascii: ";") { partEnd += 1 }
            let part = trimmed(bytes, start..<partEnd)
            if isFirst {
                guard equalsIgnoringCase(bytes, part, token) else { return false }
                isFirst = false
            } else if ["q=0", "q=0.0", "q=0.00", "q=0.000"].contains(where: { equalsIgnoringCase(bytes, part, $0) }) {
                return false
            }
            start = partEnd + 1
        }
        return true
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper && (bytes[lower] == ASCII.space || bytes[lower] == ASCII.tab) { lower += 1 }
        while upper > lower && (bytes[upper - 1] == ASCII.space || bytes[upper - 1] == ASCII.tab) { upper -= 1 }
        return lower..<upper
    }

    private static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ text: String) -> Bool {
        guard range.count == text.utf8.count else { return false }
        var index = range.lowerBound
        for expected in text.utf8 {
            if ASCII.lowercase(bytes[index]) != ASCII.lowercase(expected) { return false }
            index += 1
        }
        return true
    }

    /// All fields as strings, in arrival order.
    public var pairs: [(name: String, value: String)] {
        storage.withUnsafeBufferPointer { bytes in
            fields.map {
                (
                    String(decoding: bytes[Int($0.nameStart)..<Int($0.nameEnd)], as: UTF8.self),
                    String(decoding: bytes[Int($0.valueStart)..<Int($0.valueEnd)], as: UTF8.self)
                )
            }
        }
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Field, _ name: String) -> Bool {
        equalsIgnoringCase(bytes, Int(field.nameStart)..<Int(field.nameEnd), name)
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
