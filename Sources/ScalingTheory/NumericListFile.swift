import Foundation

/// A fast reader of text files holding one number per line, for spectrum
/// files and any other list of numbers (teacher coefficients).
///
/// Format: one number per line; blank lines and everything after `#` on a
/// line are ignored; surrounding spaces and tabs are ignored; LF and CRLF
/// line ends and a leading UTF-8 byte-order mark are accepted. Numbers are
/// read with C's `strtod` in the C locale (decimal or hexadecimal, with an
/// optional exponent). About 1e7 lines per second.
public enum NumericListFile {
    /// The numbers of the file at `path`, in file order. `accept` says
    /// whether a parsed number is allowed; the first line that does not
    /// parse or is not accepted is reported by `entryError(line, text)`
    /// (1-based line, its text escaped and cut short). Throws
    /// `ScalingError.unreadableFile` when the file cannot be read.
    public static func read(path: String, accept: (Double) -> Bool,
                            entryError: (Int, String) -> ScalingError) throws -> [Double] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw ScalingError.unreadableFile(path: escaped(path), reason: (error as NSError).localizedDescription)
        }
        return try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Double] in
            let bytes = raw.bindMemory(to: UInt8.self)
            var values: [Double] = []
            values.reserveCapacity(bytes.count / 8)
            var field = [CChar](repeating: 0, count: 128)
            var position = 0
            if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { position = 3 }
            var line = 0
            while position < bytes.count {
                line += 1
                var end = position
                while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
                let next = end + 1
                // Cut the comment, then trim spaces, tabs and a CR.
                var stop = position
                while stop < end && bytes[stop] != UInt8(ascii: "#") { stop += 1 }
                var start = position
                while start < stop && isBlank(bytes[start]) { start += 1 }
                while stop > start && isBlank(bytes[stop - 1]) { stop -= 1 }
                position = next
                if start == stop { continue }
                let length = stop - start
                if length + 1 > field.count { field = [CChar](repeating: 0, count: length + 1) }
                let parsed: Double? = field.withUnsafeMutableBufferPointer { buffer in
                    for i in 0..<length { buffer[i] = CChar(bitPattern: bytes[start + i]) }
                    buffer[length] = 0
                    var endPointer: UnsafeMutablePointer<CChar>?
                    let value = strtod(buffer.baseAddress!, &endPointer)
                    return endPointer == buffer.baseAddress! + length ? value : nil
                }
                guard let value = parsed, accept(value) else {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self)
                    throw entryError(line, escaped(text))
                }
                values.append(value)
            }
            return values
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
            || byte == 0x0B || byte == 0x0C
    }

    /// Text from a file made safe for a one-line message: control and
    /// non-ASCII characters escaped, cut at `limit` characters.
    public static func escaped(_ text: String, limit: Int = 40) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if out.count >= limit { return out + "..." }
            if scalar.value >= 0x20 && scalar.value < 0x7F {
                out.unicodeScalars.append(scalar)
            } else {
                out += scalar.escaped(asASCII: true)
            }
        }
        return out
    }
}
