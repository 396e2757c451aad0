import LatticeModel

/// Statements: every quote with its speaker and its place in the article.
enum StatementResource: ResourceKind {
    static let type = EntityType.statement
    static let collectionPath = "/v1/statements"
    static let schemaName = "Statement"

    static let collectionEndpoint = EndpointDescriptor.collection(
        Self.self, name: "statements", summary: "List statements.", ok: "A page of statements.", link: "statements")
    static let resourceEndpoint = EndpointDescriptor.resource(Self.self, name: "statement", summary: "One statement.", ok: "The statement.")

    static let speaker = Parameter.ids("speaker", [.actor, .alliance], "Only statements by these speakers.")
    static let about = Parameter.ids("about", [.actor, .alliance, .relation, .document], "Only statements about these records.")
    static let mode = Parameter.enumeration("mode", StatementMode.self, "Modes to include.")
    static let document = Parameter.ids("document", [.document], "Only statements from these documents.")
    static let stance = Parameter.enumeration("stance", Stance.self, "Only statements taking one of these stances (on their stance target).")
    static let q = Parameter.text(.q("Full-text search in the statements' words."))
    static let sort = Parameter.sort(natural: "position", keys: ["id"])

    static let filters: [Filter] = [
        .index(speaker, .statementSpeaker), .index(about, .statementAbout), .index(mode, .statementMode),
        .index(document, .statementDocument), .index(stance, .statementStance), .text(q, fields: [.text]),
        .date(
            .date("said_since", "Only statements said on or after this date (by said_on; a partial date counts from its first day)."),
            .statementSaidOn, bound: .since),
        .date(
            .date("said_until", "Only statements said on or before this date (by said_on; a partial date counts to its last day)."),
            .statementSaidOn, bound: .until),
    ]

    static let orders = [SortKey<Statement>(name: "id") { $0.id }]

    static func records(in dataset: Dataset) -> [Statement] { dataset.statements }
    static func render(_ record: Statement, with renderer: ResourceRenderer) -> [UInt8] { renderer.statement(record) }

    static let csvColumns: [CSVColumn<Statement>] = [
        CSVColumn("id") { $0.id }, CSVColumn("speaker") { $0.speaker.id }, CSVColumn("text") { $0.text },
        CSVColumn("mode") { $0.mode.rawValue }, CSVColumn("verb") { $0.verb ?? "" },
        CSVColumn("about") { CSVWriter.list($0.about.map(\.id)) },
        CSVColumn("stance_target") { $0.stance?.target.id ?? "" }, CSVColumn("stance_value") { $0.stance?.value.rawValue ?? "" },
        CSVColumn("said_on") { $0.saidOn?.description ?? "" }, CSVColumn("said_on_basis") { $0.saidOnBasis?.rawValue ?? "" },
        CSVColumn("document") { $0.source.document }, CSVColumn("start") { String($0.source.start) },
        CSVColumn("end") { String($0.source.end) }, CSVColumn("sentence") { $0.sentence },
    ]
}
