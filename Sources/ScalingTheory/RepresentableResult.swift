import Glibc

/// The last check of every prediction: what leaves the solver is a finite
/// number, or the documented +infinity of the ridgeless interpolation peak;
/// anything else (an overflow or underflow of double precision) is a typed
/// error that says which quantity left the range of doubles.
extension SelfConsistentSolver {
    /// <L>/L0 from logarithms where the plain ratio would overflow or
    /// underflow (L0 = sigma_w^2 trace / (2 M) underflows at M = 1e308).
    /// `zeroLoss` is L0 as the solver computed it (for any teacher); the
    /// logarithmic form is the isotropic teacher's L0.
    static func relativeLoss(_ loss: Double, zeroLoss: Double, spectrum: some Spectrum,
                             configuration c: ModelConfiguration) -> Double {
        let plain = loss / zeroLoss
        if plain.isFinite && plain > 0 && zeroLoss.isNormal { return plain }
        guard c.teacher.isIsotropic, loss > 0, loss.isFinite, spectrum.trace > 0 else { return plain }
        return exp(log(loss) - log(c.teacherVariance) + log(2.0) + log(spectrum.normalizingDimension)
                   - log(spectrum.trace))
    }

    /// Throws `ScalingError.unsupported` naming the quantity when a result is
    /// not a finite number, except the ridgeless peak's documented +infinity.
    static func checkRepresentable(loss: Double, relativeLoss: Double, delta: Double, df1: Double, df2: Double,
                                   zeroLoss: Double, configuration c: ModelConfiguration) throws {
        let ridgelessPeak = c.ridge == 0 && loss == .infinity
        func refuse(_ what: String, _ value: Double) throws -> Never {
            throw ScalingError.unsupported(
                "\(what) = \(value) is outside the range of double precision for these inputs "
                + "(the loss scales with sigma_w^2 times the spectrum and with sigma_eps^2: rescale them)")
        }
        if !ridgelessPeak && !loss.isFinite { try refuse("the loss <L>", loss) }
        if !ridgelessPeak && !relativeLoss.isFinite { try refuse("the relative loss <L>/L0", relativeLoss) }
        if !zeroLoss.isFinite { try refuse("the zero-predictor loss L0", zeroLoss) }
        if !delta.isFinite || (delta != 0 && !delta.isNormal) { try refuse("Delta", delta) }
        if !df1.isFinite { try refuse("df1", df1) }
        if !df2.isFinite { try refuse("df2", df2) }
    }
}

extension SelfConsistentSolver {
    /// N - df1 and P - df1 at the solution Delta.
    ///
    /// With a ridge, (SC) fixes their product, (N - df1)(P - df1) = R with
    /// R = gamma M / (sigma_u^2 Delta), and their difference is N - P exactly,
    /// so both follow from Delta without the sums: the larger as
    /// (|N - P| + sqrt((N - P)^2 + 4 R)) / 2 and the smaller as R over it.
    /// The sums cannot give them when they are tiny differences of large
    /// terms (N = P with Delta inside a wide gap of the spectrum). Ridgeless,
    /// the split sums of `checkedDf1Slack`.
    static func slacks(spectrum: some Spectrum, configuration c: ModelConfiguration, delta: Double) throws
        -> (feature: Double, sample: Double) {
        let n = c.featureCount, p = c.sampleCount
        guard c.ridge > 0 else {
            return try spectrum.checkedDf1Slacks(delta, featureCount: n, sampleCount: p)
        }
        let product = exp(log(c.ridge) + log(spectrum.normalizingDimension) - log(c.featureWeightVariance) - log(delta))
        let gap = abs(n - p)
        // In the factored form where gap^2 would overflow.
        let larger = gap > 1e150 ? 0.5 * gap * (1 + (1 + 4 * (product / gap) / gap).squareRoot())
            : 0.5 * (gap + (gap * gap + 4 * product).squareRoot())
        let smaller = larger > 0 ? product / larger : 0
        return n >= p ? (larger, smaller) : (smaller, larger)
    }
}
