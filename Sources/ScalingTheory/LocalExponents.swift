import Glibc

/// The local scaling exponents of <L>: its logarithmic derivatives with
/// respect to N, P and the ridge gamma at one configuration.
///
/// They come from the implicit solution, not from finite differences. Writing
/// rho = gamma M / sigma_u^2 (M the `normalizingDimension`), (SC) reads
/// Delta (N - df1)(P - df1) = rho, and with e12 = df1 - df2, e23 = df2 - df3,
/// d df1/d ln Delta = -e12 and d df2/d ln Delta = -2 e23, the implicit
/// function theorem gives, with D = (N - df1)(P - df1) + e12 (N + P - 2 df1),
///
///     d ln Delta / d ln N     = -N (P - df1) / D
///     d ln Delta / d ln P     = -P (N - df1) / D
///     d ln Delta / d ln gamma = (N - df1)(P - df1) / D
///
/// which hold on the ridgeless branch edge too (df1 = min(N, P) there).
/// <L> = A / (2D) with A = (sigma_w^2/M) Delta e12 N P
/// + sigma_eps^2 (df2 (N - df2) + e12^2) (the noise term of Docs/Theory.md section 8 with
/// N P - P df2 - D expanded, free of cancellation); for any other teacher
/// the first term is P [(N - df2) bias + e12 cross] with the `TeacherSums`
/// (section 8), whose ln Delta slopes the sums carry. So
/// d ln <L> = d ln A - d ln D, each differentiated at fixed Delta and through
/// Delta, using d e12/d ln Delta = 2 e23 - e12.
public struct LocalExponents: Sendable, Equatable, Codable {
    /// d ln <L> / d ln N.
    public var featureExponent: Double
    /// d ln <L> / d ln P.
    public var sampleExponent: Double
    /// d ln <L> / d ln gamma (0 at gamma = 0, where the loss is flat in gamma
    /// to first order).
    public var ridgeExponent: Double
    /// The prediction at the configuration.
    public var prediction: Prediction

    public init(featureExponent: Double, sampleExponent: Double, ridgeExponent: Double, prediction: Prediction) {
        self.featureExponent = featureExponent
        self.sampleExponent = sampleExponent
        self.ridgeExponent = ridgeExponent
        self.prediction = prediction
    }
}

extension SelfConsistentSolver {
    /// The local exponents at a configuration. They are NaN where the loss is
    /// +infinity (the ridgeless interpolation peak) or 0 (noiseless, beyond the
    /// latent dimension), where logarithmic derivatives do not exist.
    public func localExponents(spectrum: some Spectrum, configuration c: ModelConfiguration) throws
        -> LocalExponents {
        let prediction = try predict(spectrum: spectrum, configuration: c)
        let n = c.featureCount, p = c.sampleCount
        guard prediction.loss.isFinite, prediction.loss > 0 else {
            return LocalExponents(featureExponent: .nan, sampleExponent: .nan, ridgeExponent: .nan,
                                  prediction: prediction)
        }
        if prediction.delta == 0 {
            // Ridgeless beyond the latent dimension: <L> = 1/2 sigma_eps^2 M / (P - M).
            let m = spectrum.latentDimension
            return LocalExponents(featureExponent: 0, sampleExponent: -p / (p - m), ridgeExponent: 0,
                                  prediction: prediction)
        }
        let sums = try spectrum.checkedSums(at: prediction.delta)
        let d1 = sums.df1, d2 = sums.df2, e12 = sums.df1MinusDf2, e23 = sums.df2MinusDf3
        // N - df1 and P - df1 without cancellation (see `slacks`).
        let (nSlack, pSlack) = try Self.slacks(spectrum: spectrum, configuration: c, delta: prediction.delta)
        let denominator = nSlack * pSlack + e12 * (nSlack + pSlack)
        // d ln Delta / d ln (N, P, gamma).
        let deltaN = -n * pSlack / denominator
        let deltaP = -p * nSlack / denominator
        let deltaRidge = nSlack * pSlack / denominator

        // The teacher's part of A and its partial derivatives in ln N and
        // ln Delta at fixed other variables (its ln P partial is itself).
        let signal: Double, signalN: Double, signalDelta: Double
        if c.teacher.isIsotropic {
            signal = c.teacherVariance / spectrum.normalizingDimension * prediction.delta * e12 * n * p
            signalN = signal
            signalDelta = 2 * signal * e23 / e12
        } else {
            // A_teacher = P [(N - df2) bias + e12 cross] (Docs/Theory.md section 8).
            let t = try c.teacher.sums(spectrum: spectrum, teacherVariance: c.teacherVariance, at: prediction.delta)
            signal = p * ((n - d2) * t.bias + e12 * t.cross)
            signalN = p * n * t.bias
            signalDelta = p * ((n - d2) * t.biasSlope + 2 * e23 * t.bias + (2 * e23 - e12) * t.cross
                + e12 * t.crossSlope)
        }
        let numerator = signal + c.noiseVariance * (d2 * (nSlack + e12) + e12 * e12)
        // Partial derivatives in ln N, ln P, ln Delta at fixed other variables.
        let numeratorN = signalN + c.noiseVariance * d2 * n
        let numeratorP = signal
        let numeratorDelta = signalDelta - 2 * c.noiseVariance * (e23 * (nSlack - d1) + e12 * e12)
        let denominatorN = n * (pSlack + e12)
        let denominatorP = p * (nSlack + e12)
        let denominatorDelta = 2 * e23 * (nSlack + pSlack) + 2 * e12 * e12

        func exponent(_ aPartial: Double, _ dPartial: Double, _ deltaSlope: Double) -> Double {
            (aPartial + numeratorDelta * deltaSlope) / numerator - (dPartial + denominatorDelta * deltaSlope) / denominator
        }
        return LocalExponents(featureExponent: exponent(numeratorN, denominatorN, deltaN),
                              sampleExponent: exponent(numeratorP, denominatorP, deltaP),
                              // Ridgeless, Delta = Delta0 + O(gamma): the ln-gamma slope is exactly 0.
                              ridgeExponent: c.ridge == 0 ? 0 : exponent(0, 0, deltaRidge),
                              prediction: prediction)
    }
}
