import ScalingTheory
import DenseAlgebra
import NonlinearFeatureTheory

extension Simulation {
    /// One trial: draws w, U and the training set from the stream of
    /// (seed, index), fits theta and measures the loss.
    ///
    /// Draw order, fixed so that both samplers share w and U for a given
    /// trial: w (M), U (N x M, column-major), then the sampler's own draws,
    /// then the test sample for nonlinear features.
    ///
    /// When the sampler was chosen automatically and K = U Lambda U^T is not
    /// numerically positive definite (a spectrum spanning more than about 16
    /// decades), the trial starts again with the direct sampler: the same
    /// stream, so the same w and U, and still an exact draw.
    func runTrial(_ index: Int) throws -> TrialResult {
        do {
            return try runTrial(index, sampler: sampler)
        } catch ScalingError.noConvergence(routine: "LAPACKE_dpotrf", _)
            where sampler == .conditional && options.sampler == nil {
            return try runTrial(index, sampler: .direct)
        }
    }

    private func runTrial(_ index: Int, sampler: Sampler) throws -> TrialResult {
        let p = sampleCount
        let c = configuration
        let stream = RandomStream(seed: options.seed, trial: index)
        var phases = TrialPhases()
        var clock = Stopwatch()
        let (w, u) = drawWeights(stream)
        phases.sampling += clock.lap()
        let noise = c.noiseVariance.squareRoot()

        switch sampler {
        case .conditional:
            let conditional = try ConditionalSampler(featureWeights: u, teacher: w, rootEigenvalues: rootEigenvalues)
            phases.product += clock.lap()
            let (phi, y) = conditional.sample(sampleCount: p, noiseStandardDeviation: noise, stream: stream,
                                              phases: &phases)
            _ = clock.lap()
            let fit = try RidgeFit(features: phi, labels: y, ridge: c.ridge)
            phases.fit += clock.lap()
            let loss = conditional.loss(fit.coefficients)
            phases.loss += clock.lap()
            return TrialResult(loss: loss, testStandardError: nil, rank: fit.rank, sampler: .conditional, phases: phases,
                               trainingError: fit.trainingError, gcv: fit.gcv)

        case .direct:
            let fit = try directFit(featureWeights: u, teacher: w, stream: stream, phases: &phases, clock: &clock)
            let loss: Double, testStandardError: Double?
            if options.activation.isLinear {
                loss = linearLoss(fit.coefficients, featureWeights: u, teacher: w)
                testStandardError = nil
            } else {
                let test = try testLoss(fit.coefficients, featureWeights: u, teacher: w, stream: stream)
                (loss, testStandardError) = (test.mean, test.standardError)
            }
            phases.loss += clock.lap()
            return TrialResult(loss: loss, testStandardError: testStandardError, rank: fit.rank, sampler: .direct,
                               phases: phases, trainingError: fit.trainingError, gcv: fit.gcv)
        }
    }

    /// The teacher w (M, w_I ~ N(0, omega_I): sigma_w^2 / M for the isotropic
    /// teacher) then the feature weights U (N x M column-major, variance
    /// sigma_u^2 / M): a trial's first draws. Every teacher takes the same M
    /// draws from the stream, so U does not depend on the teacher.
    func drawWeights(_ stream: RandomStream) -> (teacher: [Double], featureWeights: Matrix) {
        let n = featureCount, m = latentDimension, c = configuration
        var w: [Double]
        if let scales = teacherStandardDeviations {
            w = stream.gaussians(m)
            for i in 0..<m { w[i] *= scales[i] }
        } else {
            w = stream.gaussians(m, standardDeviation: (c.teacherVariance / Double(m)).squareRoot())
        }
        var u = Matrix(rows: n, columns: m)
        stream.fillGaussian(&u.elements, standardDeviation: (c.featureWeightVariance / Double(m)).squareRoot())
        return (w, u)
    }

    /// The direct sampler's training set and fit, after w and U: X (M x P,
    /// row I scaled by sqrt(lambda_I)), the labels w . x (+ noise), Phi =
    /// sigma(U X), then ridge. Shared by `runTrial` and `directTrialFit`.
    func directFit(featureWeights u: Matrix, teacher w: [Double], stream: RandomStream,
                   phases: inout TrialPhases, clock: inout Stopwatch) throws -> RidgeFit {
        let n = featureCount, p = sampleCount
        let noise = configuration.noiseVariance.squareRoot()
        var x = stream.latentVectors(p, rootEigenvalues: rootEigenvalues)
        var y = [Double](repeating: 0, count: p)
        LinearAlgebra.multiply(x, transpose: true, w, into: &y)
        if noise > 0 {
            for mu in 0..<p { y[mu] += stream.gaussian(standardDeviation: noise) }
        }
        phases.sampling += clock.lap()
        var phi = Matrix(rows: n, columns: p)
        LinearAlgebra.multiply(u, x, into: &phi)
        phases.product += clock.lap()
        // X is not needed again; free it before the fit allocates its own arrays.
        x = Matrix(rows: 0, columns: 0)
        try options.activation.apply(to: &phi.elements)
        phases.sampling += clock.lap()
        let fit = try RidgeFit(features: phi, labels: y, ridge: configuration.ridge)
        phases.fit += clock.lap()
        return fit
    }

    /// The exact loss of linear features, 1/2 (U^T theta - w)^T Lambda (U^T theta - w).
    private func linearLoss(_ theta: [Double], featureWeights u: Matrix, teacher w: [Double]) -> Double {
        var v = w
        LinearAlgebra.multiply(u, transpose: true, theta, into: &v, beta: -1)
        var sum = 0.0
        for i in v.indices { sum += eigenvalues[i] * v[i] * v[i] }
        return 0.5 * sum
    }

    /// The loss 1/2 (theta . sigma(U x) - w . x)^2 averaged over a fresh test
    /// sample, in batches, with its standard error (sample std / sqrt(size)).
    private func testLoss(_ theta: [Double], featureWeights u: Matrix, teacher w: [Double],
                          stream: RandomStream) throws -> (mean: Double, standardError: Double) {
        let total = options.testSampleCount
        var sum = 0.0, sumOfSquares = 0.0
        var done = 0
        while done < total {
            let size = min(testChunk, total - done)
            let x = stream.latentVectors(size, rootEigenvalues: rootEigenvalues)
            var teacher = [Double](repeating: 0, count: size)
            LinearAlgebra.multiply(x, transpose: true, w, into: &teacher)
            let phi = try options.activation.features(weights: u, inputs: x)
            var prediction = [Double](repeating: 0, count: size)
            LinearAlgebra.multiply(phi, transpose: true, theta, into: &prediction)
            for k in 0..<size {
                let d = prediction[k] - teacher[k]
                let e = 0.5 * d * d
                sum += e
                sumOfSquares += e * e
            }
            done += size
        }
        let count = Double(total)
        let mean = sum / count
        let variance = max(0, (sumOfSquares - count * mean * mean) / (count - 1))
        return (mean, (variance / count).squareRoot())
    }
}
