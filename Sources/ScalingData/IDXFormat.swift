import Glibc

/// The IDX format of MNIST and Fashion-MNIST: two zero bytes, a type code
/// (0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E
/// float64), the number of dimensions, each extent as a big-endian uint32,
/// then the big-endian elements in C order.
enum IDXFormat {
    static let types: [UInt8: ElementType] = [
        0x08: .uint8, 0x09: .int8, 0x0B: .int16, 0x0C: .int32, 0x0D: .float32, 0x0E: .float64,
    ]
    static let supported = "0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64"

    static func read(_ source: ByteSource, memoryLimit: Double) throws -> DataFileReader.RawArray {
        let path = source.path
        let head = try source.bytes(4)
        guard head[0] == 0, head[1] == 0 else { throw DataSetError.badMagic(path: path, format: "IDX") }
        guard let type = types[head[2]] else {
            throw DataSetError.unsupportedType(path: path, type: String(cFormat: "0x%02X", head[2]), supported: supported)
        }
        let dimensions = Int(head[3])
        guard dimensions >= 1 else { throw DataSetError.wrongDimensionCount(path: path, expected: 1, found: 0) }
        let extents = try source.bytes(4 * dimensions)
        let shape = (0..<dimensions).map { k in
            (0..<4).reduce(0) { $0 << 8 | Int(extents[4 * k + $1]) }
        }
        let count = try DataFileReader.checkSize(shape, itemBytes: type.itemBytes, source: source, limit: memoryLimit)
        let values = try type.read(count, from: source, bigEndian: true)
        guard try source.atEnd() else {
            throw DataSetError.malformed(path: path, detail: "bytes left after the \(count) elements of shape \(shape)")
        }
        return DataFileReader.RawArray(format: .idx, shape: shape, values: values)
    }
}
