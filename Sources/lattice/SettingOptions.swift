import ArgumentParser

/// `--config` and one flag per row of ``SettingTable``.
///
/// ArgumentParser learns its options from declarations, so each row has an `@Option` line
/// here, named after the row's property; its flag, value name and help come from the row
/// (`.setting(\.port)`), and `CLITests` checks that every row has exactly one flag and that
/// each flag lands in its own row. Values stay text until resolution, which parses flags,
/// the environment and the config file alike and names the source in its messages.
/// `.unconditional` lets a value begin with a dash: `--port -1` reaches the range check.
struct SettingOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "Config file (JSON). Default: LATTICE_CONFIG, else Config/lattice.json if present.")
    var config: String?

    @Option(name: .setting(\.host), parsing: .unconditional, help: .setting(\.host)) var host: String?
    @Option(name: .setting(\.port), parsing: .unconditional, help: .setting(\.port)) var port: String?
    @Option(name: .setting(\.seeds), parsing: .unconditional, help: .setting(\.seeds)) var seeds: String?
    @Option(name: .setting(\.explorer), parsing: .unconditional, help: .setting(\.explorer)) var explorer: String?
    @Option(name: .setting(\.workers), parsing: .unconditional, help: .setting(\.workers)) var workers: String?
    @Option(name: .setting(\.maxConnections), parsing: .unconditional, help: .setting(\.maxConnections)) var maxConnections: String?
    @Option(name: .setting(\.deferAccept), parsing: .unconditional, help: .setting(\.deferAccept)) var deferAccept: String?
    @Option(name: .setting(\.maxTargetBytes), parsing: .unconditional, help: .setting(\.maxTargetBytes)) var maxTargetBytes: String?
    @Option(name: .setting(\.maxHeaderBytes), parsing: .unconditional, help: .setting(\.maxHeaderBytes)) var maxHeaderBytes: String?
    @Option(name: .setting(\.maxHeaderCount), parsing: .unconditional, help: .setting(\.maxHeaderCount)) var maxHeaderCount: String?
    @Option(name: .setting(\.maxBodyBytes), parsing: .unconditional, help: .setting(\.maxBodyBytes)) var maxBodyBytes: String?
    @Option(name: .setting(\.headerTimeout), parsing: .unconditional, help: .setting(\.headerTimeout)) var headerTimeout: String?
    @Option(name: .setting(\.bodyTimeout), parsing: .unconditional, help: .setting(\.bodyTimeout)) var bodyTimeout: String?
    @Option(name: .setting(\.idleTimeout), parsing: .unconditional, help: .setting(\.idleTimeout)) var idleTimeout: String?
    @Option(name: .setting(\.writeTimeout), parsing: .unconditional, help: .setting(\.writeTimeout)) var writeTimeout: String?
    @Option(name: .setting(\.drainDelay), parsing: .unconditional, help: .setting(\.drainDelay)) var drainDelay: String?
    @Option(name: .setting(\.shutdownGrace), parsing: .unconditional, help: .setting(\.shutdownGrace)) var shutdownGrace: String?
    @Option(name: .setting(\.corsOrigins), parsing: .unconditional, help: .setting(\.corsOrigins)) var corsOrigins: String?
    @Option(name: .setting(\.mcpOrigins), parsing: .unconditional, help: .setting(\.mcpOrigins)) var mcpOrigins: String?
    @Option(name: .setting(\.cacheMaxAge), parsing: .unconditional, help: .setting(\.cacheMaxAge)) var cacheMaxAge: String?
    @Option(name: .setting(\.gzipMinBytes), parsing: .unconditional, help: .setting(\.gzipMinBytes)) var gzipMinBytes: String?
    @Option(name: .setting(\.renderCacheBytes), parsing: .unconditional, help: .setting(\.renderCacheBytes)) var renderCacheBytes: String?
    @Option(name: .setting(\.logLevel), parsing: .unconditional, help: .setting(\.logLevel)) var logLevel: String?
    @Option(name: .setting(\.logFormat), parsing: .unconditional, help: .setting(\.logFormat)) var logFormat: String?
    @Option(name: .setting(\.accessLog), parsing: .unconditional, help: .setting(\.accessLog)) var accessLog: String?

    /// The raw value of every flag given, by setting key. A flag's property has its row's
    /// name (`maxConnections`), so this needs no list of its own.
    var flags: [String: String] {
        var flags: [String: String] = [:]
        for child in Mirror(reflecting: self).children {
            guard let label = child.label, label.hasPrefix("_"), let option = child.value as? Option<String?>,
                let row = SettingTable.rowsByProperty[String(label.dropFirst())], let value = option.wrappedValue
            else { continue }
            flags[row.key] = value
        }
        return flags
    }

    func resolve() throws(Settings.Failure) -> Settings {
        try Settings.resolve(flags: flags, configPath: config, environment: Console.environment)
    }

    /// The settings, or exit code 2 after saying what is wrong with them.
    func resolveOrExit() throws -> Settings {
        do {
            return try resolve()
        } catch {
            Console.error("lattice: invalid configuration:\n\(error)\n")
            throw ExitCode(2)
        }
    }
}

extension NameSpecification {
    /// A row's flag: `--idle-timeout` for `idle_timeout`.
    static func setting<Value>(_ row: KeyPath<SettingTable, Setting<Value>>) -> NameSpecification {
        .customLong(SettingTable.shared[keyPath: row].flagName)
    }
}

extension ArgumentHelp {
    /// A row's help, with its type, range and default: what the README's table says.
    static func setting<Value>(_ row: KeyPath<SettingTable, Setting<Value>>) -> ArgumentHelp {
        let setting = SettingTable.shared[keyPath: row]
        let type = setting.typeDescription.replacing("\\|", with: "|")
        let text = "\(setting.help) (\(type); default: \(setting.defaultEntry.text))"
        return ArgumentHelp(text.replacing("`", with: ""), valueName: setting.valueName)
    }
}
