import LatticeHTTP
import LatticeModel

/// `GET /v1/export`: every record as NDJSON, one per line with a `type`, streamed in chunks
/// as the client reads (chunked transfer coding), in a fixed order: documents, actors,
/// alliances, relations, statements.
///
/// A stream holds its dataset version for as long as it runs. After a reload, one still
/// running once `staleStreamLimit` has passed is ended at its next chunk, with a last line
/// `{"type":"truncated",…}` saying so, and then aborted: the connection closes without the
/// chunked body's end, so even a client that reads no lines knows the body is incomplete.
/// On big seeds each old version held costs hundreds of megabytes, and a slow reader must
/// not decide how long they stay.
enum ExportEndpoint {
    static let descriptor = EndpointDescriptor(
        name: "export", template: "/v1/export", summary: "The whole dataset as NDJSON.", tag: .data, method: method,
        representations: ["application/x-ndjson"], ok: "Every record as NDJSON, one per line with a type field, streamed.",
        content: [.init(mediaType: "application/x-ndjson", schema: Schemas.string)], indexLink: "export",
        answer: .dataset { context in export(context.snapshot, staleStreamLimit: context.configuration.staleStreamLimit) })

    static let method = """
        Records come in a fixed order: documents, actors, alliances, relations, statements, each line one record with a type field. \
        The stream reads the dataset version it started on. If the dataset is reloaded while it runs and it is still running once \
        the server's write timeout (30 s by default) has passed since, it is ended: its last line is \
        {"type":"truncated","dataset_version":…,"detail":…}, the connection closes without the chunked body's end, and the export \
        is incomplete; export again for the current version. \
        A slow reader thus never keeps an old version in memory.
        """

    static func export(_ snapshot: Snapshot, staleStreamLimit: Duration) -> Reply {
        let limit =
            UInt64(staleStreamLimit.components.seconds) * 1_000_000_000
            + UInt64(staleStreamLimit.components.attoseconds / 1_000_000_000)
        let version = snapshot.version
        // Everything the stream reads, dropped as soon as it ends so the version can go.
        var state: (snapshot: Snapshot, tables: [(EntityType, Int)])? =
            (snapshot, EntityType.allCases.map { ($0, snapshot.dataset.count(of: $0)) })
        var table = 0
        var row = 0
        var cut = false
        let stream = HTTPBodyStream(steps: {
            guard let (snapshot, tables) = state else { return cut ? .abort : .end }
            if let retired = snapshot.lifetime.retiredFor(now: MonotonicClock.now()), retired > limit {
                state = nil
                cut = true
                return .chunk(truncated(version: version, limit: staleStreamLimit))
            }
            var chunk: [UInt8] = []
            chunk.reserveCapacity(64 * 1024)
            while chunk.count < 60 * 1024 {
                while table < tables.count && row >= tables[table].1 {
                    table += 1
                    row = 0
                }
                guard table < tables.count else { break }
                let type = tables[table].0
                chunk.append(contentsOf: #"{"type":""#.utf8)
                chunk.append(contentsOf: type.rawValue.utf8)
                chunk.append(contentsOf: #"","#.utf8)
                chunk.append(contentsOf: snapshot.recordJSON(type, row).dropFirst())
                chunk.append(UInt8(ascii: "\n"))
                row += 1
            }
            if chunk.isEmpty { state = nil }
            return chunk.isEmpty ? .end : .chunk(chunk)
        })
        // Compressed as it streams, for clients that accept gzip (APIHandler.finish).
        return Reply(contentType: ContentTypes.ndjson, body: .stream(stream), etag: "\"\(snapshot.version)-export\"")
    }

    /// The last line of an export ended because its version was replaced too long ago.
    static func truncated(version: String, limit: Duration) -> [UInt8] {
        var json = JSONWriter(capacity: 256)
        json.object { o in
            o.field("type", "truncated")
            o.field("dataset_version", version)
            o.field(
                "detail",
                "The dataset was reloaded while this export was being read, and it went on for longer than "
                    + "\(limit.components.seconds) s after that; it is incomplete. Export again to get the current version.")
        }
        json.raw("\n")
        return json.bytes
    }
}
