/// How log lines are written (the `log_format` setting).
enum LogFormat: String, CaseIterable, Sendable {
    /// Readable lines (``TextLines``).
    case text
    /// One JSON object per line, for log collectors (``JSONLines``).
    case json
}
