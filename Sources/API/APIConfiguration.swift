/// What the API layer needs from the service's configuration.
public struct APIConfiguration: Sendable {
    /// Origins allowed to read responses cross-origin; `["*"]` allows any.
    public var corsOrigins: [String] = ["*"]
    /// Origins (`https://app.example`) whose pages may call `POST /mcp`; a request with any
    /// other `Origin` gets 403, one without `Origin` is served. Empty: none.
    public var mcpOrigins: [String] = []
    /// `Cache-Control: public, max-age=N` on data responses.
    public var cacheMaxAge: Int = 60
    /// Bodies at least this large are gzipped for clients that accept it.
    public var gzipMinimumBytes: Int = 1024
    /// The explorer's files, served at `/` (to browsers) and `/explorer/…`; nil serves none.
    public var explorer: ExplorerAssets? = nil
    /// How long after a reload a streamed export may go on reading the version it started
    /// on; then it is ended, so a slow reader cannot keep an old dataset in memory. The
    /// server sets it to its write timeout (the time a client may stall a response anyway).
    public var staleStreamLimit: Duration = .seconds(30)
    /// The most bytes of rendered records and documents' text kept for serving again (an
    /// estimate that counts a gzip copy for each); the rest are rendered when asked for.
    public var renderCacheBytes: Int = Snapshot.defaultCacheBudget

    public init() {}
}
