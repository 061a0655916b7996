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
    /// eta sigma_u^2 N / M, held fixed across N.
    public var normalizedLearningRate: Double

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

    /// The theory at N (its learning rate the normalized one over sigma_u^2 N / M).
    public func theory(featureCount n: Double) throws -> OnePassSGDTheory {
        let c = try configuration.with(featureCount: n, sampleCount: 1)
        let scale = c.featureWeightVariance * n / (latentDimension.isFinite ? latentDimension : 1)
        return try OnePassSGDTheory.powerLaw(
            alpha: alpha, lambdaPlus: lambdaPlus, latentDimension: latentDimension, teacherExponent: teacherExponent,
            configuration: c, sgd: try SGDHyperparameters(batchSize: batchSize, learningRate: normalizedLearningRate / scale))
    }

    /// <L> at N features after R steps (R real >= 16, or whole). Past the
    /// stability edge: `UnstableLearningRate` in normalized units.
    public func loss(featureCount n: Double, steps r: Double) throws -> Double {
        let t = try theory(featureCount: n)
        do {
            return try t.loss(atRealSteps: r)
        } catch let error as UnstableLearningRate {
            throw UnstableLearningRate(learningRate: normalizedLearningRate, edge: error.edge * t.kernelScale,
                                       context: "normalized rate eta sigma_u^2 N / M at N = \(n)")
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
            let nMax = min(latentDimension.isFinite ? latentDimension / 2 : .infinity, compute / (16 * b))
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
    /// The default normalized learning rate eta sigma_u^2 N / M: half the
    /// largest stable one at N = min(1000, M/2) (N = 1000 at M = infinity),
    /// the configuration's variances, noise and teacher, batch size B.
    public static func defaultNormalizedLearningRate(alpha: Double, lambdaPlus: Double = 1, latentDimension m: Double,
                                                     teacherExponent: Double = 0, configuration: ModelConfiguration,
                                                     batchSize: Int) throws -> Double {
        let probe = try OnePassSGDTheory.powerLaw(alpha: alpha, lambdaPlus: lambdaPlus, latentDimension: m,
                                                  teacherExponent: teacherExponent,
                                                  configuration: try configuration.with(featureCount: min(1000, m.isFinite ? m / 2 : 1000)),
                                                  sgd: try SGDHyperparameters(batchSize: batchSize, learningRate: 1e-300))
        return 0.5 * (try probe.largestStableLearningRate()) * probe.kernelScale
    }
}
