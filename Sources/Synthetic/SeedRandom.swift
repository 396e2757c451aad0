import LatticeModel

/// SplitMix64: a small, fast generator whose sequence depends only on its seed, on every
/// platform and Swift version (the standard library's generator promises neither), so the
/// same seed always gives the same synthetic seeds, byte for byte.
struct SeedRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<bound` (bound > 0).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func int(in range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    mutating func element<T>(_ values: [T]) -> T { values[below(values.count)] }

    mutating func weighted<T>(_ values: [T], _ weights: [Double]) -> T {
        var point = Double(next() >> 11) / Double(1 << 53) * weights.reduce(0, +)
        for (value, weight) in zip(values, weights) {
            point -= weight
            if point < 0 { return value }
        }
        return values[values.count - 1]
    }

    /// `count` distinct elements, in random order.
    mutating func sample<T>(_ values: [T], _ count: Int) -> [T] {
        var pool = values
        var chosen: [T] = []
        for _ in 0..<min(count, pool.count) { chosen.append(pool.remove(at: below(pool.count))) }
        return chosen
    }
}
