import CCurl
import Foundation

public struct CurlError: Error, CustomStringConvertible {
    public let code: CURLcode
    public var description: String { "curl: \(String(cString: curl_easy_strerror(code)))" }
}

/// A libcurl easy handle: a real HTTP client over a real socket. One client reuses its
/// connection between requests (keep-alive), like a dashboard polling the API would.
public final class CurlClient {
    private let handle: UnsafeMutableRawPointer

    private static let globalInit: Void = {
        curl_global_init(Int(CURL_GLOBAL_ALL))
    }()

    public init() {
        _ = Self.globalInit
        handle = curl_easy_init()
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    private final class Capture {
        var body: [UInt8] = []
        var headerLines: [String] = []
    }

    /// Performs one request. `headers` are raw `Name: value` lines.
    public func request(
        _ url: String, method: String = "GET", headers: [String] = [], body: [UInt8]? = nil,
        http10: Bool = false, timeout: Int = 10
    ) throws -> TestResponse {
        let capture = Capture()
        let context = Unmanaged.passUnretained(capture).toOpaque()
        curl_easy_reset(handle)
        lattice_curl_set_string(handle, CURLOPT_URL, url)
        lattice_curl_set_long(handle, CURLOPT_TIMEOUT, timeout)
        lattice_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        lattice_curl_set_string(handle, CURLOPT_ACCEPT_ENCODING, nil)
        if http10 { lattice_curl_set_long(handle, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_0) }
        switch method {
        case "GET": break
        case "HEAD": lattice_curl_set_long(handle, CURLOPT_NOBODY, 1)
        default: lattice_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, method)
        }
        var bodyCopy = body ?? []
        if body != nil {
            lattice_curl_set_long(handle, CURLOPT_POSTFIELDSIZE, bodyCopy.count)
            lattice_curl_set_long(handle, CURLOPT_POST, 1)
            if method != "POST" { lattice_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, method) }
        }
        var list: UnsafeMutablePointer<curl_slist>?
        for line in headers { list = curl_slist_append(list, line) }
        defer { curl_slist_free_all(list) }
        lattice_curl_set_slist(handle, CURLOPT_HTTPHEADER, list)
        lattice_curl_set_write_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let capture = Unmanaged<Capture>.fromOpaque(context!).takeUnretainedValue()
            let total = size * count
            capture.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: total))
            return total
        }
        lattice_curl_set_pointer(handle, CURLOPT_WRITEDATA, context)
        lattice_curl_set_write_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            let capture = Unmanaged<Capture>.fromOpaque(context!).takeUnretainedValue()
            let total = size * count
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: total), as: UTF8.self)
            capture.headerLines.append(line.trimmingCharacters(in: .whitespacesAndNewlines))
            return total
        }
        lattice_curl_set_pointer(handle, CURLOPT_HEADERDATA, context)
        let code = bodyCopy.withUnsafeMutableBytes { buffer -> CURLcode in
            if body != nil { lattice_curl_set_pointer(handle, CURLOPT_POSTFIELDS, buffer.baseAddress) }
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else { throw CurlError(code: code) }
        var status = 0
        lattice_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var connects = 0
        lattice_curl_get_long(handle, CURLINFO_NUM_CONNECTS, &connects)
        return TestResponse(
            status: status, headers: Self.finalHeaders(capture.headerLines), body: capture.body,
            newConnections: connects)
    }

    /// The header block of the last response (skipping interim 100 Continue blocks).
    private static func finalHeaders(_ lines: [String]) -> [(name: String, value: String)] {
        var result: [(String, String)] = []
        for line in lines {
            if line.hasPrefix("HTTP/") {
                result = []
            } else if let colon = line.firstIndex(of: ":") {
                result.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        return result
    }
}
