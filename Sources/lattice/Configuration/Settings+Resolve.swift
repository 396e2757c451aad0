import FoundationEssentials
import Glibc
import LatticeModel

/// Resolution: every row of ``SettingTable`` from its sources, with every problem found
/// named by key, value and source (exit code 2 lists them all at once).
extension Settings {
    struct Failure: Error, CustomStringConvertible {
        let messages: [String]
        var description: String { messages.joined(separator: "\n") }
    }

    /// Resolves every setting. `flags` holds raw flag values by key; `configPath` is from
    /// --config or LATTICE_CONFIG; a missing default file (Config/lattice.json) is fine.
    static func resolve(flags: [String: String], configPath: String?, environment: [String: String]) throws(Failure) -> Settings {
        var settings = Settings.defaults
        var messages: [String] = []
        let explicitPath = configPath ?? environment["LATTICE_CONFIG"]
        let path = explicitPath ?? "Config/lattice.json"
        if FileManager.default.fileExists(atPath: path) {
            messages += settings.applyFile(path)
        } else if let explicitPath {
            messages.append("config file \(explicitPath) does not exist")
        }
        for setting in SettingTable.rows {
            if let raw = environment[setting.environmentVariable] {
                messages += settings.apply(setting, text: raw, source: .environment(setting.environmentVariable))
            }
        }
        for setting in SettingTable.rows {
            if let raw = flags[setting.key] {
                messages += settings.apply(setting, text: raw, source: .flag(setting.flag))
            }
        }
        let knownVariables = Set(SettingTable.rows.map(\.environmentVariable) + ["LATTICE_CONFIG"])
        for name in environment.keys.sorted() where name.hasPrefix("LATTICE_") && !knownVariables.contains(name) {
            messages.append("environment variable \(name) is not a setting; known ones are \(knownVariables.sorted().joined(separator: ", "))")
        }
        guard messages.isEmpty else { throw Failure(messages: messages) }
        return settings
    }

    /// Parses and range-checks one raw value; returns the problem, if any.
    private mutating func apply(_ setting: any AnySetting, text: String, source: Source) -> [String] {
        switch setting.entry(parsing: text, from: source) {
        case .success(let entry):
            set(entry, for: setting)
            return []
        case .failure(let refusal):
            return ["\(setting.key) = \"\(text.prefix(80))\" (from \(source)) \(refusal.reason)"]
        }
    }

    /// A config file holds a few dozen settings (about 2 KB); the cap keeps a wrong path
    /// (a log, a disk image) from being loaded whole before it is refused.
    static let maximumConfigFileBytes = 1024 * 1024

    private mutating func applyFile(_ path: String) -> [String] {
        let limit = Self.maximumConfigFileBytes
        guard let bytes = FileBytes.read(path, upTo: limit) else {
            return ["config file \(path) cannot be read: \(String(cString: strerror(errno)))"]
        }
        guard bytes.count <= limit else {
            return ["config file \(path) is larger than the limit of \(limit) bytes (1 MiB); point --config or LATTICE_CONFIG at the settings file"]
        }
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            return ["config file \(path):\(error.line):\(error.column): \(error.message)"]
        }
        guard case .object(let object) = root.value else { return ["config file \(path) must hold a JSON object of settings"] }
        var messages: [String] = []
        for member in object.members {
            guard let setting = SettingTable.rows.first(where: { $0.key == member.key }) else {
                messages.append(
                    "config file \(path):\(member.value.line): unknown key \"\(member.key)\"; known keys are \(SettingTable.rows.map(\.key).joined(separator: ", "))"
                )
                continue
            }
            let source = Source.file("\(path):\(member.value.line)")
            guard let text = Self.text(of: member.value.value, as: setting.fileType) else {
                // An array that holds something else than strings is the right type, wrongly filled.
                let found =
                    switch (setting.fileType, member.value.value) {
                    case (.stringList, .array): ""
                    default: ", not \(member.value.typeDescription)"
                    }
                messages.append("\(setting.key) (from \(source)) must be \(setting.expected)\(found)")
                continue
            }
            messages += apply(setting, text: text, source: source)
        }
        return messages
    }

    /// A JSON value of the type a setting takes in the file, as the text a flag would give;
    /// nil for any other JSON type.
    private static func text(of value: JSONNode.Value, as type: SettingFileType) -> String? {
        switch (type, value) {
        case (.string, .string(let text)): text
        // JSON has one kind of number: 1e3 and 1000.0 are the integer 1000.
        case (.number, .number(let number, let isInteger)):
            isInteger || (number == number.rounded() && abs(number) < 1e15) ? String(Int(number)) : String(number)
        case (.bool, .bool(let flag)): String(flag)
        case (.stringList, .array(let elements)):
            elements.allSatisfy { if case .string = $0.value { true } else { false } }
                ? elements.compactMap { if case .string(let text) = $0.value { text } else { nil } }.joined(separator: ",")
                : nil
        default: nil
        }
    }
}
