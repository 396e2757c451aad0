// libFuzzer target for a connection's state machine, compiled into the LatticeHTTP module by
// scripts/fuzz.sh with -D FUZZING, together with Tests/HTTPTests/FakePeer.swift: the fake
// socket, client and clock that perform the machine's actions as the I/O shell does, and
// check at every wait that no unread bytes or FIN would stall an edge-triggered connection.
//
// The input is a script. Its first byte picks the read buffer's size, whether the handler
// takes bodies, and whether the client starts with a closed window; then each byte is one
// step (its low 3 bits what happens, its high 5 bits how much): the client sends the next
// bytes of the input, reads some of the response, half-closes; the clock moves on; the
// server drains or ends keep-alive; a read or a write fails. At the end the client reads
// everything and half-closes and the clock runs far ahead: whatever came before, the
// connection must then be closed. No crash, no stall, no hang.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConnection(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var script = Array(UnsafeBufferPointer(start: data, count: size))[...]
    let setup = script.popFirst() ?? 0
    var peer = FakePeer(
        readSize: 1 + Int(setup & 0x3F) * 97, wantsBody: setup & 0x40 == 0,
        window: setup & 0x80 == 0 ? nil : 0)
    peer.accept()
    var seconds = 0.0
    while peer.state != .closed, let step = script.popFirst() {
        let amount = Int(step >> 3)  // 0...31
        switch step & 7 {
        case 0, 1, 2:
            let bytes = Array(script.prefix(amount + 1))
            script = script.dropFirst(amount + 1)
            if !peer.clientFinished { peer.send(bytes) }
        case 3:
            peer.clientReads(amount * 512)
        case 4:
            seconds += Double(amount) / 2
            peer.clock(seconds)
        case 5:
            if !peer.clientFinished { peer.sendFIN() }
        case 6:
            if amount < 16 { peer.drain() } else { peer.serverDraining = true }
        default:
            if amount % 2 == 0 { peer.failNextRead = true } else { peer.failNextWrite = true }
        }
    }
    peer.clientReads(nil)
    if !peer.clientFinished { peer.sendFIN() }
    peer.clock(seconds + 1_000)
    check(peer.state == .closed, "the connection is still open after its client left and every timeout passed")
    return 0
}
