import FoundationEssentials
import Glibc

/// Every error the data-set readers and analysis throw. Each names the file
/// (and where useful the line, row or column) so that the command line can
/// print it as one line; all of them are bad input (exit status 2).
public enum DataSetError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// Holding the data would need more memory than the limit; refused
    /// before allocating. `bytes` is the need, `fileBytes` the size on disk.
    case tooLarge(path: String, bytes: Double, fileBytes: Double, limit: Double)
    /// The file ends before the bytes its header announces: `expectedBytes`
    /// more were needed, `foundBytes` were left.
    case truncated(path: String, expectedBytes: Int, foundBytes: Int)
    /// The first bytes are not the format's magic number.
    case badMagic(path: String, format: String)
    /// An element type the reader does not take (NumPy dtype or IDX type code).
    case unsupportedType(path: String, type: String, supported: String)
    /// A NumPy array stored in Fortran (column-major) order.
    case fortranOrder(path: String)
    /// A NumPy object array (pickled Python objects, not numbers).
    case objectArray(path: String)
    /// An array with the wrong number of dimensions (2 for data, 1 for labels).
    case wrongDimensionCount(path: String, expected: Int, found: Int)
    /// A header or text that does not parse; `detail` says where and why.
    case malformed(path: String, detail: String)
    /// A NaN or infinite entry at 1-based (row, column).
    case nonFinite(path: String, row: Int, column: Int)
    /// The labels file does not have one label per data row.
    case labelCountMismatch(dataRows: Int, labels: Int, path: String)
    /// An array with no rows or no columns.
    case empty(path: String)
    /// Labels or data that cannot make a regression problem (for example a
    /// constant target); `detail` explains.
    case invalidTarget(detail: String)
    /// Data that cannot make a spectrum: constant (every row the same) or of
    /// rank one (every row a multiple of one direction); `detail` says which.
    case degenerateData(detail: String)
    /// Data or labels whose scale would overflow or underflow double
    /// precision in the covariance, the teacher or the theory: `what` is
    /// "data" or "label", `largest` the largest centred magnitude, `bound`
    /// the limit it crossed.
    case scaleOutOfRange(what: String, largest: Double, bound: Double)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "cannot read \(path): \(reason)"
        case let .tooLarge(path, bytes, fileBytes, limit):
            return "\(path) (\(Self.readable(fileBytes)) on disk) needs about \(Self.readable(bytes)) of memory, "
                + "more than the limit of \(Self.readable(limit))"
        case let .truncated(path, expected, found):
            return "\(path) is truncated: expected \(expected) more bytes, found \(found)"
        case let .badMagic(path, format):
            return "\(path) is not a \(format) file (wrong magic number)"
        case let .unsupportedType(path, type, supported):
            return "\(path): element type \(type) is not supported (supported: \(supported))"
        case let .fortranOrder(path):
            return "\(path) is stored in Fortran order; save it in C order (np.ascontiguousarray) first"
        case let .objectArray(path):
            return "\(path) is a NumPy object array; save a numeric array instead"
        case let .wrongDimensionCount(path, expected, found):
            return "\(path) has \(found) dimension(s); expected \(expected) (\(expected == 2 ? "rows x columns data" : "one label per row"))"
        case let .malformed(path, detail):
            return "\(path) is malformed: \(detail)"
        case let .nonFinite(path, row, column):
            return "\(path) has a NaN or infinite entry at row \(row), column \(column)"
        case let .labelCountMismatch(rows, labels, path):
            return "\(path) has \(labels) labels for \(rows) data rows"
        case let .empty(path):
            return "\(path) has no data"
        case let .invalidTarget(detail):
            return "invalid target: \(detail)"
        case let .degenerateData(detail):
            return "degenerate data: \(detail)"
        case let .scaleOutOfRange(what, largest, bound):
            let above = largest > bound
            return "\(what) scale out of range: the largest centred \(what) magnitude is \(largest), "
                + (above ? "above \(bound), where squares and sums overflow double precision"
                         : "below \(bound), where squares underflow double precision")
                + (what == "data" ? "; rescale the data (--data-scale)" : "; rescale the labels")
        }
    }
}

extension DataSetError {
    /// A byte count for people: bytes, kB, MB or GB.
    static func readable(_ bytes: Double) -> String {
        switch bytes {
        case ..<1e3: return String(cFormat: "%.0f bytes", bytes)
        case ..<1e6: return String(cFormat: "%.3g kB", bytes / 1e3)
        case ..<1e9: return String(cFormat: "%.3g MB", bytes / 1e6)
        default: return String(cFormat: "%.3g GB", bytes / 1e9)
        }
    }
}

extension DataSetError: LocalizedError {
    public var errorDescription: String? { description }
}
