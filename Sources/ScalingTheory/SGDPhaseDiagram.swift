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
/// with R* ~ C^(1 - N* exponent). Their phases Ib, Ic, IVa and IVb lie below
/// the line (alpha < 0 here), outside this package's spectra.
public enum SGDPhase: String, Sendable, CaseIterable {
    case capacity = "I"
    case distortion = "II"
    case noise = "III"

    /// The phase at (alpha, beta); nil on a boundary (beta = 1 or beta = 1 + alpha)
    /// or for alpha <= 0.
    public init?(alpha: Double, teacherExponent beta: Double) {
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

    /// Measures the exponents over `computes` at batch size B, M = infinity,
    /// sigma_u^2 = sigma_w^2 = 1, no noise.
    public static func measure(alpha: Double, teacherExponent beta: Double, batchSize: Int = 1,
                               computes: [Double] = [1e8, 1e10, 1e12]) throws -> SGDPhasePoint {
        let configuration = try ModelConfiguration(featureCount: 1000, sampleCount: 1)
        let rate = try SGDComputeOptimizer.defaultNormalizedLearningRate(
            alpha: alpha, latentDimension: .infinity, teacherExponent: beta, configuration: configuration,
            batchSize: batchSize)
        let optimizer = try SGDComputeOptimizer(alpha: alpha, latentDimension: .infinity, teacherExponent: beta,
                                                configuration: configuration, batchSize: batchSize,
                                                normalizedLearningRate: rate)
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
    /// alpha <= 0 or alpha + beta <= 0 (M = infinity needs the sums to converge).
    public init(alphas: [Double], teacherExponents: [Double], batchSize: Int = 1,
                computes: [Double] = [1e8, 1e10, 1e12], progress: (() -> Void)? = nil) throws {
        self.alphas = alphas
        self.teacherExponents = teacherExponents
        points = try teacherExponents.map { beta in
            try alphas.map { alpha in
                defer { progress?() }
                return try SGDPhasePoint.measure(alpha: alpha, teacherExponent: beta, batchSize: batchSize,
                                                 computes: computes)
            }
        }
    }

    /// The boundary between phases I and II: beta = 1 at every alpha.
    public static func capacityBoundary(alpha: Double) -> Double { 1 }
    /// The boundary between phases II and III: beta = 1 + alpha.
    public static func noiseBoundary(alpha: Double) -> Double { 1 + alpha }
}
