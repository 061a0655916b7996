import Dispatch
import FoundationEssentials
import Glibc
import ScalingTheory
import DenseAlgebra

/// The semi-analytic theory of random-feature ridge regression with a
/// nonlinear feature map (Docs/Theory.md section 6): condition on one draw of the
/// feature weights U, treat the features as Gaussian with their exact second
/// moments (Gaussian equivalence), average over the teacher w and the
/// training set in closed form, and average the result over draws of U.
///
/// Per draw: K = U Lambda U^T, the second moments S = E[phi phi^T] from
/// `FeatureKernel`, D = diag(E[sigma'(h_i)]), one eigendecomposition of S
/// (dsyevd), and the eigenbasis formulas of `GaussianEquivalentRidge`. No data
/// samples are drawn.
///
/// It lives in ScalingMonteCarlo, not ScalingTheory, because it needs LAPACK
/// (the N x N eigendecomposition) and randomness (the draws of U), both of
/// which ScalingTheory keeps out by design. For `.linear` it evaluates the
/// same conditional formulas with S = K, a finite-N cross-check of the exact
/// theory of section 3.
///
/// Draw k uses the random stream of (seed, k); draws run in parallel over
/// `options.threads` workers with single-threaded BLAS, so every per-draw
/// loss is bit-identical whatever the number of workers.
public struct NonlinearTheory: Sendable {
    /// N, the number of random features.
    public let featureCount: Int
    /// M, the latent dimension.
    public let latentDimension: Int
    public let configuration: ModelConfiguration
    public let kernel: FeatureKernel
    public let options: NonlinearTheoryOptions
    /// Number of draws evaluated at once.
    public let workerCount: Int
    /// Estimated peak bytes of the run: one draw's arrays per worker.
    public let estimatedBytes: Double
    /// lambda_I.
    let eigenvalues: [Double]
    let trace: Double

    /// Validates the inputs and estimates the memory needed. Throws
    /// `ScalingError.invalidParameter` for a non-integral N, fewer than one
    /// draw or thread, a quadrature order outside 1...200; `.tooLarge` when
    /// the N x N eigendecompositions do not fit the memory limit;
    /// `.unsupported` for a spectrum that cannot be listed or a teacher that
    /// is not isotropic. P may be any
    /// real number >= 1: it enters only the formulas.
    public init(spectrum: some Spectrum, configuration: ModelConfiguration, activation: Activation,
                options: NonlinearTheoryOptions = NonlinearTheoryOptions()) throws {
        let n = configuration.featureCount
        guard n.rounded() == n, n <= Double(Int32.max) else {
            throw ScalingError.invalidParameter(name: "featureCount (N)", value: n,
                                                requirement: "must be a whole number >= 1 for the nonlinear theory")
        }
        featureCount = Int(n)
        guard options.draws >= 1 else {
            throw ScalingError.invalidParameter(name: "draws", value: Double(options.draws), requirement: "must be >= 1")
        }
        if let threads = options.threads, threads < 1 {
            throw ScalingError.invalidParameter(name: "threads", value: Double(threads), requirement: "must be >= 1")
        }
        if let limit = options.memoryLimit, !(limit.isFinite && limit > 0) {
            throw ScalingError.invalidParameter(name: "memoryLimit", value: limit, requirement: "must be positive and finite")
        }
        guard configuration.teacher.isIsotropic else {
            throw ScalingError.unsupported("the nonlinear theory is for the isotropic teacher only (simulate other teachers)")
        }
        kernel = try FeatureKernel(activation: activation, quadratureOrder: options.quadratureOrder)
        guard spectrum.latentDimension.isFinite else {
            throw ScalingError.unsupported("the nonlinear theory draws U, which needs a finite latent dimension M")
        }
        let m = try SizeCheck.latentDimension(spectrum.latentDimension, what: "the nonlinear theory")
        latentDimension = m
        workerCount = min(options.threads ?? ProcessInfo.processInfo.activeProcessorCount, options.draws)
        estimatedBytes = Double(workerCount) * Self.drawBytes(featureCount: featureCount, latentDimension: m,
                                                              quadratureOrder: options.quadratureOrder)
            + Double(options.draws) * SizeCheck.bytesPerResult
        try MemoryBudget.check(estimatedBytes, limit: options.memoryLimit,
                               what: "the nonlinear theory at N = \(featureCount), M = \(m) with \(workerCount) worker(s)")
        eigenvalues = try spectrum.eigenvalues()
        trace = spectrum.trace
        self.configuration = configuration
        self.options = options
    }

    /// Bytes one draw holds at its peak: U Lambda^1/2 and G (N x M each), K,
    /// S and dsyevd's workspace (about 1 + 6N + 2N^2 doubles), V^T G (N x M),
    /// and the quadrature table (N x order).
    static func drawBytes(featureCount n: Int, latentDimension m: Int, quadratureOrder order: Int) -> Double {
        let (n, m) = (Double(n), Double(m))
        return 8 * (3 * n * m + 4 * n * n + 6 * n + m + n * Double(order))
    }

    /// Evaluates every draw and averages. The first error of any draw is rethrown.
    public func run() throws -> NonlinearPrediction {
        let start = DispatchTime.now().uptimeNanoseconds
        let count = options.draws, workers = workerCount
        let draws = try ParallelTrials.map(count: count, workers: workers, evaluateDraw)
        let losses = draws.map(\.loss)
        let mean = losses.reduce(0, +) / Double(count)
        let variance = count > 1 ? losses.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count - 1) : .nan
        let standardError = (variance / Double(count)).squareRoot()
        let zeroLoss = configuration.teacherVariance / (2 * Double(latentDimension)) * trace
        return NonlinearPrediction(
            loss: mean, standardError: standardError, relativeLoss: mean / zeroLoss,
            relativeStandardError: standardError / zeroLoss, zeroPredictorLoss: zeroLoss,
            regime: Regime(featureCount: configuration.featureCount, sampleCount: configuration.sampleCount,
                           latentDimension: Double(latentDimension)),
            draws: draws, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// Draw `index` alone on the calling thread: the same numbers as in `run`.
    public func draw(_ index: Int) throws -> NonlinearDraw {
        try BLASThreads.singleThreaded { try evaluateDraw(index) }
    }

    private func evaluateDraw(_ index: Int) throws -> NonlinearDraw {
        let start = DispatchTime.now().uptimeNanoseconds
        let n = featureCount, m = latentDimension
        let c = configuration
        let stream = RandomStream(seed: options.seed, trial: index)
        // A = U Lambda^1/2, so K = A A^T and G = D U Lambda = D A Lambda^1/2.
        var a = Matrix(rows: n, columns: m)
        stream.fillGaussian(&a.elements, standardDeviation: (c.featureWeightVariance / Double(m)).squareRoot())
        let root = eigenvalues.map { $0.squareRoot() }
        a.scaleColumns(by: root)
        var k = Matrix(rows: n, columns: n)
        LinearAlgebra.symmetricRankK(a, into: &k)
        var s = kernel.secondMoments(k)
        let slopes = (0..<n).map { kernel.meanSlope(variance: k[$0, $0]) }
        k = Matrix(rows: 0, columns: 0)
        a.scaleColumns(by: root)
        a.scaleRows(by: slopes)
        let values = try LinearAlgebra.symmetricEigensystem(&s)
        // Row k of V^T G; q_k = (sigma_w^2 / M) |row k|^2.
        var projected = Matrix(rows: n, columns: m)
        LinearAlgebra.multiply(s, transposeA: true, a, into: &projected)
        let scale = c.teacherVariance / Double(m)
        var q = [Double](repeating: 0, count: n)
        projected.elements.withUnsafeBufferPointer { v in
            for j in 0..<m {
                for i in 0..<n { q[i] += v[i + j * n] * v[i + j * n] }
            }
        }
        for i in 0..<n { q[i] *= scale }
        let solution = try GaussianEquivalentRidge.solve(eigenvalues: values, projections: q, signal: scale * trace,
                                                         configuration: c)
        return NonlinearDraw(loss: solution.loss, kappa: solution.kappa, rank: solution.rank,
                             seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
}
