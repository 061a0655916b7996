import Glibc

/// Where the loss-minimizing ridge gamma* lies.
public enum RidgeOptimum: String, Sendable, Codable, CaseIterable {
    /// A finite gamma* > 0 where d<L>/d gamma = 0.
    case interior
    /// The loss increases with gamma from gamma = 0: the best ridge is the
    /// boundary gamma -> 0+ (typical without label noise away from N = P).
    case zeroRidge = "zero-ridge"
    /// The loss decreases all the way to gamma -> infinity, the zero
    /// predictor (only with overwhelming label noise).
    case infiniteRidge = "infinite-ridge"
}

/// The optimal ridge gamma*(N, P) and the loss there.
public struct OptimalRidge: Sendable, Equatable, Codable {
    /// gamma*: 0 or +infinity when the optimum is a boundary.
    public var ridge: Double
    /// Interior minimum or which boundary.
    public var optimum: RidgeOptimum
    /// <L> at gamma*.
    public var loss: Double
    /// <L>/L0 at gamma*.
    public var relativeLoss: Double
    /// <L> at gamma = 0, for comparison (+infinity at the interpolation peak).
    public var ridgelessLoss: Double

    public init(ridge: Double, optimum: RidgeOptimum, loss: Double, relativeLoss: Double, ridgelessLoss: Double) {
        self.ridge = ridge
        self.optimum = optimum
        self.loss = loss
        self.relativeLoss = relativeLoss
        self.ridgelessLoss = ridgelessLoss
    }
}

extension SelfConsistentSolver {
    /// Minimizes <L> over the ridge gamma at the configuration's N, P,
    /// variances and noise (its own ridge is ignored).
    ///
    /// Searched on ln gamma: a grid of step 1.5 around the natural scale
    /// gamma_s = Delta_s N P sigma_u^2 / M (Delta_s the ridgeless Delta, so that
    /// the ridge term of (SC) is comparable to the rest), extended twice on
    /// either side if the best point is at an end, then refined with
    /// `gsl_min_fminimizer_brent` to 1e-5 in ln gamma. When the best grid value
    /// is not below the ridgeless loss the optimum is reported as the boundary
    /// gamma -> 0 (`.zeroRidge`); when it keeps decreasing past the top of the
    /// grid and the zero predictor's L0 is lower, as `.infiniteRidge`.
    public func optimalRidge(spectrum: some Spectrum, configuration: ModelConfiguration) throws -> OptimalRidge {
        let ridgeless = try predict(spectrum: spectrum, configuration: configuration.with(ridge: 0))
        let n = configuration.featureCount, p = configuration.sampleCount
        let deltaScale = ridgeless.delta > 0
            ? ridgeless.delta
            : try branchEdge(spectrum: spectrum, degreesOfFreedom: 0.5 * min(n, p, spectrum.latentDimension))
        let center = log(deltaScale * n * p * configuration.featureWeightVariance / spectrum.normalizingDimension)
        func loss(_ logRidge: Double) throws -> Double {
            try predict(spectrum: spectrum, configuration: configuration.with(ridge: exp(logRidge))).loss
        }
        var lower = center - 30, upper = center + 15
        var best: (x: Double, value: Double, index: Int) = (0, 0, 0)
        for attempt in 0..<3 {
            let grid = stride(from: lower, through: upper, by: 1.5).map { $0 }
            best = try Minimizer.gridThenBrent("optimal ridge (gsl_min_fminimizer_brent)", grid: grid,
                                               absoluteTolerance: 1e-5, loss)
            guard attempt < 2 else { break }
            if best.index == 0 && best.value < ridgeless.loss {
                lower -= 30
            } else if best.index == grid.count - 1 {
                upper += 30
            } else {
                break
            }
        }
        let zeroLoss = ridgeless.zeroPredictorLoss
        // Within rounding of the ridgeless loss the grid's lower end is gamma -> 0.
        if !(best.value < ridgeless.loss * (1 - 1e-12)) {
            return OptimalRidge(ridge: 0, optimum: .zeroRidge, loss: ridgeless.loss,
                                relativeLoss: ridgeless.relativeLoss, ridgelessLoss: ridgeless.loss)
        }
        if best.value >= zeroLoss {
            return OptimalRidge(ridge: .infinity, optimum: .infiniteRidge, loss: zeroLoss, relativeLoss: 1,
                                ridgelessLoss: ridgeless.loss)
        }
        let at = try predict(spectrum: spectrum, configuration: configuration.with(ridge: exp(best.x)))
        return OptimalRidge(ridge: exp(best.x), optimum: .interior, loss: at.loss, relativeLoss: at.relativeLoss,
                            ridgelessLoss: ridgeless.loss)
    }
}
