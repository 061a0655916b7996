import Glibc

/// The loss-minimizing allocation of one compute budget C = N B R under
/// one-pass SGD.
public struct SGDAllocation: Sendable, Equatable {
    /// C = N B R.
    public var compute: Double
    /// N*.
    public var featureCount: Double
    /// R* = C / (N* B), in steps (a real number: the theory is smooth in R).
    public var steps: Double
    /// B R*, the samples seen.
    public var samplesSeen: Double
    /// eta at N*, the rate of the update rule (`SGDHyperparameters`): the
    /// normalized rate divided by sigma_u^2 N* / M.
    public var learningRate: Double
    /// <L> at the optimum.
    public var loss: Double
    /// <L> / L0.
    public var relativeLoss: Double
}

/// The compute-optimal frontier of one-pass SGD on a power-law model
/// (lambda_I = lambdaPlus I^-(1+alpha), omega_I = (sigma_w^2/M) I^-beta,
/// `OnePassSGDTheory.powerLaw`, M up to 1e12 or infinity), at a fixed batch size B
/// and a fixed *normalized* learning rate eta sigma_u^2 N / M (the rate on
/// the kernel divided by its scale, as the gradient flow's steps), so that
/// one step does the same work at every N (Docs/Theory.md, "Compute-optimal
/// under SGD").
///
/// For each C the loss is minimized over ln N in [1, min(M/2, C/(16 B))]
/// (R >= 16) by a 9-point grid two e-folds either side of a guess, moved
/// while the best point is at an end, then Brent (GSL).
///
/// Below Paquette et al.'s high-dimensional line (alpha <= 0 here) the sums
/// over I diverge at M = infinity, and they take the latent dimension
/// proportional to the parameter count: `init(latentRatio:)` sets M = r N at
/// every N (rounded, <= 1e12), with the teacher omega_I = sigma_w^2 I^-beta
/// fixed (not divided by M, which moves with N) and the rate held fixed per
/// unit of trace, eta sigma_u^2 (N / M) sum_I lambda_I = eta E[tr K]
/// (`SGDRateNormalization.kernelTrace`; their gamma ~ 1 / sum_j j^-2a).
public struct SGDComputeOptimizer: Sendable {
    public var alpha: Double
    public var lambdaPlus: Double
    /// M, whole and <= 1e12, or infinity.
    public var latentDimension: Double
    public var teacherExponent: Double
    /// Variances and noise; its N and P are ignored.
    public var configuration: ModelConfiguration
    /// B.
    public var batchSize: Int
    /// The rate held fixed across N, in the units of `rateNormalization`.
    public var normalizedLearningRate: Double
    /// r of M = r N (nil: M is `latentDimension` at every N).
    public var latentRatio: Double?
    /// What `normalizedLearningRate` multiplies (`kernelScale` unless `init(latentRatio:)` says otherwise).
    public var rateNormalization: SGDRateNormalization = .kernelScale
    /// Talbot nodes of every loss the search evaluates (`OnePassSGDTheory.talbotNodes`).
    /// 16, not the theory's 24: along a frontier the loss is 1e-5 ... 1e-10 of L0,
    /// where the 24-node rule's rounding amplification e^(2m/5) dominates its
    /// error (1.5e-3 relative at alpha = 2, beta = 2, C = 1e12, against 7e-6 with
    /// 16 nodes, whose truncation is below 1e-8 there; Docs/Theory.md section 12).
    public var talbotNodes = 16

    public init(alpha: Double, lambdaPlus: Double = 1, latentDimension: Double, teacherExponent: Double = 0,
                configuration: ModelConfiguration, batchSize: Int, normalizedLearningRate: Double) throws {
        _ = try SGDHyperparameters(batchSize: batchSize, learningRate: normalizedLearningRate)
        self.alpha = alpha
        self.lambdaPlus = lambdaPlus
        self.latentDimension = latentDimension
        self.teacherExponent = teacherExponent
        self.configuration = configuration
        self.batchSize = batchSize
        self.normalizedLearningRate = normalizedLearningRate
    }

    /// M = r N at every N (r >= 1; alpha > -1, any sign), teacher
    /// omega_I = sigma_w^2 I^-beta, and the rate fixed in the units of
    /// `normalization` (default eta E[tr K], as Paquette et al. below their line).
    public init(alpha: Double, lambdaPlus: Double = 1, latentRatio r: Double, teacherExponent: Double = 0,
                configuration: ModelConfiguration, batchSize: Int, normalizedLearningRate: Double,
                normalization: SGDRateNormalization = .kernelTrace) throws {
        guard r.isFinite, r >= 1 else {
            throw ScalingError.invalidParameter(name: "latentRatio (M / N)", value: r, requirement: "must be finite and >= 1")
        }
        try self.init(alpha: alpha, lambdaPlus: lambdaPlus, latentDimension: .infinity, teacherExponent: teacherExponent,
                      configuration: configuration, batchSize: batchSize, normalizedLearningRate: normalizedLearningRate)
        latentRatio = r
        rateNormalization = normalization
    }

    /// M at N: r N rounded (at least 1), or the fixed M.
    public func latentDimension(featureCount n: Double) -> Double {
        latentRatio.map { max(1, ($0 * n).rounded()) } ?? latentDimension
    }

    /// The theory at N (its learning rate the normalized one over its unit:
    /// sigma_u^2 N / M, or that times sum_I lambda_I).
    public func theory(featureCount n: Double) throws -> OnePassSGDTheory {
        let m = latentDimension(featureCount: n)
        guard latentRatio == nil || m <= 1e12 else {
            throw ScalingError.invalidParameter(name: "latentDimension (M = r N)", value: m, requirement: "must be <= 1e12")
        }
        var c = try configuration.with(featureCount: n, sampleCount: 1)
        if latentRatio != nil {
            // omega_I = sigma_w^2 I^-beta at every N: undo the 1/M the list applies.
            c = try ModelConfiguration(featureCount: n, sampleCount: 1, teacherVariance: configuration.teacherVariance * m,
                                       featureWeightVariance: configuration.featureWeightVariance,
                                       noiseVariance: configuration.noiseVariance, teacher: configuration.teacher)
        }
        let probe = try OnePassSGDTheory.powerLaw(
            alpha: alpha, lambdaPlus: lambdaPlus, latentDimension: m, teacherExponent: teacherExponent,
            configuration: c, sgd: try SGDHyperparameters(batchSize: batchSize, learningRate: 1))
        let unit = probe.kernelScale * (rateNormalization == .kernelTrace ? probe.eigenvalueSum : 1)
        var theory = probe.with(sgd: try SGDHyperparameters(batchSize: batchSize, learningRate: normalizedLearningRate / unit))
        theory.talbotNodes = talbotNodes
        return theory
    }

    /// The largest stable rate at N, in the units of `normalizedLearningRate`
    /// (the stability edge of `OnePassSGDTheory` times its unit).
    public func largestStableRate(featureCount n: Double) throws -> Double {
        let t = try theory(featureCount: n)
        return try t.largestStableLearningRate() * t.kernelScale * (rateNormalization == .kernelTrace ? t.eigenvalueSum : 1)
    }

    /// <L> at N features after R steps (R real >= 16, or whole). Past the
    /// stability edge: `UnstableLearningRate` in normalized units.
    public func loss(featureCount n: Double, steps r: Double) throws -> Double {
        let t = try theory(featureCount: n)
        do {
            return try t.loss(atRealSteps: r)
        } catch let error as UnstableLearningRate {
            let unit = t.kernelScale * (rateNormalization == .kernelTrace ? t.eigenvalueSum : 1)
            throw UnstableLearningRate(learningRate: normalizedLearningRate, edge: error.edge * unit,
                                       context: "normalized rate \(rateNormalization.symbol) at N = \(n)")
        }
    }

    /// The optimum at each compute (>= 16 B), in increasing order of C.
    public func frontier(computes: [Double], progress: (() -> Void)? = nil) throws -> [SGDAllocation] {
        let b = Double(batchSize)
        for c in computes where !(c.isFinite && c >= 16 * b) {
            throw ScalingError.invalidParameter(name: "compute (C = N B R)", value: c,
                                                requirement: "must be finite and >= 16 B = \(16 * b)")
        }
        var result: [SGDAllocation] = []
        var previous: (c: Double, n: Double)? = nil
        for compute in computes.sorted() {
            let nMax = min(latentRatio == nil && latentDimension.isFinite ? latentDimension / 2 : .infinity,
                           latentRatio.map { 1e12 / $0 } ?? .infinity, compute / (16 * b))
            let guess = previous.map { $0.n * pow(compute / $0.c, 0.5) } ?? pow(compute / b, 0.5)
            let best = try GradientFlowComputeOptimizer.minimize(guess: min(guess, nMax), lower: 1, upper: max(nMax, 1)) { n in
                try loss(featureCount: n, steps: compute / (n * b))
            }
            let t = try theory(featureCount: best)
            let steps = compute / (best * b)
            let l = try t.loss(atRealSteps: steps)
            result.append(SGDAllocation(compute: compute, featureCount: best, steps: steps, samplesSeen: b * steps,
                                        learningRate: t.sgd.learningRate, loss: l, relativeLoss: l / t.zeroPredictorLoss))
            previous = (compute, best)
            progress?()
        }
        return result
    }

    /// Least-squares exponents of N*, R* and L* in C over a frontier.
    public static func exponents(_ frontier: [SGDAllocation]) -> (featureCount: Double, steps: Double, loss: Double) {
        let c = frontier.map(\.compute)
        return (GradientFlowFrontier.logLogSlope(c, frontier.map(\.featureCount)),
                GradientFlowFrontier.logLogSlope(c, frontier.map(\.steps)),
                GradientFlowFrontier.logLogSlope(c, frontier.map(\.loss)))
    }
}

/// The unit of `SGDComputeOptimizer.normalizedLearningRate`.
public enum SGDRateNormalization: String, Sendable {
    /// eta sigma_u^2 N / M: the rate on the normalized kernel (the gradient
    /// flow's time unit); above the high-dimensional line.
    case kernelScale
    /// eta sigma_u^2 (N / M) sum_I lambda_I = eta E[tr K]: the rate per unit of
    /// trace, which stays stable as M = r N grows when sum lambda diverges.
    case kernelTrace

    /// The formula, for messages.
    public var symbol: String {
        switch self {
        case .kernelScale: return "eta sigma_u^2 N / M"
        case .kernelTrace: return "eta sigma_u^2 (N / M) sum_I lambda_I"
        }
    }
}

/// The frontier of `SGDComputeOptimizer` with its fitted exponents and those
/// of the phase table (`SGDPhase`; nil on a phase boundary).
public struct SGDFrontier: Sendable {
    public var points: [SGDAllocation]
    /// The phase at the optimizer's (alpha, beta).
    public var phase: SGDPhase?
    /// Fitted: least squares of ln N*, ln R*, ln L* against ln C.
    public var fitted: (featureCount: Double, steps: Double, loss: Double)
    /// The phase table's; nil on a boundary.
    public var predicted: (featureCount: Double, steps: Double, loss: Double)?

    public init(optimizer: SGDComputeOptimizer, computes: [Double], progress: (() -> Void)? = nil) throws {
        points = try optimizer.frontier(computes: computes, progress: progress)
        fitted = SGDComputeOptimizer.exponents(points)
        phase = SGDPhase(alpha: optimizer.alpha, teacherExponent: optimizer.teacherExponent)
        predicted = phase?.exponents(alpha: optimizer.alpha, teacherExponent: optimizer.teacherExponent)
    }
}

extension SGDComputeOptimizer {
    /// The optimizer at latent dimension M, or with `latentRatio` at M = r N
    /// (then M is not used), at the rate `rate` (normalized, or per unit of
    /// trace with a latent ratio), by default half the largest stable one at
    /// N = min(1000, M/2) (N = 1000 with a latent ratio or at M = infinity).
    public static func choosing(alpha: Double, lambdaPlus: Double = 1, latentDimension m: Double, latentRatio: Double?,
                                teacherExponent: Double = 0, configuration: ModelConfiguration, batchSize: Int,
                                rate: Double?) throws -> SGDComputeOptimizer {
        var optimizer = try latentRatio.map {
            try SGDComputeOptimizer(alpha: alpha, lambdaPlus: lambdaPlus, latentRatio: $0, teacherExponent: teacherExponent,
                                    configuration: configuration, batchSize: batchSize, normalizedLearningRate: 1)
        } ?? SGDComputeOptimizer(alpha: alpha, lambdaPlus: lambdaPlus, latentDimension: m, teacherExponent: teacherExponent,
                                 configuration: configuration, batchSize: batchSize, normalizedLearningRate: 1)
        let n0 = latentRatio == nil && m.isFinite ? min(1000, m / 2) : 1000
        optimizer.normalizedLearningRate = try rate ?? 0.5 * optimizer.largestStableRate(featureCount: n0)
        return optimizer
    }
}
