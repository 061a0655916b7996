import DenseAlgebra
import FoundationEssentials
import Glibc
import ScalingTheory

/// How much the overall size of a data set's rows varies, and the theory
/// for rows whose size varies (Docs/Theory.md section 14).
///
/// The Gaussian theory assumes x = Lambda^1/2 z with z standard Gaussian,
/// so that every row's weighted squared length sum_I r_I z_I^2 is within
/// a few percent of its mean. Real rows are closer to x = sqrt(tau) g with
/// g Gaussian and a row scale tau (mean 1) that varies from row to row. In
/// the leave-one-out identity a row enters through f^T R_-mu f = tau_mu delta,
/// so the deterministic equivalent of the fit averages over tau:
///
///     e1 = E[tau / (1 + tau delta)],  e2 = E[tau^2 / (1 + tau delta)^2],
///     E[tau delta / (1 + tau delta)] = df1 / P,   gamma = P e1 kappa,
///     kappa = Delta (sigma_u^2 N / M)(1 - df1/N),
///
/// and, with rho = e2 / e1^2 >= 1, T2 = (df1^2 + N df2 - 2 df1 df2)/(N - df2),
/// G = sum_I v_I q_I [(N - df2) - r_I (N - df1)]/(N - df2) (v_I = lambda_I omega_I),
/// the projection residual r_U = sum_I v_I Delta0 / (lambda_I + Delta0)
/// (df1(Delta0) = N; 0 when N >= M) and the noise weight
/// rho_eps = E[eps^2 tau / (1 + tau delta)^2] / e1^2,
///
///     2 <L> = [G - r_U + rho r_U T2/P + rho_eps T2/P] / (1 - rho T2/P) + r_U.
///
/// With tau = 1 (rho = 1, rho_eps = sigma_eps^2) this is section 8's loss.
///
/// Measured tau: tau_mu(Delta) = sum_I r_I z_mu,I^2 / sum_I r_I with
/// z_mu,I = (v_I . x_mu) / sqrt(lambda_I), the weights r_I = lambda_I /
/// (lambda_I + Delta) of the quadratic form. Even Gaussian rows give this a
/// variance 2 sum r^2 / (sum r)^2 (the chi-square scatter the Gaussian
/// theory already contains), so the deviations tau - 1 are shrunk to the
/// variance in excess of it. Directions are grouped into at most 64 bins of
/// consecutive indices (log-spaced) for the per-row sums, and the averages
/// over rows use at most `maximumRows` rows, evenly spaced (all when n is
/// smaller): the distribution of tau, not each row, is what enters.
public struct RowScale: Sendable {
    /// Bin b holds the 0-based directions binStarts[b] ..< binStarts[b + 1].
    let binStarts: [Int]
    /// Per row, per bin: sum of z^2 over the bin (row-major, n x bins).
    let binSums: [Double]
    /// Per row: eps_mu^2 scaled to the unbiased residual variance.
    let noise: [Double]
    let eigenvalues: [Double]
    /// The number of rows whose scales are used.
    public let sampleCount: Int
    /// At most this many rows enter the averages over tau.
    public static let maximumRows = 8192

    public init(_ data: CentredDataSet, analysis: DataSetAnalysis) throws {
        let d = data.dimension, m = analysis.latentDimension
        let step = max(1, (data.sampleCount + Self.maximumRows - 1) / Self.maximumRows)
        let used = Array(stride(from: 0, to: data.sampleCount, by: step))
        let n = used.count
        let lambda = analysis.eigenvalues, vectors = analysis.eigenvectors
        var starts = [0]
        let bins = min(m, 64)
        for b in 1..<bins {
            let edge = Int((pow(Double(m), Double(b) / Double(bins))).rounded())
            if edge > starts.last! && edge < m { starts.append(edge) }
        }
        starts.append(m)
        let count = starts.count - 1
        let block = 1024
        let blocks = (n + block - 1) / block
        let sums = try ParallelTrials.map(count: blocks, workers: ProcessInfo.processInfo.activeProcessorCount) {
            b -> [Double] in
            let start = b * block, rows = min(n, start + block) - start
            var x = Matrix(rows: d, columns: rows)
            data.samples.elements.withUnsafeBufferPointer { source in
                x.elements.withUnsafeMutableBufferPointer { target in
                    for k in 0..<rows {
                        let row = used[start + k]
                        for j in 0..<d { target[k * d + j] = source[row * d + j] }
                    }
                }
            }
            var projections = Matrix(rows: m, columns: rows)
            LinearAlgebra.multiply(vectors, transposeA: true, x, into: &projections)
            var out = [Double](repeating: 0, count: rows * count)
            for k in 0..<rows {
                for bin in 0..<count {
                    var s = 0.0
                    for i in starts[bin]..<starts[bin + 1] { s += projections[i, k] * projections[i, k] / lambda[i] }
                    out[k * count + bin] = s
                }
            }
            return out
        }
        binSums = sums.flatMap { $0 }
        binStarts = starts
        let scale = analysis.unbiasedResidualVariance / analysis.inSampleResidualVariance
        noise = used.map { analysis.residuals[$0] * analysis.residuals[$0] * scale }
        eigenvalues = lambda
        sampleCount = n
    }

    /// tau_mu(Delta) for every row, shrunk to the excess over Gaussian scatter,
    /// and the measured (unshrunk) variance of tau and the Gaussian one.
    public func scales(delta: Double) -> (tau: [Double], variance: Double, gaussianVariance: Double) {
        let count = binStarts.count - 1
        var weights = [Double](repeating: 0, count: count)
        var total = 0.0, squares = 0.0
        for bin in 0..<count {
            var w = 0.0
            for i in binStarts[bin]..<binStarts[bin + 1] {
                let r = eigenvalues[i] / (eigenvalues[i] + delta)
                w += r
                squares += r * r
            }
            weights[bin] = w / Double(binStarts[bin + 1] - binStarts[bin])
            total += w
        }
        var tau = [Double](repeating: 0, count: sampleCount)
        var mean = 0.0
        for mu in 0..<sampleCount {
            var s = 0.0
            for bin in 0..<count { s += weights[bin] * binSums[mu * count + bin] }
            tau[mu] = s / total
            mean += tau[mu]
        }
        mean /= Double(sampleCount)
        var variance = 0.0
        for mu in 0..<sampleCount {
            tau[mu] /= mean
            variance += (tau[mu] - 1) * (tau[mu] - 1)
        }
        variance /= Double(sampleCount)
        let gaussian = 2 * squares / (total * total)
        let shrink = variance > gaussian ? ((variance - gaussian) / variance).squareRoot() : 0
        for mu in 0..<sampleCount { tau[mu] = 1 + (tau[mu] - 1) * shrink }
        return (tau, variance, gaussian)
    }

    /// The theory's prediction for rows of varying size (gamma > 0, linear
    /// features, sigma_eps^2 = the configuration's noise variance for the
    /// irreducible part). Throws `ScalingError.unsupported` for gamma = 0.
    public func predict(teacherPower omega: [Double], configuration c: ModelConfiguration) throws -> RowScalePrediction {
        guard c.ridge > 0 else { throw ScalingError.unsupported("the row-scale theory needs a ridge gamma > 0") }
        let spectrum = try TabulatedSpectrum(eigenvalues: eigenvalues)
        let n = c.featureCount, p = c.sampleCount, m = Double(eigenvalues.count)
        let solver = SelfConsistentSolver()
        // The branch edge df1(Delta) = min(N, P) (0 when min(N, P) >= M).
        let edge = min(n, p) < m ? try solver.solveDelta(spectrum: spectrum, configuration: c.with(ridge: 0)) : 0
        struct State { var delta: Double; var df1: Double; var df2: Double; var kappa: Double; var small: Double
                       var tau: [Double] }
        func state(_ delta: Double) -> State {
            let sums = spectrum.sums(at: delta)
            let kappa = delta * c.featureWeightVariance * n / m * (1 - sums.df1 / n)
            let tau = scales(delta: delta).tau
            // E[tau s / (1 + tau s)] = df1 / P: increasing in s from 0 to 1.
            let target = sums.df1 / p
            var lo = -60.0, hi = 60.0
            for _ in 0..<90 {
                let mid = 0.5 * (lo + hi), s = exp(mid)
                let value = tau.reduce(0) { $0 + $1 * s / (1 + $1 * s) } / Double(tau.count)
                if value < target { lo = mid } else { hi = mid }
            }
            return State(delta: delta, df1: sums.df1, df2: sums.df2, kappa: kappa, small: exp(0.5 * (lo + hi)), tau: tau)
        }
        func ridge(_ s: State) -> Double {
            let e1 = s.tau.reduce(0) { $0 + $1 / (1 + $1 * s.small) } / Double(s.tau.count)
            return p * e1 * s.kappa
        }
        // gamma(Delta) increases from 0 at the edge; bisect in ln(Delta - edge).
        var lo = log(max(edge, 1e-300) * 1e-12 + 1e-300), hi = log(max(edge, eigenvalues[0]) * 1e6)
        for _ in 0..<100 {
            let mid = 0.5 * (lo + hi)
            if ridge(state(edge + exp(mid))) < c.ridge { lo = mid } else { hi = mid }
        }
        let s = state(edge + exp(0.5 * (lo + hi)))
        let k = Double(s.tau.count)
        var e1 = 0.0, e2 = 0.0, en = 0.0
        for (mu, t) in s.tau.enumerated() {
            let a = t / (1 + t * s.small)
            e1 += a
            e2 += a * a
            en += noise[mu] * t / ((1 + t * s.small) * (1 + t * s.small))
        }
        e1 /= k; e2 /= k; en /= k
        let rho = e2 / (e1 * e1), rhoNoise = en / (e1 * e1)
        let t2 = (s.df1 * s.df1 + n * s.df2 - 2 * s.df1 * s.df2) / (n - s.df2)
        var g = 0.0
        for i in eigenvalues.indices.reversed() {
            let v = eigenvalues[i] * omega[i]
            let q = s.delta / (eigenvalues[i] + s.delta), r = 1 - q
            g += v * q * ((n - s.df2) - r * (n - s.df1))
        }
        g /= (n - s.df2)
        var residual = 0.0
        if n < m {
            let d0 = try solver.solveDelta(spectrum: spectrum, configuration: c.with(featureCount: n, sampleCount: n * 4 + m, ridge: 0))
            for i in eigenvalues.indices.reversed() { residual += eigenvalues[i] * omega[i] * d0 / (eigenvalues[i] + d0) }
        }
        let denominator = 1 - rho * t2 / p
        let twiceLoss = denominator > 0
            ? (g - residual + rho * residual * t2 / p + rhoNoise * t2 / p) / denominator + residual : .infinity
        let scaleVariance = scales(delta: s.delta)
        return RowScalePrediction(loss: 0.5 * twiceLoss, testError: 0.5 * twiceLoss + c.noiseVariance / 2,
                                  noiseLoss: denominator > 0 ? 0.5 * rhoNoise * t2 / p / denominator : .infinity,
                                  delta: s.delta, rho: rho, noiseWeight: rhoNoise,
                                  scaleVariance: scaleVariance.variance, gaussianScaleVariance: scaleVariance.gaussianVariance)
    }
}

/// The row-scale theory at one configuration.
public struct RowScalePrediction: Sendable, Equatable {
    /// <L> against the best linear teacher.
    public var loss: Double
    /// <L> + sigma_eps^2 / 2.
    public var testError: Double
    /// The noise's part of <L>, 1/2 rho_eps (T2/P) / (1 - rho T2/P): the variance term.
    public var noiseLoss: Double
    public var delta: Double
    /// rho = e2 / e1^2, 1 for rows of one size.
    public var rho: Double
    /// rho_eps = E[eps^2 tau / (1 + tau delta)^2] / e1^2 (sigma_eps^2 for rows of one size).
    public var noiseWeight: Double
    /// The measured variance of tau(Delta) and the part Gaussian rows would show.
    public var scaleVariance: Double
    public var gaussianScaleVariance: Double
}
