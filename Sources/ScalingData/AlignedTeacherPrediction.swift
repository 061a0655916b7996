import ScalingTheory

/// The theory for a teacher with a given power per eigendirection
/// (THEORY.md section 8), the form the real-data analysis produces.
///
/// Delta, df1, df2 come from ScalingTheory's solver (they do not depend on
/// the teacher); the teacher sum and the noise term are section 8's:
///
///     D   = (N - df1)(P - df1) + (df1 - df2)(N + P - 2 df1)
///     <L> = 1/2 (N P / D) sum_I omega_I lambda_I Delta [Delta (1 - df2/N) + lambda_I (df1 - df2)/N] / (lambda_I + Delta)^2
///           + 1/2 sigma_eps^2 (df1^2 + N df2 - 2 df1 df2) / D
///
/// `<L>` is the loss against the clean teacher, `testError = <L> +
/// sigma_eps^2/2` the error against the noisy (here: real) labels, and
/// `trainingError = (1 - df1/P)^2 testError`, all with the 1/2 of the loss.
public struct AlignedTeacherPrediction: Sendable, Equatable {
    /// <L>.
    public var loss: Double
    /// <L> + sigma_eps^2 / 2: the expected 1/2 (z - y)^2 on fresh rows.
    public var testError: Double
    /// (1 - df1/P)^2 testError.
    public var trainingError: Double
    public var delta: Double
    public var df1: Double
    public var df2: Double

    /// Throws what the solver throws for the configuration, and
    /// `ScalingError.invalidParameter` when `teacherPower` is not one
    /// non-negative finite entry per eigenvalue. The configuration's
    /// `teacherVariance` is not used; its `noiseVariance` is sigma_eps^2.
    public init(spectrum: TabulatedSpectrum, teacherPower omega: [Double], configuration c: ModelConfiguration) throws {
        let lambda = spectrum.values
        guard omega.count == lambda.count else {
            throw ScalingError.invalidParameter(name: "teacherPower", value: Double(omega.count),
                                                requirement: "needs one entry per eigenvalue (\(lambda.count))")
        }
        for (i, value) in omega.enumerated() where !(value.isFinite && value >= 0) {
            throw ScalingError.invalidParameter(name: "teacherPower[\(i + 1)]", value: value,
                                                requirement: "must be finite and >= 0")
        }
        let clean = try c.with(noiseVariance: 0)
        let base = try spectrum.predict(clean)
        let n = c.featureCount, p = c.sampleCount, noise = c.noiseVariance
        let (delta, df1, df2) = (base.delta, base.df1, base.df2)
        let d = (n - df1) * (p - df1) + (df1 - df2) * (n + p - 2 * df1)
        var loss: Double
        if !base.loss.isFinite || d <= 0 {
            loss = .infinity
        } else {
            var sum = 0.0
            // Smallest eigenvalues first, as the spectral sums accumulate.
            for i in lambda.indices.reversed() where omega[i] > 0 {
                let l = lambda[i], shifted = l + delta
                sum += omega[i] * l * delta * (delta * (1 - df2 / n) + l * (df1 - df2) / n) / (shifted * shifted)
            }
            loss = 0.5 * (n * p / d) * sum + 0.5 * noise * (df1 * df1 + n * df2 - 2 * df1 * df2) / d
        }
        self.loss = loss
        testError = loss + noise / 2
        let factor = 1 - df1 / p
        trainingError = loss.isFinite ? factor * factor * testError : .nan
        self.delta = delta
        self.df1 = df1
        self.df2 = df2
    }
}
