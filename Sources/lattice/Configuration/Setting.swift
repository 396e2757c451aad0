/// One configuration setting: its key (in Config/lattice.json), environment variable,
/// command-line flag, type, default, allowed range, and what it does. The README's table
/// and `lattice config` are generated from this list.
struct Setting: Sendable {
    enum Kind: Sendable {
        case string(allowed: [String]?)
        /// A folder, or empty to turn the feature off.
        case optionalPath
        case integer(ClosedRange<Int>)
        case seconds(ClosedRange<Double>)
        case bool
        case strings
    }

    let key: String
    let kind: Kind
    let defaultValue: ConfigValue
    let help: String

    var environmentVariable: String { "LATTICE_" + key.uppercased() }
    var flag: String { "--" + String(key.map { $0 == "_" ? "-" : $0 }) }

    var typeDescription: String {
        switch kind {
        case .string(let allowed?): allowed.joined(separator: " \\| ")
        case .string(nil): "string"
        case .optionalPath: "string (empty: off)"
        case .integer(let range): "integer \(range.lowerBound)–\(range.upperBound)"
        case .seconds(let range): "seconds \(range.lowerBound.plain)–\(range.upperBound.plain)"
        case .bool: "boolean"
        case .strings: "list of strings"
        }
    }
}

/// A setting's value once parsed.
enum ConfigValue: Sendable, Equatable, CustomStringConvertible {
    case string(String)
    case integer(Int)
    case seconds(Double)
    case bool(Bool)
    case strings([String])

    var description: String {
        switch self {
        case .string(let value): value
        case .integer(let value): String(value)
        case .seconds(let value): value.plain
        case .bool(let value): String(value)
        case .strings(let values): values.joined(separator: ",")
        }
    }

    var json: String {
        switch self {
        case .string(let value): "\"\(value)\""
        case .integer(let value): String(value)
        case .seconds(let value): value == value.rounded() ? String(Int(value)) : String(value)
        case .bool(let value): String(value)
        case .strings(let values): "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        }
    }
}

extension Setting {
    /// Every setting, in the order of Config/lattice.json and the README table.
    static let all: [Setting] = [
        Setting(key: "host", kind: .string(allowed: nil), defaultValue: .string("127.0.0.1"),
                help: "Address to listen on: `0.0.0.0` or `::` for every interface (the container sets `0.0.0.0`)."),
        Setting(key: "port", kind: .integer(0...65535), defaultValue: .integer(8080),
                help: "TCP port; 0 picks a free one (logged at startup)."),
        Setting(key: "seeds", kind: .string(allowed: nil), defaultValue: .string("seeds"),
                help: "Seeds folder to load and serve (reloaded on SIGHUP)."),
        Setting(key: "explorer", kind: .optionalPath, defaultValue: .string("explorer"),
                help: "Folder of the explorer's files, read at startup and served at `/` to browsers and under `/explorer/`; empty serves no explorer."),
        Setting(key: "workers", kind: .integer(0...256), defaultValue: .integer(0),
                help: "Worker queues; 0 means one per CPU."),
        Setting(key: "max_connections", kind: .integer(1...1_000_000), defaultValue: .integer(16384),
                help: "Open connections beyond this get 503 and a close (also kept below the descriptor limit)."),
        Setting(key: "defer_accept", kind: .bool, defaultValue: .bool(true),
                help: "Accept a connection once its first bytes arrive, and answer it on that first read (TCP_DEFER_ACCEPT); a silent client is accepted about a second late."),
        Setting(key: "max_target_bytes", kind: .integer(256...1_048_576), defaultValue: .integer(8192),
                help: "Longest request target; longer gets 414."),
        Setting(key: "max_header_bytes", kind: .integer(1024...1_048_576), defaultValue: .integer(16384),
                help: "Largest header section; larger gets 431."),
        Setting(key: "max_header_count", kind: .integer(8...10_000), defaultValue: .integer(100),
                help: "Most header fields; more gets 431."),
        Setting(key: "max_body_bytes", kind: .integer(0...1_073_741_824), defaultValue: .integer(1_048_576),
                help: "Largest request body; larger gets 413."),
        Setting(key: "header_timeout", kind: .seconds(0.01...3600), defaultValue: .seconds(10),
                help: "Time from a request's first byte to the end of its headers; then 408 and close."),
        Setting(key: "body_timeout", kind: .seconds(0.01...3600), defaultValue: .seconds(10),
                help: "Time to receive a request body; then 408 and close."),
        Setting(key: "idle_timeout", kind: .seconds(0.01...86400), defaultValue: .seconds(60),
                help: "Idle keep-alive connections close after this (keep it above your load balancer's)."),
        Setting(key: "write_timeout", kind: .seconds(0.01...3600), defaultValue: .seconds(30),
                help: "A client that reads nothing of a response for this long is dropped."),
        Setting(key: "drain_delay", kind: .seconds(0...3600), defaultValue: .seconds(0),
                help: "On SIGTERM/SIGINT: how long /readyz answers 503 while still serving, before the server stops accepting (lets a load balancer notice)."),
        Setting(key: "shutdown_grace", kind: .seconds(0...3600), defaultValue: .seconds(10),
                help: "On SIGTERM/SIGINT: how long in-flight requests may take before connections are closed."),
        Setting(key: "cors_origins", kind: .strings, defaultValue: .strings(["*"]),
                help: "Origins allowed to read responses cross-origin; `*` for any. Env and flag take a comma-separated list."),
        Setting(key: "cache_max_age", kind: .integer(0...31_536_000), defaultValue: .integer(60),
                help: "`Cache-Control: public, max-age=N` on data responses, in seconds."),
        Setting(key: "gzip_min_bytes", kind: .integer(0...1_073_741_824), defaultValue: .integer(1024),
                help: "Responses at least this large are gzipped for clients that accept it."),
        Setting(key: "log_level", kind: .string(allowed: ["trace", "debug", "info", "notice", "warning", "error", "critical"]),
                defaultValue: .string("info"), help: "Least severe level logged."),
        Setting(key: "log_format", kind: .string(allowed: ["text", "json"]), defaultValue: .string("text"),
                help: "`text`: readable lines; `json`: one JSON object per line, for log collectors."),
        Setting(key: "access_log", kind: .bool, defaultValue: .bool(true),
                help: "One log line per request: method, path, status, bytes, duration, request id."),
    ]
}
