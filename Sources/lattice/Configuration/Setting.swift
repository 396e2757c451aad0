/// One row of ``SettingTable``: a setting's key in Config/lattice.json, its type (and with it
/// the range it accepts), its default and what it does. The environment variable and the
/// flag are named after the key (`idle_timeout`: `LATTICE_IDLE_TIMEOUT`, `--idle-timeout`).
struct Setting<Value: Sendable>: Sendable {
    let key: String
    let type: SettingType<Value>
    let defaultValue: Value
    let help: String

    init(_ key: String, _ type: SettingType<Value>, default defaultValue: Value, help: String) {
        self.key = key
        self.type = type
        self.defaultValue = defaultValue
        self.help = help
    }
}
