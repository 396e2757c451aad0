import ArgumentParser

/// `lattice config`: every setting, its resolved value and where that value came from.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show every setting with its value and source, or the defaults as JSON or a Markdown table."
    )

    enum Output: String, ExpressibleByArgument {
        case resolved, defaults, markdown
    }

    @Option(name: .long, help: "resolved (default): values in effect; defaults: Config/lattice.json with every default; markdown: the README table.")
    var show: Output = .resolved

    @OptionGroup var options: SettingOptions

    func run() throws {
        switch show {
        case .defaults:
            let lines = SettingTable.rows.map { "  \"\($0.key)\": \($0.defaultJSON)" }
            print("{\n" + lines.joined(separator: ",\n") + "\n}")
        case .markdown:
            print("| Key (`Config/lattice.json`) | Environment | Flag | Type | Default | What it does |")
            print("|---|---|---|---|---|---|")
            for setting in SettingTable.rows {
                print(
                    "| `\(setting.key)` | `\(setting.environmentVariable)` | `\(setting.flag)` | \(setting.typeDescription) | `\(setting.defaultEntry.text)` | \(setting.help) |"
                )
            }
        case .resolved:
            let settings = try options.resolveOrExit()
            for setting in SettingTable.rows {
                let entry = settings.entry(for: setting)
                print("\(setting.key) = \(entry.text)  (\(entry.source))")
            }
        }
    }
}
