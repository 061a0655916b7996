import FoundationEssentials
import Glibc

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
        // Regular files only, read whole (a list of numbers is at most a few
        // hundred MB): a FIFO, a device or a directory is refused with its cause.
        let data = try InputFile.contents(path, limit: Double(ProcessInfo.processInfo.physicalMemory) / 4)
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
                let parsed = number(bytes, start, stop, scratch: &field)
                guard let value = parsed, accept(value) else {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self)
                    throw entryError(line, escaped(text))
                }
                values.append(value)
            }
            return values
        }
    }

    /// The number spelled by bytes[start..<stop] (no surrounding blanks), or
    /// nil: Clinger's fast path, else C's `strtod` in the C locale, which
    /// must consume every byte. `scratch` is reused for the C string.
    package static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ stop: Int,
                               scratch: inout [CChar]) -> Double? {
        guard start < stop else { return nil }
        if let value = fastDecimal(bytes, start, stop) { return value }
        let length = stop - start
        if length + 1 > scratch.count { scratch = [CChar](repeating: 0, count: length + 1) }
        return scratch.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<length { buffer[i] = CChar(bitPattern: bytes[start + i]) }
            buffer[length] = 0
            var endPointer: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &endPointer)
            return endPointer == buffer.baseAddress! + length ? value : nil
        }
    }

    /// Exact powers of ten, 10^0 ... 10^22.
    private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    /// Clinger's fast path: a plain decimal with at most 15 significant
    /// digits and a decimal exponent within +-22 is an exact integer times or
    /// over an exact power of ten, so one IEEE operation rounds it correctly.
    /// nil for anything else (left to `strtod`).
    private static func fastDecimal(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ stop: Int) -> Double? {
        var i = start
        var negative = false
        if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0, digits = 0, scale = 0, sawDigit = false, sawPoint = false
        while i < stop {
            let c = bytes[i]
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                sawDigit = true
                if mantissa == 0 && c == UInt8(ascii: "0") {
                    if sawPoint { scale -= 1 }
                } else {
                    guard digits < 15 else { return nil }
                    mantissa = mantissa * 10 + UInt64(c - UInt8(ascii: "0"))
                    digits += 1
                    if sawPoint { scale -= 1 }
                }
            } else if c == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                break
            }
            i += 1
        }
        guard sawDigit else { return nil }
        if i < stop {
            guard bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") else { return nil }
            i += 1
            var exponentNegative = false
            if i < stop && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < stop else { return nil }
            var exponent = 0
            while i < stop {
                let c = bytes[i]
                guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"), exponent < 10_000 else { return nil }
                exponent = exponent * 10 + Int(c - UInt8(ascii: "0"))
                i += 1
            }
            scale += exponentNegative ? -exponent : exponent
        }
        let value: Double
        if mantissa == 0 {
            value = 0
        } else if scale >= 0 && scale <= 22 {
            value = Double(mantissa) * powersOfTen[scale]
        } else if scale < 0 && scale >= -22 {
            value = Double(mantissa) / powersOfTen[-scale]
        } else {
            return nil
        }
        return negative ? -value : value
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
