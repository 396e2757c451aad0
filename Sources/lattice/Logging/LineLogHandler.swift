import Logging

/// How one log line is written; the handler around it is shared.
protocol LogLineFormat: Sendable {
    static func append(level: Logger.Level, label: String, message: String, fields: Logger.Metadata, to line: inout [UInt8])
}

/// A swift-log handler that formats each event as one line straight into ``LogSink``.
struct LineLogHandler<Format: LogLineFormat>: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level
    let label: String

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let message = event.message.description
        let fields = combined(metadata, event.metadata)
        LogSink.standardError.append(urgent: event.level >= .warning) { line in
            Format.append(level: event.level, label: label, message: message, fields: fields, to: &line)
        }
    }
}

/// A handler's own metadata with the event's on top; no copy when one of them is empty.
private func combined(_ handler: Logger.Metadata, _ event: Logger.Metadata?) -> Logger.Metadata {
    guard let event, !event.isEmpty else { return handler }
    if handler.isEmpty { return event }
    return handler.merging(event) { $1 }
}

enum Logs {
    /// Installs the chosen handler for every logger of the process.
    static func bootstrap(format: String, level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            if format == "json" { return LineLogHandler<JSONLines>(logLevel: level, label: label) as any LogHandler }
            return LineLogHandler<TextLines>(logLevel: level, label: label)
        }
    }
}
