import ScalingTheory
import DenseAlgebra
import NonlinearFeatureTheory

/// The eigenvalues of the N x N covariance of the features phi = sigma(U x),
/// measured on a large sample for one draw of U (Docs/Theory.md section 6).
///
/// Linear features have a covariance U Lambda U^T of rank <= M, so the
/// eigenvalues past index M are at rounding level; nonlinear maps continue
/// the latent power law past M, the paper's mechanism by which nonlinear
/// features extend scaling laws.
///
/// Convention: the centred sample covariance with 1/S normalization,
/// `C = (1/S) sum_s phi_s phi_s^T - m m^T`, m the sample mean of phi.
public struct FeatureCovarianceSpectrum: Sendable {
    /// The eigenvalues of C, descending (N of them).
    public let eigenvalues: [Double]
    /// M of the latent spectrum, for reference.
    public let latentDimension: Int

    /// Samples U (u_iI ~ N(0, sigma_u^2 / M)) and `sampleCount` latent vectors
    /// from the stream of (seed, 0), in batches. Throws
    /// `ScalingError.invalidParameter` for N < 1 or fewer than 2 samples,
    /// `.tooLarge` above the memory limit (default half the physical memory).
    public init(spectrum: some Spectrum, featureCount n: Int, sampleCount s: Int, activation: Activation = .linear,
                featureWeightVariance: Double = 1, seed: UInt64 = 0, memoryLimit: Double? = nil) throws {
        try Self.validate(spectrum, featureCount: n, featureWeightVariance: featureWeightVariance)
        guard s >= 2 else {
            throw ScalingError.invalidParameter(name: "sampleCount", value: Double(s), requirement: "must be >= 2")
        }
        let m = try Self.checkMemory(spectrum: spectrum, featureCount: n, sampleCount: s, memoryLimit: memoryLimit)
        let batch = min(s, 2048)
        let root = try spectrum.eigenvalues().map { $0.squareRoot() }

        let stream = RandomStream(seed: seed, trial: 0)
        var u = Matrix(rows: n, columns: m)
        stream.fillGaussian(&u.elements, standardDeviation: (featureWeightVariance / Double(m)).squareRoot())
        var second = Matrix(rows: n, columns: n)
        var sums = [Double](repeating: 0, count: n)
        try BLASThreads.singleThreaded {
            var done = 0
            while done < s {
                let size = min(batch, s - done)
                let phi = try activation.features(weights: u, inputs: stream.latentVectors(size, rootEigenvalues: root))
                LinearAlgebra.symmetricRankK(phi, into: &second, beta: 1)
                for j in 0..<size {
                    for i in 0..<n { sums[i] += phi[i, j] }
                }
                done += size
            }
        }
        let count = Double(s)
        for j in 0..<n {
            for i in j..<n { second[i, j] = second[i, j] / count - (sums[i] / count) * (sums[j] / count) }
        }
        eigenvalues = try LinearAlgebra.symmetricEigenvalues(&second).reversed()
        latentDimension = m
    }

    /// The exact covariance for one draw of U, without sampling x: `C = S - m m^T`
    /// with S the features' second moments and m their means from
    /// `FeatureKernel` (closed forms, or Gauss-Hermite quadrature of order
    /// `quadratureOrder`). U is the one the sampled initializer draws for the
    /// same seed, so the two differ only by the sampling error. Throws as the
    /// sampled initializer, and `.invalidParameter` for a bad quadrature order.
    public init(exactFor spectrum: some Spectrum, featureCount n: Int, activation: Activation = .linear,
                featureWeightVariance: Double = 1, seed: UInt64 = 0, quadratureOrder: Int = 40,
                memoryLimit: Double? = nil) throws {
        try Self.validate(spectrum, featureCount: n, featureWeightVariance: featureWeightVariance)
        let kernel = try FeatureKernel(activation: activation, quadratureOrder: quadratureOrder)
        let m = try Self.checkMemory(spectrum: spectrum, featureCount: n, sampleCount: nil,
                                     quadratureOrder: quadratureOrder, memoryLimit: memoryLimit)
        let root = try spectrum.eigenvalues().map { $0.squareRoot() }
        let stream = RandomStream(seed: seed, trial: 0)
        var a = Matrix(rows: n, columns: m)
        stream.fillGaussian(&a.elements, standardDeviation: (featureWeightVariance / Double(m)).squareRoot())
        a.scaleColumns(by: root)
        var k = Matrix(rows: n, columns: n)
        BLASThreads.singleThreaded { LinearAlgebra.symmetricRankK(a, into: &k) }
        var covariance = kernel.secondMoments(k)
        let means = (0..<n).map { kernel.mean(variance: k[$0, $0]) }
        for j in 0..<n {
            for i in j..<n { covariance[i, j] -= means[i] * means[j] }
        }
        eigenvalues = try LinearAlgebra.symmetricEigenvalues(&covariance).reversed()
        latentDimension = m
    }

    /// The memory check of the initializers, callable before them (so that a
    /// caller can refuse a size before estimating its work): the sampled one
    /// with `sampleCount`, the exact one with nil. Returns M.
    @discardableResult
    public static func checkMemory(spectrum: some Spectrum, featureCount n: Int, sampleCount s: Int?,
                                   quadratureOrder: Int = 40, memoryLimit: Double? = nil) throws -> Int {
        let m = try SizeCheck.latentDimension(spectrum.latentDimension, what: "a feature covariance")
        let (nn, mm) = (Double(n), Double(m))
        let bytes: Double
        if let s {
            // U, the Gram matrix and dsyevd's workspace (about 2 N^2), one batch of X and of Phi.
            bytes = 8 * (nn * mm + 3 * nn * nn + Double(min(s, 2048)) * (mm + nn) + 2 * mm)
        } else {
            // U, K, S and dsyevd's workspace, the quadrature table.
            bytes = 8 * (nn * mm + 4 * nn * nn + nn * (Double(quadratureOrder) + 2))
        }
        try MemoryBudget.check(bytes, limit: memoryLimit, what: "a feature covariance at N = \(n), M = \(m)")
        return m
    }

    /// The checks both initializers share.
    private static func validate(_ spectrum: some Spectrum, featureCount n: Int, featureWeightVariance: Double) throws {
        guard n >= 1 else {
            throw ScalingError.invalidParameter(name: "featureCount (N)", value: Double(n), requirement: "must be >= 1")
        }
        guard featureWeightVariance.isFinite, featureWeightVariance > 0 else {
            throw ScalingError.invalidParameter(name: "featureWeightVariance (sigma_u^2)", value: featureWeightVariance,
                                                requirement: "must be positive and finite")
        }
        guard spectrum.latentDimension.isFinite else {
            throw ScalingError.unsupported("a simulation needs a finite latent dimension M")
        }
    }
}
