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
            fields.append(Field(nameStart: Int32(nameStart), nameEnd: Int32(valueStart),
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

    /// Every value of the named field, in arrival order.
    public func values(for name: String) -> [String] {
        storage.withUnsafeBufferPointer { bytes in
            fields.filter { Self.matches(bytes, $0, name) }.map {
                String(decoding: bytes[Int($0.valueStart)..<Int($0.valueEnd)], as: UTF8.self)
            }
        }
    }

    /// How many fields carry this name.
    public func count(of name: String) -> Int {
        storage.withUnsafeBufferPointer { bytes in
            fields.reduce(0) { $0 + (Self.matches(bytes, $1, name) ? 1 : 0) }
        }
    }

    /// Whether any comma-separated element of the named field equals `token`, ignoring case
    /// (`Connection: keep-alive, Upgrade`; `Accept-Encoding: gzip;q=1`). Parameters after
    /// `;` are ignored, except that `q=0` means "not acceptable".
    public func containsToken(_ token: String, in name: String) -> Bool {
        for value in values(for: name) {
            for element in value.split(separator: ",") {
                let parts = element.split(separator: ";")
                guard let first = parts.first,
                      first.trimmingSpaces().lowercased() == token.lowercased() else { continue }
                let rejected = parts.dropFirst().contains { parameter in
                    let p = parameter.trimmingSpaces().lowercased()
                    return p == "q=0" || p == "q=0.0" || p == "q=0.00" || p == "q=0.000"
                }
                if !rejected { return true }
            }
        }
        return false
    }

    /// All fields as strings, in arrival order.
    public var pairs: [(name: String, value: String)] {
        storage.withUnsafeBufferPointer { bytes in
            fields.map {
                (String(decoding: bytes[Int($0.nameStart)..<Int($0.nameEnd)], as: UTF8.self),
                 String(decoding: bytes[Int($0.valueStart)..<Int($0.valueEnd)], as: UTF8.self))
            }
        }
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Field, _ name: String) -> Bool {
        let length = Int(field.nameEnd - field.nameStart)
        guard length == name.utf8.count else { return false }
        var index = Int(field.nameStart)
        for expected in name.utf8 {
            if ASCII.lowercase(bytes[index]) != ASCII.lowercase(expected) { return false }
            index += 1
        }
        return true
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
