// The floor: what an HTTP/1.1 keep-alive server costs on this machine when it does almost
// nothing — find the end of each request head, answer every request with the same body in
// one send (head with a per-second Date, TCP_NODELAY), honour `Connection: close`. No
// routing, no parsing beyond "\r\n\r\n", no limits, no timeouts, no partial-write handling
// (a connection whose send would block is dropped): a benchmark baseline, never a server.
// Both accept as Lattice does: the listener defers accept until the first bytes arrive, and
// a new connection is read at once, before it is registered for readiness events.
//
//   Floor dispatch PORT BODY_FILE   a Dispatch read source per connection, one serial queue per core
//                                   (Lattice's design before its own epoll sets)
//   Floor hybrid PORT BODY_FILE     one serial queue per core, each with its own epoll set (listener and
//                                   connections, edge-triggered) and ONE Dispatch read source on it,
//                                   drained with epoll_wait(0) in batches (Lattice's design since)
//   Floor epoll PORT BODY_FILE      one thread per core, each with its own epoll loop and listener
import CFloor
import Dispatch
import Glibc

let arguments = CommandLine.arguments
guard arguments.count == 4, let port = UInt16(arguments[2]),
    let body = readFile(arguments[3]), ["dispatch", "hybrid", "epoll"].contains(arguments[1])
else {
    fatalError("usage: Floor dispatch|hybrid|epoll PORT BODY_FILE")
}
let cores = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
signal(SIGPIPE, SIG_IGN)

func readFile(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&chunk, 1, chunk.count, file)
        if n <= 0 { return bytes }
        bytes += chunk[0..<n]
    }
}

func listener(port: UInt16) -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
    var one: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, socklen_t(MemoryLayout<Int32>.size))
    // As Lattice: accept once the first bytes arrive, and read them at once (see below).
    setsockopt(fd, Int32(IPPROTO_TCP), TCP_DEFER_ACCEPT, &one, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    let listening = bound == 0 ? listen(fd, 1024) : -1
    if listening != 0 { fatalError("cannot listen on 127.0.0.1:\(port)") }
    return fd
}

/// The two responses (keep-alive and close), rebuilt when the second changes. One per thread.
struct Responses {
    let body: [UInt8]
    private var second = 0
    private(set) var keepAlive: [UInt8] = []
    private(set) var close: [UInt8] = []

    init(body: [UInt8]) { self.body = body }

    mutating func refresh() {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        guard now.tv_sec != second else { return }
        second = now.tv_sec
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var date = [CChar](repeating: 0, count: 64)
        let length = strftime(&date, date.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
        let head =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n"
            + "Date: \(String(decoding: date[0..<length].map { UInt8($0) }, as: UTF8.self))\r\n"
        keepAlive = Array((head + "\r\n").utf8) + body
        close = Array((head + "Connection: close\r\n\r\n").utf8) + body
    }
}

/// Reads everything available on `fd` and answers each complete request head. Returns
/// false when the connection is finished (EOF, error, `Connection: close`, or a send that
/// would block).
func serve(_ fd: Int32, pending: inout [UInt8], buffer: UnsafeMutableRawBufferPointer, responses: inout Responses) -> Bool {
    while true {
        let n = read(fd, buffer.baseAddress, buffer.count)
        if n == 0 { return false }
        if n < 0 { return errno == EAGAIN || errno == EINTR }
        pending += UnsafeRawBufferPointer(rebasing: buffer[0..<n])
        responses.refresh()
        var start = 0
        while let end = headEnd(pending, from: start) {
            let close = containsClose(pending[start..<end])
            let response = close ? responses.close : responses.keepAlive
            let sent = response.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent != response.count || close { return false }
            start = end
        }
        pending.removeFirst(start)
    }
}

func headEnd(_ bytes: [UInt8], from start: Int) -> Int? {
    var i = start
    while i + 3 < bytes.count {
        if bytes[i] == 13, bytes[i + 1] == 10, bytes[i + 2] == 13, bytes[i + 3] == 10 { return i + 4 }
        i += 1
    }
    return nil
}

func containsClose(_ head: ArraySlice<UInt8>) -> Bool {
    let needle: [UInt8] = Array("onnection: close".utf8)
    guard head.count >= needle.count else { return false }
    var i = head.startIndex
    while i + needle.count <= head.endIndex {
        if head[i..<(i + needle.count)].elementsEqual(needle) { return true }
        i += 1
    }
    return false
}

// MARK: Dispatch sources, one serial queue per core

final class DispatchWorker: @unchecked Sendable {
    let queue: DispatchQueue
    var responses: Responses
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 16)
    var acceptor: DispatchSourceRead?

    init(index: Int, port: UInt16, body: [UInt8]) {
        responses = Responses(body: body)
        queue = DispatchQueue(label: "floor.\(index)", target: .global(qos: .userInitiated))
        let fd = listener(port: port)
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        source.setEventHandler { [unowned self] in
            while true {
                let client = floor_accept(fd)
                if client < 0 { return }
                floor_set_nodelay(client)
                DispatchConnection(fd: client, worker: self).start()
            }
        }
        acceptor = source
        source.resume()
    }
}

final class DispatchConnection: @unchecked Sendable {
    let fd: Int32
    let worker: DispatchWorker
    var pending: [UInt8] = []
    var source: DispatchSourceRead?

    init(fd: Int32, worker: DispatchWorker) {
        self.fd = fd
        self.worker = worker
    }

    func start() {
        // The request is usually here already: answer it before registering for events.
        guard serve(fd, pending: &pending, buffer: worker.buffer, responses: &worker.responses) else {
            close(fd)
            return
        }
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: worker.queue)
        source.setEventHandler { [self] in
            if !serve(fd, pending: &pending, buffer: worker.buffer, responses: &worker.responses) {
                self.source?.cancel()
            }
        }
        source.setCancelHandler { [self] in
            close(fd)
            self.source = nil  // breaks the cycle; the connection goes with its source
        }
        self.source = source
        source.resume()
    }
}

// MARK: hybrid: one Dispatch read source per queue, on that queue's epoll set

final class HybridWorker: @unchecked Sendable {
    let queue: DispatchQueue
    let listenFD: Int32
    let epfd = floor_epoll_create()
    var responses: Responses
    var connections: [Int32: [UInt8]] = [:]
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 16)
    let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: 256)
    var source: DispatchSourceRead?
    static let listenerIndex: Int32 = -1

    init(index: Int, port: UInt16, body: [UInt8]) {
        responses = Responses(body: body)
        queue = DispatchQueue(label: "floor.hybrid.\(index)", target: .global(qos: .userInitiated))
        listenFD = listener(port: port)
        floor_epoll_add(epfd, listenFD, Self.listenerIndex)
        let source = DispatchSource.makeReadSource(fileDescriptor: epfd, queue: queue)
        source.setEventHandler { [unowned self] in drain() }
        self.source = source
        source.resume()
    }

    /// The epoll set is readable while events are ready: take them in batches until fewer
    /// than a full batch come back.
    func drain() {
        while true {
            let count = Int(floor_epoll_poll(epfd, events, 256))
            for i in 0..<max(count, 0) {
                let fd = floor_event_index(events, Int32(i))
                if fd == Self.listenerIndex {
                    acceptAll(listenFD, epfd: epfd, connections: &connections, buffer: buffer, responses: &responses)
                } else {
                    serveReady(fd, connections: &connections, buffer: buffer, responses: &responses)
                }
            }
            if count < 256 { return }
        }
    }
}

// MARK: shared by the two epoll designs, so both do exactly the same work per event

/// Accepts until EAGAIN. As Lattice, each new connection is read at once and registered in
/// the epoll set only if it stays open.
func acceptAll(
    _ listenFD: Int32, epfd: Int32, connections: inout [Int32: [UInt8]],
    buffer: UnsafeMutableRawBufferPointer, responses: inout Responses
) {
    while true {
        let client = floor_accept(listenFD)
        if client < 0 { return }
        floor_set_nodelay(client)
        var pending: [UInt8] = []
        guard serve(client, pending: &pending, buffer: buffer, responses: &responses) else {
            close(client)
            continue
        }
        connections[client] = pending
        floor_epoll_add(epfd, client, client)
    }
}

/// Serves a connection the epoll set reported ready; closes it (which also removes it from
/// the set) when it ends.
func serveReady(
    _ fd: Int32, connections: inout [Int32: [UInt8]],
    buffer: UnsafeMutableRawBufferPointer, responses: inout Responses
) {
    var pending = connections.removeValue(forKey: fd) ?? []
    if serve(fd, pending: &pending, buffer: buffer, responses: &responses) {
        connections[fd] = pending
    } else {
        close(fd)
    }
}

// MARK: an epoll loop per thread

func epollLoop(port: UInt16, body: [UInt8]) {
    let listenFD = listener(port: port)
    let epfd = floor_epoll_create()
    let listenerIndex = -1
    floor_epoll_add(epfd, listenFD, Int32(listenerIndex))
    var connections: [Int32: [UInt8]] = [:]
    var responses = Responses(body: body)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 16)
    let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: 256)
    while true {
        let count = floor_epoll_wait(epfd, events, 256)
        for i in 0..<max(count, 0) {
            let fd = floor_event_index(events, Int32(i))
            if fd == listenerIndex {
                acceptAll(listenFD, epfd: epfd, connections: &connections, buffer: buffer, responses: &responses)
            } else {
                serveReady(fd, connections: &connections, buffer: buffer, responses: &responses)
            }
        }
    }
}

if arguments[1] == "dispatch" {
    let workers = (0..<cores).map { DispatchWorker(index: $0, port: port, body: body) }
    print("floor (dispatch, \(workers.count) queues) on 127.0.0.1:\(port)")
    dispatchMain()
} else if arguments[1] == "hybrid" {
    let workers = (0..<cores).map { HybridWorker(index: $0, port: port, body: body) }
    print("floor (hybrid, \(workers.count) queues, one epoll set each) on 127.0.0.1:\(port)")
    withExtendedLifetime(workers) { dispatchMain() }
} else {
    let threads = (1..<cores).map { _ in Thread(port: port, body: body) }
    print("floor (epoll, \(threads.count + 1) threads) on 127.0.0.1:\(port)")
    epollLoop(port: port, body: body)
}

/// A pthread running its own epoll loop.
final class Thread {
    var handle = pthread_t()
    init(port: UInt16, body: [UInt8]) {
        let box = Unmanaged.passRetained(Arguments(port: port, body: body)).toOpaque()
        pthread_create(
            &handle, nil,
            { raw in
                let arguments = Unmanaged<Arguments>.fromOpaque(raw!).takeRetainedValue()
                epollLoop(port: arguments.port, body: arguments.body)
                return nil
            }, box)
    }
}

final class Arguments {
    let port: UInt16
    let body: [UInt8]
    init(port: UInt16, body: [UInt8]) { self.port = port; self.body = body }
}
