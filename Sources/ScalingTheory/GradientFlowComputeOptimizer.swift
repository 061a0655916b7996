import Glibc

/// What a compute budget counts under gradient flow (Docs/Theory.md section 10).
///
/// Time is counted in steps, s = t sigma_u^2 N / M: the flow time in units
/// where the feature kernel phi(x) . phi(x') / N is normalized (its scale
/// sigma_u^2 N / M divided out), i.e. gradient steps at a learning rate of
/// order the largest stable one. This is the time of arXiv:2402.01092, whose
/// features are A x / sqrt(N).
public enum GradientFlowBudget: String, Sendable, CaseIterable {
    /// C = N s: population gradient flow (P = infinity), fresh data at every step.
    case featuresTimesSteps = "Nt"
    /// C = N P s: full-batch gradient flow on P samples.
    case featuresSamplesSteps = "NPt"
}

/// The loss-minimizing allocation of one compute budget.
public struct GradientFlowAllocation: Sendable, Equatable {
    /// C.
    public var compute: Double
    /// N*.
    public var featureCount: Double
    /// P* (+infinity for the Nt budget).
    public var sampleCount: Double
    /// s* = C / N* (Nt) or C / (N* P*) (NPt), in steps.
    public var steps: Double
    /// t* = s* M / (sigma_u^2 N*), the flow time of `GradientFlowTimes`.
    public var time: Double
    /// <L> at the optimum.
    public var loss: Double
    /// <L> / L0.
    public var relativeLoss: Double
}

/// The compute-optimal frontier of gradient flow on a power-law model
/// (spectrum lambda_I = lambdaPlus I^-(1+alpha), teacher omega_I = (sigma_w^2/M) I^-beta),
/// from `GradientFlowTheory.powerLaw`.
///
/// For each C the loss is minimized over ln N (Nt), or over ln N and, inside,
/// ln P (NPt), each by a 9-point grid two e-folds either side of a guess, moved
/// while the best point is at an end, then Brent (GSL). N and P are real
/// numbers (the theory is smooth in them), kept in [1, M / 2] so that the
/// power-law regime, not the latent dimension, limits the loss.
public struct GradientFlowComputeOptimizer: Sendable {
    public var alpha: Double
    public var lambdaPlus: Double
    public var latentDimension: Double
    public var teacherExponent: Double
    /// Variances, ridge and noise; its N and P are ignored.
    public var configuration: ModelConfiguration
    public var budget: GradientFlowBudget

    public init(alpha: Double, lambdaPlus: Double = 1, latentDimension: Double, teacherExponent: Double = 0,
                configuration: ModelConfiguration, budget: GradientFlowBudget) {
        self.alpha = alpha
        self.lambdaPlus = lambdaPlus
        self.latentDimension = latentDimension
        self.teacherExponent = teacherExponent
        self.configuration = configuration
        self.budget = budget
    }

    /// The loss at N, P (nil: infinity) and s steps, at the theory's working accuracy.
    public func loss(featureCount n: Double, sampleCount p: Double?, steps: Double, fast: Bool = false) throws -> Double {
        let c = try configuration.with(featureCount: n, sampleCount: p ?? 1)
        var theory = try GradientFlowTheory.powerLaw(alpha: alpha, lambdaPlus: lambdaPlus,
                                                     latentDimension: latentDimension, teacherExponent: teacherExponent,
                                                     configuration: c, sampleCount: p == nil ? .infinity : nil)
        if fast {
            theory.talbotNodes = 18
            theory.nodesPerDecade = 5
            theory.farNodes = 10
        }
        return try theory.loss(at: steps * latentDimension / (configuration.featureWeightVariance * n))
    }

    /// The optimum at each compute, in increasing order of C (each search
    /// starts from the previous optimum scaled by the predicted exponents).
    public func frontier(computes: [Double], progress: (() -> Void)? = nil) throws -> [GradientFlowAllocation] {
        for c in computes where !(c.isFinite && c >= 1) {
            throw ScalingError.invalidParameter(name: "compute (C)", value: c, requirement: "must be finite and >= 1")
        }
        let predicted = GradientFlowScaling(alpha: alpha, teacherExponent: teacherExponent)
        var result: [GradientFlowAllocation] = []
        var previous: (c: Double, n: Double, p: Double)? = nil
        for compute in computes.sorted() {
            let nMax = min(latentDimension / 2, compute)
            switch budget {
            case .featuresTimesSteps:
                let e = predicted.featureExponent(budget)
                let guess = previous.map { $0.n * pow(compute / $0.c, e) } ?? pow(compute, e)
                let best = try Self.minimize(guess: guess, lower: 1, upper: nMax) { n in
                    try loss(featureCount: n, sampleCount: nil, steps: compute / n)
                }
                result.append(try allocation(compute, n: best, p: nil))
                previous = (compute, best, 0)
            case .featuresSamplesSteps:
                let e = predicted.featureExponent(budget)
                let guess = previous.map { $0.n * pow(compute / $0.c, e) } ?? pow(compute, e)
                var bestP = [Double: Double]()
                let best = try Self.minimize(guess: guess, lower: 1, upper: nMax) { n in
                    let pGuess = previous.map { $0.p * pow(compute / $0.c, e) } ?? n
                    let pMax = min(latentDimension / 2, compute / n)
                    let p = try Self.minimize(guess: min(pGuess, pMax), lower: 1, upper: pMax) { p in
                        try loss(featureCount: n, sampleCount: p, steps: compute / (n * p), fast: true)
                    }
                    bestP[n] = p
                    return try loss(featureCount: n, sampleCount: p, steps: compute / (n * p), fast: true)
                }
                let p = bestP[best] ?? best
                result.append(try allocation(compute, n: best, p: p))
                previous = (compute, best, p)
            }
            progress?()
        }
        return result
    }

    private func allocation(_ compute: Double, n: Double, p: Double?) throws -> GradientFlowAllocation {
        let steps = compute / (n * (p ?? 1))
        let l = try loss(featureCount: n, sampleCount: p, steps: steps)
        let l0 = try GradientFlowTheory.powerLaw(alpha: alpha, lambdaPlus: lambdaPlus, latentDimension: latentDimension,
                                                 teacherExponent: teacherExponent,
                                                 configuration: configuration.with(featureCount: n)).zeroPredictorLoss
        return GradientFlowAllocation(compute: compute, featureCount: n, sampleCount: p ?? .infinity, steps: steps,
                                      time: steps * latentDimension / (configuration.featureWeightVariance * n),
                                      loss: l, relativeLoss: l / l0)
    }

    /// Minimizes f over x in [lower, upper] in ln x: a 9-point grid of two
    /// e-folds either side of the guess, moved while the best point is at an
    /// end (and not at a bound), then Brent.
    static func minimize(guess: Double, lower: Double, upper: Double,
                         _ f: @escaping (Double) throws -> Double) throws -> Double {
        guard upper > lower else { return lower }
        let a = log(lower), b = log(upper)
        var center = min(max(log(guess), a), b)
        for _ in 0..<20 {
            let lo = max(a, center - 2), hi = min(b, center + 2)
            let grid = (0..<9).map { lo + (hi - lo) * Double($0) / 8 }
            let found = try Minimizer.gridThenBrent("compute-optimal allocation (gsl_min_fminimizer_brent)",
                                                    grid: grid, absoluteTolerance: 1e-4) { try f(exp($0)) }
            if found.index == 0 && lo > a { center = lo; continue }
            if found.index == 8 && hi < b { center = hi; continue }
            return exp(found.x)
        }
        throw ScalingError.noConvergence(routine: "compute-optimal allocation", detail: "the optimum kept moving")
    }
}
