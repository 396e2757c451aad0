import ArgumentParser

/// One command-line flag per setting (see Setting.all), plus --config.
struct SettingOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "Config file (JSON). Default: LATTICE_CONFIG, else Config/lattice.json if present.")
    var config: String?

    @Option(name: .long, parsing: .unconditional, help: "Address to listen on.") var host: String?
    @Option(name: .long, parsing: .unconditional, help: "TCP port; 0 picks a free one.") var port: String?
    @Option(name: .long, parsing: .unconditional, help: "Seeds folder.") var seeds: String?
    @Option(name: .long, parsing: .unconditional, help: "Explorer folder; \"\" for none.") var explorer: String?
    @Option(name: .long, parsing: .unconditional, help: "Worker queues; 0 = one per CPU.") var workers: String?
    @Option(name: .customLong("max-connections"), parsing: .unconditional, help: "Connection cap.") var maxConnections: String?
    @Option(name: .customLong("defer-accept"), parsing: .unconditional, help: "true or false: accept connections once their first bytes arrive.") var deferAccept: String?
    @Option(name: .customLong("max-target-bytes"), parsing: .unconditional, help: "Longest request target (414 beyond).") var maxTargetBytes: String?
    @Option(name: .customLong("max-header-bytes"), parsing: .unconditional, help: "Largest header section (431 beyond).") var maxHeaderBytes: String?
    @Option(name: .customLong("max-header-count"), parsing: .unconditional, help: "Most header fields (431 beyond).") var maxHeaderCount: String?
    @Option(name: .customLong("max-body-bytes"), parsing: .unconditional, help: "Largest request body (413 beyond).") var maxBodyBytes: String?
    @Option(name: .customLong("header-timeout"), parsing: .unconditional, help: "Seconds to receive a request's headers.") var headerTimeout: String?
    @Option(name: .customLong("body-timeout"), parsing: .unconditional, help: "Seconds to receive a request's body.") var bodyTimeout: String?
    @Option(name: .customLong("idle-timeout"), parsing: .unconditional, help: "Seconds before an idle keep-alive connection closes.") var idleTimeout: String?
    @Option(name: .customLong("write-timeout"), parsing: .unconditional, help: "Seconds a client may stall reading a response.") var writeTimeout: String?
    @Option(name: .customLong("drain-delay"), parsing: .unconditional, help: "Seconds /readyz reports 503 before accepting stops on SIGTERM.") var drainDelay: String?
    @Option(name: .customLong("shutdown-grace"), parsing: .unconditional, help: "Seconds in-flight requests get on SIGTERM.") var shutdownGrace: String?
    @Option(name: .customLong("cors-origins"), parsing: .unconditional, help: "Comma-separated allowed origins, or *.") var corsOrigins: String?
    @Option(name: .customLong("cache-max-age"), parsing: .unconditional, help: "Cache-Control max-age in seconds.") var cacheMaxAge: String?
    @Option(name: .customLong("gzip-min-bytes"), parsing: .unconditional, help: "Smallest response to gzip.") var gzipMinBytes: String?
    @Option(name: .customLong("log-level"), parsing: .unconditional, help: "trace, debug, info, notice, warning, error or critical.") var logLevel: String?
    @Option(name: .customLong("log-format"), parsing: .unconditional, help: "text or json.") var logFormat: String?
    @Option(name: .customLong("access-log"), parsing: .unconditional, help: "true or false.") var accessLog: String?

    var flags: [String: String] {
        let pairs: [(String, String?)] = [
            ("host", host), ("port", port), ("seeds", seeds), ("explorer", explorer), ("workers", workers), ("max_connections", maxConnections),
            ("defer_accept", deferAccept), ("max_target_bytes", maxTargetBytes), ("max_header_bytes", maxHeaderBytes), ("max_header_count", maxHeaderCount),
            ("max_body_bytes", maxBodyBytes), ("header_timeout", headerTimeout), ("body_timeout", bodyTimeout),
            ("idle_timeout", idleTimeout), ("write_timeout", writeTimeout), ("drain_delay", drainDelay), ("shutdown_grace", shutdownGrace),
            ("cors_origins", corsOrigins), ("cache_max_age", cacheMaxAge), ("gzip_min_bytes", gzipMinBytes),
            ("log_level", logLevel), ("log_format", logFormat), ("access_log", accessLog),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.compactMap { key, value in value.map { (key, $0) } })
    }

    func resolve() throws(ServiceConfiguration.Failure) -> ServiceConfiguration {
        try ServiceConfiguration.resolve(flags: flags, configPath: config, environment: Console.environment)
    }

    /// The configuration, or exit code 2 after saying what is wrong with it.
    func resolveOrExit() throws -> ServiceConfiguration {
        do {
            return try resolve()
        } catch {
            Console.error("lattice: invalid configuration:\n\(error)\n")
            throw ExitCode(2)
        }
    }
}
