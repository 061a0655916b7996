import Glibc

/// A resource the loss depends on.
public enum Resource: String, Sendable, Codable, CaseIterable {
    /// N, the number of random features.
    case features = "N"
    /// P, the number of training samples.
    case samples = "P"
    /// M, the latent dimension.
    case latentDimension = "M"
    /// gamma, the ridge (a resource in reverse: less of it is "more").
    case ridge = "gamma"
}

/// The regime map at one configuration: which resource bottlenecks <L>, with
/// the numbers behind the call.
///
/// For each resource the *gain* is <L> now over <L> with one decade more of
/// it: N -> 10 N, P -> 10 P, gamma -> gamma/10 (1 at gamma = 0), and
/// M -> 10 M at the same effective ridge gamma M / sigma_u^2 (1 at
/// M = infinity and for a tabulated teacher; for M the relative loss L/L0 is
/// compared, since L0 moves with M). The call:
/// - `.latentDimension` when min(N, P) >= M: every latent direction is
///   resolved, the power law has broken down, and what loss is left is label
///   noise (more latent dimensions would only add directions to learn, so the
///   M gain is below 1 in this linear model: M bottlenecks the scaling, not
///   the value, of the loss);
/// - `.ridge` at the ridgeless interpolation peak (N = P < M, gamma = 0,
///   <L> = +infinity), which any gamma > 0 removes;
/// - `.ridge` when its gain exceeds 1.001 and is at least 99% of the best
///   gain: where the ridge dominates, N, P and 1/gamma enter (SC) only through
///   gamma M / (sigma_u^2 N P), so their gains nearly coincide and the ridge
///   is the cause;
/// - otherwise the resource with the largest gain, if that gain exceeds
///   1.001 (ties within 1e-9 go to the first of N, P, M); nil when no
///   decade of any resource moves the loss (for example a loss of 0).
public struct BottleneckAnalysis: Sendable, Equatable, Codable {
    /// The bottleneck, or nil when none is found.
    public var bottleneck: Resource?
    /// The local exponents at the configuration (with the prediction).
    public var exponents: LocalExponents
    /// <L>(N) / <L>(10 N).
    public var featureGain: Double
    /// <L>(P) / <L>(10 P).
    public var sampleGain: Double
    /// (L/L0)(M) / (L/L0)(10 M) at the same effective ridge; 1 at M = infinity.
    public var latentDimensionGain: Double
    /// <L>(gamma) / <L>(gamma/10); 1 at gamma = 0.
    public var ridgeGain: Double

    public init(bottleneck: Resource?, exponents: LocalExponents, featureGain: Double, sampleGain: Double,
                latentDimensionGain: Double, ridgeGain: Double) {
        self.bottleneck = bottleneck
        self.exponents = exponents
        self.featureGain = featureGain
        self.sampleGain = sampleGain
        self.latentDimensionGain = latentDimensionGain
        self.ridgeGain = ridgeGain
    }
}

extension SelfConsistentSolver {
    /// The regime map at a configuration of a power-law spectrum (see
    /// `BottleneckAnalysis`).
    public func bottleneck(spectrum: PowerLawSpectrum, configuration c: ModelConfiguration) throws
        -> BottleneckAnalysis {
        let exponents = try localExponents(spectrum: spectrum, configuration: c)
        let loss = exponents.prediction.loss
        func gain(_ other: ModelConfiguration) throws -> Double {
            loss / (try predict(spectrum: spectrum, configuration: other).loss)
        }
        let featureGain = try gain(c.with(featureCount: 10 * c.featureCount))
        let sampleGain = try gain(c.with(sampleCount: 10 * c.sampleCount))
        let ridgeGain = c.ridge > 0 ? try gain(c.with(ridge: c.ridge / 10)) : 1
        var latentDimensionGain = 1.0
        let m = spectrum.latentDimension
        // A tabulated teacher is tied to its M directions: no larger M to compare with.
        if m.isFinite && c.teacher.kind != .tabulated {
            let larger = try PowerLawSpectrum(alpha: spectrum.alpha, lambdaPlus: spectrum.lambdaPlus,
                                              latentDimension: 10 * m)
            let relaxed = try predict(spectrum: larger, configuration: c.with(ridge: c.ridge / 10))
            latentDimensionGain = exponents.prediction.relativeLoss / relaxed.relativeLoss
        }
        let call: Resource?
        if min(c.featureCount, c.sampleCount) >= m {
            call = .latentDimension
        } else if loss == .infinity {
            // The ridgeless interpolation peak: N and P are tied (either one
            // more decade ends it), and the cause is the missing ridge.
            call = .ridge
        } else {
            // An infinite gain (one more decade removes the loss entirely)
            // is the strongest call; NaN (0/0) never wins. Ties, such as N
            // and P at N = P, go to the resource listed first.
            let gains: [(Resource, Double)] = [(.features, featureGain), (.samples, sampleGain),
                                               (.latentDimension, latentDimensionGain), (.ridge, ridgeGain)]
            var best: (Resource, Double)?
            for candidate in gains where !candidate.1.isNaN && candidate.1 > 1.001 {
                if best == nil || candidate.1 > best!.1 * (1 + 1e-9) { best = candidate }
            }
            call = ridgeGain > 1.001 && ridgeGain >= 0.99 * (best?.1 ?? 1) ? .ridge : best?.0
        }
        return BottleneckAnalysis(bottleneck: call, exponents: exponents, featureGain: featureGain,
                                  sampleGain: sampleGain, latentDimensionGain: latentDimensionGain,
                                  ridgeGain: ridgeGain)
    }
}
