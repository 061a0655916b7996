/// A data matrix X of n samples (rows) by d features (columns), in row-major
/// (C) order: entry (mu, j) is `values[mu * columns + j]`. The same memory is
/// the column-major d x n matrix X^T, one sample per column, which is the
/// layout BLAS gets for products such as U X^T.
public struct DataMatrix: Sendable, Equatable {
    /// n, the number of samples.
    public let rows: Int
    /// d, the number of features per sample.
    public let columns: Int
    public var values: [Double]

    /// Throws `DataSetError.malformed` when `values.count != rows * columns`.
    public init(rows: Int, columns: Int, values: [Double]) throws {
        guard rows >= 0, columns >= 0, values.count == rows * columns else {
            throw DataSetError.malformed(path: "matrix", detail: "\(values.count) values for \(rows) x \(columns)")
        }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    init(unchecked rows: Int, _ columns: Int, _ values: [Double]) {
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public subscript(row: Int, column: Int) -> Double {
        values[row * columns + column]
    }

    /// The rows of `parts` stacked in order; throws `DataSetError.malformed`
    /// when their column counts differ.
    public static func stacking(_ parts: [DataMatrix], names: [String]) throws -> DataMatrix {
        guard let first = parts.first else { throw DataSetError.empty(path: "no data files") }
        if parts.count == 1 { return first }
        for (part, name) in zip(parts, names) where part.columns != first.columns {
            throw DataSetError.malformed(path: name, detail: "\(part.columns) columns, but \(names[0]) has \(first.columns)")
        }
        var values: [Double] = []
        values.reserveCapacity(parts.reduce(0) { $0 + $1.values.count })
        for part in parts { values += part.values }
        return DataMatrix(unchecked: parts.reduce(0) { $0 + $1.rows }, first.columns, values)
    }

    /// Multiplies every entry by `factor` (e.g. 1/255 for 8-bit pixels).
    public mutating func scale(by factor: Double) {
        values.withUnsafeMutableBufferPointer { v in
            for i in v.indices { v[i] *= factor }
        }
    }
}
