import XCTest
import ScalingTheory
import ScalingMonteCarlo
import DenseAlgebra

/// The per-trial distribution summary against values computed independently
/// (SciPy 1.x: numpy.percentile, scipy.stats.skew, kurtosis(fisher=False),
/// kurtosistest), the bootstrap against the Gaussian interval it should
/// approach, and the inverse-Wishart moment rule against its derivation.
final class TrialDistributionTests: XCTestCase {
    func testQuantilesMomentsAndKurtosisTestMatchSciPy() throws {
        let outlier = try TrialDistribution(losses: [1, 2, 3, 4, 5, 6, 7, 100])
        XCTAssertEqual(outlier.median, 4.5)
        XCTAssertEqual(outlier.quantile10, 1.7, accuracy: 1e-12)
        XCTAssertEqual(outlier.quantile25, 2.75, accuracy: 1e-12)
        XCTAssertEqual(outlier.quantile75, 6.25, accuracy: 1e-12)
        XCTAssertEqual(outlier.quantile90, 34.9, accuracy: 1e-12)
        XCTAssertEqual(outlier.minimum, 1)
        XCTAssertEqual(outlier.maximum, 100)
        XCTAssertEqual(outlier.skewness, 2.252109793440743, accuracy: 1e-12)
        XCTAssertEqual(outlier.excessKurtosis + 3, 6.103399145125178, accuracy: 1e-12)
        XCTAssertEqual(outlier.kurtosisZ, 3.1759145134838356, accuracy: 1e-10)
        XCTAssertTrue(outlier.kurtosisIsHigh)

        let gaussianLike = try TrialDistribution(losses: [0.3, -1.2, 0.8, 2.1, -0.4, 0.0, 1.1, -0.7, 0.5, -1.9, 0.2, 0.9])
        XCTAssertEqual(gaussianLike.excessKurtosis + 3, 2.685278852413053, accuracy: 1e-12)
        XCTAssertEqual(gaussianLike.skewness, -0.1883235688999594, accuracy: 1e-12)
        XCTAssertEqual(gaussianLike.kurtosisZ, 0.40952144378255684, accuracy: 1e-10)
        XCTAssertFalse(gaussianLike.kurtosisIsHigh)
        XCTAssertNil(gaussianLike.standardErrorWarning(finiteMomentOrder: nil))
    }

    func testBadAndDegenerateInput() throws {
        XCTAssertThrowsError(try TrialDistribution(losses: []))
        XCTAssertThrowsError(try TrialDistribution(losses: [1, .infinity]))
        let flat = try TrialDistribution(losses: [2, 2, 2, 2, 2])
        XCTAssertEqual(flat.median, 2)
        XCTAssertTrue(flat.skewness.isNaN && flat.excessKurtosis.isNaN && flat.kurtosisZ.isNaN)
        XCTAssertFalse(flat.kurtosisIsHigh)
        XCTAssertThrowsError(try TrialDistribution.bootstrapInterval(losses: [1, 2], level: 1, seed: 0))
    }

    /// Skewness and kurtosis are scale-free: losses near 1e267, whose fourth
    /// powers overflow, have the moments of the same losses near 1 (the
    /// SciPy values above), and the standard error scales with them.
    func testMomentsOfHugeLossesDoNotOverflow() throws {
        let unit = try TrialDistribution(losses: [1, 2, 3, 4, 5, 6, 7, 100])
        let huge = try TrialDistribution(losses: [1, 2, 3, 4, 5, 6, 7, 100].map { $0 * 1e267 })
        XCTAssertEqual(huge.skewness, 2.252109793440743, accuracy: 1e-12)
        XCTAssertEqual(huge.excessKurtosis + 3, 6.103399145125178, accuracy: 1e-12)
        XCTAssertEqual(huge.standardError / 1e267, unit.standardError, accuracy: 1e-12 * unit.standardError)
    }

    /// For many Gaussian samples the percentile bootstrap of the mean is
    /// close to mean +- 1.96 s / sqrt(K); it is reproducible from its seed.
    func testBootstrapApproachesTheGaussianIntervalAndIsSeeded() throws {
        let stream = RandomStream(seed: 7, trial: 0).gaussians(400)
        let summary = try TrialDistribution(losses: stream)
        let interval = try TrialDistribution.bootstrapInterval(losses: stream, level: 0.95, resamples: 4000, seed: 3)
        let halfWidth = 1.959964 * summary.standardError
        XCTAssertEqual(interval.lowerBound, summary.mean - halfWidth, accuracy: 0.1 * halfWidth)
        XCTAssertEqual(interval.upperBound, summary.mean + halfWidth, accuracy: 0.1 * halfWidth)
        XCTAssertEqual(try TrialDistribution.bootstrapInterval(losses: stream, resamples: 500, seed: 3),
                       try TrialDistribution.bootstrapInterval(losses: stream, resamples: 500, seed: 3))
        XCTAssertNotEqual(try TrialDistribution.bootstrapInterval(losses: stream, resamples: 500, seed: 3),
                          try TrialDistribution.bootstrapInterval(losses: stream, resamples: 500, seed: 4))
    }

    /// E[W^-k] of a d x d Wishart with n degrees of freedom is finite iff
    /// n - d >= 2k; the order is floor((n - d) / 2).
    func testFiniteMomentOrderFollowsTheInverseWishartRule() throws {
        func order(_ n: Double, _ p: Double, m: Double = 1000, gamma: Double = 0) throws -> Int? {
            TrialDistribution.finiteMomentOrder(
                configuration: try ModelConfiguration(featureCount: n, sampleCount: p, ridge: gamma), latentDimension: m)
        }
        XCTAssertEqual(try order(397, 400), 1)   // n - d = 3: mean only
        XCTAssertEqual(try order(396, 400), 2)   // variance finite
        XCTAssertEqual(try order(399, 400), 0)   // infinite mean
        XCTAssertEqual(try order(400, 400), 0)
        XCTAssertEqual(try order(403, 400), 1)   // d = P, n = N
        XCTAssertEqual(try order(2000, 995), 2)  // d = P, n = M = 1000
        XCTAssertEqual(try order(1200, 1001), 0) // d = M, n = P
        XCTAssertEqual(try order(100, 400), 150)
        XCTAssertNil(try order(397, 400, gamma: 1e-3))
        let tails = try TrialDistribution(losses: [1, 2, 3, 4, 5])
        XCTAssertNotNil(tails.standardErrorWarning(finiteMomentOrder: 1))
        XCTAssertNotNil(tails.standardErrorWarning(finiteMomentOrder: 0))
        XCTAssertNil(tails.standardErrorWarning(finiteMomentOrder: 2))
    }

    /// Gaussian samples of K = 16 rarely look heavy-tailed (one-sided 0.13
    /// percent level): at most 3 of 400 seeded samples (expected 0.5).
    func testGaussianSamplesAreRarelyFlagged() throws {
        var flagged = 0
        for seed in 0..<400 {
            let sample = RandomStream(seed: UInt64(seed) + 100, trial: 0).gaussians(16)
            if try TrialDistribution(losses: sample).kurtosisIsHigh { flagged += 1 }
        }
        XCTAssertLessThanOrEqual(flagged, 3)
    }
}
