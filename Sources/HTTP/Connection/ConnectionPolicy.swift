/// What every connection of a server shares, set once: the configuration (limits and
/// timeouts) and the handler's answer to whether a request's body is wanted (asked while
/// the head is parsed, so it is a question, not an action). A class, so a connection holds
/// one reference instead of a copy.
final class ConnectionPolicy: Sendable {
    let configuration: ServerConfiguration
    /// `configuration.limits`, for every connection's parser to share.
    let limits: SharedHTTPLimits
    let wantsBody: @Sendable (HTTPRequest) -> Bool
    /// The most input a head can take before the parser rejects it (414 or 431): a request
    /// line with the longest target, method and version, and the largest header section.
    let largestHead: Int

    init(configuration: ServerConfiguration, wantsBody: @escaping @Sendable (HTTPRequest) -> Bool = { _ in true }) {
        self.configuration = configuration
        self.limits = SharedHTTPLimits(configuration.limits)
        self.wantsBody = wantsBody
        self.largestHead = configuration.limits.maxTargetLength + configuration.limits.maxHeaderBytes + 64
    }
}
