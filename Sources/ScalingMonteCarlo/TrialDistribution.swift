import Glibc
import DenseAlgebra
import ScalingTheory

/// The shape of the per-trial losses of a Monte Carlo run, and whether the
/// standard error of their mean can be trusted.
///
/// The z-score (mean - theory) / standard error assumes the mean of K
/// trials is close to Gaussian. Near the ridgeless interpolation peak the
/// per-trial loss is heavy-tailed (its variance can be infinite, see
/// `finiteMomentOrder`), the sample standard error then misses the rare
/// large trials, and a z-test passes or fails by luck. This type states the
/// shape (median, quantiles, skewness, kurtosis), tests the tails, and gives
/// a seeded bootstrap interval of the mean.
///
/// Conventions: quantiles by linear interpolation between order statistics
/// (type 7 of Hyndman and Fan, NumPy's default); skewness g1 = m3 / m2^(3/2)
/// and kurtosis b2 = m4 / m2^2 from the central sample moments m_k (b2 = 3 for
/// a Gaussian population; `excessKurtosis` = b2 - 3).
public struct TrialDistribution: Sendable, Equatable {
    /// Number of trials K.
    public var count: Int
    public var mean: Double
    /// Sample standard deviation / sqrt(K); NaN for K < 2.
    public var standardError: Double
    public var minimum: Double
    public var maximum: Double
    public var median: Double
    /// The 10, 25, 75 and 90 percent quantiles.
    public var quantile10: Double
    public var quantile25: Double
    public var quantile75: Double
    public var quantile90: Double
    /// g1 = m3 / m2^(3/2); NaN when all trials are equal or K < 3.
    public var skewness: Double
    /// b2 - 3 = m4 / m2^2 - 3; NaN when all trials are equal or K < 4.
    public var excessKurtosis: Double
    /// Anscombe and Glynn's (1983) normal deviate of b2 under a Gaussian
    /// population of K samples; NaN for K < 5 or equal trials.
    public var kurtosisZ: Double

    /// A one-sided Anscombe-Glynn deviate above this marks heavy tails
    /// (a Gaussian sample exceeds it with probability about 0.13 percent).
    public static let heavyTailThreshold = 3.0

    /// Whether the sample kurtosis is significantly above a Gaussian's: the
    /// tails are heavier than the standard error assumes.
    public var kurtosisIsHigh: Bool { kurtosisZ > Self.heavyTailThreshold }

    /// Throws for fewer than one loss or a non-finite loss.
    public init(losses: [Double]) throws {
        guard !losses.isEmpty else {
            throw ScalingError.invalidParameter(name: "trials", value: 0, requirement: "must be >= 1")
        }
        for loss in losses where !loss.isFinite {
            throw ScalingError.invalidParameter(name: "trial loss", value: loss, requirement: "must be finite")
        }
        let sorted = losses.sorted()
        let k = Double(losses.count)
        let average = losses.reduce(0, +) / k
        count = losses.count
        mean = average
        // Moments of the deviations in units of the largest one: skewness and
        // kurtosis are scale-free, and unscaled fourth powers of losses near
        // 1e80 and above would overflow.
        let deviations = losses.map { $0 - average }
        let scale = deviations.reduce(0) { max($0, abs($1)) }
        let scaled = scale > 0 ? deviations.map { $0 / scale } : deviations
        let moment = { (power: Double) -> Double in scaled.reduce(0) { $0 + pow($1, power) } / k }
        let m2 = moment(2), m3 = moment(3), m4 = moment(4)
        standardError = count < 2 ? .nan : scale * (m2 * k / (k - 1) / k).squareRoot()
        minimum = sorted[0]
        maximum = sorted[sorted.count - 1]
        let quantile = { (q: Double) -> Double in
            let position = q * (k - 1), low = Int(position.rounded(.down))
            let high = min(low + 1, sorted.count - 1)
            return sorted[low] + (position - Double(low)) * (sorted[high] - sorted[low])
        }
        median = quantile(0.5)
        quantile10 = quantile(0.1)
        quantile25 = quantile(0.25)
        quantile75 = quantile(0.75)
        quantile90 = quantile(0.9)
        let spread = m2 > 0
        skewness = spread && count >= 3 ? m3 / pow(m2, 1.5) : .nan
        let b2 = spread && count >= 4 ? m4 / (m2 * m2) : .nan
        excessKurtosis = b2 - 3
        kurtosisZ = count >= 5 && b2.isFinite ? Self.anscombeGlynn(b2: b2, count: k) : .nan
    }

    /// The Anscombe-Glynn transformation of the sample kurtosis b2 of n
    /// Gaussian samples to a standard normal deviate (D'Agostino, Belanger
    /// and D'Agostino 1990, eqs. 16-20).
    static func anscombeGlynn(b2: Double, count n: Double) -> Double {
        let expected = 3 * (n - 1) / (n + 1)
        let variance = 24 * n * (n - 2) * (n - 3) / ((n + 1) * (n + 1) * (n + 3) * (n + 5))
        let x = (b2 - expected) / variance.squareRoot()
        let rootBeta1 = 6 * (n * n - 5 * n + 2) / ((n + 7) * (n + 9))
            * (6 * (n + 3) * (n + 5) / (n * (n - 2) * (n - 3))).squareRoot()
        let a = 6 + 8 / rootBeta1 * (2 / rootBeta1 + (1 + 4 / (rootBeta1 * rootBeta1)).squareRoot())
        let denominator = 1 + x * (2 / (a - 4)).squareRoot()
        // A negative denominator is the far left tail: b2 far below a Gaussian's.
        guard denominator > 0 else { return -.infinity }
        let term = cbrt((1 - 2 / a) / denominator)
        return ((1 - 2 / (9 * a)) - term) / (2 / (9 * a)).squareRoot()
    }

    /// A percentile bootstrap interval of the mean: `resamples` resamples of
    /// the K losses with replacement, drawn by SplitMix64 from `seed`, and
    /// the (1 - level)/2 and (1 + level)/2 quantiles of their means. Unlike
    /// mean +- z standard errors it follows the skewness of the losses; like
    /// every interval from K trials it cannot see tails no trial reached.
    public static func bootstrapInterval(losses: [Double], level: Double = 0.95, resamples: Int = 2000,
                                         seed: UInt64) throws -> ClosedRange<Double> {
        guard !losses.isEmpty else {
            throw ScalingError.invalidParameter(name: "trials", value: 0, requirement: "must be >= 1")
        }
        guard level > 0, level < 1 else {
            throw ScalingError.invalidParameter(name: "bootstrap level", value: level, requirement: "must be in (0, 1)")
        }
        guard resamples >= 10 else {
            throw ScalingError.invalidParameter(name: "bootstrap resamples", value: Double(resamples),
                                                requirement: "must be >= 10")
        }
        var state = seed
        let k = losses.count
        var means: [Double] = []
        means.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var sum = 0.0
            for _ in 0..<k {
                state &+= 0x9E37_79B9_7F4A_7C15
                sum += losses[Int(RandomStream.splitMix64(state) % UInt64(k))]
            }
            means.append(sum / Double(k))
        }
        means.sort()
        func quantile(_ q: Double) -> Double {
            let position = q * Double(resamples - 1), low = Int(position.rounded(.down))
            let high = min(low + 1, resamples - 1)
            return means[low] + (position - Double(low)) * (means[high] - means[low])
        }
        return quantile((1 - level) / 2)...quantile((1 + level) / 2)
    }

    /// The highest whole k for which E[L^k] of the per-trial ridgeless loss
    /// of linear features is finite, from the moments of the inverse Wishart
    /// matrix in the least-squares fit; nil when the ridge is positive (every
    /// moment is finite).
    ///
    /// Conditioned on U, the ridgeless fit inverts a d x d Wishart matrix with
    /// n degrees of freedom; E[W^-k] is finite iff n - d >= 2k (Muirhead 1982,
    /// Theorem 3.2.12 for k = 1, 2 and its generalization). With
    /// N <= P: d = min(N, M), n = P; with N > P: d = P, n = min(N, M) when
    /// P <= M, and d = M, n = P when P > M. So the loss has a finite mean
    /// only when n - d >= 2, a finite variance (the standard error means
    /// something) only when n - d >= 4, and a finite kurtosis only when
    /// n - d >= 8. Returns 0 for an infinite mean.
    public static func finiteMomentOrder(configuration: ModelConfiguration, latentDimension m: Double) -> Int? {
        guard configuration.ridge == 0 else { return nil }
        let n = configuration.featureCount, p = configuration.sampleCount
        let gap: Double
        if n <= p {
            gap = p - min(n, m)
        } else if p <= m {
            gap = min(n, m) - p
        } else {
            gap = p - m
        }
        guard gap.isFinite else { return nil }
        return Int(min(max(gap / 2, 0), 1e9).rounded(.down))
    }

    /// Why the standard error of the mean cannot be trusted, or nil: the
    /// per-trial variance is infinite (`finiteMomentOrder` < 2: the standard
    /// error means nothing), or the sample kurtosis is significantly above a
    /// Gaussian's (the standard error is a rougher estimate than usual).
    public func standardErrorWarning(finiteMomentOrder order: Int?) -> String? {
        if let order, order < 2 {
            return order == 0
                ? "the per-trial loss has an infinite mean here (ridgeless, too close to N = P)"
                : "the per-trial loss has an infinite variance here (ridgeless, too close to N = P), so the standard error is meaningless"
        }
        if kurtosisIsHigh {
            return String(cFormat: "heavy-tailed trials (kurtosis %.1f, Anscombe-Glynn z = %.1f): the standard error may understate the spread; more trials make the z-score safer",
                          excessKurtosis + 3, kurtosisZ)
        }
        return nil
    }
}

extension SimulationResult {
    /// The shape of the per-trial losses.
    public var distribution: TrialDistribution {
        get throws { try TrialDistribution(losses: losses) }
    }
}
