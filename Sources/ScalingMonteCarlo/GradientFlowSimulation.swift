import Dispatch
import FoundationEssentials
import Glibc
import DenseAlgebra
import ScalingTheory

/// A Monte Carlo of gradient flow on the random-feature model (Docs/Theory.md
/// section 10): the whole learning curve L(t) of each trial at a list of
/// times, from one symmetric eigendecomposition per trial.
///
/// Time convention: from theta = 0,
///
///     d theta / dt = -(1/P) [ Phi (Phi^T theta - y) + gamma theta ],
///
/// the gradient of the ridge objective of `ModelConfiguration` divided by P.
/// With A = Phi Phi^T / P + gamma / P the exact solution is
/// theta(t) = (1 - e^{-t A}) A^{-1} Phi y / P, which tends to the ridge fit as
/// t -> infinity. Each trial eigendecomposes Phi Phi^T / P (N x N) when
/// N <= P, or the kernel Phi^T Phi / P (P x P) when N > P, and then evaluates
/// every time in O(min(N, P)^2).
///
/// The teacher has any power per latent direction, E[w_I^2] = omega_I
/// (`teacherPower`; nil means the configuration's `teacher`). Draw order per
/// trial, from the stream of (seed, trial) as in `Simulation`: w (M unit
/// Gaussians scaled by sqrt(omega_I)), U (N x M), X (M x P), label noise (P).
/// For the isotropic teacher these are the very numbers the direct sampler
/// of `Simulation` draws, so at t = infinity the two agree trial by trial.
///
/// Linear features only (the loss is exact, no test set). Eigenvalues of the
/// Gram matrix below max(N, P) machine epsilons times the largest are treated
/// as exact zeros (the gamma -> 0+ pseudo-inverse convention of `RidgeFit`).
public struct GradientFlowSimulation: Sendable {
    /// N, the number of random features.
    public var featureCount: Int { setup.featureCount }
    /// P, the number of training samples.
    public let sampleCount: Int
    /// M, the latent dimension.
    public var latentDimension: Int { setup.latentDimension }
    public var configuration: ModelConfiguration { setup.configuration }
    /// The times at which the loss is recorded, >= 0; +infinity is the ridge fit.
    public let times: [Double]
    public var options: SimulationOptions { setup.options }
    /// omega_I = E[w_I^2], M entries.
    public var teacherPower: [Double] { setup.teacherPower }
    /// Trials run at once.
    public var workerCount: Int { setup.workerCount }
    /// Estimated peak bytes of `run`: one trial's arrays per worker and every trial's curves.
    public var estimatedBytes: Double { setup.estimatedBytes }
    let setup: LearningCurveTrials

    /// Population gradient flow (P = infinity, fresh data at every step):
    /// d theta/dt = -(S theta - U Lambda w) with S = U Lambda U^T, so
    /// theta(t) = (1 - e^{-t S}) S^+ U Lambda w; no training set is drawn
    /// (P, the ridge and the noise are unused) and the training error is the loss.
    public let population: Bool

    /// Throws `ScalingError.invalidParameter` for non-integral N or P, an
    /// empty time list, a negative or NaN time, a teacher power of the wrong
    /// length or with a negative or non-finite entry, fewer than one trial or
    /// thread, or nonlinear features; `.tooLarge` above the memory limit.
    public init(spectrum: some Spectrum, configuration: ModelConfiguration, times: [Double],
                teacherPower: [Double]? = nil, population: Bool = false,
                options: SimulationOptions = SimulationOptions()) throws {
        let p = try Simulation.wholeNumber(configuration.sampleCount, "sampleCount (P)")
        try GradientFlowTimes.validate(times)
        // Sums of P squared labels must stay inside double precision.
        let labelScale = Double(p) * (configuration.teacherVariance + configuration.noiseVariance)
        guard labelScale <= 1e300 else {
            throw ScalingError.unsupported(
                "P (sigma_w^2 + sigma_eps^2) = \(labelScale) is beyond the range of the simulation's sums of squared labels "
                    + "(at most 1e300); the loss is linear in sigma_w^2 and sigma_eps^2: rescale them")
        }
        setup = try LearningCurveTrials(
            spectrum: spectrum, configuration: configuration, teacherPower: teacherPower, options: options,
            what: "a gradient-flow simulation",
            // U, X, Phi, the Gram matrix and its eigenvectors, S and its rotation.
            trialBytes: { n, m in
                let (n, m, p, small) = (Double(n), Double(m), Double(p), Double(min(n, p)))
                return 8 * (n * m + m * p + n * p + 4 * small * small + n * n + n * p)
            },
            // Per trial: its loss and training-error curves.
            keptBytes: Double(options.trials) * (16 * Double(times.count) + SizeCheck.bytesPerResult),
            describe: { n, m in Self.describe(featureCount: n, sampleCount: p, latentDimension: m) })
        sampleCount = p
        self.population = population
        self.times = times
    }

    /// Runs all trials in parallel (one random stream per trial, results
    /// independent of the number of workers).
    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> GradientFlowSimulationResult {
        let (curves, seconds) = try setup.run(progress: progress, trialCurve)
        return result(trialResults: curves, seconds: seconds)
    }

    /// Trial `index` alone on the calling thread: the same numbers as in `run`.
    public func curve(_ index: Int) throws -> (loss: [Double], trainingError: [Double]) {
        let curve = try trial(index)
        return (curve.losses, curve.trainingErrors ?? curve.losses)
    }

    private func trialCurve(_ index: Int) throws -> TrialCurve {
        let (loss, training) = try trainingCurve(index)
        // The population flow's training error is its loss: not shipped twice.
        return TrialCurve(losses: loss, trainingErrors: population ? nil : training)
    }

    private func trainingCurve(_ index: Int) throws -> (loss: [Double], trainingError: [Double]) {
        let n = featureCount, m = latentDimension, p = sampleCount
        let (w, u, stream) = setup.drawWeights(index)
        var x = Matrix(rows: m, columns: population ? 0 : p)
        stream.fillGaussian(&x.elements)
        x.scaleRows(by: setup.rootEigenvalues)
        var y = [Double](repeating: 0, count: population ? 0 : p)
        var phi = Matrix(rows: n, columns: population ? 0 : p)
        if !population {
            LinearAlgebra.multiply(x, transpose: true, w, into: &y)
            let noise = configuration.noiseVariance.squareRoot()
            if noise > 0 {
                for mu in 0..<p { y[mu] += stream.gaussian(standardDeviation: noise) }
            }
            LinearAlgebra.multiply(u, x, into: &phi)
        }
        x = Matrix(rows: 0, columns: 0)

        // Lambda w and U Lambda w; S = U Lambda U^T (lower triangle then mirrored).
        var lambdaW = w
        for i in 0..<m { lambdaW[i] *= setup.eigenvalues[i] }
        let teacherNorm = dot(w, lambdaW)
        var uLambdaW = [Double](repeating: 0, count: n)
        LinearAlgebra.multiply(u, lambdaW, into: &uLambdaW)
        var uRoot = u
        uRoot.scaleColumns(by: setup.rootEigenvalues)
        var s = Matrix(rows: n, columns: n)
        LinearAlgebra.symmetricRankK(uRoot, into: &s)
        uRoot = Matrix(rows: 0, columns: 0)
        s.symmetrizeFromLower()
        if population { return try populationCurve(s: s, uLambdaW: uLambdaW, teacherNorm: teacherNorm) }
        let yNorm = dot(y, y)
        let ridgeRate = configuration.ridge / Double(p)

        // In the eigenbasis E of the Gram matrix: theta = B (h_t(s) * c), with
        // B = E (primal) or Phi V / P (dual); then the loss needs B^T S B and B^T U Lambda w.
        var gram: Matrix
        let primal = n <= p
        if primal {
            gram = Matrix(rows: n, columns: n)
            LinearAlgebra.symmetricRankK(phi, into: &gram, alpha: 1 / Double(p))
        } else {
            gram = Matrix(rows: p, columns: p)
            LinearAlgebra.symmetricRankK(phi, transpose: true, into: &gram, alpha: 1 / Double(p))
        }
        let k = gram.rows
        var spectrum = try LinearAlgebra.symmetricEigensystem(&gram)
        let cutoff = Double(max(n, p)) * Double.ulpOfOne * max(spectrum.last ?? 0, 0)
        var c = [Double](repeating: 0, count: k)
        var basis: Matrix
        if primal {
            var phiY = [Double](repeating: 0, count: n)
            LinearAlgebra.multiply(phi, y, into: &phiY, alpha: 1 / Double(p))
            LinearAlgebra.multiply(gram, transpose: true, phiY, into: &c)
            basis = gram
        } else {
            LinearAlgebra.multiply(gram, transpose: true, y, into: &c)
            basis = Matrix(rows: n, columns: p)
            LinearAlgebra.multiply(phi, gram, into: &basis, alpha: 1 / Double(p))
        }
        for j in 0..<k where spectrum[j] <= cutoff {
            spectrum[j] = 0
            if primal { c[j] = 0 }
        }
        var sb = Matrix(rows: n, columns: k)
        LinearAlgebra.multiply(s, basis, into: &sb)
        var rotated = Matrix(rows: k, columns: k)
        LinearAlgebra.multiply(basis, transposeA: true, sb, into: &rotated)
        var r = [Double](repeating: 0, count: k)
        LinearAlgebra.multiply(basis, transpose: true, uLambdaW, into: &r)

        var losses = [Double](), training = [Double]()
        losses.reserveCapacity(times.count)
        training.reserveCapacity(times.count)
        var a = [Double](repeating: 0, count: k)
        var ra = [Double](repeating: 0, count: k)
        for t in times {
            for j in 0..<k {
                // A null direction of the Gram matrix has Phi v = 0 exactly: its
                // basis column is rounding, which h_t(0) = t would amplify.
                a[j] = spectrum[j] == 0 ? 0
                    : GradientFlowTimes.filter(eigenvalue: spectrum[j], ridgeRate: ridgeRate, time: t) * c[j]
            }
            LinearAlgebra.multiply(rotated, a, into: &ra)
            let loss = 0.5 * (dot(a, ra) - 2 * dot(a, r) + teacherNorm)
            losses.append(max(loss, 0))
            // |Phi^T theta - y|^2: primal P sum s a^2 - 2 P a.c + |y|^2; dual sum (s h - 1)^2 c^2.
            var residual = 0.0
            if primal {
                var quadratic = 0.0
                for j in 0..<k { quadratic += spectrum[j] * a[j] * a[j] }
                residual = Double(p) * (quadratic - 2 * dot(a, c)) + yNorm
            } else {
                for j in 0..<k {
                    let e = spectrum[j] * a[j] - c[j]
                    residual += e * e
                }
            }
            training.append(max(residual, 0) / (2 * Double(p)))
        }
        return (losses, training)
    }

    /// Population flow: in the eigenbasis of S (values s_k), theta = E (h_t(s) * E^T U Lambda w)
    /// and L = 1/2 [theta^T S theta - 2 theta . U Lambda w + w^T Lambda w], all diagonal.
    private func populationCurve(s: Matrix, uLambdaW: [Double], teacherNorm: Double) throws
        -> (loss: [Double], trainingError: [Double]) {
        var vectors = s
        var values = try LinearAlgebra.symmetricEigensystem(&vectors)
        let cutoff = Double(featureCount) * Double.ulpOfOne * max(values.last ?? 0, 0)
        var r = [Double](repeating: 0, count: featureCount)
        LinearAlgebra.multiply(vectors, transpose: true, uLambdaW, into: &r)
        for k in values.indices where values[k] <= cutoff {
            values[k] = 0
            r[k] = 0
        }
        let losses = times.map { t -> Double in
            var sum = teacherNorm
            for k in values.indices {
                let a = GradientFlowTimes.filter(eigenvalue: values[k], ridgeRate: 0, time: t) * r[k]
                sum += values[k] * a * a - 2 * a * r[k]
            }
            return max(0.5 * sum, 0)
        }
        return (losses, losses)
    }
}

extension GradientFlowSimulation: TrialSimulation {
    public var runDescription: String {
        Self.describe(featureCount: featureCount, sampleCount: sampleCount, latentDimension: latentDimension)
    }

    static func describe(featureCount n: Int, sampleCount p: Int, latentDimension m: Int) -> String {
        "a gradient-flow simulation at N = \(n), P = \(p), M = \(m)"
    }

    /// Trial `index`'s loss and training-error curves, for shards and MPI ranks.
    public func trial(_ index: Int) throws -> TrialCurve {
        try BLASThreads.singleThreaded { try trialCurve(index) }
    }

    public func result(trialResults: [TrialCurve], seconds: Double) -> GradientFlowSimulationResult {
        GradientFlowSimulationResult(times: times, losses: trialResults.map(\.losses),
                                     trainingErrors: trialResults.map { $0.trainingErrors ?? $0.losses },
                                     seconds: seconds)
    }
}

/// The outcome of a gradient-flow Monte Carlo: per-trial curves and their
/// means and standard errors at each time.
public struct GradientFlowSimulationResult: Sendable {
    /// The times, as requested.
    public var times: [Double]
    /// losses[trial][time]: L(t) = 1/2 (U^T theta(t) - w)^T Lambda (U^T theta(t) - w).
    public var losses: [[Double]]
    /// trainingErrors[trial][time]: 1/(2P) |Phi^T theta(t) - y|^2 (noisy labels).
    public var trainingErrors: [[Double]]
    /// Wall-clock seconds.
    public var seconds: Double

    public var trials: Int { losses.count }
    /// Mean loss at each time.
    public var meanLoss: [Double] { Self.means(losses) }
    /// Standard error of the mean loss at each time (NaN for one trial).
    public var lossStandardError: [Double] { Self.standardErrors(losses) }
    /// Mean training error at each time.
    public var meanTrainingError: [Double] { Self.means(trainingErrors) }
    /// Standard error of the mean training error at each time.
    public var trainingStandardError: [Double] { Self.standardErrors(trainingErrors) }

    /// Column-wise mean and standard error, scaled by the largest entry so
    /// that huge losses (sigma_w^2 near 1e308) do not overflow the squares.
    static func statistics(_ rows: [[Double]]) -> [(mean: Double, standardError: Double)] {
        guard let first = rows.first else { return [] }
        return first.indices.map { j in Simulation.meanAndStandardError(rows.map { $0[j] }) }
    }

    static func means(_ rows: [[Double]]) -> [Double] { statistics(rows).map(\.mean) }

    static func standardErrors(_ rows: [[Double]]) -> [Double] { statistics(rows).map(\.standardError) }
}

extension Matrix {
    /// Copies the lower triangle into the upper one.
    mutating func symmetrizeFromLower() {
        precondition(rows == columns)
        for j in 0..<columns { for i in (j + 1)..<max(rows, j + 1) { self[j, i] = self[i, j] } }
    }
}
