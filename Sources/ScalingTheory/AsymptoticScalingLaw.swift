import Foundation

/// The power-law asymptotics of THEORY.md section 4: for
/// lambda_I = lambda_plus I^-(1+alpha), M -> infinity, gamma = 0, no label
/// noise, with n = min(N, P), n' = max(N, P) and s = 1/(1+alpha),
///
///     <L> ~ coefficient * n^exponent / (1 - n/n'),
///     coefficient = (sigma_w^2 lambda_plus / 2M) [Gamma(1+s) Gamma(1-s)]^(1+alpha),
///     exponent = -alpha,
///
/// the same law in N for N < P and in P for N > P (the N <-> P duality). It
/// follows from df1(Delta) ~ (Delta/lambda_plus)^-s Gamma(1+s) Gamma(1-s)
/// and the ridgeless loss (sigma_w^2/2M) Delta n / (1 - n/n'). M is the
/// `normalizingDimension` (1 at M = infinity).
public struct AsymptoticScalingLaw: Sendable, Equatable, Codable {
    /// The coefficient of n^exponent.
    public let coefficient: Double
    /// The exponent of n = min(N, P): -alpha.
    public let exponent: Double
    /// sigma_w^2, the teacher variance the coefficient is for.
    public let teacherVariance: Double

    /// The law for a power-law spectrum and teacher variance sigma_w^2 > 0.
    public init(spectrum: PowerLawSpectrum, teacherVariance: Double = 1) throws {
        try Check.positive(teacherVariance, "teacherVariance (sigma_w^2)")
        let s = 1 / (1 + spectrum.alpha)
        let gammas = try SpecialFunctions.gamma(1 + s) * SpecialFunctions.gamma(1 - s)
        coefficient = teacherVariance * spectrum.lambdaPlus / (2 * spectrum.normalizingDimension)
            * pow(gammas, 1 + spectrum.alpha)
        exponent = -spectrum.alpha
        self.teacherVariance = teacherVariance
    }

    /// The asymptotic <L> at N, P (+infinity at N = P).
    public func loss(featureCount n: Double, sampleCount p: Double) -> Double {
        let small = min(n, p), large = max(n, p)
        guard small < large else { return .infinity }
        return coefficient * pow(small, exponent) / (1 - small / large)
    }

    /// |asymptotic / exact - 1| against the solver's ridgeless, noiseless <L>
    /// at N, P with this law's sigma_w^2.
    public func relativeError(spectrum: some Spectrum, featureCount n: Double, sampleCount p: Double,
                              solver: SelfConsistentSolver = SelfConsistentSolver()) throws -> Double {
        let configuration = try ModelConfiguration(featureCount: n, sampleCount: p, teacherVariance: teacherVariance)
        let exact = try solver.predict(spectrum: spectrum, configuration: configuration)
        return abs(loss(featureCount: n, sampleCount: p) / exact.loss - 1)
    }
}
