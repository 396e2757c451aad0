import Glibc
import LatticeHTTP

/// RFC 3339 times in UTC with milliseconds, `2026-11-29T10:12:34.567Z`; the date and time
/// to the second are formatted once per second.
enum Timestamp {
    private static let cache = Locked<(second: Int, prefix: [UInt8])>((-1, []))

    static func append(to line: inout [UInt8]) {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        cache.withLock { cache in
            if cache.second != time.tv_sec {
                var seconds = time.tv_sec
                var parts = tm()
                gmtime_r(&seconds, &parts)
                var prefix: [UInt8] = []
                Digits.append(Int(parts.tm_year) + 1900, width: 4, to: &prefix)
                prefix.append(UInt8(ascii: "-"))
                Digits.append(Int(parts.tm_mon) + 1, width: 2, to: &prefix)
                prefix.append(UInt8(ascii: "-"))
                Digits.append(Int(parts.tm_mday), width: 2, to: &prefix)
                prefix.append(UInt8(ascii: "T"))
                Digits.append(Int(parts.tm_hour), width: 2, to: &prefix)
                prefix.append(UInt8(ascii: ":"))
                Digits.append(Int(parts.tm_min), width: 2, to: &prefix)
                prefix.append(UInt8(ascii: ":"))
                Digits.append(Int(parts.tm_sec), width: 2, to: &prefix)
                prefix.append(UInt8(ascii: "."))
                cache = (time.tv_sec, prefix)
            }
            line.append(contentsOf: cache.prefix)
        }
        Digits.append(time.tv_nsec / 1_000_000, width: 3, to: &line)
        line.append(UInt8(ascii: "Z"))
    }
}

/// Decimal numbers written as ASCII bytes.
enum Digits {
    /// `value` (not negative) in decimal, zero-padded to at least `width` digits.
    static func append(_ value: Int, width: Int = 1, to line: inout [UInt8]) {
        var scratch:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { digits in
            var value = max(value, 0)
            var count = 0
            repeat {
                digits[digits.count - 1 - count] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
                count += 1
            } while value > 0 || count < width
            line.append(contentsOf: digits[(digits.count - count)...])
        }
    }

    /// Milliseconds from seconds, rounded to the microsecond and printed as Swift prints
    /// that Double (`0.123`, `1.5`, `2.0`): the access log's `duration_ms`.
    static func appendMilliseconds(_ seconds: Double, to line: inout [UInt8]) {
        let micros = max(0, Int((seconds * 1_000_000).rounded()))
        append(micros / 1000, to: &line)
        line.append(UInt8(ascii: "."))
        var fraction = micros % 1000
        var width = 3
        while width > 1 && fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        append(fraction, width: width, to: &line)
    }
}
