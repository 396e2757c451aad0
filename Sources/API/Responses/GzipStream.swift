import CZlib
import LatticeHTTP

/// gzip over a streamed body, chunk by chunk as the client reads: nothing is compressed
/// ahead of what the connection asks for, and the deflate state (about 64 KiB) lives only
/// as long as the response.
final class GzipStream: @unchecked Sendable {
    private var stream = z_stream()
    private var finished = false
    private let valid: Bool

    private init() {
        valid = lattice_deflate_init_gzip_small(&stream, 6) == Z_OK
    }

    deinit {
        if valid { deflateEnd(&stream) }
    }

    /// `body` compressed; the chunks are produced on the connection's queue, one at a time.
    static func wrap(_ body: HTTPBodyStream) -> HTTPBodyStream? {
        let gzip = GzipStream()
        guard gzip.valid else { return nil }
        return HTTPBodyStream(steps: {
            while !gzip.finished {
                if let chunk = body.next() {
                    let out = gzip.deflate(chunk, flush: Z_NO_FLUSH)
                    if !out.isEmpty { return .chunk(out) }
                } else if body.aborted {
                    gzip.finished = true
                    return .abort  // no gzip trailer either: the client sees the cut
                } else {
                    gzip.finished = true
                    return .chunk(gzip.deflate([], flush: Z_FINISH))
                }
            }
            return .end
        })
    }

    private func deflate(_ input: [UInt8], flush: Int32) -> [UInt8] {
        var input = input
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 32 * 1024)
        input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = UInt32(source.count)
            repeat {
                let produced: Int = buffer.withUnsafeMutableBufferPointer { destination in
                    stream.next_out = destination.baseAddress
                    stream.avail_out = UInt32(destination.count)
                    _ = CZlib.deflate(&stream, flush)
                    return destination.count - Int(stream.avail_out)
                }
                output.append(contentsOf: buffer[..<produced])
            } while stream.avail_out == 0
        }
        return output
    }
}
