import LatticeHTTP
import LatticeModel

/// `GET /v1/export`: every record as NDJSON, one per line with a `type`, streamed in chunks
/// as the client reads (chunked transfer coding), in a fixed order: documents, actors,
/// alliances, relations, statements.
enum ExportEndpoint {
    static func export(_ snapshot: Snapshot) -> Reply {
        let tables: [(String, [Rendered])] = EntityType.allCases.map { ($0.rawValue, snapshot.rendered($0)) }
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
        // Compressed as it streams, for clients that accept gzip (APIHandler.finish).
        return Reply(contentType: ContentTypes.ndjson, body: .stream(stream), etag: "\"\(snapshot.version)-export\"")
    }
}
