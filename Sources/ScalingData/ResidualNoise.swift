import DenseAlgebra
import FoundationEssentials
import Glibc
import ScalingTheory

/// Which estimate of the residual variance sigma_eps^2 the theory uses
/// (`scaling-laws dataset --noise-estimate`, Docs/YourData.md section 2).
public enum NoiseEstimate: String, Sendable, CaseIterable {
    /// (1/n) sum eps^2 on the fitting rows: biased low by (n - M - 1)/n.
    case inSample = "in-sample"
    /// sum eps^2 / (n - M - 1): unbiased for a residual independent of x (the default).
    case unbiased
    /// K-fold: the teacher fitted without a fold, its squared error on the fold.
    case heldOut = "held-out"
}

/// What the residual eps = y - x . w of a data set's best linear teacher
/// looks like beyond its variance (Docs/Theory.md section 13; Docs/YourData.md
/// section 2):
///
/// - the per-direction noise power nu_I = E[eps^2 (v_I . x)^2] / lambda_I,
///   which is sigma_eps^2 in every direction when eps is independent of x
///   and differs from it when the residual is heteroscedastic. Estimated as
///   (1/(n lambda_I)) sum_mu eps_mu^2 (v_I . x_mu)^2 / (1 - h_mu) with the
///   leverage h_mu = 1/n + sum_I (v_I . x_mu)^2 / (n lambda_I) of row mu in
///   the fit (the in-sample residual has E[eps_mu^2] = (1 - h_mu) sigma^2
///   for homoscedastic noise, so this is unbiased there);
/// - the kurtosis of each projection, E[(v_I . x)^4] / lambda_I^2 (3 for
///   Gaussian rows);
/// - the K-fold held-out residual variance.
///
/// Rows are processed in fixed blocks, each on one worker with
/// single-threaded BLAS, and the blocks are added in order: the numbers do
/// not depend on the core count.
public struct ResidualNoise: Sendable {
    /// nu_I per kept direction, aligned with the analysis' eigenvalues.
    public var noisePower: [Double]
    /// E[(v_I . x)^4] / lambda_I^2 per kept direction.
    public var projectionKurtosis: [Double]
    /// The K-fold held-out estimate of sigma_eps^2, nil when a fold's
    /// complement has too few rows to fit the teacher.
    public var heldOutResidualVariance: Double?

    /// The number of folds of the held-out estimate; row mu is in fold mu mod K.
    public static let folds = 10

    /// Measures the residual of `analysis` (which must come from `data`).
    public init(_ data: CentredDataSet, analysis: DataSetAnalysis) throws {
        let n = data.sampleCount, d = data.dimension, m = analysis.latentDimension
        precondition(analysis.sampleCount == n && analysis.dimension == d)
        let vectors = analysis.eigenvectors, lambda = analysis.eigenvalues, residuals = analysis.residuals
        let block = 1024
        let blocks = (n + block - 1) / block
        let partials = try ParallelTrials.map(count: blocks, workers: ProcessInfo.processInfo.activeProcessorCount) {
            b -> [Double] in
                let start = b * block, end = min(n, start + block), rows = end - start
                var x = Matrix(rows: d, columns: rows)
                data.samples.elements.withUnsafeBufferPointer { source in
                    x.elements.withUnsafeMutableBufferPointer { target in
                        for k in 0..<(rows * d) { target[k] = source[start * d + k] }
                    }
                }
                var projections = Matrix(rows: m, columns: rows)
                LinearAlgebra.multiply(vectors, transposeA: true, x, into: &projections)
                // [0, m): sum w eps^2 p^2; [m, 2m): sum p^4.
                var sums = [Double](repeating: 0, count: 2 * m)
                for k in 0..<rows {
                    var leverage = 1 / Double(n)
                    for i in 0..<m {
                        let p = projections[i, k]
                        leverage += p * p / (Double(n) * lambda[i])
                    }
                    let e2 = residuals[start + k] * residuals[start + k]
                    let weight = e2 == 0 ? 0 : e2 / max(1 - leverage, 1e-12)
                    for i in 0..<m {
                        let p2 = projections[i, k] * projections[i, k]
                        sums[i] += weight * p2
                        sums[m + i] += p2 * p2
                    }
                }
                return sums
        }
        var total = [Double](repeating: 0, count: 2 * m)
        for part in partials {
            for i in 0..<(2 * m) { total[i] += part[i] }
        }
        noisePower = (0..<m).map { total[$0] / (Double(n) * lambda[$0]) }
        projectionKurtosis = (0..<m).map { total[m + $0] / (Double(n) * lambda[$0] * lambda[$0]) }
        heldOutResidualVariance = try Self.heldOutResidualVariance(data, analysis: analysis)
    }

    /// The K-fold held-out residual variance: for each fold k (rows mu with
    /// mu mod K = k) the teacher refitted on the other rows, in the kept
    /// eigenbasis (n Lambda - G_k) a = n V^T b - V^T b_k with G_k = V^T X_k^T X_k V,
    /// and its mean squared error on fold k; the folds' errors summed over all
    /// n rows. It estimates the prediction error of a teacher fitted on
    /// (K-1)n/K rows, so it sits above sigma_eps^2 by the teacher's own
    /// estimation error (about sigma_eps^2 M / ((K-1)n/K - M - 1) for Gaussian
    /// rows and noise independent of x). Nil when a fold's complement is not
    /// positive definite in the kept directions (too few rows).
    public static func heldOutResidualVariance(_ data: CentredDataSet, analysis: DataSetAnalysis) throws -> Double? {
        let n = data.sampleCount, d = data.dimension, m = analysis.latentDimension, k = folds
        guard n - n / k > m + 1 else { return nil }
        let vectors = analysis.eigenvectors
        var correlation = [Double](repeating: 0, count: d)
        LinearAlgebra.multiply(data.samples, data.targets, into: &correlation)
        var projectedCorrelation = [Double](repeating: 0, count: m)
        LinearAlgebra.multiply(vectors, transpose: true, correlation, into: &projectedCorrelation)
        var sum = 0.0
        for fold in 0..<k {
            let rows = Array(stride(from: fold, to: n, by: k))
            var x = Matrix(rows: d, columns: rows.count)
            var y = [Double](repeating: 0, count: rows.count)
            data.samples.elements.withUnsafeBufferPointer { source in
                x.elements.withUnsafeMutableBufferPointer { target in
                    for (c, row) in rows.enumerated() {
                        for j in 0..<d { target[c * d + j] = source[row * d + j] }
                    }
                }
            }
            for (c, row) in rows.enumerated() { y[c] = data.targets[row] }
            var projected = Matrix(rows: m, columns: rows.count)
            LinearAlgebra.multiply(vectors, transposeA: true, x, into: &projected)
            var gram = Matrix(rows: m, columns: m)
            try LinearAlgebra.symmetricRankKByColumnBlocks(projected, into: &gram, alpha: 1,
                                                           workers: ProcessInfo.processInfo.activeProcessorCount)
            var foldCorrelation = [Double](repeating: 0, count: m)
            LinearAlgebra.multiply(projected, y, into: &foldCorrelation)
            // The other rows' normal equations: n Lambda - G_k (lower triangle) and n V^T b - V^T b_k.
            for j in 0..<m {
                for i in j..<m { gram[i, j] = (i == j ? Double(n) * analysis.eigenvalues[i] : 0) - gram[i, j] }
            }
            var coefficients = (0..<m).map { projectedCorrelation[$0] - foldCorrelation[$0] }
            do {
                try LinearAlgebra.choleskyFactor(&gram, what: "the covariance without fold \(fold)")
            } catch {
                return nil
            }
            try LinearAlgebra.choleskySolve(gram, &coefficients)
            var prediction = [Double](repeating: 0, count: rows.count)
            LinearAlgebra.multiply(projected, transpose: true, coefficients, into: &prediction)
            for c in rows.indices { sum += (y[c] - prediction[c]) * (y[c] - prediction[c]) }
        }
        return sum / Double(n)
    }
}
