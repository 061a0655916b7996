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
/// eta ~ 1 / sum lambda ~ N^alpha, F_pp ~ (eta R)^-(alpha+beta)/(1+alpha) and
/// F_0 ~ N^-(alpha + min(beta, 1)) as above, and F_pp against F_0 gives
///
/// | Ib | -1/2 < alpha < 0, beta < 1, alpha + beta > 0 | 1/2 | -(alpha+beta)/2 |
/// | Ic | -1 < alpha < -1/2, beta > 1 | n = (alpha+beta) / ((1-alpha)(alpha+beta) + (1+alpha)^2) | -(1+alpha) n |
///
/// (derived from their loss terms, their conditions 2b < 1, 1/4 < a < 1/2,
/// 2(a+b) > 1 and 2b > 1, 0 < a < 1/4; in Ib K_pp crosses F_0 at the same
/// point. Their IVa and IVb, 2b > 1 and 1/4 < a < 1/2, need the AC part of F
/// below the line and are not tabulated here.)
public enum SGDPhase: String, Sendable, CaseIterable {
    case capacity = "I"
    case distortion = "II"
    case noise = "III"
    case capacityBelowLine = "Ib"
    case capacityLowDimension = "Ic"

    /// The phase at (alpha, beta); nil on a boundary (beta = 1 or beta = 1 + alpha),
    /// at alpha = 0, or below the line outside Ib.
    public init?(alpha: Double, teacherExponent beta: Double) {
        if alpha < 0 {
            if alpha > -0.5, beta < 1, alpha + beta > 0 { self = .capacityBelowLine; return }
            if alpha > -1, alpha < -0.5, beta > 1 { self = .capacityLowDimension; return }
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
/// (alpha, beta), with the phase boundaries beta = 1 (I | II) and
/// beta = 1 + alpha (II | III).
public struct SGDPhaseDiagram: Sendable {
    /// alpha of each column.
    public var alphas: [Double]
    /// beta of each row.
    public var teacherExponents: [Double]
    /// points[row][column].
    public var points: [[SGDPhasePoint]]

    /// Measures every cell (row by row, `progress` after each). Throws for
    /// alpha <= 0 or alpha + beta <= 0 at M = infinity (the sums must converge);
    /// with `latentRatio` (M = r N) any alpha > -1.
    public init(alphas: [Double], teacherExponents: [Double], batchSize: Int = 1,
                computes: [Double] = [1e8, 1e10, 1e12], latentRatio: Double? = nil, progress: (() -> Void)? = nil) throws {
        self.alphas = alphas
        self.teacherExponents = teacherExponents
        points = try teacherExponents.map { beta in
            try alphas.map { alpha in
                defer { progress?() }
                return try SGDPhasePoint.measure(alpha: alpha, teacherExponent: beta, batchSize: batchSize,
                                                 computes: computes, latentRatio: latentRatio)
            }
        }
    }

    /// The boundary between phases I and II: beta = 1 at every alpha.
    public static func capacityBoundary(alpha: Double) -> Double { 1 }
    /// The boundary between phases II and III: beta = 1 + alpha.
    public static func noiseBoundary(alpha: Double) -> Double { 1 + alpha }
}
