import LatticeHTTP
import LatticeModel

/// `GET /v1/search?q=`: ranked results across all kinds, each with a snippet.
enum SearchEndpoint {
    static let q: Parameter<String?> = {
        var spec = ParameterSpec.q("What to search for: every word must match (the last as a prefix).")
        spec.required = true
        return Parameter.text(spec)
    }()
    static let type = Parameter.enumeration("type", EntityType.self, "Only results of these types.")
    static let parameters = [q.spec, type.spec] + Paging.specs

    static let csvHeader = ["type", "id", "name", "snippet", "score", "href"]

    static let method = """
        Every word of q must match a word of the record (case and diacritics aside); the last may match as a prefix, and a \
        prefix match weighs less than a whole word. A match in a name, short name or title weighs most, then aliases and codes, \
        roles and subjects, statement text, summaries; a short field weighs more than a long one. Results are ordered by score \
        (highest first), then name, then id, and that order is exact for every page. meta.total counts every matching record \
        exactly, whatever the page: only the records up to offset+limit are ranked, not all of them.
        """

    static let descriptor = EndpointDescriptor(
        name: "search", template: "/v1/search", summary: "Search across all kinds.", tag: .data, method: method, parameters: parameters,
        representations: EndpointDescriptor.jsonOrCSV, ok: "Ranked results across all kinds, best first.",
        content: [.init(mediaType: "application/json", schema: Schemas.ref("SearchCollection")), EndpointDescriptor.csvContent],
        shape: .other, paged: true, indexLink: "search", revalidatesEarly: { _ in true }, answer: .dataset(search))

    static func search(_ context: EndpointContext) -> Reply {
        let dataset = context.dataset
        let query = context.parameters[q] ?? ""
        let types = Set(context.parameters[type])
        let window = Page.window(context.parameters)
        let found = dataset.search.search(query, types: types.isEmpty ? nil : types, window: window)
        let page = Page(total: found.total, parameters: context.parameters)
        let results = found.hits.map { hit -> (SearchIndex.Entry, SearchIndex.Hit, String) in
            (dataset.search.entries[hit.entry], hit, dataset.snippet(for: hit, query: query))
        }
        if context.wantsCSV {
            var csv = CSVWriter()
            csv.row(csvHeader)
            for (entry, hit, snippet) in results {
                csv.row([entry.ref.type.rawValue, entry.ref.id, entry.name, snippet, String(hit.score), Paths.resource(entry.ref)])
            }
            return page.reply(csv.bytes, csv: true, context)
        }
        var json = JSONWriter(capacity: 4096)
        json.raw(#"{"data":"#)
        json.array(results) { json, result in
            let (entry, hit, snippet) = result
            json.object { o in
                o.field("type", entry.ref.type.rawValue)
                o.field("id", entry.ref.id)
                o.field("name", entry.name)
                o.field("snippet", snippet)
                o.field("score", hit.score)
                o.field("href", Paths.resource(entry.ref))
            }
        }
        var body = json.bytes
        page.appendEnvelope(to: &body, context)
        return page.reply(body, csv: false, context)
    }
}
