/// The element types the binary readers decode, with their byte order.
enum ElementType: Sendable {
    case uint8, int8, int16, int32, int64, float32, float64

    var itemBytes: Int {
        switch self {
        case .uint8, .int8: return 1
        case .int16: return 2
        case .int32, .float32: return 4
        case .int64, .float64: return 8
        }
    }

    /// `count` elements from `bytes` as doubles; `bigEndian` for IDX,
    /// little-endian for NumPy.
    func decode(_ bytes: [UInt8], count: Int, bigEndian: Bool) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            out.withUnsafeMutableBufferPointer { o in
                switch self {
                case .uint8: for i in 0..<count { o[i] = Double(raw[i]) }
                case .int8: for i in 0..<count { o[i] = Double(Int8(bitPattern: raw[i])) }
                case .int16:
                    for i in 0..<count {
                        let v = raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)
                        o[i] = Double(Int16(bitPattern: bigEndian ? UInt16(bigEndian: v) : UInt16(littleEndian: v)))
                    }
                case .int32:
                    for i in 0..<count {
                        let v = raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)
                        o[i] = Double(Int32(bitPattern: bigEndian ? UInt32(bigEndian: v) : UInt32(littleEndian: v)))
                    }
                case .int64:
                    for i in 0..<count {
                        let v = raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)
                        o[i] = Double(Int64(bitPattern: bigEndian ? UInt64(bigEndian: v) : UInt64(littleEndian: v)))
                    }
                case .float32:
                    for i in 0..<count {
                        let v = raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)
                        o[i] = Double(Float(bitPattern: bigEndian ? UInt32(bigEndian: v) : UInt32(littleEndian: v)))
                    }
                case .float64:
                    for i in 0..<count {
                        let v = raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)
                        o[i] = Double(bitPattern: bigEndian ? UInt64(bigEndian: v) : UInt64(littleEndian: v))
                    }
                }
            }
        }
        return out
    }
}
