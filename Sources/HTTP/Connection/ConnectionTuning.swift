/// The numbers that bound what one connection, and one worker's turn on it, may hold or do.
/// They are not settings: each follows from the protocol's limits or from a measurement, and
/// each says which.
enum ConnectionTuning {
    /// One read buffer per worker, shared by its connections: a read takes at most this.
    static let readBufferBytes = 64 * 1024

    /// Reading stops once this much input is buffered and not yet parsed; what is buffered
    /// is answered first, and reading resumes as it is consumed. Without it a client that
    /// pipelines and never reads its answers made the server buffer all it sent (one such
    /// client: 16 to 181 MB in 3 s). A head larger than this is still read to its end (up to
    /// ``ConnectionPolicy/largestHead``), so no legal request is refused for it.
    static let bufferedInputBytes = 16 * 1024

    /// Above this much unwritten output, answering pipelined requests pauses until the
    /// client reads (a response larger than this is still queued whole). With the input bound
    /// it is what a client that sends requests and reads none of the answers can make the
    /// server hold: 1,500 of them held 375 MB with 256 KiB here, 66 MB with 16 KiB, 45–49 MB
    /// with 8 KiB.
    static let outputHighWater = 8 * 1024

    /// A worker serves one connection for at most this many reads before it yields to the
    /// others that are ready (and comes back to it after them): a fast pipelining client
    /// would otherwise keep its worker to itself.
    static let readsPerTurn = 4

    /// And for at most this many responses: with many pipelining clients, a round of turns
    /// is what another client's request waits for. 1,500 non-reading pipeliners kept a
    /// normal request waiting 2.8 s with unbounded turns, up to 180 ms with 16 responses a
    /// turn, and 80–190 ms with 2 to 8 (no difference within the noise of a 2-core machine).
    static let responsesPerTurn = 4

    /// Ready events taken from the event set in one call.
    static let eventsPerBatch = 256

    /// Warm buffers a worker keeps for the connection that reads or writes next; larger ones
    /// a connection grew are freed when it idles, not kept.
    static let spareInputBytes = 2 * 1024
    static let spareOutputBytes = 16 * 1024
    static let largestKeptInput = 64 * 1024
    static let largestKeptOutput = 1024 * 1024

    /// A worker hands freed memory back to the kernel (malloc_trim) once its connections
    /// fell by this many and by half since their peak: the buffers of a burst of clients
    /// are otherwise kept by malloc after they leave (measured: 316 MB after 1,500 left).
    static let trimAfterClosing = 256
}
