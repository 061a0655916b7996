import Glibc

/// The phases of compute-optimal one-pass SGD on the power-law model
/// (Paquette, Paquette, Xiao and Pennington, arXiv:2405.15074, in this
/// package's exponents; Docs/Theory.md, "Compute-optimal under SGD").
///
/// Their data exponent a_P and target exponent b_P (eigenvalues j^-2 a_P,
/// target coefficients j^-b_P) are a_P = (1 + alpha) / 2 and b_P = beta / 2
/// here (lambda_I ~ I^-(1+alpha), omega_I ~ I^-beta). Their loss is a sum of
/// four terms in N features and R steps at a fixed learning rate:
/// F_pp ~ R^-(alpha+beta)/(1+alpha) (learning the top modes),
/// F_0 ~ N^-(alpha + min(beta, 1)) (capacity), F_ac ~ N^-1 R^-alpha/(1+alpha)
/// (feature distortion, beta > 1) and K_pp ~ R^-(1+2 alpha)/(1+alpha) (SGD noise).
/// At C = N B R the optimum balances one term that grows with N against one
/// that falls; above their high-dimensional line (alpha > 0 here) that gives:
///
/// | phase | condition (here) | N* ~ C^ | L* ~ C^ |
/// |---|---|---|---|
/// | I (their Ia) | beta < 1 | 1/(2+alpha) | -(alpha+beta)/(2+alpha) |
/// | II | 1 < beta < 1 + alpha | beta/(1+alpha+beta) | -(alpha+beta)/(1+alpha+beta) |
/// | III | beta > 1 + alpha | 1/2 | -(1+2 alpha)/(2+2 alpha) |
///
/// with R* ~ C^(1 - N* exponent). Below the line (-1 < alpha < 0 here) they
/// take M proportional to N and the rate per unit of trace
/// (`SGDComputeOptimizer.init(latentRatio:)`): the time unit is then
/// eta ~ 1 / sum lambda ~ N^alpha, F_pp ~ (eta R)^-(alpha+beta)/(1+alpha),
/// F_0 ~ N^-(alpha + min(beta, 1)) as above, and the SGD-noise term (the
/// kernel's pure points times the early excess) ~ eta (eta R)^-(1+2 alpha)/(1+alpha)
/// for alpha > -1/2; for alpha < -1/2 it scales as F_0 does. The pair that
/// binds gives (x = (beta - 1 - alpha) / (beta (1 - alpha) - (1 + alpha)),
/// n = (alpha+beta) / ((1-alpha)(alpha+beta) + (1+alpha)^2)):
///
/// | phase | condition (here) | N* ~ C^ | L* ~ C^ | balance |
/// |---|---|---|---|---|
/// | Ib | -1/2 < alpha < 0, beta < 1, alpha + beta > 0 | 1/2 | -(alpha+beta)/2 | F_pp vs F_0 |
/// | Ic | -1 < alpha < -1/2, beta > 1 | n | -(1+alpha) n | F_pp vs F_0 |
/// | IVa | 1 - sqrt 2 < alpha < 0, beta > 1 | 1/2 | -(1+alpha)/2 | noise vs F_0 |
/// | IVb | -1/2 < alpha < 1 - sqrt 2, beta > 1 | x | (x (1+2 alpha-alpha^2) - (1+2 alpha)) / (1+alpha) | F_pp vs noise |
///
/// All derived here from the paper's loss terms (their table could not be
/// read as text; Docs/Theory.md section 12), with their conditions 2b < 1,
/// 1/4 < a < 1/2, 2(a+b) > 1 (Ib) and 2b > 1, a < 1/4 (Ic); 2b > 1,
/// 1/4 < a < 1/2 (IV) splits at a = 1 - 1/sqrt 2, where the noise term stops
/// growing with N at fixed C. In IVb the noise overtakes F_0 only as
/// C^((2x-1)(1+2 alpha)/(1+alpha)) (a few hundredths), so over any reachable C
/// the loss exponent lies between that of F_0 and that of the noise.
public enum SGDPhase: String, Sendable, CaseIterable {
    case capacity = "I"
    case distortion = "II"
    case noise = "III"
    case capacityBelowLine = "Ib"
    case capacityLowDimension = "Ic"
    /// IVa: SGD noise against capacity, below the line.
    case noiseAgainstCapacity = "IVa"
    /// IVb: learning the top modes against SGD noise, below the line.
    case noiseAgainstLearning = "IVb"

    /// alpha = 1 - sqrt 2 (their a = 1 - 1/sqrt 2): the IVa | IVb boundary,
    /// where 1 + 2 alpha - alpha^2 = 0.
    public static let noiseBoundaryAlpha = 1 - 2.0.squareRoot()

    /// The phase at (alpha, beta); nil on a boundary (beta = 1, beta = 1 + alpha,
    /// alpha = 0, -1/2 or 1 - sqrt 2) and below the line with beta < 1 outside Ib.
    public init?(alpha: Double, teacherExponent beta: Double) {
        if alpha < 0 {
            if alpha > -0.5, beta < 1, alpha + beta > 0 { self = .capacityBelowLine; return }
            guard alpha > -1, beta > 1 else { return nil }
            if alpha < -0.5 { self = .capacityLowDimension; return }
            if alpha > -0.5 && alpha < Self.noiseBoundaryAlpha { self = .noiseAgainstLearning; return }
            if alpha > Self.noiseBoundaryAlpha { self = .noiseAgainstCapacity; return }
            return nil
        }
        guard alpha > 0 else { return nil }
        if beta < 1 { self = .capacity } else if beta > 1 && beta < 1 + alpha { self = .distortion }
        else if beta > 1 + alpha { self = .noise } else { return nil }
    }

    /// The exponents of N*, R* and L* in C (the table above).
    public func exponents(alpha: Double, teacherExponent beta: Double) -> (featureCount: Double, steps: Double, loss: Double) {
        let n: Double, l: Double
        switch self {
        case .capacity:
            n = 1 / (2 + alpha)
            l = -(alpha + beta) / (2 + alpha)
        case .distortion:
            n = beta / (1 + alpha + beta)
            l = -(alpha + beta) / (1 + alpha + beta)
        case .noise:
            n = 0.5
            l = -(1 + 2 * alpha) / (2 + 2 * alpha)
        case .capacityBelowLine:
            n = 0.5
            l = -(alpha + beta) / 2
        case .capacityLowDimension:
            n = (alpha + beta) / ((1 - alpha) * (alpha + beta) + (1 + alpha) * (1 + alpha))
            l = -(1 + alpha) * n
        case .noiseAgainstCapacity:
            n = 0.5
            l = -(1 + alpha) / 2
        case .noiseAgainstLearning:
            n = (beta - 1 - alpha) / (beta * (1 - alpha) - (1 + alpha))
            l = (n * (1 + 2 * alpha - alpha * alpha) - (1 + 2 * alpha)) / (1 + alpha)
        }
        return (n, 1 - n, l)
    }
}

/// One point of the measured phase diagram: the exponents of this package's
/// SGD theory (`SGDComputeOptimizer` at M = infinity) against the phase's.
public struct SGDPhasePoint: Sendable, Equatable {
    public var alpha: Double
    public var teacherExponent: Double
    /// nil on a boundary.
    public var phase: SGDPhase?
    /// Fitted from the frontier (least squares in ln C).
    public var featureExponent: Double
    public var stepsExponent: Double
    public var lossExponent: Double
    /// The normalized learning rate used (half the largest stable one at N = 1000).
    public var normalizedLearningRate: Double

    /// Measures the exponents over `computes` at batch size B, M = infinity
    /// (or M = r N with `latentRatio`, any alpha > -1, the rate per unit of
    /// trace), sigma_u^2 = sigma_w^2 = 1, no noise.
    public static func measure(alpha: Double, teacherExponent beta: Double, batchSize: Int = 1,
                               computes: [Double] = [1e8, 1e10, 1e12], latentRatio: Double? = nil) throws -> SGDPhasePoint {
        let configuration = try ModelConfiguration(featureCount: 1000, sampleCount: 1)
        let optimizer = try SGDComputeOptimizer.choosing(alpha: alpha, latentDimension: .infinity, latentRatio: latentRatio,
                                                         teacherExponent: beta, configuration: configuration,
                                                         batchSize: batchSize, rate: nil)
        let rate = optimizer.normalizedLearningRate
        let e = SGDComputeOptimizer.exponents(try optimizer.frontier(computes: computes))
        return SGDPhasePoint(alpha: alpha, teacherExponent: beta, phase: SGDPhase(alpha: alpha, teacherExponent: beta),
                             featureExponent: e.featureCount, stepsExponent: e.steps, lossExponent: e.loss,
                             normalizedLearningRate: rate)
    }
}

/// The measured phase diagram: `SGDPhasePoint.measure` on a grid of
/// (alpha, beta), with the boundaries of `SGDPhase` (`boundaries`).
public struct SGDPhaseDiagram: Sendable {
    /// alpha of each column.
    public var alphas: [Double]
    /// beta of each row.
    public var teacherExponents: [Double]
    /// points[row][column].
    public var points: [[SGDPhasePoint]]
    /// r of M = r N, or nil for M = infinity.
    public var latentRatio: Double?

    /// Measures every cell (row by row, `progress` after each). Throws for
    /// alpha <= 0 or alpha + beta <= 0 at M = infinity (the sums must converge);
    /// with `latentRatio` (M = r N) any alpha > -1.
    public init(alphas: [Double], teacherExponents: [Double], batchSize: Int = 1,
                computes: [Double] = [1e8, 1e10, 1e12], latentRatio: Double? = nil, progress: (() -> Void)? = nil) throws {
        self.alphas = alphas
        self.teacherExponents = teacherExponents
        self.latentRatio = latentRatio
        points = try teacherExponents.map { beta in
            try alphas.map { alpha in
                defer { progress?() }
                return try SGDPhasePoint.measure(alpha: alpha, teacherExponent: beta, batchSize: batchSize,
                                                 computes: computes, latentRatio: latentRatio)
            }
        }
    }

    /// One straight piece of a phase boundary, from (alpha0, beta0) to (alpha1, beta1).
    public struct Boundary: Sendable, Equatable {
        public var name: String
        public var alpha0: Double, beta0: Double, alpha1: Double, beta1: Double
    }

    /// The boundaries between the phases of `SGDPhase` inside the window
    /// [alphaFrom, alphaTo] x [betaFrom, betaTo] (clipped to it; a boundary
    /// outside it is left out): beta = 1 (I | II above the line, Ib | IV, and
    /// Ic's lower edge below it), beta = 1 + alpha for alpha >= 0 (II | III),
    /// alpha = 0 (Paquette et al.'s high-dimensional line 2a = 1), alpha = -1/2
    /// (a = 1/4: Ic | IVb, and Ib's left edge), alpha = 1 - sqrt 2 for beta >= 1
    /// (IVb | IVa) and beta = -alpha (their 2(a + b) = 1, Ib's lower edge).
    public static func boundaries(alphaFrom: Double, alphaTo: Double, betaFrom: Double, betaTo: Double) -> [Boundary] {
        var out: [Boundary] = []
        func horizontal(_ name: String, beta: Double, from a0: Double, to a1: Double) {
            let lo = max(a0, alphaFrom), hi = min(a1, alphaTo)
            if lo < hi, beta >= betaFrom, beta <= betaTo { out.append(Boundary(name: name, alpha0: lo, beta0: beta, alpha1: hi, beta1: beta)) }
        }
        func vertical(_ name: String, alpha: Double, from b0: Double, to b1: Double) {
            let lo = max(b0, betaFrom), hi = min(b1, betaTo)
            if lo < hi, alpha >= alphaFrom, alpha <= alphaTo { out.append(Boundary(name: name, alpha0: alpha, beta0: lo, alpha1: alpha, beta1: hi)) }
        }
        // beta = slope alpha + offset over alpha in [a0, a1], clipped to the window.
        func line(_ name: String, slope: Double, offset: Double, from a0: Double, to a1: Double) {
            var lo = max(a0, alphaFrom), hi = min(a1, alphaTo)
            // Keep the part with betaFrom <= beta <= betaTo (slope +-1 here, never 0).
            let atFrom = (betaFrom - offset) / slope, atTo = (betaTo - offset) / slope
            lo = max(lo, min(atFrom, atTo))
            hi = min(hi, max(atFrom, atTo))
            if lo < hi {
                out.append(Boundary(name: name, alpha0: lo, beta0: slope * lo + offset, alpha1: hi, beta1: slope * hi + offset))
            }
        }
        horizontal("beta = 1 (I | II, Ib | IV)", beta: 1, from: -1, to: .infinity)
        line("beta = 1 + alpha (II | III)", slope: 1, offset: 1, from: 0, to: .infinity)
        vertical("alpha = 0 (high-dimensional line)", alpha: 0, from: -.infinity, to: .infinity)
        vertical("alpha = -1/2 (Ic | IVb)", alpha: -0.5, from: 0.5, to: .infinity)
        vertical("alpha = 1 - sqrt 2 (IVb | IVa)", alpha: SGDPhase.noiseBoundaryAlpha, from: 1, to: .infinity)
        line("beta = -alpha (Ib's lower edge)", slope: -1, offset: 0, from: -0.5, to: 0)
        return out
    }
}
