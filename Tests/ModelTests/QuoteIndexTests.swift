import Testing
@testable import LatticeModel

/// The quote index keeps where each byte of a normal form came from as runs, not one offset
/// per byte: every byte's origin read through the runs is the one a per-byte table would
/// hold, on crafted text (collapsed whitespace, quotes, dashes, letters that lowercase to
/// several bytes or scalars) and on every shipped document; and the runs are few.
@Suite struct QuoteIndexTests {
    /// The normal form and each byte's origin, one entry per byte, built scalar by scalar.
    static func perByte(_ text: String) -> (bytes: [UInt8], origin: [Int]) {
        var bytes: [UInt8] = [], origin: [Int] = []
        var offset = 0
        var inSpace = false
        for scalar in text.unicodeScalars {
            defer { offset += String(scalar).utf8.count }
            if scalar.properties.isWhitespace {
                if !inSpace {
                    bytes.append(UInt8(ascii: " "))
                    origin.append(offset)
                }
                inSpace = true
                continue
            }
            inSpace = false
            for byte in QuoteIndex.normalized(String(scalar)).utf8 {
                bytes.append(byte)
                origin.append(offset)
            }
        }
        return (bytes, origin)
    }

    static let crafted = [
        "“Hello,”  she said — twice.\n\n\tÉTAT İstanbul ﬁnal ’s “Ω” – end",
        "", " ", "a", "É", "  leading and trailing  ", "ASCII only, one space each.",
    ]

    @Test func everyByteHasTheOriginAPerByteTableWouldGive() throws {
        let documents = try SeedLoader.load(from: shippedSeeds).documents.map(\.text)
        for text in Self.crafted + documents {
            let normal = QuoteIndex.normalize(text: text)
            let reference = Self.perByte(text)
            #expect(normal.bytes == reference.bytes)
            let mismatches = reference.origin.indices.filter { normal.origin($0) != reference.origin[$0] }
            #expect(mismatches.isEmpty, "\(mismatches.prefix(5)) in \(text.prefix(40))")
        }
        for text in documents {
            let normal = QuoteIndex.normalize(text: text)
            #expect(normal.runs.count * 8 < normal.bytes.count, "runs \(normal.runs.count) for \(normal.bytes.count) bytes")
        }
    }
}
