import FoundationEssentials
import LatticeModel

/// The resolved configuration: every setting's value and where it came from.
/// Precedence: command-line flag > environment variable > config file > built-in default.
struct ServiceConfiguration {
    enum Source: CustomStringConvertible, Equatable {
        case flag(String)
        case environment(String)
        case file(String)
        case builtIn

        var description: String {
            switch self {
            case .flag(let flag): "command-line flag \(flag)"
            case .environment(let name): "environment variable \(name)"
            case .file(let path): "config file \(path)"
            case .builtIn: "built-in default"
            }
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let messages: [String]
        var description: String { messages.joined(separator: "\n") }
    }

    private(set) var values: [String: ConfigValue] = [:]
    private(set) var sources: [String: Source] = [:]

    /// Resolves every setting. `flags` holds raw flag values by key; `configPath` is from
    /// --config or LATTICE_CONFIG; a missing default file (Config/lattice.json) is fine.
    static func resolve(flags: [String: String], configPath: String?, environment: [String: String]) throws(Failure) -> ServiceConfiguration {
        var configuration = ServiceConfiguration()
        var messages: [String] = []
        for setting in Setting.all {
            configuration.values[setting.key] = setting.defaultValue
            configuration.sources[setting.key] = .builtIn
        }
        let explicitPath = configPath ?? environment["LATTICE_CONFIG"]
        let path = explicitPath ?? "Config/lattice.json"
        if FileManager.default.fileExists(atPath: path) {
            messages += configuration.applyFile(path)
        } else if let explicitPath {
            messages.append("config file \(explicitPath) does not exist")
        }
        for setting in Setting.all {
            if let raw = environment[setting.environmentVariable] {
                messages += configuration.apply(setting, text: raw, source: .environment(setting.environmentVariable))
            }
        }
        for setting in Setting.all {
            if let raw = flags[setting.key] {
                messages += configuration.apply(setting, text: raw, source: .flag(setting.flag))
            }
        }
        let knownVariables = Set(Setting.all.map(\.environmentVariable) + ["LATTICE_CONFIG"])
        for name in environment.keys.sorted() where name.hasPrefix("LATTICE_") && !knownVariables.contains(name) {
            messages.append("environment variable \(name) is not a setting; known ones are \(knownVariables.sorted().joined(separator: ", "))")
        }
        guard messages.isEmpty else { throw Failure(messages: messages) }
        return configuration
    }

    private mutating func applyFile(_ path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return ["config file \(path) cannot be read"] }
        let root: JSONNode
        do {
            root = try JSONParser.parse([UInt8](data))
        } catch {
            return ["config file \(path):\(error.line):\(error.column): \(error.message)"]
        }
        guard case .object(let object) = root.value else { return ["config file \(path) must hold a JSON object of settings"] }
        var messages: [String] = []
        for member in object.members {
            guard let setting = Setting.all.first(where: { $0.key == member.key }) else {
                messages.append("config file \(path):\(member.value.line): unknown key \"\(member.key)\"; known keys are \(Setting.all.map(\.key).joined(separator: ", "))")
                continue
            }
            let source = Source.file("\(path):\(member.value.line)")
            switch (setting.kind, member.value.value) {
            case (.string, .string), (.optionalPath, .string), (.integer, .number), (.seconds, .number), (.bool, .bool):
                let text: String = switch member.value.value {
                case .string(let text): text
                // JSON has one kind of number: 1e3 and 1000.0 are the integer 1000.
                case .number(let number, let isInteger):
                    isInteger || (number == number.rounded() && abs(number) < 1e15) ? String(Int(number)) : String(number)
                case .bool(let flag): String(flag)
                default: ""
                }
                messages += apply(setting, text: text, source: source)
            case (.strings, .array(let elements)):
                let strings = elements.compactMap { element -> String? in
                    if case .string(let text) = element.value { return text }
                    return nil
                }
                if strings.count != elements.count {
                    messages.append("\(key(setting)) (from \(source)) must be a list of strings")
                } else {
                    messages += apply(setting, text: strings.joined(separator: ","), source: source)
                }
            default:
                messages.append("\(key(setting)) (from \(source)) must be \(expected(setting)), not \(member.value.typeDescription)")
            }
        }
        return messages
    }

    private func key(_ setting: Setting) -> String { setting.key }

    private func expected(_ setting: Setting) -> String {
        switch setting.kind {
        case .string, .optionalPath: "a string"
        case .integer: "an integer"
        case .seconds: "a number of seconds"
        case .bool: "true or false"
        case .strings: "a list of strings"
        }
    }

    /// Parses and range-checks one raw value; returns the problems.
    private mutating func apply(_ setting: Setting, text: String, source: Source) -> [String] {
        let where_ = "\(setting.key) = \"\(text.prefix(80))\" (from \(source))"
        let value: ConfigValue
        switch setting.kind {
        case .string(let allowed):
            guard !text.isEmpty else { return ["\(where_) must not be empty"] }
            if let allowed, !allowed.contains(text) { return ["\(where_) must be one of \(allowed.joined(separator: ", "))"] }
            value = .string(text)
        case .optionalPath:
            value = .string(text)
        case .integer(let range):
            guard let number = Int(text) else {
                return ["\(where_) is not an integer; expected a whole number from \(range.lowerBound) to \(range.upperBound)"]
            }
            guard range.contains(number) else { return ["\(where_) is out of range \(range.lowerBound)…\(range.upperBound)"] }
            value = .integer(number)
        case .seconds(let range):
            guard let number = Double(text), number.isFinite else { return ["\(where_) is not a number of seconds"] }
            guard range.contains(number) else { return ["\(where_) is out of range \(range.lowerBound.plain)…\(range.upperBound.plain) seconds"] }
            value = .seconds(number)
        case .bool:
            switch text.lowercased() {
            case "true", "1", "yes", "on": value = .bool(true)
            case "false", "0", "no", "off": value = .bool(false)
            default: return ["\(where_) must be true or false"]
            }
        case .strings:
            let items = text.split(separator: ",", omittingEmptySubsequences: false).map { item in
                String(item.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
            }
            guard !items.isEmpty, !items.contains(where: \.isEmpty) else { return ["\(where_) must be a non-empty list"] }
            value = .strings(items)
        }
        values[setting.key] = value
        sources[setting.key] = source
        return []
    }

    func string(_ key: String) -> String {
        if case .string(let value)? = values[key] { return value }
        preconditionFailure("setting \(key) is not a string")
    }

    func integer(_ key: String) -> Int {
        if case .integer(let value)? = values[key] { return value }
        preconditionFailure("setting \(key) is not an integer")
    }

    func seconds(_ key: String) -> Duration {
        if case .seconds(let value)? = values[key] { return .milliseconds(Int((value * 1000).rounded())) }
        preconditionFailure("setting \(key) is not seconds")
    }

    func bool(_ key: String) -> Bool {
        if case .bool(let value)? = values[key] { return value }
        preconditionFailure("setting \(key) is not a bool")
    }

    func strings(_ key: String) -> [String] {
        if case .strings(let value)? = values[key] { return value }
        preconditionFailure("setting \(key) is not a list")
    }
}
