import Glibc

/// Numeric text: one sample per line, fields separated by commas (or by
/// whitespace when the first data line has no comma). A first line with a
/// field that is not a number is a header and skipped; blank lines are
/// skipped; `nan` and `inf` parse, and are then refused as non-finite.
enum CSVFormat {
    /// Text bytes are at most a fifth of what parsing them can need (the
    /// text, plus 8 bytes of double for each 2 bytes like `0,`).
    static let bytesPerTextByte = 5.0

    static func read(_ source: ByteSource, memoryLimit: Double) throws -> DataFileReader.RawArray {
        let path = source.path
        let bytes = try source.remainder(limit: memoryLimit / bytesPerTextByte)
        var values: [Double] = []
        var columns = -1, rows = 0
        var separator: Character? = nil
        var sawFirst = false
        var lineNumber = 0
        for rawLine in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = String(decoding: rawLine, as: UTF8.self).trimmingWhitespace()
            if line.isEmpty { continue }
            if separator == nil { separator = line.contains(",") ? "," : " " }
            let fields = separator == ","
                ? line.split(separator: ",", omittingEmptySubsequences: false)
                : line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            var parsed: [Double] = []
            parsed.reserveCapacity(fields.count)
            var bad: Substring? = nil
            for field in fields {
                let text = field.trimmingWhitespace()
                guard let value = Double(text) else {
                    bad = field
                    break
                }
                parsed.append(value)
            }
            if let bad {
                if !sawFirst {
                    // A header line of names; the separator is decided again on the data.
                    sawFirst = true
                    separator = nil
                    continue
                }
                throw DataSetError.malformed(path: path, detail: "line \(lineNumber): '\(bad)' is not a number")
            }
            sawFirst = true
            if columns < 0 { columns = parsed.count }
            guard parsed.count == columns else {
                throw DataSetError.malformed(path: path,
                                             detail: "line \(lineNumber) has \(parsed.count) fields, earlier lines \(columns)")
            }
            values += parsed
            rows += 1
        }
        guard rows > 0 else { throw DataSetError.empty(path: path) }
        return DataFileReader.RawArray(format: .csv, shape: [rows, columns], values: values)
    }
}
