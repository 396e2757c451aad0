import Testing
@testable import LatticeHTTP

/// What the server reports instead of dropping silently (a failed accept, read, write or registration is an event, never silence).
@Suite("Server events")
struct ServerEventTests {
    @Test("a reported event reaches the handler set with onEvent, with its kind and errno")
    func delivered() throws {
        let core = ServerCore(configuration: ServerConfiguration(), handler: ClosureHandler { _ in HTTPResponse(status: .ok) })
        core.report(.acceptExhausted, SocketError("accept4", errno: 24))  // nobody listening yet: dropped
        let seen = Locked<[ServerEvent]>([])
        core.eventHandler.withLock { $0 = { event in seen.withLock { $0.append(event) } } }
        core.report(.acceptExhausted, SocketError("accept4", errno: 24))
        core.report(.writeFailed, SocketError("send", errno: 5))
        let events = seen.withLock { $0 }
        #expect(events.map(\.kind) == [.acceptExhausted, .writeFailed])
        #expect(events.first?.error.errno == 24)
        #expect(events.first?.description == "accept_exhausted: accept4 failed: Too many open files (errno 24)")
    }
}
