import Glibc

/// The split of a compute budget C = N P between features N and samples P
/// that minimizes <L> (the paper's compute-optimal allocation).
public struct ComputeOptimalAllocation: Sendable, Equatable, Codable {
    /// C = N P.
    public var compute: Double
    /// N at the optimum.
    public var featureCount: Double
    /// P = C / N at the optimum.
    public var sampleCount: Double
    /// The ridge there: the fixed one, or gamma*(N, P) when optimized.
    public var ridge: Double
    /// Nil at a fixed ridge; where gamma* lies when the ridge is optimized.
    public var ridgeOptimum: RidgeOptimum?
    /// <L> at the optimum.
    public var loss: Double
    /// <L>/L0 at the optimum.
    public var relativeLoss: Double

    /// N / P at the optimum.
    public var ratio: Double { featureCount / sampleCount }

    public init(compute: Double, featureCount: Double, sampleCount: Double, ridge: Double,
                ridgeOptimum: RidgeOptimum?, loss: Double, relativeLoss: Double) {
        self.compute = compute
        self.featureCount = featureCount
        self.sampleCount = sampleCount
        self.ridge = ridge
        self.ridgeOptimum = ridgeOptimum
        self.loss = loss
        self.relativeLoss = relativeLoss
    }
}

extension SelfConsistentSolver {
    /// Minimizes <L> over N at fixed compute C = N P >= 1 (1 <= N <= C), with
    /// the configuration's ridge, variances and noise (its N and P are
    /// ignored), at that fixed ridge or, with `optimizeRidge`, at gamma*(N, P)
    /// for every N.
    ///
    /// Searched on ln N with a grid of 48 intervals, refined by
    /// `gsl_min_fminimizer_brent`. Without label noise and with the isotropic
    /// teacher the loss is symmetric under N <-> P (at any ridge), so minima
    /// come in mirror pairs (N, C/N): only N <= P is searched ([0, ln C / 2])
    /// and that member reported. With noise or another teacher the symmetry
    /// is broken and all of [0, ln C] is searched.
    /// Ridgeless, the loss is +infinity at N = P; the search steps around
    /// that pole.
    public func computeOptimalAllocation(spectrum: some Spectrum, compute: Double,
                                         configuration: ModelConfiguration,
                                         optimizeRidge: Bool) throws -> ComputeOptimalAllocation {
        try Check.atLeastOne(compute, "compute (C = N P)")
        func evaluate(_ logN: Double) throws -> (loss: Double, relativeLoss: Double, ridge: Double,
                                                 optimum: RidgeOptimum?) {
            let n = min(max(exp(logN), 1), compute)
            let c = try configuration.with(featureCount: n, sampleCount: compute / n)
            if optimizeRidge {
                let best = try optimalRidge(spectrum: spectrum, configuration: c)
                return (best.loss, best.relativeLoss, best.ridge, best.optimum)
            }
            let prediction = try predict(spectrum: spectrum, configuration: c)
            return (prediction.loss, prediction.relativeLoss, c.ridge, nil)
        }
        // The duality holds for the isotropic teacher only (Docs/Theory.md section 8
        // breaks it: see AsymptoticScalingLaw).
        let symmetric = configuration.noiseVariance == 0 && configuration.teacher.isIsotropic
        let top = symmetric ? 0.5 * log(compute) : log(compute)
        let intervals = 48
        let grid = (0...intervals).map { top * Double($0) / Double(intervals) }
        let routine = "compute-optimal N (gsl_min_fminimizer_brent)"
        let best = try Minimizer.gridThenBrent(routine, grid: grid, absoluteTolerance: 1e-5) { try evaluate($0).loss }
        var logN = best.x
        if symmetric && best.index == intervals {
            // Best at N = P, a stationary point of the symmetric loss: the
            // minimum lies within one grid step of it on either side, so
            // bracket it with the mirror image of the last-but-one point and
            // fold the answer back to N <= P.
            let lower = grid[intervals - 1]
            let refined = try Minimizer.brent(routine, lower: lower, guess: top, upper: 2 * top - lower,
                                              absoluteTolerance: 1e-5) { try evaluate($0).loss }
            if refined.value < best.value { logN = min(refined.x, 2 * top - refined.x) }
        }
        let n = min(max(exp(logN), 1), compute)
        let at = try evaluate(log(n))
        return ComputeOptimalAllocation(compute: compute, featureCount: n, sampleCount: compute / n,
                                        ridge: at.ridge, ridgeOptimum: at.optimum, loss: at.loss,
                                        relativeLoss: at.relativeLoss)
    }
}
