import DenseAlgebra
import NonlinearFeatureTheory

/// The exact conditional sampler for linear features (`Sampler.conditional`).
///
/// Given U and w, a pair (phi, y_clean) = (U x, w . x) is Gaussian with
/// covariance blocks K = U Lambda U^T (N x N), c = U Lambda w and
/// s = w^T Lambda w. With K = L L^T and l = L^-1 c,
///
///     phi = L z,   y = l . z + sqrt(r) z' + eps,   r = s - |l|^2,
///
/// for independent standard normals z (N), z' and the label noise eps: the
/// same joint law as the direct construction. The same factor gives the
/// exact test loss in the stable form
/// `L = 1/2 (theta^T K theta - 2 theta . c + s) = 1/2 (|L^T theta - l|^2 + r)`.
struct ConditionalSampler {
    /// L, the lower Cholesky factor of K.
    private var factor: Matrix
    /// l = L^-1 U Lambda w.
    private var projection: [Double]
    /// r = w^T Lambda w - |l|^2 >= 0: the part of the teacher no linear
    /// function of the features can represent.
    private var residual: Double

    /// Builds the factor from U (N x M, consumed: scaled in place to U Lambda^1/2),
    /// w and sqrt(lambda). Throws `ScalingError.noConvergence` if K is not
    /// numerically positive definite.
    init(featureWeights u: consuming Matrix, teacher w: [Double], rootEigenvalues root: [Double]) throws {
        var b = u
        b.scaleColumns(by: root)
        var k = Matrix(rows: b.rows, columns: b.rows)
        LinearAlgebra.symmetricRankK(b, into: &k)
        var c = [Double](repeating: 0, count: b.rows)
        let scaledTeacher = zip(w, root).map { $0 * $1 }
        LinearAlgebra.multiply(b, scaledTeacher, into: &c)
        try LinearAlgebra.choleskyFactor(&k, what: "K = U Lambda U^T")
        LinearAlgebra.triangularSolve(k, &c)
        factor = k
        projection = c
        residual = max(0, dot(scaledTeacher, scaledTeacher) - dot(c, c))
    }

    /// Draws P training pairs: Phi (N x P) and y. `product` receives the
    /// seconds spent in L Z.
    func sample(sampleCount p: Int, noiseStandardDeviation: Double, stream: RandomStream,
                phases: inout TrialPhases) -> (features: Matrix, labels: [Double]) {
        var clock = Stopwatch()
        let n = factor.rows
        var z = Matrix(rows: n, columns: p)
        stream.fillGaussian(&z.elements)
        var y = [Double](repeating: 0, count: p)
        LinearAlgebra.multiply(z, transpose: true, projection, into: &y)
        let rootResidual = residual.squareRoot()
        for mu in 0..<p { y[mu] += rootResidual * stream.gaussian() }
        if noiseStandardDeviation > 0 {
            for mu in 0..<p { y[mu] += stream.gaussian(standardDeviation: noiseStandardDeviation) }
        }
        phases.sampling += clock.lap()
        LinearAlgebra.triangularMultiply(factor, &z)
        phases.product += clock.lap()
        return (z, y)
    }

    /// The exact test loss 1/2 (|L^T theta - l|^2 + r) of coefficients theta.
    func loss(_ theta: [Double]) -> Double {
        var t = theta
        LinearAlgebra.triangularMultiply(factor, transpose: true, &t)
        var sum = 0.0
        for i in t.indices {
            let d = t[i] - projection[i]
            sum += d * d
        }
        return 0.5 * (sum + residual)
    }
}
