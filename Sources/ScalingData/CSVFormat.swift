import Glibc
import ScalingTheory

/// Numeric text: one sample per line, fields separated by commas (or by
/// spaces and tabs when the first data line has no comma). A first line with
/// a field that is not a number is a header and skipped; blank lines are
/// skipped; LF and CRLF line ends and a leading UTF-8 byte-order mark are
/// accepted, as in spectrum files; `nan` and `inf` parse, and are then
/// refused as non-finite.
///
/// The file is read in chunks of 1 MB and parsed in place (numbers by
/// `NumericListFile.number`: Clinger's fast path, else `strtod`), so only
/// the parsed doubles and one partial line are held; they are checked
/// against the memory limit as they grow.
enum CSVFormat {
    static func read(_ source: ByteSource, memoryLimit: Double) throws -> DataFileReader.RawArray {
        var parser = Parser(path: source.path, memoryLimit: memoryLimit, fileBytes: Double(source.fileBytes))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var carry: [UInt8] = []
        var first = true
        while true {
            let got = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if got == 0 { break }
            try chunk.withUnsafeBufferPointer { all in
                let bytes = UnsafeBufferPointer(rebasing: all[0..<got])
                var position = 0
                if first {
                    first = false
                    if got >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
                }
                if !carry.isEmpty {
                    // The line begun in the previous chunk.
                    var end = position
                    while end < got && bytes[end] != UInt8(ascii: "\n") { end += 1 }
                    carry.append(contentsOf: bytes[position..<end])
                    guard end < got else { return try parser.checkLine(carry.count) }
                    try carry.withUnsafeBufferPointer { try parser.line($0, 0, $0.count) }
                    carry.removeAll(keepingCapacity: true)
                    position = end + 1
                }
                while position < got {
                    var end = position
                    while end < got && bytes[end] != UInt8(ascii: "\n") { end += 1 }
                    guard end < got else {
                        carry.append(contentsOf: bytes[position..<got])
                        return try parser.checkLine(carry.count)
                    }
                    try parser.line(bytes, position, end)
                    position = end + 1
                }
            }
            parser.consumed = Double(source.offset)
        }
        if !carry.isEmpty { try carry.withUnsafeBufferPointer { try parser.line($0, 0, $0.count) } }
        guard parser.rows > 0 else { throw DataSetError.empty(path: source.path) }
        return DataFileReader.RawArray(format: .csv, shape: [parser.rows, parser.columns], values: parser.values)
    }

    /// The state of one file's parse: the values so far, the column count
    /// and separator fixed by the first data line.
    struct Parser {
        let path: String
        let memoryLimit: Double
        let fileBytes: Double
        /// Text bytes read so far, to extrapolate the memory need.
        var consumed = 0.0
        var values: [Double] = []
        var rows = 0, columns = -1
        var lineNumber = 0
        /// nil until the first data line: comma, or blanks (spaces and tabs).
        var comma: Bool?
        var sawFirst = false
        var scratch = [CChar](repeating: 0, count: 64)
        var fields: [Double] = []

        /// A line still being assembled across chunks may not outgrow the limit.
        func checkLine(_ length: Int) throws {
            if Double(length) * 5 > memoryLimit {
                throw DataSetError.tooLarge(path: path, bytes: Double(length) * 5, fileBytes: fileBytes, limit: memoryLimit)
            }
        }

        static func isBlank(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
        }

        mutating func line(_ bytes: UnsafeBufferPointer<UInt8>, _ lineStart: Int, _ lineEnd: Int) throws {
            lineNumber += 1
            var start = lineStart, stop = lineEnd
            while start < stop && Self.isBlank(bytes[start]) { start += 1 }
            while stop > start && Self.isBlank(bytes[stop - 1]) { stop -= 1 }
            if start == stop { return }
            let separatedByComma: Bool
            if let comma {
                separatedByComma = comma
            } else {
                var i = start
                while i < stop && bytes[i] != UInt8(ascii: ",") { i += 1 }
                separatedByComma = i < stop
            }
            fields.removeAll(keepingCapacity: true)
            var position = start
            var column = 0
            while position <= stop {
                column += 1
                var end = position
                if separatedByComma {
                    while end < stop && bytes[end] != UInt8(ascii: ",") { end += 1 }
                } else {
                    while end < stop && !Self.isBlank(bytes[end]) { end += 1 }
                }
                var a = position, b = end
                while a < b && Self.isBlank(bytes[a]) { a += 1 }
                while b > a && Self.isBlank(bytes[b - 1]) { b -= 1 }
                guard let value = NumericListFile.number(bytes, a, b, scratch: &scratch) else {
                    if !sawFirst {
                        // A header line of names; the separator is decided again on the data.
                        sawFirst = true
                        return
                    }
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<b]), as: UTF8.self)
                    throw DataSetError.malformed(
                        path: path, detail: "line \(lineNumber), column \(column): "
                            + (a == b ? "an empty field" : "'\(NumericListFile.escaped(text))' is not a number"))
                }
                fields.append(value)
                if separatedByComma {
                    position = end + 1
                } else {
                    position = end
                    while position < stop && Self.isBlank(bytes[position]) { position += 1 }
                    if position == stop { break }
                }
            }
            sawFirst = true
            comma = separatedByComma
            if columns < 0 { columns = fields.count }
            guard fields.count == columns else {
                throw DataSetError.malformed(path: path,
                                             detail: "line \(lineNumber) has \(fields.count) fields, earlier lines \(columns)")
            }
            if Double(values.count + columns) * 8 > memoryLimit {
                // The doubles so far, extrapolated to the whole file.
                let estimate = Double(values.count + columns) * 8 * max(1, fileBytes / max(consumed, 1))
                throw DataSetError.tooLarge(path: path, bytes: estimate, fileBytes: fileBytes, limit: memoryLimit)
            }
            values.append(contentsOf: fields)
            rows += 1
        }
    }
}
