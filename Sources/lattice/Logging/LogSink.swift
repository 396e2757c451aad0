import Dispatch
import Glibc
import LatticeHTTP

/// Where log lines go: standard error, through a buffer. Writing each access-log line with
/// its own syscall cost a third of the server's CPU under load; lines are appended to a
/// buffer that is written when it passes 64 KiB, every 100 ms, at exit, and at once for
/// warnings and worse (so problems are never held back). The lock keeps lines whole.
final class LogSink: Sendable {
    static let standardError = LogSink()
    private let buffer = Locked<[UInt8]>([])
    private static let flushThreshold = 64 * 1024

    private init() {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "lattice.log.flush"))
        timer.schedule(deadline: .now() + .milliseconds(100), repeating: .milliseconds(100), leeway: .milliseconds(20))
        timer.setEventHandler { LogSink.standardError.flush() }
        timer.resume()
        Self.timer = timer
        atexit { LogSink.standardError.flush() }
    }

    nonisolated(unsafe) private static var timer: DispatchSourceTimer?

    /// Appends one line, written by `writeLine` straight into the buffer (no copy, no
    /// String), under the lock so lines never interleave.
    func append(urgent: Bool, _ writeLine: (inout [UInt8]) -> Void) {
        buffer.withLock { bytes in
            writeLine(&bytes)
            if urgent || bytes.count >= Self.flushThreshold { Self.drain(&bytes) }
        }
    }

    func flush() {
        buffer.withLock { bytes in
            if !bytes.isEmpty { Self.drain(&bytes) }
        }
    }

    private static func drain(_ bytes: inout [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { break }
                offset += written
            }
        }
        bytes.removeAll(keepingCapacity: bytes.capacity <= 4 * flushThreshold)
    }
}
