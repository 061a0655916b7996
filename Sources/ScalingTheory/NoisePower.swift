import FoundationEssentials
import Glibc

/// Label noise whose power depends on the direction: a heteroscedastic
/// residual (Docs/Theory.md section 13).
///
/// With the noise eps of a label and the eigendirections v_I of the data,
/// the noise power along direction I is
///
///     nu_I = E[eps^2 (v_I . x)^2] / lambda_I,
///
/// equal to sigma_eps^2 in every direction when eps is independent of x.
/// The variance term of the loss then weighs each direction's nu_I by the
/// same resolvent factors that split sigma_eps^2's term by direction:
///
///     <L>_noise = 1/2 sum_I nu_I r_I [(N - df1) r_I + (df1 - df2)] / D,
///
/// r_I = lambda_I / (lambda_I + Delta), D as in section 3. With nu_I =
/// sigma_eps^2 this is section 3's noise term. The irreducible part of the
/// test error, sigma_eps^2 / 2 = E[eps^2] / 2, is not fixed by nu_I and
/// stays `ModelConfiguration.noiseVariance`.
public struct NoisePower: Sendable, Equatable {
    /// nu_I in the order given (the spectrum's order as given, like a
    /// tabulated `Teacher`).
    public let power: [Double]

    /// Throws `ScalingError.invalidParameter` for an empty list or an entry
    /// that is negative or not finite (naming its 1-based index).
    public init(power: [Double]) throws {
        try self.init(power: power, source: "the noise power list")
    }

    private init(power: [Double], source: String) throws {
        guard !power.isEmpty else {
            throw ScalingError.invalidParameter(name: "noise power (\(source))", value: 0,
                                                requirement: "must list one entry per eigenvalue; it has none")
        }
        for (i, value) in power.enumerated() where !(value.isFinite && value >= 0) {
            throw ScalingError.invalidParameter(name: "noise power entry \(i + 1) of \(source)", value: value,
                                                requirement: "must be finite and >= 0")
        }
        self.power = power
    }

    /// Reads a noise file: one nu_I >= 0 per line in the spectrum file's
    /// order; blank lines and everything after `#` are ignored (the format of
    /// spectrum and teacher files). Throws `ScalingError.unreadableFile`, or
    /// `.invalidParameter` naming the 1-based line of an entry that is
    /// unparsable, negative or not finite.
    public init(contentsOfFile path: String) throws {
        let source = NumericListFile.escaped(path, limit: 200)
        let values = try NumericListFile.read(path: path, accept: { $0.isFinite && $0 >= 0 }, entryError: {
            ScalingError.invalidParameter(name: "noise power at line \($0) of \(source) ('\($1)')", value: .nan,
                                          requirement: "must be a finite number >= 0")
        })
        try self.init(power: values, source: source)
    }

    /// The prediction with this noise in the variance term: `prediction`
    /// (computed for `configuration` with any noise variance) keeps its
    /// Delta, df1, df2 and regime; its loss becomes the teacher term plus
    /// the noise term above, and its training error (1 - df1/P)^2 (<L> +
    /// sigma_eps^2/2) with sigma_eps^2 = `configuration.noiseVariance`.
    /// Throws `ScalingError.teacherMismatch` when the list's length is not M.
    public func predict(spectrum: TabulatedSpectrum, configuration c: ModelConfiguration,
                        solver: SelfConsistentSolver = SelfConsistentSolver()) throws -> Prediction {
        guard power.count == spectrum.values.count else {
            throw ScalingError.teacherMismatch(
                "the noise power list has \(power.count) entries but the spectrum has \(spectrum.values.count)")
        }
        let clean = try spectrum.predict(c.with(noiseVariance: 0), solver: solver)
        let sorted = spectrum.sourceIndices.map { power[$0] }
        let noise = Self.varianceTerm(eigenvalues: spectrum.values, noisePower: sorted, delta: clean.delta,
                                      df1: clean.df1, df2: clean.df2, configuration: c)
        var prediction = clean
        prediction.loss = clean.loss + noise
        prediction.relativeLoss = prediction.loss / clean.zeroPredictorLoss
        // Exactly 0 where the ridgeless fit interpolates (gamma = 0, P <= N, P <= M), as in `Prediction`.
        let interpolates = c.ridge == 0 && c.sampleCount <= c.featureCount && c.sampleCount <= spectrum.latentDimension
        let factor = 1 - clean.df1 / c.sampleCount
        prediction.trainingError = interpolates ? 0 : factor * factor * (prediction.loss + c.noiseVariance / 2)
        return prediction
    }

    /// 1/2 sum_I nu_I r_I [(N - df1) r_I + (df1 - df2)] / D at the solution
    /// (Delta, df1, df2); +infinity where D = 0 (the ridgeless peaks). At
    /// Delta = 0 (ridgeless, min(N, P) >= M) it is 1/2 sum_I nu_I / (P - M).
    /// `eigenvalues` and `noisePower` aligned (any order).
    public static func varianceTerm(eigenvalues: [Double], noisePower: [Double], delta: Double, df1: Double,
                                    df2: Double, configuration c: ModelConfiguration) -> Double {
        precondition(eigenvalues.count == noisePower.count)
        let n = c.featureCount, p = c.sampleCount
        var squared = 0.0, single = 0.0
        for i in eigenvalues.indices.reversed() where noisePower[i] > 0 {
            let r = eigenvalues[i] / (eigenvalues[i] + delta)
            squared += noisePower[i] * r * r
            single += noisePower[i] * r
        }
        guard squared > 0 else { return 0 }
        if delta == 0 {
            // Ridgeless with min(N, P) >= M: r_I = 1, the term is 1/2 sum_I nu_I / (P - M).
            let m = Double(eigenvalues.count)
            return p > m ? 0.5 * single / (p - m) : .infinity
        }
        if c.ridge == 0 && n == p && delta > 0 { return .infinity }
        let d12 = max(df1 - df2, 0)
        let denominator = (n - df1) * (p - df1) + d12 * (n + p - 2 * df1)
        guard denominator > 0 else { return .infinity }
        return 0.5 * ((n - df1) * squared + d12 * single) / denominator
    }
}
