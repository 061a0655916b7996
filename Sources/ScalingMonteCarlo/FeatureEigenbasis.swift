import DenseAlgebra
import ScalingTheory

/// The population covariance of linear features for one draw of U, in its
/// eigenbasis: K = U Lambda U^T = sum_j k_j v_j v_j^T (one symmetric
/// eigendecomposition, N x N). One-pass SGD sees the features only through K
/// and the teacher's projection onto it, so both the exact conditional curve
/// and the conditional SGD sampler work here in O(N) per sample.
///
/// Eigenvalues below N machine epsilons times the largest are set to exact
/// zeros (as `GradientFlowSimulation` does): with N > M, K has rank M and the
/// rest is rounding. Along a null direction z . v_j = 0 for every sample, so
/// SGD never moves there and the loss does not see it.
struct FeatureEigenbasis {
    /// k_j, ascending; exact zeros below the cutoff.
    let values: [Double]
    /// V (N x N): column j is v_j.
    private let vectors: Matrix
    /// U Lambda^1/2 (N x M).
    private let scaled: Matrix

    /// From U (N x M) and sqrt(lambda_I) (M).
    init(featureWeights u: Matrix, rootEigenvalues root: [Double]) throws {
        var product = Self.covariance(featureWeights: u, rootEigenvalues: root)
        values = Self.cutOff(try LinearAlgebra.symmetricEigensystem(&product.k))
        vectors = product.k
        scaled = product.scaled
    }

    var count: Int { values.count }

    /// The k_j alone (no eigenvectors), with the same cutoff.
    static func values(featureWeights u: Matrix, rootEigenvalues root: [Double]) throws -> [Double] {
        var product = covariance(featureWeights: u, rootEigenvalues: root)
        return cutOff(try LinearAlgebra.symmetricEigenvalues(&product.k))
    }

    /// K = (U Lambda^1/2)(U Lambda^1/2)^T (its lower triangle) and U Lambda^1/2.
    private static func covariance(featureWeights u: Matrix, rootEigenvalues root: [Double]) -> (k: Matrix, scaled: Matrix) {
        var scaled = u
        scaled.scaleColumns(by: root)
        var k = Matrix(rows: u.rows, columns: u.rows)
        LinearAlgebra.symmetricRankK(scaled, into: &k)
        return (k, scaled)
    }

    /// Ascending eigenvalues with those below N machine epsilons times the largest set to exact zeros.
    private static func cutOff(_ ascending: [Double]) -> [Double] {
        var values = ascending
        let cutoff = Double(values.count) * Double.ulpOfOne * max(values.last ?? 0, 0)
        for j in values.indices where values[j] <= cutoff { values[j] = 0 }
        return values
    }

    /// c_j = v_j^T U Lambda w = v_j . ((U Lambda^1/2)(Lambda^1/2 w)),
    /// the covariance of v_j . z with the clean label; 0 on null directions.
    /// Two matrix-vector products (2 N M + 2 N^2 flops), not V^T U Lambda^1/2 (2 N^2 M).
    func teacherCovariance(teacher w: [Double], rootEigenvalues root: [Double]) -> [Double] {
        let scaledTeacher = zip(w, root).map { $0 * $1 }
        var features = [Double](repeating: 0, count: count)
        LinearAlgebra.multiply(scaled, scaledTeacher, into: &features)
        var c = [Double](repeating: 0, count: count)
        LinearAlgebra.multiply(vectors, transpose: true, features, into: &c)
        for j in values.indices where values[j] == 0 { c[j] = 0 }
        return c
    }

    /// E_w[c_j^2] = sum_I (V^T U Lambda^1/2)_jI^2 lambda_I omega_I for a
    /// teacher with independent components of power omega_I.
    func averagedSquaredTeacherCovariance(teacherPower omega: [Double], eigenvalues lambda: [Double]) -> [Double] {
        // V^T U Lambda^1/2 (N x M): row j holds the latent weights of v_j . z.
        var projected = Matrix(rows: scaled.rows, columns: scaled.columns)
        LinearAlgebra.multiply(vectors, transposeA: true, scaled, into: &projected)
        let n = count, m = projected.columns
        var sums = [Double](repeating: 0, count: n)
        projected.elements.withUnsafeBufferPointer { a in
            for i in 0..<m {
                let weight = lambda[i] * omega[i]
                guard weight != 0 else { continue }
                for j in 0..<n { sums[j] += a[j + i * n] * a[j + i * n] * weight }
            }
        }
        for j in values.indices where values[j] == 0 { sums[j] = 0 }
        return sums
    }
}
