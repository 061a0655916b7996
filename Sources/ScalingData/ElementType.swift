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

    /// `count` elements from `raw` appended to `values` as doubles;
    /// `bigEndian` for IDX, little-endian for NumPy.
    func append(_ raw: UnsafeRawBufferPointer, count: Int, bigEndian: Bool, to values: inout [Double]) {
        let base = values.count
        values.append(contentsOf: repeatElement(0, count: count))
        do {
            values.withUnsafeMutableBufferPointer { all in
                let o = UnsafeMutableBufferPointer(rebasing: all[base...])
                switch self {
                case .uint8: for i in 0..<count { o[i] = Double(raw[i]) }
                case .int8: for i in 0..<count { o[i] = Double(Int8(bitPattern: raw[i])) }
                case .int16: Self.decode(raw, into: o, bigEndian: bigEndian) { (v: UInt16) in Double(Int16(bitPattern: v)) }
                case .int32: Self.decode(raw, into: o, bigEndian: bigEndian) { (v: UInt32) in Double(Int32(bitPattern: v)) }
                case .int64: Self.decode(raw, into: o, bigEndian: bigEndian) { (v: UInt64) in Double(Int64(bitPattern: v)) }
                case .float32: Self.decode(raw, into: o, bigEndian: bigEndian) { (v: UInt32) in Double(Float(bitPattern: v)) }
                case .float64: Self.decode(raw, into: o, bigEndian: bigEndian) { (v: UInt64) in Double(bitPattern: v) }
                }
            }
        }
    }

    /// The words of `raw` (one per element of `o`, unaligned), put in host
    /// byte order from big- or little-endian and converted by `convert`.
    @inline(__always)
    private static func decode<Word: FixedWidthInteger>(_ raw: UnsafeRawBufferPointer, into o: UnsafeMutableBufferPointer<Double>,
                                                        bigEndian: Bool, _ convert: (Word) -> Double) {
        for i in 0..<o.count {
            let v = raw.loadUnaligned(fromByteOffset: MemoryLayout<Word>.size * i, as: Word.self)
            o[i] = convert(bigEndian ? Word(bigEndian: v) : Word(littleEndian: v))
        }
    }

    /// `count` elements of this type from `source`, read and decoded in
    /// chunks of about 1 MB. The bytes they need are checked against what
    /// the file can still hold before anything is allocated
    /// (`DataSetError.truncated`), and the list grows only as bytes arrive.
    func read(_ count: Int, from source: ByteSource, bigEndian: Bool) throws -> [Double] {
        let needed = count * itemBytes
        guard Double(needed) <= source.maximumRemaining else {
            throw DataSetError.truncated(path: source.path, expectedBytes: needed,
                                         foundBytes: Int(min(source.maximumRemaining, 1e18)))
        }
        var values: [Double] = []
        values.reserveCapacity(source.isCompressed ? min(count, 1 << 20) : count)
        var chunk = [UInt8](repeating: 0, count: (1 << 20) / itemBytes * itemBytes)
        var left = needed
        while left > 0 {
            let want = min(left, chunk.count)
            let got = try chunk.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<want])) }
            guard got == want else {
                throw DataSetError.truncated(path: source.path, expectedBytes: needed, foundBytes: needed - left + got)
            }
            chunk.withUnsafeBytes { append(UnsafeRawBufferPointer(rebasing: $0[0..<want]), count: want / itemBytes,
                                           bigEndian: bigEndian, to: &values) }
            left -= want
        }
        return values
    }
}
