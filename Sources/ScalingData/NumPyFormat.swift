import Glibc

/// NumPy's `.npy` format (versions 1.0, 2.0 and 3.0): the magic string
/// `\x93NUMPY`, two version bytes, a little-endian header length (2 bytes in
/// version 1, 4 after), a Python dict literal
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (n, d), }`, then the
/// raw elements.
enum NumPyFormat {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// dtypes taken, little-endian (`|` marks byte-sized types).
    static let types: [String: ElementType] = [
        "<f8": .float64, "<f4": .float32, "|u1": .uint8, "<u1": .uint8, "u1": .uint8,
        "<i4": .int32, "<i8": .int64,
    ]
    static let supported = "float64 <f8, float32 <f4, uint8 |u1, int32 <i4, int64 <i8 (little-endian)"

    static func read(_ source: ByteSource, memoryLimit: Double) throws -> DataFileReader.RawArray {
        let path = source.path
        let head = try source.bytes(8)
        guard Array(head[0..<6]) == magic else { throw DataSetError.badMagic(path: path, format: "NumPy .npy") }
        let major = head[6]
        let headerLength: Int
        switch major {
        case 1:
            let b = try source.bytes(2)
            headerLength = Int(b[0]) | Int(b[1]) << 8
        case 2, 3:
            let b = try source.bytes(4)
            headerLength = Int(b[0]) | Int(b[1]) << 8 | Int(b[2]) << 16 | Int(b[3]) << 24
        default:
            throw DataSetError.malformed(path: path, detail: "unknown .npy format version \(major).\(head[7])")
        }
        guard headerLength <= 1 << 20 else {
            throw DataSetError.malformed(path: path, detail: "header of \(headerLength) bytes")
        }
        let header = String(decoding: try source.bytes(headerLength), as: UTF8.self)

        guard let descr = value(of: "descr", in: header) else {
            throw DataSetError.malformed(path: path, detail: "no 'descr' in the header")
        }
        guard descr.hasPrefix("'") || descr.hasPrefix("\"") else {
            throw DataSetError.unsupportedType(path: path, type: "structured dtype", supported: supported)
        }
        let dtype = String(descr.dropFirst().prefix { $0 != "'" && $0 != "\"" })
        if dtype.hasSuffix("O") { throw DataSetError.objectArray(path: path) }
        guard let type = types[dtype] else {
            throw DataSetError.unsupportedType(path: path, type: dtype, supported: supported)
        }
        guard let order = value(of: "fortran_order", in: header) else {
            throw DataSetError.malformed(path: path, detail: "no 'fortran_order' in the header")
        }
        guard let shapeText = value(of: "shape", in: header), shapeText.hasPrefix("("),
              let close = shapeText.firstIndex(of: ")") else {
            throw DataSetError.malformed(path: path, detail: "no 'shape' tuple in the header")
        }
        var shape: [Int] = []
        for part in shapeText[shapeText.index(after: shapeText.startIndex)..<close].split(separator: ",") {
            let word = part.trimmingWhitespace().filter { $0 != "L" }
            guard let extent = Int(word), extent >= 0 else {
                throw DataSetError.malformed(path: path, detail: "shape \(shapeText[...close])")
            }
            shape.append(extent)
        }
        // Python's literal True or False, nothing else (`Maybe` is not an order).
        let fortran = order.hasPrefix("True"), plain = order.hasPrefix("False")
        guard fortran || plain, order.dropFirst(fortran ? 4 : 5).first.map({ $0 == "," || $0 == " " || $0 == "}" }) ?? false
        else {
            throw DataSetError.malformed(path: path, detail: "'fortran_order' must be True or False, got '\(order.prefix(20))'")
        }
        if fortran, shape.count > 1 { throw DataSetError.fortranOrder(path: path) }
        let count = try DataFileReader.checkSize(shape, itemBytes: type.itemBytes, source: source, limit: memoryLimit)
        let values = try type.read(count, from: source, bigEndian: false)
        guard try source.atEnd() else {
            throw DataSetError.malformed(path: path, detail: "bytes left after the \(count) elements of shape \(shape)")
        }
        return DataFileReader.RawArray(format: .npy, shape: shape, values: values)
    }

    /// The text after `'key':` in the header dict, with leading spaces removed.
    private static func value(of key: String, in header: String) -> Substring? {
        for quote in ["'", "\""] {
            if let range = header.firstRange(of: quote + key + quote) {
                var rest = header[range.upperBound...].drop { $0 == " " }
                guard rest.first == ":" else { continue }
                rest = rest.dropFirst().drop { $0 == " " }
                return rest
            }
        }
        return nil
    }
}
