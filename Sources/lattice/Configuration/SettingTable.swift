import LatticeAPI
import LatticeHTTP
import Logging

/// Every setting, once: its key in Config/lattice.json (which names its environment variable
/// and flag), its type and range, its default and what it does. Resolution, the flags of
/// `serve` and `config`, `lattice config` (and with it the README's table and the shipped
/// Config/lattice.json) all read this table; code reads a resolved value by the row's
/// property name, typed: `settings.idleTimeout` is a `Duration`.
///
/// To add a setting: declare its row as a property here (the rows are read by reflection, so
/// the declaration order is its place in the file, the README and `--help`); add the
/// matching `@Option` line to ``SettingOptions`` (CLITests checks every row has exactly one
/// flag); hand its resolved value to the layer's configuration where the others are handed
/// over (Settings+Layers.swift); then regenerate
/// Config/lattice.json and the README table with `lattice config --show defaults` and
/// `--show markdown`.
///
/// Settings that configure the HTTP or API layer take their default from that layer's own
/// configuration, where it is documented, so each number is written once.
struct SettingTable: Sendable {
    static let shared = SettingTable()

    let host = Setting(
        "host", .text, default: ServerConfiguration().host,
        help: "Address to listen on: `0.0.0.0` or `::` for every interface (the container sets `0.0.0.0`).")
    let port = Setting(
        "port", .integer(0...65535), default: ServerConfiguration().port,
        help: "TCP port; 0 picks a free one (logged at startup).")
    let seeds = Setting(
        "seeds", .text, default: "seeds",
        help: "Seeds folder to load and serve (reloaded on SIGHUP).")
    let explorer = Setting(
        "explorer", .optionalPath, default: "explorer",
        help: "Folder of the explorer's files, read at startup and served at `/` to browsers and under `/explorer/`; empty serves no explorer.")
    let workers = Setting(
        "workers", .integer(0...256), default: ServerConfiguration().workers,
        help: "Worker queues; 0 means one per CPU this process may use (its affinity mask and cgroup CPU limit count).")
    let maxConnections = Setting(
        "max_connections", .integer(1...1_000_000), default: ServerConfiguration().maxConnections,
        help: "Open connections beyond this get 503 and a close (also kept below the descriptor limit).")
    let deferAccept = Setting(
        "defer_accept", .boolean, default: ServerConfiguration().deferAccept,
        help:
            "Accept a connection once its first bytes arrive, and answer it on that first read (TCP_DEFER_ACCEPT); a silent client is accepted about a second late."
    )
    let maxTargetBytes = Setting(
        "max_target_bytes", .integer(256...1_048_576), default: HTTPLimits().maxTargetLength,
        help: "Longest request target; longer gets 414.")
    let maxHeaderBytes = Setting(
        "max_header_bytes", .integer(1024...1_048_576), default: HTTPLimits().maxHeaderBytes,
        help: "Largest header section; larger gets 431.")
    let maxHeaderCount = Setting(
        "max_header_count", .integer(8...10_000), default: HTTPLimits().maxHeaderCount,
        help: "Most header fields; more gets 431.")
    let maxBodyBytes = Setting(
        "max_body_bytes", .integer(0...1_073_741_824), default: HTTPLimits().maxBodyBytes,
        help: "Largest request body; larger gets 413.")
    let headerTimeout = Setting(
        "header_timeout", .seconds(0.01...3600), default: ServerConfiguration().headerTimeout,
        help: "Time from a request's first byte to the end of its headers; then 408 and close.")
    let bodyTimeout = Setting(
        "body_timeout", .seconds(0.01...3600), default: ServerConfiguration().bodyTimeout,
        help: "Time to receive a request body; then 408 and close.")
    let idleTimeout = Setting(
        "idle_timeout", .seconds(0.01...86400), default: ServerConfiguration().idleTimeout,
        help: "Idle keep-alive connections close after this (keep it above your load balancer's).")
    let writeTimeout = Setting(
        "write_timeout", .seconds(0.01...3600), default: ServerConfiguration().writeTimeout,
        help: "A client that reads nothing of a response for this long is dropped.")
    let drainDelay = Setting(
        "drain_delay", .seconds(0...3600), default: .zero,
        help: "On SIGTERM/SIGINT: how long /readyz answers 503 while still serving, before the server stops accepting (lets a load balancer notice).")
    let shutdownGrace = Setting(
        "shutdown_grace", .seconds(0...3600), default: .seconds(10),
        help: "On SIGTERM/SIGINT: how long in-flight requests may take before connections are closed.")
    let corsOrigins = Setting(
        "cors_origins", .list, default: APIConfiguration().corsOrigins,
        help: "Origins allowed to read responses cross-origin; `*` for any. Env and flag take a comma-separated list.")
    let mcpOrigins = Setting(
        "mcp_origins", .optionalList, default: APIConfiguration().mcpOrigins,
        help:
            "Origins (`https://app.example`) whose web pages may call `POST /mcp`; a request with another `Origin` gets 403, one without `Origin` is served. Empty: none. Env and flag take a comma-separated list."
    )
    let cacheMaxAge = Setting(
        "cache_max_age", .integer(0...31_536_000), default: APIConfiguration().cacheMaxAge,
        help: "`Cache-Control: public, max-age=N` on data responses, in seconds.")
    let gzipMinBytes = Setting(
        "gzip_min_bytes", .integer(0...1_073_741_824), default: APIConfiguration().gzipMinimumBytes,
        help: "Responses at least this large are gzipped for clients that accept it.")
    let renderCacheBytes = Setting(
        "render_cache_bytes", .integer(0...1_099_511_627_776), default: APIConfiguration().renderCacheBytes,
        help: "Most bytes of rendered records and documents' text kept to serve again (the hot set); the rest are rendered on request. 0 keeps none.")
    let logLevel = Setting(
        "log_level", .choice, default: Logger.Level.info,
        help: "Least severe level logged.")
    let logFormat = Setting(
        "log_format", .choice, default: LogFormat.text,
        help: "`text`: readable lines; `json`: one JSON object per line, for log collectors.")
    let accessLog = Setting(
        "access_log", .boolean, default: true,
        help: "One log line per request: method, path, status, bytes, duration, request id.")
}

extension SettingTable {
    /// The rows in the order they are declared above: the order of Config/lattice.json, the
    /// README table and `--help`. (Swift lists a struct's stored properties in declaration
    /// order; a test checks that every row is found and every key is unique.)
    static let rows: [any AnySetting] = Mirror(reflecting: shared).children.compactMap { $0.value as? any AnySetting }

    /// The row a property name (`idleTimeout`) declares, as ``SettingOptions`` names its flags.
    static let rowsByProperty: [String: any AnySetting] = Dictionary(
        uniqueKeysWithValues: Mirror(reflecting: shared).children.compactMap { child in
            (child.value as? any AnySetting).flatMap { row in child.label.map { ($0, row) } }
        })
}
