/// The spectral sums of Docs/Theory.md section 3 at one value of Delta.
///
/// With eigenvalues lambda_I of the latent covariance and Delta > 0:
///
///     df1 = sum_I lambda_I / (lambda_I + Delta)
///     df2 = sum_I lambda_I^2 / (lambda_I + Delta)^2
///
/// `df1MinusDf2` and `df2MinusDf3` are summed directly
/// (`sum lambda Delta / (lambda + Delta)^2` and
/// `sum lambda^2 Delta / (lambda + Delta)^3`), not as differences, so they keep
/// full relative precision when Delta is small against the spectrum.
public struct SpectralSums: Sendable, Equatable {
    /// The point Delta at which the sums were taken.
    public var delta: Double
    /// df1(Delta), the effective number of degrees of freedom.
    public var df1: Double
    /// df2(Delta).
    public var df2: Double
    /// df1 - df2, summed without cancellation.
    public var df1MinusDf2: Double
    /// df2 - df3 with df3 = sum lambda^3 / (lambda + Delta)^3, summed without cancellation.
    public var df2MinusDf3: Double

    public init(delta: Double, df1: Double, df2: Double, df1MinusDf2: Double, df2MinusDf3: Double) {
        self.delta = delta
        self.df1 = df1
        self.df2 = df2
        self.df1MinusDf2 = df1MinusDf2
        self.df2MinusDf3 = df2MinusDf3
    }

    /// d df1 / d Delta = -(df1 - df2) / Delta.
    public var df1Derivative: Double { -df1MinusDf2 / delta }
    /// d df2 / d Delta = -2 (df2 - df3) / Delta.
    public var df2Derivative: Double { -2 * df2MinusDf3 / delta }

    /// Accumulates the sums over contiguous eigenvalues, exactly, in O(count),
    /// four lanes at a time. Pass the smallest first, so that small terms are
    /// not lost against large partial sums.
    public static func exact(eigenvalues: [Double], delta: Double) -> SpectralSums {
        eigenvalues.withUnsafeBufferPointer { buffer in
            var s1 = SIMD4<Double>(), s2 = SIMD4<Double>(), s12 = SIMD4<Double>(), s23 = SIMD4<Double>()
            let count = buffer.count, whole = count - count % 4
            let d = SIMD4<Double>(repeating: delta)
            var i = 0
            while i < whole {
                let lambda = SIMD4<Double>(buffer[i], buffer[i + 1], buffer[i + 2], buffer[i + 3])
                let t = 1 / (lambda + d)
                let r = lambda * t, q = d * t, r2 = r * r
                s1 += r
                s2 += r2
                s12 += r * q
                s23 += r2 * q
                i += 4
            }
            var tail = SpectralSums(delta: delta, df1: 0, df2: 0, df1MinusDf2: 0, df2MinusDf3: 0)
            while i < count {
                let lambda = buffer[i]
                let t = 1 / (lambda + delta)
                let r = lambda * t, q = delta * t
                tail.df1 += r
                tail.df2 += r * r
                tail.df1MinusDf2 += r * q
                tail.df2MinusDf3 += r * r * q
                i += 1
            }
            return SpectralSums(delta: delta, df1: s1.sum() + tail.df1, df2: s2.sum() + tail.df2,
                                df1MinusDf2: s12.sum() + tail.df1MinusDf2, df2MinusDf3: s23.sum() + tail.df2MinusDf3)
        }
    }

    /// df1 alone over contiguous eigenvalues: what root finding needs, at a
    /// quarter of the cost of all four sums.
    public static func exactDf1(eigenvalues: [Double], delta: Double) -> Double {
        eigenvalues.withUnsafeBufferPointer { buffer in
            var s1 = SIMD4<Double>()
            let count = buffer.count, whole = count - count % 4
            let d = SIMD4<Double>(repeating: delta)
            var i = 0
            while i < whole {
                let lambda = SIMD4<Double>(buffer[i], buffer[i + 1], buffer[i + 2], buffer[i + 3])
                s1 += lambda / (lambda + d)
                i += 4
            }
            var tail = 0.0
            while i < count {
                tail += buffer[i] / (buffer[i] + delta)
                i += 1
            }
            return s1.sum() + tail
        }
    }
}

/// A latent spectrum lambda_1 >= lambda_2 >= ... of the data covariance
/// E[x_I x_J] = lambda_I delta_IJ (Docs/Theory.md section 1): what the solver needs
/// from it.
public protocol Spectrum: Sendable {
    /// M, the latent dimension: the number of (positive) eigenvalues.
    /// May be `Double.infinity` for spectra that support it.
    var latentDimension: Double { get }
    /// sum_I lambda_I, the trace of the latent covariance.
    var trace: Double { get }
    /// df1, df2 and the derivative terms at `delta` > 0. Spectra whose sums
    /// call fallible routines return NaN sums on failure; the solver uses
    /// `checkedSums(at:)`, which throws instead.
    func sums(at delta: Double) -> SpectralSums
    /// The same sums, throwing a typed `ScalingError` where `sums(at:)` would
    /// return NaN.
    func checkedSums(at delta: Double) throws -> SpectralSums
    /// How the sums are taken (exact for tabulated spectra).
    var summation: SpectralSummation { get }
    /// df1(Delta) alone, which root finding evaluates many times; the
    /// default takes it from `checkedSums(at:)`.
    func checkedDf1(_ delta: Double) throws -> Double
    /// k - df1(Delta) (k is N, P or min(N, P)), free of the cancellation of
    /// k against df1 where the spectrum allows it (see `DegreesOfFreedomSlack.swift`);
    /// the default subtracts.
    func checkedDf1Slack(_ delta: Double, from k: Double) throws -> Double
    /// The eigenvalues as a list, for simulation. Throws for spectra that
    /// cannot be listed (an infinite latent dimension).
    func eigenvalues() throws -> [Double]
}

extension Spectrum {
    public func checkedSums(at delta: Double) throws -> SpectralSums { sums(at: delta) }
    public func checkedDf1(_ delta: Double) throws -> Double { try checkedSums(at: delta).df1 }
    public func checkedDf1Slack(_ delta: Double, from k: Double) throws -> Double { k - (try checkedDf1(delta)) }
    public var summation: SpectralSummation { .exact }

    /// The M that the weight variances are normalized by: the latent dimension
    /// when finite, and 1 at M = infinity.
    ///
    /// The model draws w_I ~ N(0, sigma_w^2/M) and u_iI ~ N(0, sigma_u^2/M), so
    /// the theory's formulas carry sigma_w^2/M (in <L> and L0) and
    /// gamma M/sigma_u^2 (in the self-consistent equation). At M = infinity
    /// these would send every loss to 0 and the effective ridge to infinity;
    /// this library instead reads the variances there as per-component,
    /// w_I ~ N(0, sigma_w^2) and u_iI ~ N(0, sigma_u^2), i.e. it uses
    /// sigma_w^2/M -> sigma_w^2 and gamma M/sigma_u^2 -> gamma/sigma_u^2.
    /// A finite-M configuration corresponds to M = infinity with the loss
    /// multiplied by M and the ridge gamma by M; the relative loss L/L0 is the
    /// same in both conventions. See Docs/PowerLaw.md.
    public var normalizingDimension: Double { latentDimension.isFinite ? latentDimension : 1 }

    /// df1(Delta) = sum_I lambda_I / (lambda_I + Delta).
    public func df1(_ delta: Double) -> Double { sums(at: delta).df1 }
    /// df2(Delta) = sum_I lambda_I^2 / (lambda_I + Delta)^2.
    public func df2(_ delta: Double) -> Double { sums(at: delta).df2 }
    /// d df1 / d Delta.
    public func df1Derivative(_ delta: Double) -> Double { sums(at: delta).df1Derivative }
    /// d df2 / d Delta.
    public func df2Derivative(_ delta: Double) -> Double { sums(at: delta).df2Derivative }
}
