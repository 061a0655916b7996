import Glibc

/// The power-law asymptotics of Docs/Theory.md section 4, for the isotropic
/// teacher and for the power-law teacher omega_I = (sigma_w^2/M) I^-beta of
/// section 8: lambda_I = lambda_plus I^-(1+alpha), M -> infinity, gamma = 0,
/// no label noise, n = min(N, P), s = 1/(1+alpha),
/// G = Gamma(1+s) Gamma(1-s) (so that df1(Delta) ~ G (Delta/lambda_plus)^-s),
/// and M the `normalizingDimension` (1 at M = infinity):
///
///     N < P:  <L> ~ coefficient * n^exponent / (1 - N/P)
///     N > P:  <L> ~ coefficient * n^exponent * (offset + 1 / (N/P - 1))
///
/// Isotropic teacher (beta = 0): coefficient = (sigma_w^2 lambda_plus / 2M) G^(1+alpha),
/// exponent = -alpha, offset = 1, i.e. the same law in P for N > P (the
/// N <-> P duality).
///
/// Derivation for any teacher (section 8, ridgeless): at the branch edge
/// df1 = n and D = (df1 - df2) |N - P|, so with the `TeacherSums`
///
///     N < P:  <L> = resolvent / (2 (1 - N/P))
///     N > P:  <L> = 1/2 [P bias / (df1 - df2) + resolvent / (N/P - 1)],
///
/// resolvent = bias + cross = sum_I lambda_I omega_I Delta / (lambda_I + Delta).
/// In the continuum limit, with c = Delta/lambda_plus = (G/n)^(1+alpha) and
/// nu = (alpha + beta)/(1+alpha), integral_0^inf z^(a-1) (1+z)^-b dz = B(a, b-a) gives
/// resolvent = (sigma_w^2 lambda_plus/M) s B(1-nu, nu) c^nu and
/// P bias/(df1 - df2) = (sigma_w^2 lambda_plus/M) (1-nu) B(1-nu, nu) c^nu, both
/// converging for 0 < nu < 1, i.e. -alpha < beta < 1:
///
///     exponent = -(alpha + beta),  offset = 1 - beta,
///     coefficient = (sigma_w^2 lambda_plus / 2M) s B(1-nu, nu) G^(alpha+beta).
///
/// For beta > 1 the resolvent sum is dominated by the leading directions,
/// resolvent ~ (sigma_w^2/M) Delta zeta(beta), and P bias/(df1 - df2) decays
/// faster (as n^-(alpha+beta)), so the exponent saturates:
///
///     exponent = -(1 + alpha),  offset = 0,
///     coefficient = (sigma_w^2 lambda_plus / 2M) zeta(beta) G^(1+alpha).
///
/// Without the isotropic teacher the duality is broken: many features
/// (N >> P) leave (1 - beta) times the loss that as many samples leave.
/// beta = 1 (a logarithmic correction) and tabulated teachers have no such
/// law (`ScalingError.unsupported`); beta <= -alpha has no M -> infinity limit.
public struct AsymptoticScalingLaw: Sendable, Equatable, Codable {
    /// The coefficient of n^exponent.
    public let coefficient: Double
    /// The exponent of n = min(N, P): -alpha for the isotropic teacher.
    public let exponent: Double
    /// The constant of the N > P factor (offset + 1/(N/P - 1)).
    public let offset: Double
    /// sigma_w^2, the teacher variance the coefficient is for.
    public let teacherVariance: Double
    /// The teacher the law is for.
    public let teacher: Teacher

    /// The law for a power-law spectrum, teacher variance sigma_w^2 > 0 and
    /// an isotropic or power-law teacher.
    public init(spectrum: PowerLawSpectrum, teacherVariance: Double = 1, teacher: Teacher = .isotropic) throws {
        try Check.positive(teacherVariance, "teacherVariance (sigma_w^2)")
        let alpha = spectrum.alpha
        let s = 1 / (1 + alpha)
        let gammas = try SpecialFunctions.gamma(1 + s) * SpecialFunctions.gamma(1 - s)
        let scale = teacherVariance * spectrum.lambdaPlus / (2 * spectrum.normalizingDimension)
        self.teacherVariance = teacherVariance
        self.teacher = teacher
        switch teacher.kind {
        case .isotropic:
            coefficient = scale * pow(gammas, 1 + alpha)
            exponent = -alpha
            offset = 1
        case .powerLaw:
            let beta = teacher.exponent
            guard alpha + beta > 0 else {
                throw ScalingError.invalidParameter(name: "teacher exponent (beta)", value: beta,
                                                    requirement: "needs alpha + beta > 0 for a law at M -> inf")
            }
            if beta < 1 {
                let nu = (alpha + beta) / (1 + alpha)
                coefficient = scale * s * exp(try SpecialFunctions.logBeta(1 - nu, nu)) * pow(gammas, alpha + beta)
                exponent = -(alpha + beta)
                offset = 1 - beta
            } else if beta > 1 {
                coefficient = scale * (try SpecialFunctions.hurwitzZeta(beta, 1)) * pow(gammas, 1 + alpha)
                exponent = -(1 + alpha)
                offset = 0
            } else {
                throw ScalingError.unsupported("no pure power law at teacher exponent beta = 1 (a logarithmic correction)")
            }
        case .tabulated:
            throw ScalingError.unsupported("the asymptotic law needs an isotropic or power-law teacher")
        }
    }

    /// The asymptotic <L> at N, P (+infinity at N = P).
    public func loss(featureCount n: Double, sampleCount p: Double) -> Double {
        let small = min(n, p), large = max(n, p)
        guard small < large else { return .infinity }
        if teacher.isIsotropic || n < p {
            return coefficient * pow(small, exponent) / (1 - small / large)
        }
        return coefficient * pow(small, exponent) * (offset + 1 / (n / p - 1))
    }

    /// |asymptotic / exact - 1| against the solver's ridgeless, noiseless <L>
    /// at N, P with this law's sigma_w^2 and teacher.
    public func relativeError(spectrum: some Spectrum, featureCount n: Double, sampleCount p: Double,
                              solver: SelfConsistentSolver = SelfConsistentSolver()) throws -> Double {
        let configuration = try ModelConfiguration(featureCount: n, sampleCount: p, teacherVariance: teacherVariance,
                                                   teacher: teacher)
        let exact = try solver.predict(spectrum: spectrum, configuration: configuration)
        return abs(loss(featureCount: n, sampleCount: p) / exact.loss - 1)
    }
}
