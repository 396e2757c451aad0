import CSystem
import Glibc

/// Every socket syscall the server makes, wrapped once. Descriptors are plain `Int32`s
/// owned by whoever holds them; nothing here closes a descriptor implicitly.
enum Socket {
    /// The outcome of a non-blocking read or write.
    enum IOResult {
        case bytes(Int)
        case wouldBlock
        case closed  // EOF on read; EPIPE/ECONNRESET: the peer is gone
        case failed(SocketError)
    }

    /// A listening socket bound to `address`, non-blocking, with SO_REUSEADDR (and
    /// SO_REUSEPORT when `reusePort`, so each worker can own a listener on the same port).
    /// With `deferAccept`, the kernel completes a connection's handshake but hands it to
    /// accept only once its first bytes arrive (or about a second later if none do).
    static func listen(
        on address: SocketAddress, backlog: Int32, reusePort: Bool,
        deferAccept: Bool
    ) throws(SocketError) -> Int32 {
        let fd = lattice_socket(address.family, Int32(SOCK_STREAM.rawValue))
        guard fd >= 0 else { throw SocketError("socket") }
        var one: Int32 = 1
        let size = socklen_t(MemoryLayout<Int32>.size)
        guard setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, size) == 0,
            !reusePort || setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, size) == 0,
            !deferAccept || setsockopt(fd, Int32(IPPROTO_TCP), TCP_DEFER_ACCEPT, &one, size) == 0
        else {
            let error = SocketError("setsockopt")
            Glibc.close(fd)
            throw error
        }
        let bound = address.withSockAddr { bind(fd, $0, $1) }
        guard bound == 0 else {
            let error = SocketError("bind to \(address)")
            Glibc.close(fd)
            throw error
        }
        guard Glibc.listen(fd, backlog) == 0 else {
            let error = SocketError("listen")
            Glibc.close(fd)
            throw error
        }
        return fd
    }

    /// Fails with EADDRINUSE when any other socket listens on `address`, SO_REUSEPORT ones
    /// included: the probe itself does not set SO_REUSEPORT, so the kernel refuses it even
    /// where another process's SO_REUSEPORT listeners would have let ours join their group
    /// (and split its clients between two servers). The probe is closed before returning.
    static func checkAvailable(_ address: SocketAddress) throws(SocketError) {
        guard address.port != 0 else { return }  // the kernel picks a free port
        let fd = lattice_socket(address.family, Int32(SOCK_STREAM.rawValue))
        guard fd >= 0 else { throw SocketError("socket") }
        defer { Glibc.close(fd) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard address.withSockAddr({ bind(fd, $0, $1) }) == 0 else {
            if errno == EADDRINUSE {
                throw SocketError(
                    "listen on \(address)",
                    reason: "the address is already in use by another process (another Lattice?); stop it or choose another port", errno: EADDRINUSE)
            }
            throw SocketError("bind to \(address)")
        }
    }

    /// The address a socket is bound to (to learn the port the kernel picked for port 0).
    static func localAddress(of fd: Int32) throws(SocketError) -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { throw SocketError("getsockname") }
        return SocketAddress(storage: storage)
    }

    enum AcceptResult {
        case accepted(Int32)
        case wouldBlock
        /// EMFILE, ENFILE, ENOBUFS, ENOMEM: out of resources; back off before accepting again.
        case exhausted(SocketError)
        /// ECONNABORTED, EINTR, EPROTO and friends: this one failed, keep accepting.
        case retry
    }

    static func accept(_ listener: Int32) -> AcceptResult {
        let fd = lattice_accept(listener, nil, nil)
        if fd >= 0 { return .accepted(fd) }
        switch errno {
        case EAGAIN, EWOULDBLOCK: return .wouldBlock
        case EMFILE, ENFILE, ENOBUFS, ENOMEM: return .exhausted(SocketError("accept4"))
        default: return .retry
        }
    }

    static func setNoDelay(_ fd: Int32) {
        _ = lattice_set_nodelay(fd)
    }

    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n > 0 { return .bytes(n) }
            if n == 0 { return .closed }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case ECONNRESET, ETIMEDOUT, EPIPE: return .closed
            default: return .failed(SocketError("read"))
            }
        }
    }

    /// send(2) with MSG_NOSIGNAL: a vanished peer is an error code, never a SIGPIPE.
    static func write(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> IOResult {
        while true {
            let n = send(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
            if n >= 0 { return .bytes(n) }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case EPIPE, ECONNRESET, ETIMEDOUT: return .closed
            default: return .failed(SocketError("send"))
            }
        }
    }

    /// Half-close: tells the peer we are done sending, while we may still read.
    static func shutdownWrite(_ fd: Int32) {
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }
}
