import DenseAlgebra
import NonlinearFeatureTheory

/// Which linear system a ridge fit solves: the one in the smaller dimension.
public enum RidgeForm: String, Sendable {
    /// N <= P: `(Phi Phi^T + gamma I_N) theta = Phi y`, an N x N system.
    case primal
    /// N > P: `theta = Phi (Phi^T Phi + gamma I_P)^-1 y`, a P x P system.
    case dual

    public init(featureCount n: Int, sampleCount p: Int) {
        self = n <= p ? .primal : .dual
    }
}

/// Ridge regression on one training set (THEORY.md section 2): minimizes
/// `1/2 sum_mu (theta . phi_mu - y_mu)^2 + gamma/2 |theta|^2`, gamma
/// multiplying the unnormalized sum over the P samples.
///
/// - gamma > 0: Cholesky (dpotrf/dpotrs) of the N x N primal or P x P dual
///   Gram matrix, whichever is smaller.
/// - gamma = 0, the limit gamma -> 0+: the minimum-norm least-squares solution
///   of Phi^T theta = y by the SVD (dgelsd), which is least squares for N < P
///   and the minimum-norm interpolator for N > P. Singular values below
///   `rankCutoff` times the largest are treated as zero and the numerical
///   rank is returned, so that a rank-deficient Phi (structurally when
///   min(N, P) > M for linear features) gives the pseudo-inverse solution,
///   the gamma -> 0+ limit, instead of amplified rounding noise.
struct RidgeFit {
    /// theta*, N coefficients.
    var coefficients: [Double]
    /// The numerical rank of Phi for gamma = 0; nil for gamma > 0.
    var rank: Int?

    /// Relative singular-value cutoff for gamma = 0: max(N, P) machine
    /// epsilons, the usual threshold below which a singular value is rounding.
    static func rankCutoff(featureCount n: Int, sampleCount p: Int) -> Double {
        Double(max(n, p)) * Double.ulpOfOne
    }

    /// Fits `features` (Phi, N x P, column mu = phi(x_mu)) to `labels` (y, P).
    init(features phi: Matrix, labels y: [Double], ridge gamma: Double) throws {
        let n = phi.rows, p = phi.columns
        precondition(y.count == p)
        if gamma == 0 {
            var design = phi.transposed()
            let solution = try LinearAlgebra.leastSquares(&design, y,
                                                          relativeCutoff: Self.rankCutoff(featureCount: n, sampleCount: p))
            coefficients = solution.solution
            rank = solution.rank
            return
        }
        switch RidgeForm(featureCount: n, sampleCount: p) {
        case .primal:
            var gram = Matrix(rows: n, columns: n)
            LinearAlgebra.symmetricRankK(phi, into: &gram)
            gram.addToDiagonal(gamma)
            var theta = [Double](repeating: 0, count: n)
            LinearAlgebra.multiply(phi, y, into: &theta)
            try LinearAlgebra.choleskyFactor(&gram, what: "Phi Phi^T + gamma I")
            try LinearAlgebra.choleskySolve(gram, &theta)
            coefficients = theta
        case .dual:
            var gram = Matrix(rows: p, columns: p)
            LinearAlgebra.symmetricRankK(phi, transpose: true, into: &gram)
            gram.addToDiagonal(gamma)
            var a = y
            try LinearAlgebra.choleskyFactor(&gram, what: "Phi^T Phi + gamma I")
            try LinearAlgebra.choleskySolve(gram, &a)
            var theta = [Double](repeating: 0, count: n)
            LinearAlgebra.multiply(phi, a, into: &theta)
            coefficients = theta
        }
        rank = nil
    }
}
