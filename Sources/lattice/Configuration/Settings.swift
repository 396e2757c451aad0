/// The resolved settings: every row of ``SettingTable`` with its value and where that value
/// came from. Read a value by the row's name, typed: `settings.port` is an `Int`,
/// `settings.idleTimeout` a `Duration`, `settings.logFormat` a ``LogFormat``; a name that is
/// not a row does not compile.
///
/// Precedence: command-line flag > environment variable > config file > built-in default
/// (see `Settings+Resolve.swift`).
@dynamicMemberLookup
struct Settings: Sendable {
    enum Source: CustomStringConvertible, Equatable, Sendable {
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

    /// One setting's value, as its row's type and as `lattice config` shows it.
    struct Entry: Sendable {
        let value: any Sendable
        let text: String
        let source: Source
    }

    /// By key; holds every row of the table (each starts at its default).
    private var entries: [String: Entry]

    /// Every setting at its built-in default.
    static var defaults: Settings {
        Settings(entries: Dictionary(uniqueKeysWithValues: SettingTable.rows.map { ($0.key, $0.defaultEntry) }))
    }

    subscript<Value>(dynamicMember row: KeyPath<SettingTable, Setting<Value>>) -> Value {
        let setting = SettingTable.shared[keyPath: row]
        // Only `setting.entry(parsing:)` and `defaultEntry` store entries, each of the row's
        // own `Value`, and every row has one from the start: the default never shows here.
        return entries[setting.key]?.value as? Value ?? setting.defaultValue
    }

    /// The value in effect and its source, for `lattice config`.
    func entry(for setting: any AnySetting) -> Entry {
        entries[setting.key] ?? setting.defaultEntry
    }

    mutating func set(_ entry: Entry, for setting: any AnySetting) {
        entries[setting.key] = entry
    }
}
