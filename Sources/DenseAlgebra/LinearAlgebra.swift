import COpenBLAS
import ScalingErrors

/// Thin wrappers over the CBLAS and LAPACKE routines the simulation uses.
/// Every matrix is a column-major `Matrix`; the C pointers stay in here.
/// Every call runs under the one thread policy of `BLASThreads`.
/// Triangular and symmetric matrices use their lower triangle.
package enum LinearAlgebra {
    /// C = alpha op(A) op(B) + beta C (dgemm).
    package static func multiply(_ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false,
                         into c: inout Matrix, alpha: Double = 1, beta: Double = 0) {
        BLASThreads.applyPolicy()
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let n = transposeB ? b.rows : b.columns
        precondition((transposeB ? b.columns : b.rows) == k && c.rows == m && c.columns == n)
        cblas_dgemm(CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a.elements, Int32(max(a.rows, 1)),
                    b.elements, Int32(max(b.rows, 1)), beta, &c.elements, Int32(max(c.rows, 1)))
    }

    /// The lower triangle of C = alpha A A^T + beta C, or of alpha A^T A + beta C
    /// with `transpose` (dsyrk). The upper triangle is left untouched.
    package static func symmetricRankK(_ a: Matrix, transpose: Bool = false, into c: inout Matrix,
                               alpha: Double = 1, beta: Double = 0) {
        BLASThreads.applyPolicy()
        let n = transpose ? a.columns : a.rows
        let k = transpose ? a.rows : a.columns
        precondition(c.rows == n && c.columns == n)
        cblas_dsyrk(CblasColMajor, CblasLower, transpose ? CblasTrans : CblasNoTrans, Int32(n), Int32(k),
                    alpha, a.elements, Int32(max(a.rows, 1)), beta, &c.elements, Int32(max(n, 1)))
    }

    /// C = alpha A A^T (lower triangle) summed over fixed blocks of A's
    /// columns: each block is a single-threaded dsyrk on a worker, and the
    /// blocks are added in block order. The block count depends on the sizes
    /// only (8, fewer when the partial products would pass about 200 MB), so
    /// the result is parallel on any number of cores and bit-identical across
    /// them: the blocks, not the workers, fix the order of summation.
    package static func symmetricRankKByColumnBlocks(_ a: Matrix, into c: inout Matrix, alpha: Double,
                                                    workers: Int) throws {
        try BLASSelfCheck.verify()
        let n = a.rows, k = a.columns
        precondition(c.rows == n && c.columns == n)
        c = Matrix(rows: n, columns: n)
        guard n > 0, k > 0 else { return }
        let blocks = max(1, min(8, k, Int(2e8 / (8 * Double(n) * Double(n)))))
        let partials = try ParallelTrials.map(count: blocks, workers: workers) { block -> [Double] in
            let start = k * block / blocks, end = k * (block + 1) / blocks
            var part = [Double](repeating: 0, count: n * n)
            a.elements.withUnsafeBufferPointer { columns in
                cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(n), Int32(end - start), alpha,
                            columns.baseAddress! + start * n, Int32(n), 0, &part, Int32(n))
            }
            return part
        }
        c.elements.withUnsafeMutableBufferPointer { sum in
            for part in partials {
                for i in 0..<(n * n) { sum[i] += part[i] }
            }
        }
    }

    /// y = alpha op(A) x + beta y (dgemv).
    package static func multiply(_ a: Matrix, transpose: Bool = false, _ x: [Double], into y: inout [Double],
                         alpha: Double = 1, beta: Double = 0) {
        BLASThreads.applyPolicy()
        precondition(x.count == (transpose ? a.rows : a.columns) && y.count == (transpose ? a.columns : a.rows))
        cblas_dgemv(CblasColMajor, transpose ? CblasTrans : CblasNoTrans, Int32(a.rows), Int32(a.columns),
                    alpha, a.elements, Int32(max(a.rows, 1)), x, 1, beta, &y, 1)
    }

    /// op(A) x for A = L lower triangular (dtrmv), in place.
    package static func triangularMultiply(_ l: Matrix, transpose: Bool = false, _ x: inout [Double]) {
        BLASThreads.applyPolicy()
        precondition(l.rows == l.columns && x.count == l.rows)
        cblas_dtrmv(CblasColMajor, CblasLower, transpose ? CblasTrans : CblasNoTrans, CblasNonUnit,
                    Int32(l.rows), l.elements, Int32(max(l.rows, 1)), &x, 1)
    }

    /// B = L B for L lower triangular (dtrmm), in place.
    package static func triangularMultiply(_ l: Matrix, _ b: inout Matrix) {
        BLASThreads.applyPolicy()
        precondition(l.rows == l.columns && b.rows == l.rows)
        cblas_dtrmm(CblasColMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, Int32(b.rows), Int32(b.columns),
                    1, l.elements, Int32(max(l.rows, 1)), &b.elements, Int32(max(b.rows, 1)))
    }

    /// x = L^-1 x for L lower triangular (dtrsv), in place.
    package static func triangularSolve(_ l: Matrix, _ x: inout [Double]) {
        BLASThreads.applyPolicy()
        precondition(l.rows == l.columns && x.count == l.rows)
        cblas_dtrsv(CblasColMajor, CblasLower, CblasNoTrans, CblasNonUnit, Int32(l.rows), l.elements,
                    Int32(max(l.rows, 1)), &x, 1)
    }

    /// Replaces the lower triangle of the symmetric positive definite A by its
    /// Cholesky factor L, A = L L^T (dpotrf). Throws
    /// `ScalingError.noConvergence` when A is not numerically positive definite.
    package static func choleskyFactor(_ a: inout Matrix, what: String) throws {
        try BLASSelfCheck.verify()
        BLASThreads.applyPolicy()
        precondition(a.rows == a.columns)
        let n = Int32(a.rows)
        let info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, lower, n, &a.elements, max(n, 1))
        guard info == 0 else {
            throw ScalingError.noConvergence(
                routine: "LAPACKE_dpotrf",
                detail: info > 0 ? "\(what) is not numerically positive definite (leading minor \(info))"
                                 : "argument \(-info) was invalid")
        }
    }

    /// Solves A x = b given the Cholesky factor of A from `choleskyFactor` (dpotrs).
    package static func choleskySolve(_ factor: Matrix, _ b: inout [Double]) throws {
        BLASThreads.applyPolicy()
        let n = Int32(factor.rows)
        let info = LAPACKE_dpotrs(LAPACK_COL_MAJOR, lower, n, 1, factor.elements, max(n, 1), &b, max(n, 1))
        guard info == 0 else {
            throw ScalingError.noConvergence(routine: "LAPACKE_dpotrs", detail: "argument \(-info) was invalid")
        }
    }

    /// tr(A^-1) given the Cholesky factor L of A from `choleskyFactor`:
    /// |L^-1|_F^2, with L^-1 from dtrtri (n^3/3 flops). Throws
    /// `ScalingError.noConvergence` for a singular factor.
    package static func inverseTrace(choleskyFactor factor: Matrix) throws -> Double {
        precondition(factor.rows == factor.columns)
        let n = factor.rows
        var inverse = factor
        let info = LAPACKE_dtrtri(LAPACK_COL_MAJOR, lower, CChar(UInt8(ascii: "N")), Int32(n), &inverse.elements,
                                  Int32(max(n, 1)))
        guard info == 0 else {
            throw ScalingError.noConvergence(routine: "LAPACKE_dtrtri",
                                             detail: info > 0 ? "the factor is singular at \(info)"
                                                              : "argument \(-info) was invalid")
        }
        var total = 0.0
        inverse.elements.withUnsafeBufferPointer { l in
            for j in 0..<n { for i in j..<n { total += l[i + j * n] * l[i + j * n] } }
        }
        return total
    }

    /// The minimum-norm least-squares solution x of min |A x - b| by the
    /// divide-and-conquer SVD (dgelsd), and the numerical rank of A: singular
    /// values below `relativeCutoff` times the largest count as zero. A is
    /// destroyed.
    package static func leastSquares(_ a: inout Matrix, _ b: [Double], relativeCutoff: Double) throws
        -> (solution: [Double], rank: Int) {
        try BLASSelfCheck.verify()
        BLASThreads.applyPolicy()
        let m = a.rows, n = a.columns
        precondition(b.count == m)
        var rhs = b + [Double](repeating: 0, count: max(n - m, 0))
        var singularValues = [Double](repeating: 0, count: max(min(m, n), 1))
        var rank: Int32 = 0
        let info = LAPACKE_dgelsd(LAPACK_COL_MAJOR, Int32(m), Int32(n), 1, &a.elements, Int32(max(m, 1)),
                                  &rhs, Int32(max(m, n, 1)), &singularValues, relativeCutoff, &rank)
        guard info == 0 else {
            throw ScalingError.noConvergence(
                routine: "LAPACKE_dgelsd",
                detail: info > 0 ? "the SVD did not converge (\(info) off-diagonal elements)"
                                 : "argument \(-info) was invalid")
        }
        return (Array(rhs.prefix(n)), Int(rank))
    }

    /// The eigenvalues of the symmetric A from its lower triangle, in
    /// ascending order (dsyevd). A is destroyed.
    package static func symmetricEigenvalues(_ a: inout Matrix) throws -> [Double] {
        try dsyevd(&a, vectors: false)
    }

    /// The eigenvalues of the symmetric A from its lower triangle, in
    /// ascending order, and the orthonormal eigenvectors, which replace A
    /// column by column (dsyevd with jobz = "V").
    package static func symmetricEigensystem(_ a: inout Matrix) throws -> [Double] {
        try dsyevd(&a, vectors: true)
    }

    private static func dsyevd(_ a: inout Matrix, vectors: Bool) throws -> [Double] {
        try BLASSelfCheck.verify()
        BLASThreads.applyPolicy()
        precondition(a.rows == a.columns)
        let n = Int32(a.rows)
        var values = [Double](repeating: 0, count: a.rows)
        let job = CChar(UInt8(ascii: vectors ? "V" : "N"))
        let info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, job, lower, n, &a.elements, max(n, 1), &values)
        guard info == 0 else {
            throw ScalingError.noConvergence(
                routine: "LAPACKE_dsyevd",
                detail: info > 0 ? "\(info) eigenvalues did not converge" : "argument \(-info) was invalid")
        }
        return values
    }

    private static let lower = CChar(UInt8(ascii: "L"))
}
