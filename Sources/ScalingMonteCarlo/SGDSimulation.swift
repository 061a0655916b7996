import Dispatch
import FoundationEssentials
import Glibc
import DenseAlgebra
import ScalingTheory

/// A Monte Carlo of one-pass minibatch SGD (`SGDHyperparameters`) on linear
/// random features of the model of Docs/Theory.md sections 1-2: the loss
/// <L>(r) after r steps, each trial a fresh draw of the teacher w and the
/// feature weights U. P, the ridge and the activation of the configuration
/// are unused (one pass sees B r fresh samples; no ridge; linear features).
///
/// Two methods per trial:
/// - `.directSGD`: one SGD run from theta = 0, with B fresh samples per step;
///   the loss 1/2 (U^T theta - w)^T Lambda (U^T theta - w) is exact (no test set).
/// - `.conditionalCurve`: `SGDConditionalCurve` for the trial's U, the
///   expectation over w, the samples and the noise in closed form.
/// Both draw w then U first, so trial k of either method has the same U: the
/// two can be compared trial by trial.
///
/// How a direct run draws its samples (`options.sampler`; nil picks the
/// cheaper by `estimatedCost`):
/// - `.direct`: x (M, row I scaled by sqrt(lambda_I)), z = U x (one dgemm of
///   N x M x B per step), y = w . x + eps. About 2 N M B flops per step.
/// - `.conditional`: given U and w, (z, y) is Gaussian; in the eigenbasis of
///   K = U Lambda U^T, v_j . z = sqrt(k_j) g_j and y = sum_j c_j g_j / sqrt(k_j)
///   + sqrt(r + sigma_eps^2) g' with c_j = v_j^T U Lambda w and
///   r = w^T Lambda w - sum_j c_j^2 / k_j, for independent standard normals g, g'.
///   SGD is run on v_j . theta: the same law, O(N B) per step after one
///   N x N eigendecomposition.
///
/// Draw order per trial from the stream of (seed, trial), as in `Simulation`:
/// w (M), U (N x M); then `.direct` draws per step from the same stream the
/// samples in order (x_b for b = 1..B as the columns of an M x B matrix, then
/// B label noises when sigma_eps > 0). `.conditional` splits its samples over
/// S = `substreamCount` substreams of the trial (`SubstreamGaussians`):
/// sample i of the run (i = B r + b for sample b of step r, counted from 0)
/// draws g over the nonzero k_j in ascending order, then g', from substream
/// i mod S. The substreams are drawn in turn on one thread, or in parallel,
/// a block of steps at a time, when `run` has more threads than trials
/// (`threadsPerTrial`), which is where a single long trial spends its time.
/// Every trial has its own streams and its layout never depends on the
/// thread count: results are bit-identical whatever the number of workers,
/// and `curve(_:)` reproduces any trial alone on one thread (shards and MPI ranks).
public struct SGDSimulation: Sendable {
    public enum Method: String, Sendable, CaseIterable, Codable {
        /// One SGD run per trial.
        case directSGD
        /// The exact conditional curve of each trial's U.
        case conditionalCurve
    }

    /// N.
    public var featureCount: Int { setup.featureCount }
    /// M.
    public var latentDimension: Int { setup.latentDimension }
    public var configuration: ModelConfiguration { setup.configuration }
    public let sgd: SGDHyperparameters
    /// The step counts r at which the loss is recorded, as given.
    public let steps: [Int]
    public let method: Method
    /// How a direct run draws its samples (unused by `.conditionalCurve`).
    public let sampler: Sampler
    public var options: SimulationOptions { setup.options }
    /// omega_I = E[w_I^2], M entries.
    public var teacherPower: [Double] { setup.teacherPower }
    /// Trials run at once.
    public var workerCount: Int { setup.workerCount }
    /// Estimated peak bytes of `run`: one trial's arrays per worker.
    public var estimatedBytes: Double { setup.estimatedBytes }
    let setup: LearningCurveTrials

    /// Throws `ScalingError.invalidParameter` for a non-integral N, an empty
    /// or negative step list, fewer than one trial or thread, a teacher power
    /// of the wrong length or with a negative or non-finite entry;
    /// `.unsupported` for nonlinear features or an infinite M; `.tooLarge`
    /// above the memory limit.
    public init(spectrum: some Spectrum, configuration: ModelConfiguration, sgd: SGDHyperparameters, steps: [Int],
                method: Method = .directSGD, teacherPower: [Double]? = nil,
                options: SimulationOptions = SimulationOptions()) throws {
        try SGDHyperparameters.validate(steps: steps)
        let sampler = { (n: Int, m: Int) -> Sampler in
            method == .conditionalCurve ? .conditional
                : options.sampler ?? Self.fastestSampler(featureCount: n, latentDimension: m, batchSize: sgd.batchSize,
                                                         steps: steps.max() ?? 0)
        }
        setup = try LearningCurveTrials(
            spectrum: spectrum, configuration: configuration, teacherPower: teacherPower, options: options,
            what: "an SGD simulation",
            trialBytes: { n, m in Self.trialBytes(featureCount: n, latentDimension: m, batchSize: sgd.batchSize,
                                                  sampler: sampler(n, m)) },
            keptBytes: 0, describe: { n, m in Self.describe(featureCount: n, latentDimension: m, batchSize: sgd.batchSize) })
        self.sampler = sampler(setup.featureCount, setup.latentDimension)
        self.sgd = sgd
        self.steps = steps
        self.method = method
    }

    /// Estimated flops of one direct run of `steps` steps with each sampler
    /// (a Gaussian draw weighted by `Sampler.gaussianCost`, as for the ridge samplers).
    public static func estimatedCost(_ sampler: Sampler, featureCount n: Int, latentDimension m: Int,
                                     batchSize b: Int, steps r: Int) -> Double {
        let (n, m, b, r) = (Double(n), Double(m), Double(b), Double(r))
        let g = Sampler.gaussianCost
        switch sampler {
        case .direct:
            return r * (2 * n * m * b + g * m * b + 4 * n * b) + g * n * m
        case .conditional:
            // K (dsyrk), the eigendecomposition, then per sample N draws and 4 N flops. The first term still
            // counts the 2 N^2 M of V^T U Lambda^1/2, no longer formed for a run, so that the automatic choice of
            // sampler (and every output made with it) stays as it was.
            return 3 * n * n * m + 10 * n * n * n + r * b * (g + 4) * n + g * n * m
        }
    }

    /// The cheaper sampler for a direct run.
    public static func fastestSampler(featureCount n: Int, latentDimension m: Int, batchSize b: Int,
                                      steps r: Int) -> Sampler {
        estimatedCost(.conditional, featureCount: n, latentDimension: m, batchSize: b, steps: r)
            < estimatedCost(.direct, featureCount: n, latentDimension: m, batchSize: b, steps: r) ? .conditional : .direct
    }

    static func trialBytes(featureCount n: Int, latentDimension m: Int, batchSize b: Int, sampler: Sampler) -> Double {
        let (n, m, b) = (Double(n), Double(m), Double(b))
        switch sampler {
        case .direct: return 8 * (n * m + m * b + n * b + 4 * m + 4 * n)
        case .conditional:
            // ... and one block of samples (`sampleBlock`) for the substreams to fill.
            return 8 * (3 * n * m + 3 * n * n + 4 * m + 8 * n + max(Double(sampleBlock), b * (n + 1)))
        }
    }

    /// Doubles of samples a conditional run draws at once (2 MB; at least one step's):
    /// big enough that a fork-join per block costs little, small enough for the cache.
    static let sampleBlock = 1 << 18

    /// Runs all trials in parallel (one stream per trial, results independent
    /// of the number of workers); a conditional run with threads to spare
    /// draws its substreams in parallel.
    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> SGDSimulationResult {
        let (curves, seconds) = try setup.run(progress: progress) { try losses($0, threads: threadsPerTrial) }
        return result(curves: curves, seconds: seconds)
    }

    /// S, the substreams over which a conditional run splits its samples.
    public static var substreamCount: Int { SubstreamGaussians.substreamCount }

    /// Threads each trial of `run` may use: the threads left over when there are
    /// fewer trials than threads (a single trial gets them all), else 1.
    public var threadsPerTrial: Int {
        max(1, (options.threads ?? ProcessInfo.processInfo.activeProcessorCount) / workerCount)
    }

    /// The run's result from its trials' curves in trial order, however they
    /// were computed: the same numbers as `run` for the same trials.
    public func result(curves: [[Double]], seconds: Double) -> SGDSimulationResult {
        SGDSimulationResult(steps: steps, sgd: sgd, losses: curves, seconds: seconds)
    }

    /// Trial `index` alone on the calling thread: the same numbers as in `run`.
    public func curve(_ index: Int) throws -> [Double] {
        try BLASThreads.singleThreaded { try losses(index) }
    }

    /// The exact conditional curve of trial `index`'s draw of U (its
    /// stability edge, L*, the k_j): what `.conditionalCurve` evaluates.
    public func conditionalCurve(_ index: Int) throws -> SGDConditionalCurve {
        try BLASThreads.singleThreaded {
            try conditionalCurve(featureWeights: setup.drawWeights(index).featureWeights)
        }
    }

    private func conditionalCurve(featureWeights u: Matrix) throws -> SGDConditionalCurve {
        let basis = try FeatureEigenbasis(featureWeights: u, rootEigenvalues: setup.rootEigenvalues)
        return try SGDConditionalCurve(eigenbasis: basis, teacherPower: teacherPower, eigenvalues: setup.eigenvalues,
                                       noiseVariance: configuration.noiseVariance)
    }

    /// Trial `index`'s curve; `threads` may draw a conditional run's samples.
    private func losses(_ index: Int, threads: Int = 1) throws -> [Double] {
        let (w, u, stream) = setup.drawWeights(index)
        switch (method, sampler) {
        case (.conditionalCurve, _):
            return try conditionalCurve(featureWeights: u).losses(at: steps, sgd)
        case (.directSGD, .conditional):
            let basis = try FeatureEigenbasis(featureWeights: u, rootEigenvalues: setup.rootEigenvalues)
            return try eigenbasisRun(basis, teacher: w, trial: index, threads: threads)
        case (.directSGD, .direct):
            return try latentRun(featureWeights: u, teacher: w, stream: stream)
        }
    }

    /// The recorded step counts in increasing order, as (step, output index) pairs.
    private var recordingOrder: [(step: Int, index: Int)] {
        steps.indices.sorted { steps[$0] < steps[$1] }.map { (steps[$0], $0) }
    }

    /// SGD on v_j . theta with samples drawn from their law given U and w.
    private func eigenbasisRun(_ basis: FeatureEigenbasis, teacher w: [Double], trial index: Int,
                               threads: Int) throws -> [Double] {
        let edge = try SGDHyperparameters.stabilityEdge(eigenvalues: basis.values, batchSize: sgd.batchSize)
        try checkStable(edge: edge)
        let c = basis.teacherCovariance(teacher: w, rootEigenvalues: setup.rootEigenvalues)
        let active = basis.values.indices.filter { basis.values[$0] > 0 }
        let d = active.count
        let k = active.map { basis.values[$0] }
        let rootK = k.map { $0.squareRoot() }
        // y's weight on g_j, and theta*_j = c_j / k_j.
        let labelWeight = active.indices.map { c[active[$0]] / rootK[$0] }
        let best = active.indices.map { c[active[$0]] / k[$0] }
        var lambdaW2 = 0.0
        for i in w.indices { lambdaW2 += setup.eigenvalues[i] * w[i] * w[i] }
        var explained = 0.0
        for j in 0..<d { explained += labelWeight[j] * labelWeight[j] }
        let unexplained = max(0, lambdaW2 - explained)
        let residualScale = (unexplained + configuration.noiseVariance).squareRoot()
        let step = sgd.learningRate / Double(sgd.batchSize)

        var theta = [Double](repeating: 0, count: d)
        var update = [Double](repeating: 0, count: d)
        let loss = { (theta: [Double]) -> Double in
            var sum = unexplained
            for j in 0..<d { sum += k[j] * (theta[j] - best[j]) * (theta[j] - best[j]) }
            return 0.5 * sum
        }
        // Per sample g (d normals) then g', sample i of the run from substream i mod S; drawn a block of steps
        // at a time, on `threads` threads when the trial has them.
        let size = d + 1, batch = sgd.batchSize
        let draws = SubstreamGaussians(seed: options.seed, trial: index, sampleSize: size, threads: threads)
        let blockSteps = max(1, Self.sampleBlock / (batch * size))
        var block = [Double](repeating: 0, count: blockSteps * batch * size)
        let curve = record { from, to in
            // Raw buffers: the loops are the whole cost after the Gaussians.
            theta.withUnsafeMutableBufferPointer { theta in
                update.withUnsafeMutableBufferPointer { update in
                    block.withUnsafeMutableBufferPointer { block in
                        var done = from
                        while done < to {
                            let count = min(blockSteps, to - done)
                            draws.fill(block, samples: count * batch)
                            for t in 0..<count {
                                for j in 0..<d { update[j] = 0 }
                                for b in 0..<batch {
                                    let z = block.baseAddress! + (t * batch + b) * size
                                    var prediction = 0.0, label = residualScale * z[d]
                                    for j in 0..<d {
                                        label += labelWeight[j] * z[j]
                                        z[j] *= rootK[j]
                                        prediction += z[j] * theta[j]
                                    }
                                    let residual = prediction - label
                                    for j in 0..<d { update[j] += z[j] * residual }
                                }
                                for j in 0..<d { theta[j] -= step * update[j] }
                            }
                            done += count
                        }
                    }
                }
            }
            return loss(theta)
        }
        guard curve.allSatisfy(\.isFinite) else {
            throw ScalingError.noConvergence(routine: "SGD", detail: "the loss overflowed below the stability edge")
        }
        return curve
    }

    /// SGD on theta with x drawn in the latent space and z = U x.
    private func latentRun(featureWeights u: Matrix, teacher w: [Double], stream: RandomStream) throws -> [Double] {
        let n = featureCount, m = latentDimension, b = sgd.batchSize
        // K's eigenvalues (about N^2 M flops, one step's dgemm times N / 2B) name the edge before any step.
        try checkStable(edge: try SGDHyperparameters.stabilityEdge(
            eigenvalues: try FeatureEigenbasis.values(featureWeights: u, rootEigenvalues: setup.rootEigenvalues), batchSize: b))
        let noise = configuration.noiseVariance.squareRoot()
        var x = Matrix(rows: m, columns: b)
        var z = Matrix(rows: n, columns: b)
        var y = [Double](repeating: 0, count: b)
        var residual = [Double](repeating: 0, count: b)
        var theta = [Double](repeating: 0, count: n)
        var v = [Double](repeating: 0, count: m)
        let step = sgd.learningRate / Double(b)
        let curve = record { from, to in
            for _ in from..<to {
                stream.fillGaussian(&x.elements)
                x.scaleRows(by: setup.rootEigenvalues)
                LinearAlgebra.multiply(x, transpose: true, w, into: &y)
                if noise > 0 { for s in 0..<b { y[s] += stream.gaussian(standardDeviation: noise) } }
                LinearAlgebra.multiply(u, x, into: &z)
                residual = y
                LinearAlgebra.multiply(z, transpose: true, theta, into: &residual, beta: -1)
                LinearAlgebra.multiply(z, residual, into: &theta, alpha: -step, beta: 1)
            }
            v = w
            LinearAlgebra.multiply(u, transpose: true, theta, into: &v, beta: -1)
            var sum = 0.0
            for i in 0..<m { sum += setup.eigenvalues[i] * v[i] * v[i] }
            return 0.5 * sum
        }
        guard curve.allSatisfy(\.isFinite) else {
            throw ScalingError.noConvergence(routine: "SGD", detail: "the loss overflowed below the stability edge")
        }
        return curve
    }

    private func checkStable(edge: Double) throws {
        guard sgd.learningRate < edge else {
            throw UnstableLearningRate(learningRate: sgd.learningRate, edge: edge, context: "this trial's draw of U")
        }
    }

    /// Runs `advance(from, to)` (steps from..<to, returning the loss at `to`)
    /// between the recorded step counts, and the losses in the given order.
    private func record(_ advance: (Int, Int) throws -> Double) rethrows -> [Double] {
        var losses = [Double](repeating: 0, count: steps.count)
        var current = 0
        var last = try advance(0, 0)
        for (step, index) in recordingOrder {
            if step > current {
                last = try advance(current, step)
                current = step
            }
            losses[index] = last
        }
        return losses
    }
}

extension SGDSimulation: TrialSimulation {
    public var runDescription: String {
        Self.describe(featureCount: featureCount, latentDimension: latentDimension, batchSize: sgd.batchSize)
    }

    static func describe(featureCount n: Int, latentDimension m: Int, batchSize b: Int) -> String {
        "an SGD simulation at N = \(n), M = \(m), B = \(b)"
    }

    /// Trial `index`'s curve (`curve(_:)`) for shards and MPI ranks.
    public func trial(_ index: Int) throws -> TrialCurve { TrialCurve(losses: try curve(index)) }

    public func result(trialResults: [TrialCurve], seconds: Double) -> SGDSimulationResult {
        result(curves: trialResults.map(\.losses), seconds: seconds)
    }
}

/// The outcome of an SGD Monte Carlo: per-trial curves and their means and
/// standard errors at each recorded step count.
public struct SGDSimulationResult: Sendable {
    /// The step counts r, as requested.
    public var steps: [Int]
    public var sgd: SGDHyperparameters
    /// losses[trial][step]: L(theta_r) of a direct run, or the conditional <L>(r) of the trial's U.
    public var losses: [[Double]]
    /// Wall-clock seconds.
    public var seconds: Double

    public var trials: Int { losses.count }
    /// B r at each recorded step count.
    public var samplesSeen: [Double] { steps.map { sgd.samplesSeen(steps: Double($0)) } }
    /// Mean loss at each step count.
    public var meanLoss: [Double] { GradientFlowSimulationResult.means(losses) }
    /// Standard error of the mean loss at each step count (NaN for one trial).
    public var lossStandardError: [Double] { GradientFlowSimulationResult.standardErrors(losses) }
}
