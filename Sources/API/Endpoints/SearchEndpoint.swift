import LatticeHTTP
import LatticeModel

/// `GET /v1/search?q=`: ranked results across all kinds, each with a snippet.
enum SearchEndpoint {
    static func search(_ context: EndpointContext) -> Reply {
        let dataset = context.dataset
        let query = context.parameters.string("q") ?? ""
        let types = Set(context.parameters.enums("type", EntityType.self))
        let hits = dataset.search.search(query, types: types.isEmpty ? nil : types)
        let page = Page(total: hits.count, parameters: context.parameters)
        let results = hits[page.range].map { hit -> (SearchIndex.Entry, SearchIndex.Hit, String) in
            (dataset.search.entries[hit.entry], hit, dataset.search.snippet(for: hit, query: query))
        }
        if CollectionEndpoints.wantsCSV(context) {
            var csv = CSVWriter()
            csv.row(CSVColumns.searchHeader)
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

/// `GET /v1/graph`: nodes and edges, or an ego network around `focus`.
enum GraphEndpoint {
    static func graph(_ context: EndpointContext) throws(Problem) -> Reply {
        let focus = context.parameters.refs("focus").first
        if focus == nil, let given = context.parameters.string("focus") {
            throw Problem.notFound("No actor or alliance has the id \"\(given)\" given as focus.")
        }
        guard let focus else {
            // Rendered once per dataset, and compressed at most once per dataset.
            var reply = Reply.rendered(context.snapshot.wholeGraph)
            reply.compression = .memo(context.snapshot.gzipped.slot(table: ResourceEndpoints.wholeGraphTable, index: 0))
            return reply
        }
        let depth = context.parameters.integer(Endpoint.graph.parameters[1])
        let bytes = render(context.dataset.graph(focus: focus, depth: depth), focus: focus, depth: depth)
        return Reply.json(bytes, etag: Page.etag(context, csv: false))
    }

    static func render(_ graph: Graph, focus: EntityRef?, depth: Int) -> [UInt8] {
        var json = JSONWriter(capacity: 16 * 1024)
        json.object { o in
            if let focus {
                o.field("focus", focus.id)
                o.field("depth", depth)
            } else {
                o.null("focus")
                o.null("depth")
            }
            o.field("nodes") { json in
                json.array(graph.nodes) { json, node in
                    json.object { n in
                        n.field("id", node.ref.id)
                        n.field("label", node.label)
                        n.field("kind", node.kind)
                        n.field("href", Paths.resource(node.ref))
                    }
                }
            }
            o.field("edges") { json in
                json.array(graph.edges) { json, edge in
                    json.object { e in
                        e.field("id", edge.id)
                        e.field("from", edge.from.id)
                        e.field("to", edge.to.id)
                        e.field("kind", edge.kind)
                        e.field("valence", edge.valence.rawValue)
                        e.field("directed", edge.directed)
                        e.field("role", edge.role?.rawValue)
                    }
                }
            }
        }
        return json.bytes
    }
}

/// `GET /v1/export`: every record as NDJSON, one per line with a `type`, streamed in chunks
/// as the client reads (chunked transfer coding), in a fixed order.
enum ExportEndpoint {
    static func export(_ snapshot: Snapshot) -> Reply {
        let tables: [(String, [Rendered])] = [
            ("document", snapshot.documents), ("actor", snapshot.actors), ("alliance", snapshot.alliances),
            ("relation", snapshot.relations), ("statement", snapshot.statements),
        ]
        var table = 0
        var row = 0
        let stream = HTTPBodyStream {
            var chunk: [UInt8] = []
            chunk.reserveCapacity(64 * 1024)
            while chunk.count < 60 * 1024 {
                while table < tables.count && row >= tables[table].1.count {
                    table += 1
                    row = 0
                }
                guard table < tables.count else { break }
                let (type, rendered) = tables[table]
                chunk.append(contentsOf: #"{"type":""#.utf8)
                chunk.append(contentsOf: type.utf8)
                chunk.append(contentsOf: #"","#.utf8)
                chunk.append(contentsOf: rendered[row].json.dropFirst())
                chunk.append(UInt8(ascii: "\n"))
                row += 1
            }
            return chunk.isEmpty ? nil : chunk
        }
        var reply = Reply(contentType: ContentTypes.ndjson, body: .stream(stream), etag: "\"\(snapshot.version)-export\"")
        reply.compression = .none
        return reply
    }
}
