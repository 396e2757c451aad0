import LatticeHTTP
import LatticeModel

/// The five collections: filters from the query, an order, a page, and the envelope
/// `{data, meta, links}` (or CSV), with `Link` headers for the neighbouring pages.
enum CollectionEndpoints {
    static func collection(_ endpoint: Endpoint, _ context: EndpointContext) -> Reply {
        let dataset = context.dataset
        let parameters = context.parameters
        let type = endpoint.resourceType!
        let matches: PostingList
        switch endpoint {
        case .actors:
            var filter = ActorFilter()
            filter.kinds = parameters.enums("kind", ActorKind.self)
            filter.regions = parameters.enums("region", Region.self)
            filter.alliances = parameters.list("alliance")
            filter.text = parameters.string("q")
            matches = dataset.matching(filter)
        case .alliances:
            var filter = AllianceFilter()
            filter.kinds = parameters.enums("kind", AllianceKind.self)
            filter.statuses = parameters.enums("status", AllianceStatus.self)
            filter.members = parameters.list("member")
            filter.text = parameters.string("q")
            matches = dataset.matching(filter)
        case .statements:
            var filter = StatementFilter()
            filter.speakers = parameters.list("speaker")
            filter.about = parameters.list("about")
            filter.modes = parameters.enums("mode", StatementMode.self)
            filter.documents = parameters.list("document")
            filter.text = parameters.string("q")
            matches = dataset.matching(filter)
        case .relations:
            var filter = RelationFilter()
            filter.kinds = parameters.enums("kind", RelationKind.self)
            filter.valences = parameters.enums("valence", Valence.self)
            filter.actors = parameters.list("actor")
            filter.from = parameters.list("from")
            filter.to = parameters.list("to")
            matches = dataset.matching(filter)
        default:
            matches = PostingList.all(dataset.documents.count)
        }
        let page = Page(total: matches.count, parameters: parameters)
        let positions = pageOf(matches, page.range, endpoint: endpoint, sort: parameters.string("sort"), snapshot: context.snapshot)
        let rendered = context.snapshot.rendered(type)

        if wantsCSV(context) {
            var csv = CSVWriter()
            switch type {
            case .actor:
                csv.row(CSVColumns.actorHeader)
                for p in positions { csv.row(CSVColumns.actor(dataset.actors[Int(p)], dataset)) }
            case .alliance:
                csv.row(CSVColumns.allianceHeader)
                for p in positions { csv.row(CSVColumns.alliance(dataset.alliances[Int(p)])) }
            case .statement:
                csv.row(CSVColumns.statementHeader)
                for p in positions { csv.row(CSVColumns.statement(dataset.statements[Int(p)])) }
            case .relation:
                csv.row(CSVColumns.relationHeader)
                for p in positions { csv.row(CSVColumns.relation(dataset.relations[Int(p)])) }
            case .document:
                csv.row(CSVColumns.documentHeader)
                for p in positions { csv.row(CSVColumns.document(dataset.documents[Int(p)])) }
            }
            return page.reply(csv.bytes, csv: true, context)
        }
        var body: [UInt8] = []
        body.reserveCapacity(positions.reduce(256) { $0 + rendered[Int($1)].json.count + 1 })
        body.append(contentsOf: #"{"data":["#.utf8)
        for (index, position) in positions.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: rendered[Int(position)].json)
        }
        body.append(UInt8(ascii: "]"))
        page.appendEnvelope(to: &body, context)
        return page.reply(body, csv: false, context)
    }

    static func wantsCSV(_ context: EndpointContext) -> Bool {
        if let format = context.parameters.string("format") { return format == "csv" }
        return Negotiation.wantsCSV(context.request)
    }

    /// The positions on the requested page, in the requested order. The collection's own
    /// order needs no sorting; other orders use a permutation computed at load time.
    static func pageOf(_ matches: PostingList, _ range: Range<Int>, endpoint: Endpoint, sort: String?,
                       snapshot: Snapshot) -> [Int32] {
        let descending = sort?.hasPrefix("-") ?? false
        let key = descending ? String(sort!.dropFirst()) : (sort ?? "id")
        if key == "id" || key == "position" {
            guard descending else { return matches.slice(range) }
            let reversed = (matches.count - range.upperBound)..<(matches.count - range.lowerBound)
            return matches.slice(reversed).reversed()
        }
        guard let permutation = snapshot.orders["\(endpoint.rawValue).\(key)"] else { return matches.slice(range) }
        var ordered = matches.isAll ? permutation : permutation.filter(matches.contains)
        if descending { ordered.reverse() }
        return Array(ordered[range])
    }
}

/// Paging arithmetic and the parts of a collection response that describe the page.
struct Page {
    let total: Int
    let limit: Int
    let offset: Int

    init(total: Int, parameters: QueryParameters) {
        self.total = total
        limit = parameters.integer(.limit)
        offset = parameters.integer(.offset)
    }

    var range: Range<Int> { min(offset, total)..<min(offset + limit, total) }

    var nextOffset: Int? { offset + limit < total ? offset + limit : nil }
    var previousOffset: Int? { offset > 0 ? max(0, min(offset - limit, total - limit)) : nil }

    /// The request's own parameters, in order, with limit and offset replaced.
    func link(_ context: EndpointContext, offset: Int) -> String {
        var parts: [String] = []
        for item in context.parameters.items where item.name != "limit" && item.name != "offset" {
            parts.append("\(URLEncoding.encode(item.name))=\(URLEncoding.encode(item.value))")
        }
        parts.append("limit=\(limit)")
        parts.append("offset=\(offset)")
        return context.request.path + "?" + parts.joined(separator: "&")
    }

    func appendEnvelope(to body: inout [UInt8], _ context: EndpointContext) {
        var json = JSONWriter(capacity: 256)
        json.raw(",")
        json.raw(#""meta":"#)
        json.object { m in
            m.field("total", total)
            m.field("limit", limit)
            m.field("offset", offset)
            m.field("dataset_version", context.snapshot.version)
        }
        json.raw(#","links":"#)
        json.object { l in
            l.field("self", link(context, offset: offset))
            l.field("next", nextOffset.map { link(context, offset: $0) })
            l.field("prev", previousOffset.map { link(context, offset: $0) })
        }
        json.raw("}")
        body.append(contentsOf: json.bytes)
    }

    /// The reply with its Link header and an ETag derived from the dataset version and the
    /// normalized request: the same request on the same data gives the same bytes.
    func reply(_ body: [UInt8], csv: Bool, _ context: EndpointContext) -> Reply {
        var reply = Reply(contentType: csv ? ContentTypes.csv : ContentTypes.json, body: .bytes(body))
        reply.variesOnAccept = true
        reply.etag = Page.etag(context, csv: csv)
        var links: [String] = []
        if let next = nextOffset { links.append("<\(link(context, offset: next))>; rel=\"next\"") }
        if let previous = previousOffset { links.append("<\(link(context, offset: previous))>; rel=\"prev\"") }
        if !links.isEmpty { reply.headers.append(HTTPField("Link", links.joined(separator: ", "))) }
        return reply
    }

    static func etag(_ context: EndpointContext, csv: Bool) -> String {
        var hash = ContentHash.fnv1a(context.request.path)
        for item in context.parameters.items {
            hash = ContentHash.fnv1a(item.name, seed: hash ^ 0x3d)
            hash = ContentHash.fnv1a(item.value, seed: hash ^ 0x26)
        }
        return "\"\(context.snapshot.version)-\(ContentHash.hex(hash))\(csv ? "-csv" : "")\""
    }
}

/// Percent-encoding for query components in links (RFC 3986 unreserved characters stay).
enum URLEncoding {
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"), UInt8(ascii: ","):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
