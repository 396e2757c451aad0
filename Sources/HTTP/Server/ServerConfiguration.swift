import Glibc

/// Everything the server needs to know, with the defaults it ships with.
public struct ServerConfiguration: Sendable {
    /// Address to bind: a numeric IPv4/IPv6 address (`0.0.0.0`, `::`) or a host name.
    public var host: String = "127.0.0.1"
    /// Port to bind; 0 lets the kernel pick a free one (read it back from ``HTTPServer/port``).
    public var port: Int = 8080
    /// Request size limits (target 8 KiB, header section 16 KiB and 100 fields, body 1 MiB).
    public var limits = HTTPLimits()
    /// From the first byte of a request to the end of its header section; then 408 and close.
    public var headerTimeout: Duration = .seconds(10)
    /// From the end of the header section to the end of the body; then 408 and close.
    public var bodyTimeout: Duration = .seconds(10)
    /// An idle keep-alive connection is closed (silently) after this long.
    public var idleTimeout: Duration = .seconds(60)
    /// A connection whose peer accepts no response bytes for this long is dropped.
    public var writeTimeout: Duration = .seconds(30)
    /// After an error response, how long to read and discard what the client still sends
    /// before closing, so a TCP reset does not destroy the response (nginx's lingering close).
    public var lingerTimeout: Duration = .seconds(2)
    /// At shutdown, how long a connection with no request in progress is still read (and a
    /// request that arrives answered with `Connection: close`) before it is half-closed; it
    /// then waits as long again for the client's FIN. A request already on the wire when
    /// shutdown begins is answered, never reset.
    public var drainIdleTimeout: Duration = .milliseconds(500)
    /// Open connections beyond this are answered 503 and closed. The server also keeps it
    /// below the process's descriptor limit.
    public var maxConnections: Int = 16_384
    /// Worker queues; 0 means one per CPU this process may use (``UsableCPUs``: its affinity
    /// mask, capped by a cgroup CPU quota).
    public var workers: Int = 0
    /// listen(2) backlog.
    public var backlog: Int32 = 1024
    /// Accept a connection only when its first request bytes arrive (TCP_DEFER_ACCEPT, one
    /// second): the first read then finds the request, so a one-request connection is
    /// answered without ever waiting for a read event. A connection that sends nothing is
    /// accepted about a second late, and is then treated as any idle one.
    public var deferAccept = true

    public init() {}

    var workerCount: Int {
        workers > 0 ? workers : UsableCPUs.count
    }

    /// How often each worker checks its connections' deadlines: a quarter of the shortest
    /// timeout, between 5 ms and 1 s.
    var sweepInterval: Duration {
        let shortest = [headerTimeout, bodyTimeout, idleTimeout, writeTimeout, lingerTimeout].min()!
        return min(max(shortest / 4, .milliseconds(5)), .seconds(1))
    }
}
