import ArgumentParser

@main
struct Lattice: ParsableCommand {
    static let version = "1.0.0"

    static let configuration = CommandConfiguration(
        commandName: "lattice",
        abstract: "Serve the Lattice knowledge base of the Indo-Pacific security latticework as a JSON API.",
        discussion: "With no subcommand, `lattice` runs `lattice serve`.",
        version: version,
        subcommands: [ServeCommand.self, ValidateCommand.self, HealthcheckCommand.self, ConfigCommand.self, GenerateSeedsCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}
