import FoundationEssentials
import Glibc
import DenseAlgebra
import ScalingMonteCarlo
import ScalingTheory

/// What a data set looks like to the solvable model (Docs/Theory.md section 9):
/// the spectrum of its covariance, the best linear teacher's power per
/// eigendirection, and what no linear function explains, as label noise.
///
/// With the centred rows x_mu and targets y_mu (mu = 1..n):
/// - C = X^T X / n (dsyrk), eigenvalues lambda_I and eigenvectors v_I
///   (dsyevd); eigenvalues at or below `relativeCutoff` times the largest
///   are dropped (M = the number kept);
/// - b = E[x y] = X^T y / n and the teacher w_I = (v_I . b) / lambda_I,
///   whose power per direction is omega_I = w_I^2 (a fixed teacher, section 8);
/// - the residual eps_mu = y_mu - x_mu . w and its variance sigma_eps^2 in
///   three estimates (`NoiseEstimate`, Docs/YourData.md section 2): in-sample
///   (1/n) sum eps_mu^2, which equals Var(y) - sum_I lambda_I w_I^2 and is
///   biased low by (n - M - 1)/n for M fitted directions and the mean;
///   unbiased, sum eps_mu^2 / (n - M - 1) (the default); held-out, K-fold
///   (`ResidualNoise`). All are sums of squares, never negative by rounding.
///
/// Eigenvalues and teacher are listed from the largest eigenvalue down.
public struct DataSetAnalysis: Sendable {
    /// n.
    public let sampleCount: Int
    /// d.
    public let dimension: Int
    /// lambda_I, descending, the M kept.
    public let eigenvalues: [Double]
    /// w_I, aligned with `eigenvalues` (the sign of each v_I is LAPACK's).
    public let teacherWeights: [Double]
    /// omega_I = w_I^2, aligned with `eigenvalues`.
    public var teacherPower: [Double] { teacherWeights.map { $0 * $0 } }
    /// How many of the d eigenvalues were at or below the cutoff.
    public let droppedCount: Int
    /// The relative cutoff used.
    public let relativeCutoff: Double
    /// Var(y), the variance of the target.
    public let targetVariance: Double
    /// sigma_eps^2 as the theory uses it: the estimate chosen by
    /// `noiseEstimate` (by default the unbiased one).
    public var residualVariance: Double {
        switch noiseEstimate {
        case .inSample: return inSampleResidualVariance
        case .unbiased: return unbiasedResidualVariance
        case .heldOut: return heldOutResidualVariance ?? unbiasedResidualVariance
        }
    }
    /// Which estimate `residualVariance` is.
    public let noiseEstimate: NoiseEstimate
    /// (1/n) sum_mu eps_mu^2: the mean squared residual on the rows the
    /// teacher was fitted to, biased low by the factor (n - M - 1)/n.
    public let inSampleResidualVariance: Double
    /// sum_mu eps_mu^2 / (n - M - 1): unbiased for a residual independent of
    /// x (M fitted directions and the mean use M + 1 degrees of freedom).
    /// Equal to the in-sample estimate when n <= M + 1 (nothing is left to
    /// estimate with; `residualVarianceStandardError` is then +infinity).
    public let unbiasedResidualVariance: Double
    /// The standard error of the unbiased estimate,
    /// unbiased * sqrt((kappa - 1) / (n - M - 1)) with kappa the residual's
    /// sample kurtosis (3 for Gaussian noise: sqrt(2 / (n - M - 1))).
    public let residualVarianceStandardError: Double
    /// The K-fold held-out estimate (`ResidualNoise.heldOutResidualVariance`),
    /// computed only when `noiseEstimate` is `.heldOut`; nil otherwise.
    public private(set) var heldOutResidualVariance: Double?
    /// eps_mu = y_mu - x_mu . w on every row (the targets' order).
    package let residuals: [Double]
    /// The kept eigenvectors v_I as the columns of a d x M matrix, aligned
    /// with `eigenvalues`.
    package let eigenvectors: Matrix
    /// The feature means and target mean the data were centred with.
    public let featureMeans: [Double]
    public let targetMean: Double

    /// M, the number of eigenvalues kept.
    public var latentDimension: Int { eigenvalues.count }
    /// sum_I lambda_I over the kept eigenvalues.
    public var trace: Double { eigenvalues.reversed().reduce(0, +) }
    /// sum_I lambda_I w_I^2, the variance the linear teacher explains.
    public var explainedVariance: Double {
        zip(eigenvalues, teacherWeights).reversed().reduce(0) { $0 + $1.0 * $1.1 * $1.1 }
    }

    /// The default relative eigenvalue cutoff: 1e-10 of the largest, well
    /// above the rounding of forming X^T X (about d epsilon relative) and
    /// well below any direction that carries data.
    public static let defaultCutoff = 1e-10

    /// Analyses centred data; `noiseEstimate` chooses what `residualVariance`
    /// (the theory's sigma_eps^2) is. Throws `DataSetError.invalidTarget`
    /// when the data have no variance, or for `.heldOut` when the folds leave
    /// too few rows to fit; `ScalingError.noConvergence` if dsyevd fails,
    /// `.invalidParameter` for a cutoff outside [0, 1).
    public init(_ data: CentredDataSet, relativeCutoff: Double = defaultCutoff,
                noiseEstimate: NoiseEstimate = .unbiased) throws {
        guard relativeCutoff.isFinite, relativeCutoff >= 0, relativeCutoff < 1 else {
            throw ScalingError.invalidParameter(name: "relativeCutoff", value: relativeCutoff,
                                                requirement: "must be in [0, 1)")
        }
        let n = data.sampleCount, d = data.dimension
        try MemoryBudget.check(Self.estimatedBytes(dimension: d), limit: nil,
                               what: "the \(d) x \(d) data covariance and its eigendecomposition")
        var covariance = Matrix(rows: d, columns: d)
        try LinearAlgebra.symmetricRankKByColumnBlocks(data.samples, into: &covariance, alpha: 1 / Double(n),
                                                       workers: ProcessInfo.processInfo.activeProcessorCount)
        var correlation = [Double](repeating: 0, count: d)
        LinearAlgebra.multiply(data.samples, data.targets, into: &correlation, alpha: 1 / Double(n))
        let ascending = try LinearAlgebra.symmetricEigensystem(&covariance)
        let largest = ascending.last ?? 0
        guard largest > 0, largest.isFinite else {
            throw DataSetError.invalidTarget(detail: "the data have no variance (largest covariance eigenvalue \(largest))")
        }
        // v_I . b for every eigenvector at once.
        var projections = [Double](repeating: 0, count: d)
        LinearAlgebra.multiply(covariance, transpose: true, correlation, into: &projections)
        var values: [Double] = [], weights: [Double] = [], kept: [Int] = []
        var teacher = [Double](repeating: 0, count: d)
        for index in stride(from: d - 1, through: 0, by: -1) where ascending[index] > relativeCutoff * largest {
            let w = projections[index] / ascending[index]
            values.append(ascending[index])
            weights.append(w)
            kept.append(index)
            for j in 0..<d { teacher[j] += w * covariance[j, index] }
        }
        var vectors = Matrix(rows: d, columns: kept.count)
        for (column, index) in kept.enumerated() {
            for j in 0..<d { vectors[j, column] = covariance[j, index] }
        }
        eigenvectors = vectors
        // The residual y - X w over all rows.
        var residual = data.targets
        LinearAlgebra.multiply(data.samples, transpose: true, teacher, into: &residual, alpha: -1, beta: 1)
        residuals = residual
        let squares = residual.reversed().reduce(0) { $0 + $1 * $1 }
        let fourth = residual.reversed().reduce(0) { $0 + $1 * $1 * $1 * $1 }
        inSampleResidualVariance = squares / Double(n)
        let freedom = n - values.count - 1
        if freedom >= 1 {
            unbiasedResidualVariance = squares / Double(freedom)
            let kurtosis = squares > 0 ? Double(n) * fourth / (squares * squares) : 3
            residualVarianceStandardError = unbiasedResidualVariance * (max(kurtosis - 1, 0) / Double(freedom)).squareRoot()
        } else {
            unbiasedResidualVariance = inSampleResidualVariance
            residualVarianceStandardError = .infinity
        }
        self.noiseEstimate = noiseEstimate
        guard weights.allSatisfy(\.isFinite), squares.isFinite, fourth.isFinite else {
            throw DataSetError.invalidTarget(
                detail: "the teacher power w_I^2 = (v_I . X^T y / n)^2 / lambda_I^2 overflows at the smallest kept "
                    + "eigenvalue \(values.last ?? 0); raise the cutoff (now \(relativeCutoff))")
        }
        guard values.count >= 2 else {
            throw DataSetError.degenerateData(
                detail: "the data have rank 1 (one covariance eigenvalue above \(relativeCutoff) times the largest, "
                    + "\(largest); every centred row is a multiple of one direction): a spectrum needs at least two")
        }
        eigenvalues = values
        teacherWeights = weights
        droppedCount = d - values.count
        self.relativeCutoff = relativeCutoff
        targetVariance = data.targetVariance
        featureMeans = data.featureMeans
        targetMean = data.targetMean
        sampleCount = n
        dimension = d
        if noiseEstimate == .heldOut {
            heldOutResidualVariance = try ResidualNoise.heldOutResidualVariance(data, analysis: self)
        }
    }

    /// Bytes the analysis holds besides the data: the d x d covariance, its
    /// eigenvectors in place, and dsyevd's workspace (1 + 6d + 2d^2 doubles).
    public static func estimatedBytes(dimension d: Int) -> Double {
        8 * (3 * Double(d) * Double(d) + 10 * Double(d))
    }

    /// Flops of the analysis: X^T X (n d^2) and the eigendecomposition (about 9 d^3).
    public static func estimatedFlops(sampleCount n: Int, dimension d: Int) -> Double {
        Double(n) * Double(d) * Double(d) + 9 * Double(d) * Double(d) * Double(d)
    }

    /// The power-law fit of the eigenvalues, lambda_I ~ I^slope, over a
    /// window of 1-based indices: the spectral exponent 1 + alpha is -slope.
    public func spectrumFit(_ window: ClosedRange<Int>) throws -> PowerLawFit.Result {
        try PowerLawFit.fit(eigenvalues, indices: window)
    }

    /// The power-law fit of the teacher power, omega_I ~ I^-beta: beta is
    /// -slope. Per-direction power scatters over decades, so the standard
    /// error is large unless the window is long.
    public func teacherFit(_ window: ClosedRange<Int>) throws -> PowerLawFit.Result {
        try PowerLawFit.fit(teacherPower, indices: window)
    }

    /// The default fit window: indices 10 to M/2 (at least 2 to M), leaving
    /// out the few largest directions, which do not follow the power law,
    /// and the smallest half, which bends down near the cutoff.
    public var defaultFitWindow: ClosedRange<Int> {
        let m = latentDimension
        guard m >= 40 else { return 1...max(m, 2) }
        return 10...(m / 2)
    }
}
