import ArgumentParser
import LatticeHTTP
import Testing
@testable import lattice

/// The settings table, its flags and typed values, without starting a process.
@Suite("Settings table")
struct SettingTableTests {
    @Test("every row is found, in declaration order, with a unique snake_case key named like its property")
    func rows() {
        let keys = SettingTable.rows.map(\.key)
        #expect(keys.first == "host")
        #expect(Set(keys).count == keys.count)
        #expect(SettingTable.rowsByProperty.count == keys.count)
        for (property, row) in SettingTable.rowsByProperty {
            #expect(row.key.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }, "\(row.key)")
            // `idle_timeout` is declared as `idleTimeout`: the flag's property must match.
            let camel = row.key.split(separator: "_").enumerated()
                .map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }
                .joined()
            #expect(camel == property, "row \(row.key) is declared as \(property)")
        }
    }

    @Test("every row has exactly one flag, and each flag lands in its own row")
    func flagsMatchTable() throws {
        let declared = Mirror(reflecting: SettingOptions()).children.compactMap { $0.label }.filter { $0 != "_config" }
        #expect(
            declared.count == SettingTable.rows.count, "SettingOptions declares \(declared.count) setting flags for \(SettingTable.rows.count) rows")
        for row in SettingTable.rows {
            // A leading dash too: every value must reach the row's own check.
            guard let options = try? SettingOptions.parse([row.flag, "-x"]) else {
                Issue.record("SettingOptions has no flag \(row.flag) for row \(row.key)")
                continue
            }
            #expect(options.flags == [row.key: "-x"], "\(row.flag)")
        }
        #expect(try SettingOptions.parse([]).flags.isEmpty)
    }

    @Test("each flag's help is its row's help, with type and default")
    func flagHelp() {
        // Long flags put their help on the next line: compare with whitespace collapsed.
        let help = SettingOptions.helpMessage(columns: 10_000).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for row in SettingTable.rows {
            let type = row.typeDescription.replacing("\\|", with: "|")
            let expected = "\(row.flag) <\(row.valueName)> \(row.help) (\(type); default: \(row.defaultEntry.text))"
            #expect(help.contains(expected.replacing("`", with: "")), "\(row.flag)")
        }
    }

    @Test("values arrive typed, and the layers get them")
    func typedValues() throws {
        let settings = try Settings.resolve(
            flags: ["idle_timeout": "0.25", "log_format": "json", "cors_origins": "https://a.example, https://b.example"],
            configPath: nil, environment: ["LATTICE_PORT": "0"])
        #expect(settings.idleTimeout == .milliseconds(250))
        #expect(settings.logFormat == .json)
        #expect(settings.port == 0)
        #expect(settings.logLevel == .info)
        #expect(settings.server.idleTimeout == .milliseconds(250))
        #expect(settings.api.corsOrigins == ["https://a.example", "https://b.example"])
        #expect(settings.entry(for: SettingTable.shared.idleTimeout).source == .flag("--idle-timeout"))
        #expect(settings.entry(for: SettingTable.shared.port).source == .environment("LATTICE_PORT"))
    }

    @Test("the server gets each setting in its own field: at the defaults it is the HTTP layer's default configuration")
    func layerDefaults() {
        let server = Settings.defaults.server, shipped = ServerConfiguration()
        #expect(server.host == shipped.host && server.port == shipped.port && server.workers == shipped.workers)
        #expect(server.maxConnections == shipped.maxConnections && server.deferAccept == shipped.deferAccept)
        #expect(server.limits == shipped.limits)
        #expect(server.headerTimeout == shipped.headerTimeout && server.bodyTimeout == shipped.bodyTimeout)
        #expect(server.idleTimeout == shipped.idleTimeout && server.writeTimeout == shipped.writeTimeout)
    }
}
