import LatticeAPI

/// What a setting's values are: how text from a flag, an environment variable or the config
/// file becomes a `Value` (or the reason it does not), and how a value is shown again in
/// `lattice config`, Config/lattice.json and the README. Rows of ``SettingTable`` pick one of
/// the constructors below; the row's `Value` follows from it.
struct SettingType<Value: Sendable>: Sendable {
    /// The README's "Type" column: `integer 0–65535`, `text \| json`.
    let description: String
    /// What a wrong JSON type in the config file should have been: "an integer".
    let expected: String
    /// The JSON type the config file must use for this setting.
    let fileType: SettingFileType
    /// A flag's value placeholder in `--help`: `<integer>`, `<seconds>`.
    let valueName: String
    /// The value, or why not: the end of a sentence that begins `key = "text" (from source)`.
    let parse: @Sendable (String) -> Result<Value, SettingRefusal>
    /// How `lattice config` and the README show a value: `10`, `0.25`, `*`.
    let text: @Sendable (Value) -> String
    /// The value as JSON, for Config/lattice.json.
    let json: @Sendable (Value) -> String
}

enum SettingFileType: Sendable {
    case string, number, bool, stringList
}

/// Why a text is not a value of a setting: the end of a sentence that begins
/// `key = "text" (from source)`, such as "is out of range 0…65535".
struct SettingRefusal: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

extension SettingType where Value == String {
    /// Any non-empty text.
    static var text: Self {
        Self(
            description: "string", expected: "a string", fileType: .string, valueName: "string",
            parse: { $0.isEmpty ? .failure(SettingRefusal("must not be empty")) : .success($0) },
            text: { $0 }, json: jsonString)
    }

    /// A folder, or empty to turn off what it is for.
    static var optionalPath: Self {
        Self(
            description: "string (empty: off)", expected: "a string", fileType: .string, valueName: "path",
            parse: { .success($0) }, text: { $0 }, json: jsonString)
    }
}

extension SettingType where Value == Int {
    static func integer(_ range: ClosedRange<Int>) -> Self {
        Self(
            description: "integer \(range.lowerBound)–\(range.upperBound)", expected: "an integer", fileType: .number,
            valueName: "integer",
            parse: { text in
                guard let number = Int(text) else {
                    return .failure(SettingRefusal("is not an integer; expected a whole number from \(range.lowerBound) to \(range.upperBound)"))
                }
                guard range.contains(number) else { return .failure(SettingRefusal("is out of range \(range.lowerBound)…\(range.upperBound)")) }
                return .success(number)
            },
            text: { String($0) }, json: { String($0) })
    }
}

extension SettingType where Value == Duration {
    /// A number of seconds, with a fraction if need be; kept to the millisecond.
    static func seconds(_ range: ClosedRange<Double>) -> Self {
        Self(
            description: "seconds \(range.lowerBound.plain)–\(range.upperBound.plain)", expected: "a number of seconds",
            fileType: .number, valueName: "seconds",
            parse: { text in
                guard let number = Double(text), number.isFinite else { return .failure(SettingRefusal("is not a number of seconds")) }
                guard range.contains(number) else {
                    return .failure(SettingRefusal("is out of range \(range.lowerBound.plain)…\(range.upperBound.plain) seconds"))
                }
                return .success(.milliseconds(Int((number * 1000).rounded())))
            },
            text: { $0.seconds.plain }, json: { $0.seconds.plain })
    }
}

extension SettingType where Value == Bool {
    static var boolean: Self {
        Self(
            description: "boolean", expected: "true or false", fileType: .bool, valueName: "true|false",
            parse: { text in
                switch text.lowercased() {
                case "true", "1", "yes", "on": .success(true)
                case "false", "0", "no", "off": .success(false)
                default: .failure(SettingRefusal("must be true or false"))
                }
            },
            text: { String($0) }, json: { String($0) })
    }
}

extension SettingType where Value == [String] {
    /// A JSON array of strings in the file; comma-separated in a flag or the environment.
    static var list: Self {
        Self(
            description: "list of strings", expected: "a list of strings", fileType: .stringList, valueName: "list",
            parse: { text in
                let items = text.split(separator: ",", omittingEmptySubsequences: false).map { item in
                    String(item.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
                }
                guard !items.isEmpty, !items.contains(where: \.isEmpty) else { return .failure(SettingRefusal("must be a non-empty list")) }
                return .success(items)
            },
            text: { $0.joined(separator: ",") },
            json: { "[" + $0.map(jsonString).joined(separator: ", ") + "]" })
    }
}

extension SettingType where Value == [String] {
    /// A list that may be empty: `[]` in the file, an empty string in a flag or the environment.
    static var optionalList: Self {
        Self(
            description: "list of strings (empty: none)", expected: "a list of strings", fileType: .stringList, valueName: "list",
            parse: { text in
                if text.isEmpty { return .success([]) }
                return list.parse(text)
            },
            text: { $0.joined(separator: ",") },
            json: list.json)
    }
}

extension SettingType where Value: CaseIterable & RawRepresentable, Value.RawValue == String {
    /// One of an enumeration's raw values, in its declared order.
    static var choice: Self {
        let names = Value.allCases.map(\.rawValue)
        return Self(
            description: names.joined(separator: " \\| "), expected: "a string", fileType: .string,
            valueName: names.joined(separator: "|"),
            parse: { text in
                if text.isEmpty { return .failure(SettingRefusal("must not be empty")) }
                guard let value = Value(rawValue: text) else {
                    return .failure(SettingRefusal("must be one of \(names.joined(separator: ", "))"))
                }
                return .success(value)
            },
            text: { $0.rawValue }, json: { jsonString($0.rawValue) })
    }
}

extension Duration {
    /// Whole and fractional seconds as a `Double`: `0.25`.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// `text` as a JSON string literal, escaped by the package's one JSON string writer.
private func jsonString(_ text: String) -> String {
    var bytes: [UInt8] = []
    JSONWriter.appendString(text, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}
