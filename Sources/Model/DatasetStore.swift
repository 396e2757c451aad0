import Synchronization

/// The dataset being served, swapped atomically on reload. Readers take a reference and
/// keep using it for the whole request, so a reload never mixes two versions in one answer.
public final class DatasetStore: Sendable {
    private let current: Mutex<Dataset?>

    public init(_ dataset: Dataset? = nil) {
        current = Mutex(dataset)
    }

    public var dataset: Dataset? { current.withLock { $0 } }

    /// Replaces the dataset. Build the new one completely first: a folder that fails to
    /// load never gets here, so the old data stays.
    public func replace(with dataset: Dataset) {
        current.withLock { $0 = dataset }
    }

    /// Loads `path` and swaps it in, or leaves the current dataset untouched and throws.
    @discardableResult
    public func reload(from path: String) throws(SeedError) -> Dataset {
        let dataset = try SeedLoader.load(from: path)
        replace(with: dataset)
        return dataset
    }
}
