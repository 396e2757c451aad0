#if os(Linux)
    import CSystem
    import Glibc

    /// ``EventSet`` on epoll: `EPOLLIN | EPOLLRDHUP | EPOLLET`, plus `EPOLLOUT` while output waits
    /// (epoll(7): with edge triggering, each change of readiness is reported once, so the owner
    /// must read until EAGAIN; no per-event re-arming, unlike EPOLLONESHOT).
    struct EpollEventSet: EventSet {
        let descriptor: Int32

        init() throws(SocketError) {
            descriptor = lattice_epoll_create()
            guard descriptor >= 0 else { throw SocketError("epoll_create1") }
        }

        func add(_ fd: Int32, token: UInt64, writable: Bool) -> Bool {
            lattice_epoll_control(descriptor, 0, fd, token, writable ? 1 : 0) == 0
        }

        func modify(_ fd: Int32, token: UInt64, writable: Bool) -> Bool {
            lattice_epoll_control(descriptor, 1, fd, token, writable ? 1 : 0) == 0
        }

        func remove(_ fd: Int32) {
            _ = lattice_epoll_remove(descriptor, fd)
        }

        func poll(into events: UnsafeMutableBufferPointer<ReadyEvent>) -> Int {
            max(0, Int(lattice_epoll_poll(descriptor, events.baseAddress, Int32(events.count))))
        }

        func close() {
            _ = Glibc.close(descriptor)
        }
    }

    typealias PlatformEventSet = EpollEventSet
#endif
