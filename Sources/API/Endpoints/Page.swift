import LatticeHTTP

/// Paging arithmetic and the parts of a collection response that describe the page.
///
/// Links and the ETag are built from the request's parameters in canonical form
/// (``QueryParameters/canonicalItems(_:)``): `?limit=2`, `?limit=2&offset=0` and
/// `?offset=0&limit=2` are the same page, so they get the same bytes and the same ETag,
/// and a client holding one gets 304 for the others.
struct Page {
    let total: Int
    let limit: Int
    let offset: Int

    init(total: Int, parameters: QueryParameters) {
        self.total = total
        limit = parameters[Paging.limit]
        offset = parameters[Paging.offset]
    }

    var range: Range<Int> { min(offset, total)..<min(offset + limit, total) }

    /// The page's window of a ranking before its total is known (offset…offset+limit).
    static func window(_ parameters: QueryParameters) -> Range<Int> {
        let offset = parameters[Paging.offset]
        return offset..<(offset + parameters[Paging.limit])
    }

    var nextOffset: Int? { offset + limit < total ? offset + limit : nil }
    var previousOffset: Int? { offset > 0 ? max(0, min(offset - limit, total - limit)) : nil }

    /// The canonical parameters other than paging, then limit and offset.
    func link(_ context: EndpointContext, offset: Int) -> String {
        var parts: [String] = []
        for item in context.canonicalQuery where item.name != "limit" && item.name != "offset" {
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
            AsOf.meta(context, into: &m)
            let warnings = context.parameters.warnings
            if !warnings.isEmpty {
                m.field("warnings") { json in
                    json.array(warnings) { json, warning in
                        json.object { w in
                            w.field("parameter", warning.parameter)
                            w.field("detail", warning.detail)
                        }
                    }
                }
            }
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
    /// canonical request: equivalent requests on the same data give the same bytes and tag.
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
        for item in context.canonicalQuery {
            hash = ContentHash.fnv1a(item.name, seed: hash ^ 0x3d)
            hash = ContentHash.fnv1a(item.value, seed: hash ^ 0x26)
        }
        return "\"\(context.snapshot.version)-\(ContentHash.hex(hash))\(csv ? "-csv" : "")\""
    }
}
