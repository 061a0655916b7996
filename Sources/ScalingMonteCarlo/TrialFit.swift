import DenseAlgebra
import NonlinearFeatureTheory

/// What one trial of the direct sampler drew and fitted: the teacher w, the
/// feature weights U and the ridge coefficients theta*. For checks of the
/// simulation's loss against exact formulas, e.g. for nonlinear features
/// `L(theta) = 1/2 (theta^T S theta - 2 theta^T b + w^T Lambda w)` with the
/// exact second moments S = E[phi phi^T] and b = E[phi y] of `FeatureKernel`
/// (Docs/Theory.md section 6), which the fresh test sample estimates.
public struct TrialFit: Sendable {
    /// w, M entries.
    public var teacher: [Double]
    /// U, N x M in column-major order: u_iI is element `i + I * N`.
    public var featureWeights: [Double]
    /// theta*, N entries.
    public var coefficients: [Double]
}

extension Simulation {
    /// Redraws trial `index` with the direct sampler (same stream, same draw
    /// order, same code as `trial(_:)`) and returns its w, U and theta*,
    /// without measuring the loss. Equals what `trial(_:)` fits whenever that
    /// trial uses the direct sampler (always for nonlinear features).
    public func directTrialFit(_ index: Int) throws -> TrialFit {
        try BLASThreads.singleThreaded {
            let stream = RandomStream(seed: options.seed, trial: index)
            var phases = TrialPhases()
            var clock = Stopwatch()
            let (w, u) = drawWeights(stream)
            let fit = try directFit(featureWeights: u, teacher: w, stream: stream, phases: &phases, clock: &clock)
            return TrialFit(teacher: w, featureWeights: u.elements, coefficients: fit.coefficients)
        }
    }
}
