// libFuzzer target for the HTTP request parser (compiled into the parser's module by
// scripts/fuzz.sh). Besides "no crash", it checks an invariant: the same bytes parse to the
// same requests and error whether they arrive whole or split at arbitrary boundaries, and
// whether they are taken with parse or with advance/takeRequest (the connection's way).

/// What a run of the parser produced, comparable across splits.
struct ParseSummary: Equatable {
    var requests: [String] = []
    var error: HTTPError?
}

func summarize(_ bytes: [UInt8], chunkSizes: [Int], viaAdvance: Bool = false) -> ParseSummary {
    var parser = RequestParser(limits: HTTPLimits(maxTargetLength: 512, maxHeaderBytes: 1024, maxHeaderCount: 16, maxBodyBytes: 2048))
    var input = ByteQueue()
    var summary = ParseSummary()
    var offset = 0
    var chunkIndex = 0
    while offset < bytes.count {
        let size = max(1, chunkSizes[chunkIndex % chunkSizes.count])
        chunkIndex += 1
        let end = min(bytes.count, offset + size)
        input.append(contentsOf: bytes[offset..<end])
        offset = end
        while true {
            let result: RequestParser.ParseResult
            if viaAdvance {
                switch parser.advance(&input) {
                case .incomplete: result = .incomplete
                case .requestReady: result = .request(parser.takeRequest())
                case .failure(let error): result = .failure(error)
                }
            } else {
                result = parser.parse(&input)
            }
            switch result {
            case .incomplete:
                _ = parser.takeContinue()
            case .request(let request):
                let headers = request.headers.pairs.map { "\($0.name)=\($0.value)" }.joined(separator: "|")
                summary.requests.append(
                    "\(request.method) \(request.target) \(request.path) \(request.query.count) \(headers) \(request.body.count) \(request.keepAlive)"
                )
                continue
            case .failure(let error):
                summary.error = error
                return summary
            }
            break
        }
    }
    return summary
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = summarize(bytes, chunkSizes: [max(1, bytes.count)])
    // Split boundaries derived from the input, so the fuzzer explores them too.
    let sizes = bytes.prefix(8).map { Int($0 % 13) + 1 }
    let split = summarize(bytes, chunkSizes: sizes.isEmpty ? [1] : sizes, viaAdvance: true)
    precondition(whole == split, "parse differs when split: \(whole) vs \(split)")
    if bytes.count <= 512 {
        let byteByByte = summarize(bytes, chunkSizes: [1])
        precondition(whole == byteByByte, "parse differs byte by byte: \(whole) vs \(byteByByte)")
    }
    return 0
}
