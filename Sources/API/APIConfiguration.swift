/// What the API layer needs from the service's configuration.
public struct APIConfiguration: Sendable {
    /// Origins allowed to read responses cross-origin; `["*"]` allows any.
    public var corsOrigins: [String] = ["*"]
    /// `Cache-Control: public, max-age=N` on data responses.
    public var cacheMaxAge: Int = 60
    /// Bodies at least this large are gzipped for clients that accept it.
    public var gzipMinimumBytes: Int = 1024
    /// The explorer's files, served at `/` (to browsers) and `/explorer/…`; nil serves none.
    public var explorer: ExplorerAssets? = nil

    public init() {}
}
