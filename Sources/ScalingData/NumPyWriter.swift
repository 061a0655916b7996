import FoundationEssentials
import Glibc
import ScalingTheory

/// Writes float64 `.npy` files (format version 1.0, C order) that NumPy's
/// `np.load` and `DataFileReader` read back; for synthetic data sets and
/// for exporting what the analysis computed.
public enum NumPyWriter {
    /// An n x d matrix as a 2-D array.
    public static func write(_ matrix: DataMatrix, to path: String) throws {
        try write(shape: "(\(matrix.rows), \(matrix.columns))", values: matrix.values, to: path)
    }

    /// A vector as a 1-D array.
    public static func write(_ vector: [Double], to path: String) throws {
        try write(shape: "(\(vector.count),)", values: vector, to: path)
    }

    private static func write(shape: String, values: [Double], to path: String) throws {
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': \(shape), }"
        // The magic, version and length take 10 bytes; pad so the data start on a 64-byte boundary.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data(NumPyFormat.magic + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        if 1.littleEndian == 1 {
            values.withUnsafeBytes { data.append(contentsOf: $0) }
        } else {
            for x in values { withUnsafeBytes(of: x.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw DataSetError.unreadable(path: path, reason: "cannot write: \(fileErrorReason(error))")
        }
    }
}
