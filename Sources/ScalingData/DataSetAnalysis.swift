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
/// - sigma_eps^2 = (1/n) sum_mu (y_mu - x_mu . w)^2, which equals
///   Var(y) - sum_I lambda_I w_I^2, computed as the mean squared residual so
///   that it is never negative by rounding.
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
    /// sigma_eps^2, the residual variance of the best linear fit.
    public let residualVariance: Double
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

    /// Analyses centred data. Throws `DataSetError.invalidTarget` when the
    /// data have no variance, `ScalingError.noConvergence` if dsyevd fails,
    /// `.invalidParameter` for a cutoff outside [0, 1).
    public init(_ data: CentredDataSet, relativeCutoff: Double = defaultCutoff) throws {
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
        var values: [Double] = [], weights: [Double] = []
        var teacher = [Double](repeating: 0, count: d)
        for index in stride(from: d - 1, through: 0, by: -1) where ascending[index] > relativeCutoff * largest {
            let w = projections[index] / ascending[index]
            values.append(ascending[index])
            weights.append(w)
            for j in 0..<d { teacher[j] += w * covariance[j, index] }
        }
        // The residual y - X w over all rows.
        var residual = data.targets
        LinearAlgebra.multiply(data.samples, transpose: true, teacher, into: &residual, alpha: -1, beta: 1)
        residualVariance = residual.reduce(0) { $0 + $1 * $1 } / Double(n)
        guard weights.allSatisfy(\.isFinite), residualVariance.isFinite else {
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
