import FoundationEssentials
import Glibc
import DenseAlgebra

/// The file formats a data set can come in. Each may be gzip-compressed
/// (`name.gz`); compression is detected from the bytes, not the name.
public enum DataFileFormat: String, Sendable, CaseIterable {
    /// NumPy `.npy` (format versions 1-3): C order, little-endian float64,
    /// float32, uint8, int32 or int64.
    case npy
    /// Numeric text, comma-separated (or whitespace-separated when the first
    /// data line has no comma), with an optional header line of names.
    case csv
    /// The IDX format of MNIST and Fashion-MNIST (big-endian): unsigned or
    /// signed bytes, int16, int32, float32 or float64.
    case idx

    /// The format a file name implies after dropping `.gz`: `.npy`; `.csv`,
    /// `.tsv` or `.txt`; a name containing `idx` or ending in `ubyte`; nil
    /// otherwise.
    public static func inferred(from path: String) -> DataFileFormat? {
        var name = String(path.split(separator: "/", omittingEmptySubsequences: true).last ?? "").lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        let ext = name.split(separator: ".", omittingEmptySubsequences: false).dropFirst().last.map(String.init) ?? ""
        if ext == "npy" { return .npy }
        if ["csv", "tsv", "txt"].contains(ext) { return .csv }
        if name.contains("idx") || name.hasSuffix("ubyte") { return .idx }
        return nil
    }
}

/// Reads data matrices and label vectors from `.npy`, CSV and IDX files,
/// gzipped or not, into doubles.
///
/// Sizes are checked before anything is allocated: a file, or the array its
/// header announces, that needs more than `memoryLimit` bytes is refused
/// with `DataSetError.tooLarge`. Every entry must be finite
/// (`DataSetError.nonFinite` names the first that is not).
public struct DataFileReader: Sendable {
    /// Bytes the reader may hold; by default half the physical memory.
    public var memoryLimit: Double

    public init(memoryLimit: Double? = nil) {
        self.memoryLimit = memoryLimit ?? MemoryBudget.defaultLimit
    }

    /// A 2-D array as an n x d matrix. IDX arrays with more than two
    /// dimensions (images) are flattened to n x (product of the rest).
    /// `format` nil infers it from the name, then from the first bytes.
    public func matrix(_ path: String, format: DataFileFormat? = nil) throws -> DataMatrix {
        let array = try read(path, format: format)
        guard array.format == .idx ? array.shape.count >= 2 : array.shape.count == 2 else {
            throw DataSetError.wrongDimensionCount(path: path, expected: 2, found: array.shape.count)
        }
        let rows = array.shape[0], columns = array.shape.dropFirst().reduce(1, *)
        guard rows > 0, columns > 0 else { throw DataSetError.empty(path: path) }
        return DataMatrix(unchecked: rows, columns, array.values)
    }

    /// A 1-D array of labels. A CSV must have one column.
    public func labels(_ path: String, format: DataFileFormat? = nil) throws -> [Double] {
        let array = try read(path, format: format)
        if array.format == .csv {
            guard array.shape[1] == 1 else {
                throw DataSetError.wrongDimensionCount(path: path, expected: 1, found: 2)
            }
        } else if array.shape.count != 1 {
            throw DataSetError.wrongDimensionCount(path: path, expected: 1, found: array.shape.count)
        }
        guard !array.values.isEmpty else { throw DataSetError.empty(path: path) }
        return array.values
    }

    /// An array of any shape, with its format.
    struct RawArray {
        var format: DataFileFormat
        var shape: [Int]
        var values: [Double]
    }

    func read(_ path: String, format: DataFileFormat?) throws -> RawArray {
        let source = try ByteSource(path: path)
        // Uncompressed, the file itself must fit; compressed, the array's
        // size is checked from its header before it is inflated.
        guard Double(source.fileBytes) <= memoryLimit else {
            throw DataSetError.tooLarge(path: path, bytes: Double(source.fileBytes), fileBytes: Double(source.fileBytes),
                                        limit: memoryLimit)
        }
        let resolved: DataFileFormat
        if let format {
            resolved = format
        } else if let inferred = DataFileFormat.inferred(from: path) {
            resolved = inferred
        } else {
            resolved = try Self.sniff(path)
        }
        var array: RawArray
        switch resolved {
        case .npy: array = try NumPyFormat.read(source, memoryLimit: memoryLimit)
        case .idx: array = try IDXFormat.read(source, memoryLimit: memoryLimit)
        case .csv: array = try CSVFormat.read(source, memoryLimit: memoryLimit)
        }
        array.format = resolved
        try Self.checkFinite(array, path: path)
        return array
    }

    /// The format from the first bytes: NumPy's magic, IDX's two zero bytes,
    /// else text.
    private static func sniff(_ path: String) throws -> DataFileFormat {
        let source = try ByteSource(path: path)
        var head: [UInt8] = []
        for _ in 0..<6 {
            guard let byte = try? source.bytes(1) else { break }
            head += byte
        }
        if head.starts(with: NumPyFormat.magic) { return .npy }
        if head.count >= 4, head[0] == 0, head[1] == 0 { return .idx }
        return .csv
    }

    private static func checkFinite(_ array: RawArray, path: String) throws {
        let columns = array.shape.count > 1 ? array.shape.dropFirst().reduce(1, *) : 1
        var bad = -1
        array.values.withUnsafeBufferPointer { v in
            for i in v.indices where !v[i].isFinite {
                bad = i
                break
            }
        }
        if bad >= 0 {
            throw DataSetError.nonFinite(path: path, row: bad / max(columns, 1) + 1, column: bad % max(columns, 1) + 1)
        }
    }

    /// Throws `DataSetError.tooLarge` unless `count` elements of `itemBytes`
    /// each, plus their doubles, fit in `limit` (overflow counts as too large).
    static func checkSize(_ shape: [Int], itemBytes: Int, source: ByteSource, limit: Double) throws -> Int {
        var count = 1
        for extent in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow else {
                throw DataSetError.tooLarge(path: source.path, bytes: .infinity, fileBytes: Double(source.fileBytes),
                                            limit: limit)
            }
            count = product
        }
        let bytes = Double(count) * Double(itemBytes + 8)
        guard bytes <= limit else {
            throw DataSetError.tooLarge(path: source.path, bytes: bytes, fileBytes: Double(source.fileBytes), limit: limit)
        }
        return count
    }
}
