import Dispatch

extension Array {
    /// `map` spread over the CPUs, results in order. For load-time work on large datasets
    /// (parsing files, rendering records); `transform` must not touch shared mutable state.
    public func parallelMap<T>(_ transform: (Element) -> T) -> [T] {
        let count = self.count
        guard count > 1 else { return map(transform) }
        let chunks = Swift.min(count, 64)
        return withoutActuallyEscaping(transform) { transform in
            [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                self.withUnsafeBufferPointer { elements in
                    // Each chunk writes only its own slots of the buffer.
                    let shared = Unchecked(output: buffer.baseAddress!, input: elements, transform: transform)
                    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                        let start = count * chunk / chunks, end = count * (chunk + 1) / chunks
                        for index in start..<end {
                            (shared.output + index).initialize(to: shared.transform(shared.input[index]))
                        }
                    }
                }
                initialized = count
            }
        }
    }
}

/// What the chunks of a parallel map share; safe because each writes disjoint slots.
private struct Unchecked<Element, T>: @unchecked Sendable {
    let output: UnsafeMutablePointer<T>
    let input: UnsafeBufferPointer<Element>
    let transform: (Element) -> T
}

/// Load-time work that runs beside other work: each job fills its own slot, and
/// ``run(_:)`` returns once every job has. Jobs must not touch shared mutable state.
final class Slot<T>: @unchecked Sendable {
    private var stored: T?

    func fill(_ value: T) { stored = value }

    /// The value a finished job left (a job that did not run is a programming error).
    var value: T { stored! }
}

enum Concurrently {
    /// Runs the jobs spread over the CPUs, the first ones first (put the longest first).
    static func run(_ jobs: [() -> Void]) {
        let shared = UncheckedJobs(jobs: jobs)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { shared.jobs[$0]() }
    }
}

private struct UncheckedJobs: @unchecked Sendable {
    let jobs: [() -> Void]
}
