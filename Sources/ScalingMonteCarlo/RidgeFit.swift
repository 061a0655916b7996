import DenseAlgebra
import NonlinearFeatureTheory
import ScalingTheory

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

/// Ridge regression on one training set (Docs/Theory.md section 2): minimizes
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
///
/// Each fit also measures what its training set alone tells (Docs/Theory.md
/// section 8): the training error `E_train = 1/(2P) |Phi^T theta - y|^2` and
/// GCV = E_train / (1 - tr(H)/P)^2 with the hat matrix H = K (K + gamma)^-1,
/// K = Phi^T Phi. tr(H) comes from the Cholesky factor already computed:
/// N - gamma tr((Phi Phi^T + gamma)^-1) in the primal form; in the dual form
/// 1 - tr(H)/P = gamma tr((K + gamma)^-1)/P and Phi^T theta - y = -gamma a
/// with a = (K + gamma)^-1 y, so GCV = (P/2) |a|^2 / tr((K + gamma)^-1)^2,
/// free of cancellation. Ridgeless, H projects onto the range of Phi^T and
/// tr(H) is the numerical rank; when the fit interpolates (rank P) GCV is
/// the gamma -> 0+ limit of the dual formula, (P/2) |K^-1 y|^2 / tr(K^-1)^2.
/// Package access: the real-data simulation (ScalingData) fits with it too.
package struct RidgeFit {
    /// theta*, N coefficients.
    package var coefficients: [Double]
    /// The numerical rank of Phi for gamma = 0; nil for gamma > 0.
    package var rank: Int?
    /// E_train = 1/(2P) sum_mu (theta . phi_mu - y_mu)^2 against the
    /// training labels as given (noisy).
    package var trainingError: Double
    /// GCV, the estimate of the test error against noisy labels from the
    /// training set alone; nil where it is not computed (an interpolating
    /// ridgeless fit whose kernel K has no Cholesky factor in double precision).
    package var gcv: Double?

    /// Relative singular-value cutoff for gamma = 0: max(N, P) machine
    /// epsilons, the usual threshold below which a singular value is rounding.
    static func rankCutoff(featureCount n: Int, sampleCount p: Int) -> Double {
        Double(max(n, p)) * Double.ulpOfOne
    }

    /// Fits `features` (Phi, N x P, column mu = phi(x_mu)) to `labels` (y, P).
    package init(features phi: Matrix, labels y: [Double], ridge gamma: Double) throws {
        let n = phi.rows, p = phi.columns
        precondition(y.count == p)
        if gamma == 0 {
            var design = phi.transposed()
            let solution = try LinearAlgebra.leastSquares(&design, y,
                                                          relativeCutoff: Self.rankCutoff(featureCount: n, sampleCount: p))
            coefficients = solution.solution
            rank = solution.rank
            trainingError = Self.trainingError(features: phi, labels: y, coefficients: solution.solution)
            if solution.rank < p {
                let slack = 1 - Double(solution.rank) / Double(p)
                gcv = trainingError / (slack * slack)
            } else {
                gcv = try Self.interpolatingGCV(features: phi, labels: y)
            }
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
            trainingError = Self.trainingError(features: phi, labels: y, coefficients: theta)
            let traceInverse = try LinearAlgebra.inverseTrace(choleskyFactor: gram)
            let slack = (Double(p - n) + gamma * traceInverse) / Double(p)
            gcv = trainingError / (slack * slack)
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
            let squared = a.reduce(0) { $0 + $1 * $1 }
            trainingError = gamma * gamma * squared / (2 * Double(p))
            let traceInverse = try LinearAlgebra.inverseTrace(choleskyFactor: gram)
            gcv = 0.5 * Double(p) * squared / (traceInverse * traceInverse)
        }
        rank = nil
    }

    /// 1/(2P) |Phi^T theta - y|^2.
    private static func trainingError(features phi: Matrix, labels y: [Double], coefficients theta: [Double]) -> Double {
        var residual = y
        LinearAlgebra.multiply(phi, transpose: true, theta, into: &residual, beta: -1)
        return residual.reduce(0) { $0 + $1 * $1 } / (2 * Double(y.count))
    }

    /// The gamma -> 0+ limit of GCV for an interpolating fit,
    /// (P/2) |K^-1 y|^2 / tr(K^-1)^2 with K = Phi^T Phi, by a Cholesky factor
    /// of K; nil when K is too ill-conditioned for one (GCV is then dominated
    /// by rounding in the smallest eigenvalue, and not reported).
    private static func interpolatingGCV(features phi: Matrix, labels y: [Double]) throws -> Double? {
        let p = phi.columns
        var factor = Matrix(rows: p, columns: p)
        LinearAlgebra.symmetricRankK(phi, transpose: true, into: &factor)
        do {
            try LinearAlgebra.choleskyFactor(&factor, what: "Phi^T Phi")
        } catch ScalingError.noConvergence(routine: "LAPACKE_dpotrf", _) {
            return nil
        }
        var a = y
        try LinearAlgebra.choleskySolve(factor, &a)
        let trace = try LinearAlgebra.inverseTrace(choleskyFactor: factor)
        return 0.5 * Double(p) * a.reduce(0) { $0 + $1 * $1 } / (trace * trace)
    }
}
