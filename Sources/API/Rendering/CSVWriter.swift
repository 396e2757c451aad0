/// RFC 4180 CSV: CRLF line ends, a header row, and fields quoted when they hold a comma,
/// quote, CR or LF (quotes doubled). References are flattened to ids, lists joined with `;`.
struct CSVWriter {
    private(set) var bytes: [UInt8] = []

    /// A list in one field: joined with `;` (API.md).
    static func list(_ values: [String]) -> String { values.joined(separator: ";") }

    mutating func row(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            if field.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) {
                bytes.append(34)
                for byte in field.utf8 {
                    if byte == 34 { bytes.append(34) }
                    bytes.append(byte)
                }
                bytes.append(34)
            } else {
                bytes.append(contentsOf: field.utf8)
            }
        }
        bytes.append(13)
        bytes.append(10)
    }
}
