/// A dense real matrix in column-major order, LAPACK's native layout:
/// element (i, j) is `elements[i + j * rows]`, the leading dimension is `rows`.
package struct Matrix {
    package let rows: Int
    package let columns: Int
    package var elements: [Double]

    /// The zero matrix.
    package init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        elements = [Double](repeating: 0, count: rows * columns)
    }

    package subscript(i: Int, j: Int) -> Double {
        get { elements[i + j * rows] }
        set { elements[i + j * rows] = newValue }
    }

    /// Multiplies row i by `factors[i]` (left multiplication by a diagonal).
    package mutating func scaleRows(by factors: [Double]) {
        precondition(factors.count == rows)
        let m = rows
        elements.withUnsafeMutableBufferPointer { a in
            factors.withUnsafeBufferPointer { f in
                for j in 0..<columns {
                    for i in 0..<m { a[i + j * m] *= f[i] }
                }
            }
        }
    }

    /// Multiplies column j by `factors[j]` (right multiplication by a diagonal).
    package mutating func scaleColumns(by factors: [Double]) {
        precondition(factors.count == columns)
        let m = rows
        elements.withUnsafeMutableBufferPointer { a in
            for j in 0..<columns {
                let f = factors[j]
                for i in 0..<m { a[i + j * m] *= f }
            }
        }
    }

    /// Adds `value` to each diagonal element.
    package mutating func addToDiagonal(_ value: Double) {
        for i in 0..<min(rows, columns) { self[i, i] += value }
    }

    /// The transpose, as a new column-major matrix.
    package func transposed() -> Matrix {
        var t = Matrix(rows: columns, columns: rows)
        let m = rows, n = columns
        elements.withUnsafeBufferPointer { a in
            t.elements.withUnsafeMutableBufferPointer { b in
                for j in 0..<n {
                    for i in 0..<m { b[j + i * n] = a[i + j * m] }
                }
            }
        }
        return t
    }
}

/// sum_i a_i b_i, summed in index order in Swift so that the result does not
/// depend on how a BLAS kernel splits the sum.
package func dot(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    var sum = 0.0
    for i in a.indices { sum += a[i] * b[i] }
    return sum
}
