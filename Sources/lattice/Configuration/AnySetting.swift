/// What resolution, `lattice config` and the flags need of a row, whatever its value type.
protocol AnySetting: Sendable {
    var key: String { get }
    var help: String { get }
    var typeDescription: String { get }
    var expected: String { get }
    var fileType: SettingFileType { get }
    var valueName: String { get }
    var defaultEntry: Settings.Entry { get }
    var defaultJSON: String { get }
    /// The value `text` stands for, or why it does not stand for one.
    func entry(parsing text: String, from source: Settings.Source) -> Result<Settings.Entry, SettingRefusal>
}

extension AnySetting {
    var environmentVariable: String { "LATTICE_" + key.uppercased() }
    /// The long flag's name without its dashes: `idle-timeout`.
    var flagName: String { String(key.map { $0 == "_" ? "-" : $0 }) }
    var flag: String { "--" + flagName }
}

extension Setting: AnySetting {
    var typeDescription: String { type.description }
    var expected: String { type.expected }
    var fileType: SettingFileType { type.fileType }
    var valueName: String { type.valueName }
    var defaultEntry: Settings.Entry { Settings.Entry(value: defaultValue, text: type.text(defaultValue), source: .builtIn) }
    var defaultJSON: String { type.json(defaultValue) }

    func entry(parsing text: String, from source: Settings.Source) -> Result<Settings.Entry, SettingRefusal> {
        type.parse(text).map { Settings.Entry(value: $0, text: type.text($0), source: source) }
    }
}
