import LatticeModel

/// Source documents; their text is served verbatim at `/v1/documents/{id}/text`.
enum DocumentResource: ResourceKind {
    static let type = EntityType.document
    static let collectionPath = "/v1/documents"
    static let schemaName = "Document"

    static let collectionEndpoint = EndpointDescriptor.collection(
        Self.self, name: "documents", summary: "List source documents.", ok: "A page of documents.", link: "documents")
    static let resourceEndpoint = EndpointDescriptor.resource(
        Self.self, name: "document", summary: "One document's metadata.", ok: "The document's metadata.")

    static let textEndpoint = EndpointDescriptor(
        name: "documentText", template: collectionPath + "/{id}/text", summary: "One document's verbatim text.", tag: .data,
        representations: ["text/plain"], ok: "The document's verbatim text.",
        content: [EndpointDescriptor.Content(mediaType: "text/plain", schema: Schemas.string)], shape: .resourceText(.document),
        answer: .resource)

    static let sort = Parameter.sort(natural: "id", keys: ["title"])
    static let filters: [Filter] = [
        .index(.enumeration("kind", DocumentKind.self, "Document kinds to include."), .documentKind),
        .date(
            .date("published_since", "Only documents published on or after this date (a partial date counts from its first day)."),
            .documentPublished, bound: .since),
        .date(
            .date("published_until", "Only documents published on or before this date (a partial date counts to its last day)."),
            .documentPublished, bound: .until),
    ]

    static let orders = [SortKey<Document>(name: "title") { $0.title.lowercased() }]

    static func records(in dataset: Dataset) -> [Document] { dataset.documents }
    static func render(_ record: Document, with renderer: ResourceRenderer) -> [UInt8] { renderer.document(record) }

    static let csvColumns: [CSVColumn<Document>] = [
        CSVColumn("id") { $0.id }, CSVColumn("title") { $0.title }, CSVColumn("publisher") { $0.publisher ?? "" },
        CSVColumn("outlet") { $0.outlet ?? "" }, CSVColumn("kind") { $0.kind.rawValue },
        CSVColumn("published") { $0.published?.description ?? "" },
        CSVColumn("published_basis") { $0.publishedBasis?.rawValue ?? "" }, CSVColumn("url") { $0.url ?? "" },
        CSVColumn("rights") { $0.rights }, CSVColumn("links") { String($0.links.count) },
        CSVColumn("language") { $0.language }, CSVColumn("length") { String($0.length) }, CSVColumn("sha256") { $0.sha256 },
    ]
}
