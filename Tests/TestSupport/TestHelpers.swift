import LatticeHTTP

extension ServerConfiguration {
    /// The defaults with `change` applied: `TestServer(configuration: .with { $0.workers = 1 }, …)`.
    public static func with(_ change: (inout ServerConfiguration) -> Void) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        change(&configuration)
        return configuration
    }
}

/// A small seeded generator (SplitMix64), so a random schedule can be replayed from its seed.
/// (The synthetic seeds' SeedRandom is the same algorithm; the HTTP layer's tests do not
/// depend on the synthetic seeds.)
public struct SplitMix64 {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
