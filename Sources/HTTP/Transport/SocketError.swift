import Glibc

/// A failed system call, with the errno it left.
public struct SocketError: Error, CustomStringConvertible, Sendable {
    public let call: String
    public let errno: Int32

    /// Said instead of the system's text for `errno`, when we know better what went wrong.
    public let reason: String?

    public init(_ call: String, errno: Int32 = Glibc.errno) {
        self.call = call
        self.errno = errno
        reason = nil
    }

    public init(_ call: String, reason: String, errno: Int32) {
        self.call = call
        self.errno = errno
        self.reason = reason
    }

    public var description: String {
        if let reason { return "\(call): \(reason)" }
        return "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }
}
