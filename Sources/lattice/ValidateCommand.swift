import ArgumentParser
import LatticeModel

/// `lattice validate`: what a curator runs before committing a seed change.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a seeds folder: every problem, then the quotations no statement covers and the undated records.",
        discussion: """
            Loads the folder exactly as the server would and prints every problem with its file, \
            line and record path. Exits 1 when there is any problem, 0 otherwise; uncovered \
            quotations are reported but are not errors.
            """
    )

    @Option(name: .long, help: "The seeds folder to check.")
    var seeds: String = "seeds"

    func run() throws {
        let started = ContinuousClock.now
        let dataset: Dataset
        do {
            dataset = try SeedLoader.load(from: seeds)
        } catch {
            for problem in error.problems { print(problem) }
            print("\(error.problems.count) problem\(error.problems.count == 1 ? "" : "s") in \(seeds); nothing was loaded.")
            throw ExitCode(1)
        }
        let elapsed = ContinuousClock.now - started
        let counts = dataset.counts
        print(
            "\(seeds): OK, dataset \(dataset.version): \(counts.documents) documents, \(counts.actors) actors, "
                + "\(counts.alliances) alliances, \(counts.relations) relations, \(counts.statements) statements "
                + "(loaded in \(elapsed.milliseconds) ms)")
        print("Coverage of quotation marks, per document (statement / quoted term / neither):")
        for document in dataset.coverage {
            print("  \(document.file): \(document.quotations) quotations: \(document.statements) / \(document.terms) / \(document.uncovered.count)")
            for quotation in document.uncovered { print("    \(quotation)") }
        }
        if dataset.uncoveredQuotations.isEmpty {
            print("Every quotation is covered by a statement or marked as a term.")
        }
        print("Dates (a hint, not an error: check the texts for dates they give):")
        for hint in dataset.dateHints where hint.total > 0 {
            print("  \(hint.records): \(hint.undated) of \(hint.total) without \(hint.field)")
        }
    }
}
