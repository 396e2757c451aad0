import Glibc

/// Small helpers for the command line, on the standard library and Glibc.
///
/// The executable links FoundationEssentials, which swift-argument-parser imports and whose
/// `FileManager` reads the config file (`Settings+Resolve.swift`), but not Foundation itself
/// nor its ICU-backed internationalization: that kept about 6 MB resident
/// (Benchmarks/README.md, "no Foundation in the server"). Import nothing more than that.
enum Console {
    /// Writes to standard error without buffering.
    static func error(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// The process environment.
    static var environment: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let pair = String(cString: entry)
            if let equals = pair.firstIndex(of: "=") {
                result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}

extension Double {
    /// `10`, `0.25`: whole numbers without a fraction, others as Swift prints them.
    var plain: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}
