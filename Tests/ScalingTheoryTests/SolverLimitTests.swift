import XCTest
import ScalingTheory

/// Limits with closed forms, the N <-> P duality and the regimes of
/// Docs/Theory.md section 3.
final class SolverLimitTests: XCTestCase {
    let spectrum = try! PowerLawSpectrum(alpha: 1, lambdaPlus: 1, latentDimension: 2000)

    func testDualityAtZeroAndPositiveRidge() throws {
        for gamma in [0, 1e-4, 1e-2, 1.0] {
            for (n, p) in [(50.0, 700.0), (300.0, 120.0), (1999.0, 10.0), (40.5, 41.5)] {
                let a = try spectrum.predict(ModelConfiguration(featureCount: n, sampleCount: p, ridge: gamma))
                let b = try spectrum.predict(ModelConfiguration(featureCount: p, sampleCount: n, ridge: gamma))
                XCTAssertEqual(a.loss, b.loss, accuracy: 1e-10 * a.loss, "gamma \(gamma), N \(n), P \(p)")
                XCTAssertEqual(a.delta, b.delta, accuracy: 1e-10 * a.delta)
            }
        }
    }

    /// Ridgeless, n = min(N,P) < M: <L> = (sigma_w^2 / 2M) Delta n / (1 - n/n'),
    /// with df1(Delta) = n; the general solver must approach it as gamma -> 0.
    func testRidgelessClosedFormIsTheSmallRidgeLimit() throws {
        let solver = SelfConsistentSolver()
        let m = spectrum.latentDimension
        for (n, p, sigmaW2) in [(100.0, 400.0, 1.0), (900.0, 150.0, 2.5), (10.0, 1e6, 1.0)] {
            let small = min(n, p), large = max(n, p)
            let delta = try solver.branchEdge(spectrum: spectrum, degreesOfFreedom: small)
            XCTAssertEqual(spectrum.df1(delta), small, accuracy: 1e-11 * small)
            let closedForm = sigmaW2 / (2 * m) * delta * small / (1 - small / large)
            for gamma in [1e-12, 1e-14] {
                let limit = try spectrum.predict(ModelConfiguration(
                    featureCount: n, sampleCount: p, ridge: gamma, teacherVariance: sigmaW2))
                XCTAssertEqual(limit.loss, closedForm, accuracy: 1e-6 * closedForm, "N \(n) P \(p) gamma \(gamma)")
            }
            let exact = try spectrum.predict(ModelConfiguration(
                featureCount: n, sampleCount: p, teacherVariance: sigmaW2))
            XCTAssertEqual(exact.loss, closedForm, accuracy: 1e-12 * closedForm)
        }
    }

    func testInterpolationPeakIsInfiniteAndFiniteWithRidge() throws {
        let peak = try spectrum.predict(ModelConfiguration(featureCount: 300, sampleCount: 300))
        XCTAssertEqual(peak.loss, .infinity)
        XCTAssertEqual(peak.regime, .interpolationThreshold)
        XCTAssertTrue(peak.delta > 0 && peak.delta.isFinite)
        let ridged = try spectrum.predict(ModelConfiguration(featureCount: 300, sampleCount: 300, ridge: 1e-6))
        XCTAssertTrue(ridged.loss.isFinite && ridged.loss > 0)
        // Approaching the peak the loss grows without bound.
        let near = try spectrum.predict(ModelConfiguration(featureCount: 299, sampleCount: 300))
        let farther = try spectrum.predict(ModelConfiguration(featureCount: 290, sampleCount: 300))
        XCTAssertGreaterThan(near.loss, 5 * farther.loss)
    }

    /// min(N, P) >= M with gamma > 0: Delta0 = 0, and gamma -> 0 recovers the
    /// noise-only closed form 1/2 sigma_eps^2 M / (P - M).
    func testBeyondLatentDimensionSmallRidgeLimit() throws {
        let small = try PowerLawSpectrum(alpha: 1.5, latentDimension: 500)
        let exact = try small.predict(ModelConfiguration(featureCount: 800, sampleCount: 1500, noiseVariance: 1e-3))
        XCTAssertEqual(exact.regime, .beyondLatentDimension)
        XCTAssertEqual(exact.loss, 0.5e-3 * 500 / 1000, accuracy: 1e-15)
        let limit = try small.predict(ModelConfiguration(featureCount: 800, sampleCount: 1500, ridge: 1e-13,
                                                         noiseVariance: 1e-3))
        XCTAssertEqual(limit.loss, exact.loss, accuracy: 1e-6 * exact.loss)
        let noiseless = try small.predict(ModelConfiguration(featureCount: 800, sampleCount: 1500))
        XCTAssertEqual(noiseless.loss, 0)
    }

    /// gamma -> infinity: the predictor shrinks to zero and <L> -> L0.
    func testLargeRidgeApproachesZeroPredictor() throws {
        let p = try spectrum.predict(ModelConfiguration(featureCount: 100, sampleCount: 200, ridge: 1e12))
        XCTAssertEqual(p.relativeLoss, 1, accuracy: 1e-6)
        XCTAssertEqual(p.zeroPredictorLoss, spectrum.trace / (2 * 2000), accuracy: 1e-15)
    }

    func testSelfConsistentEquationHoldsAtTheRoot() throws {
        let c = try ModelConfiguration(featureCount: 123, sampleCount: 456, ridge: 3e-3, featureWeightVariance: 0.7)
        let p = try spectrum.predict(c)
        let lhs = c.ridge * 2000 / (0.7 * 123 * 456)
        let rhs = p.delta * (1 - p.df1 / 123) * (1 - p.df1 / 456)
        XCTAssertEqual(rhs, lhs, accuracy: 1e-12 * lhs)
    }

    func testLossIncreasesWithNoiseAndRidgeReducesThePeak() throws {
        let base = try spectrum.predict(ModelConfiguration(featureCount: 200, sampleCount: 220, ridge: 1e-5))
        let noisy = try spectrum.predict(ModelConfiguration(featureCount: 200, sampleCount: 220, ridge: 1e-5,
                                                           noiseVariance: 1e-4))
        XCTAssertGreaterThan(noisy.loss, base.loss)
        let ridgeless = try spectrum.predict(ModelConfiguration(featureCount: 200, sampleCount: 220))
        XCTAssertGreaterThan(ridgeless.loss, base.loss)
    }
}
