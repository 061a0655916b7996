/// The spectral sums of THEORY.md section 3 at one value of Delta.
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

    /// Accumulates the sums over a list of eigenvalues, exactly, in O(count).
    /// Four independent accumulators let the compiler vectorize the loop.
    public static func exact<C: Collection>(eigenvalues: C, delta: Double) -> SpectralSums
    where C.Element == Double {
        var s1 = SIMD4<Double>(), s2 = SIMD4<Double>(), s12 = SIMD4<Double>(), s23 = SIMD4<Double>()
        var lane = 0
        var lanes = SIMD4<Double>()
        func flush(_ lambda: SIMD4<Double>) {
            let t = 1 / (lambda + delta)
            let r = lambda * t          // lambda / (lambda + Delta)
            let q = delta * t           // Delta / (lambda + Delta)
            let r2 = r * r
            s1 += r
            s2 += r2
            s12 += r * q
            s23 += r2 * q
        }
        for lambda in eigenvalues {
            lanes[lane] = lambda
            lane += 1
            if lane == 4 { flush(lanes); lane = 0 }
        }
        if lane > 0 {
            // Pad with zero eigenvalues, which contribute nothing to any sum.
            for i in lane..<4 { lanes[i] = 0 }
            flush(lanes)
        }
        return SpectralSums(delta: delta, df1: s1.sum(), df2: s2.sum(),
                            df1MinusDf2: s12.sum(), df2MinusDf3: s23.sum())
    }
}

/// A latent spectrum lambda_1 >= lambda_2 >= ... of the data covariance
/// E[x_I x_J] = lambda_I delta_IJ (THEORY.md section 1): what the solver needs
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
    /// The eigenvalues as a list, for simulation. Throws for spectra that
    /// cannot be listed (an infinite latent dimension).
    func eigenvalues() throws -> [Double]
}

extension Spectrum {
    public func checkedSums(at delta: Double) throws -> SpectralSums { sums(at: delta) }
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
