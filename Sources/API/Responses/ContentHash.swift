/// FNV-1a, 64-bit: a fast, stable hash for strong ETags. Not cryptographic, and it need not
/// be: an ETag only has to change when the bytes do.
enum ContentHash {
    static func fnv1a(_ bytes: [UInt8], seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = seed
        bytes.withUnsafeBufferPointer { buffer in
            for byte in buffer {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
        }
        return hash
    }

    static func fnv1a(_ text: String, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = seed
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// A strong entity tag for these bytes: `"0123456789abcdef"`.
    static func etag(_ bytes: [UInt8]) -> String { "\"\(hex(fnv1a(bytes)))\"" }
}
