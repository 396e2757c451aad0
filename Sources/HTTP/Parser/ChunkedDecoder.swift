/// Decodes a chunked body (RFC 9112 §7.1) incrementally: chunk-size lines with optional
/// extensions (bounded, then ignored), data, and trailer fields (bounded, then discarded).
struct ChunkedDecoder: Sendable {
    enum Phase: Sendable {
        case sizeLine
        case data(remaining: Int)
        case dataEnd
        case trailer(bytesSeen: Int, fields: Int)
    }

    var phase: Phase = .sizeLine
    /// Data bytes announced so far, for the body limit (also when the data is not kept).
    private var announced = 0

    /// Consumes what it can from `input`, appending data to `body` (or dropping it when
    /// `store` is false). Returns true when the last chunk and the trailer section have been read.
    mutating func decode(
        _ input: inout ByteQueue, into body: inout [UInt8], limits: HTTPLimits, store: Bool = true
    ) throws(HTTPError) -> Bool {
        while true {
            switch phase {
            case .sizeLine:
                guard let line = try takeLine(&input, limit: limits.maxChunkLineLength, what: "chunk-size line") else {
                    return false
                }
                let size = try parseSize(line)
                if size > limits.maxBodyBytes - announced { throw .contentTooLarge(limit: limits.maxBodyBytes) }
                announced += size
                phase = size == 0 ? .trailer(bytesSeen: 0, fields: 0) : .data(remaining: size)
            case .data(let remaining):
                let take = min(remaining, input.count)
                guard take > 0 else { return false }
                if store { input.withUnsafeReadableBytes { body.append(contentsOf: $0[..<take]) } }
                input.consume(take)
                phase = take == remaining ? .dataEnd : .data(remaining: remaining - take)
            case .dataEnd:
                let misframed = HTTPError.invalidChunk("chunk data is longer than its size or not followed by CRLF")
                guard input.count >= 2 else {
                    if input.count == 1, input[0] != ASCII.cr { throw misframed }
                    return false
                }
                guard input[0] == ASCII.cr, input[1] == ASCII.lf else { throw misframed }
                input.consume(2)
                phase = .sizeLine
            case .trailer(let bytesSeen, let fields):
                let room = limits.maxHeaderBytes - bytesSeen
                guard let line = try takeLine(&input, limit: room, what: "trailer section") else { return false }
                if line.isEmpty {
                    phase = .sizeLine
                    return true
                }
                guard line.first != ASCII.space, line.first != ASCII.tab,
                    let colon = line.firstIndex(of: ASCII.colon), colon > 0,
                    line[..<colon].allSatisfy(ASCII.isToken),
                    line[(colon + 1)...].allSatisfy(ASCII.isFieldValue)
                else {
                    throw .invalidChunk("a trailer field is malformed")
                }
                if fields + 1 > limits.maxHeaderCount { throw .tooManyHeaders(limit: limits.maxHeaderCount) }
                phase = .trailer(bytesSeen: bytesSeen + line.count + 2, fields: fields + 1)
            }
        }
    }

    /// Takes one CRLF-terminated line (without the CRLF), or nil if it has not fully arrived.
    private func takeLine(_ input: inout ByteQueue, limit: Int, what: String) throws(HTTPError) -> [UInt8]? {
        let found: Int? = input.withUnsafeReadableBytes { $0.firstIndex(of: ASCII.lf) }
        guard let lf = found else {
            if input.count > limit {
                if what == "trailer section" { throw .headersTooLarge(limit: limit) }
                throw .invalidChunk("the \(what) is longer than \(limit) bytes")
            }
            return nil
        }
        guard lf > 0, input[lf - 1] == ASCII.cr else { throw .bareLineFeed }
        if lf - 1 > limit {
            if what == "trailer section" { throw .headersTooLarge(limit: limit) }
            throw .invalidChunk("the \(what) is longer than \(limit) bytes")
        }
        let line = input.withUnsafeReadableBytes { Array($0[..<(lf - 1)]) }
        input.consume(lf + 1)
        return line
    }

    /// `1*HEXDIG [ BWS ";" chunk-ext ]`, with an overflow check.
    private func parseSize(_ line: [UInt8]) throws(HTTPError) -> Int {
        var size = 0
        var index = 0
        while index < line.count, let digit = ASCII.hexValue(line[index]) {
            guard size <= (Int.max >> 4) else { throw .invalidChunk("the chunk size overflows") }
            size = size << 4 | Int(digit)
            index += 1
        }
        guard index > 0 else { throw .invalidChunk("a chunk-size line does not start with a hex number") }
        while index < line.count, line[index] == ASCII.space || line[index] == ASCII.tab { index += 1 }
        if index < line.count {
            guard line[index] == UInt8(ascii: ";"), line[index...].allSatisfy(ASCII.isFieldValue) else {
                throw .invalidChunk("the chunk size is followed by something other than an extension")
            }
        }
        return size
    }
}
