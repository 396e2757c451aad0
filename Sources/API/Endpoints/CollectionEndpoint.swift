import LatticeHTTP
import LatticeModel

/// A collection (`/v1/actors`, …): the kind's filters, an order, a page, and the envelope
/// `{data, meta, links}` (or CSV), with `Link` headers for the neighbouring pages.
enum CollectionEndpoint {
    static func collection(_ type: EntityType, _ context: EndpointContext) -> Reply {
        collection(Resources.kind(type), context)
    }

    /// `extra` narrows the filters' answer further (the MCP tools ask for relations between
    /// two sets of actors, which no one query parameter says).
    static func collection<K: ResourceKind>(_ kind: K.Type, _ context: EndpointContext, also extra: [Constraint] = []) -> Reply {
        let dataset = context.dataset
        let matches = K.matching(context.parameters, in: dataset, also: extra)
        let page = Page(total: matches.count, parameters: context.parameters)
        let positions = pageOf(
            matches, page.range, order: context.parameters[K.sort], natural: K.sort.spec, type: K.type,
            snapshot: context.snapshot)
        if context.wantsCSV {
            let records = K.records(in: dataset)
            var csv = CSVWriter()
            csv.row(K.csvColumns.map(\.name))
            for position in positions {
                let record = records[Int(position)]
                csv.row(K.csvColumns.map { $0.value(record, dataset) })
            }
            return page.reply(csv.bytes, csv: true, context)
        }
        let snapshot = context.snapshot
        let asOf = AsOf.date(context.parameters)
        let records = asOf == nil ? [] : K.records(in: dataset)
        let pieces: [[UInt8]]
        if let asOf {
            pieces = positions.map { position in
                K.render(records[Int(position)], with: snapshot.renderer, asOf: asOf) ?? snapshot.record(K.type, Int(position)).json
            }
        } else {
            pieces = snapshot.records(K.type, positions).map(\.json)
        }
        var body: [UInt8] = []
        body.reserveCapacity(pieces.reduce(256) { $0 + $1.count + 1 })
        body.append(contentsOf: #"{"data":["#.utf8)
        for (index, piece) in pieces.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: piece)
        }
        body.append(UInt8(ascii: "]"))
        page.appendEnvelope(to: &body, context)
        return page.reply(body, csv: false, context)
    }

    /// The positions on the requested page, in the requested order. The collection's
    /// natural order needs no sorting; other orders use a permutation computed at load time.
    static func pageOf(
        _ matches: PostingList, _ range: Range<Int>, order: SortOrder, natural: ParameterSpec, type: EntityType,
        snapshot: Snapshot
    ) -> [Int32] {
        guard case .enumValue(_, let naturalKey) = natural.kind, order.key != naturalKey,
            let permutation = snapshot.order(type, order.key)
        else {
            guard order.descending else { return matches.slice(range) }
            let reversed = (matches.count - range.upperBound)..<(matches.count - range.lowerBound)
            return matches.slice(reversed).reversed()
        }
        var ordered = matches.isAll ? permutation : permutation.filter(matches.contains)
        if order.descending { ordered.reverse() }
        return Array(ordered[range])
    }
}
