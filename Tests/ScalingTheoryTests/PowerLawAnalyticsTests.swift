import Foundation
import XCTest
import ScalingTheory

/// Local exponents, optimal ridge, compute-optimal allocation and the
/// bottleneck map.
final class PowerLawAnalyticsTests: XCTestCase {
    let solver = SelfConsistentSolver()

    /// alpha = 1, M = infinity, ridgeless, N << P: d ln L / d ln N = -alpha.
    /// The corrections are O(1/N) (discreteness) and N/P (the 1/(1 - N/P) factor).
    func testFeatureExponentIsMinusAlphaDeepInTheScalingRegime() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: .infinity)
        let e = try solver.localExponents(spectrum: spectrum,
                                          configuration: ModelConfiguration(featureCount: 1e4, sampleCount: 1e10))
        XCTAssertEqual(e.featureExponent, -1, accuracy: 1e-3)
        XCTAssertEqual(e.sampleExponent, 0, accuracy: 1e-5)
        XCTAssertEqual(e.ridgeExponent, 0, accuracy: 1e-12)
        // And the dual.
        let dual = try solver.localExponents(spectrum: spectrum,
                                             configuration: ModelConfiguration(featureCount: 1e10, sampleCount: 1e4))
        XCTAssertEqual(dual.sampleExponent, e.featureExponent, accuracy: 1e-9)
    }

    /// The analytic exponents against five-point central differences in ln N,
    /// ln P, ln gamma (step and tolerance: LocalExponentCheck).
    func testExponentsAgainstFiniteDifferences() throws {
        let spectra: [PowerLawSpectrum] = [try PowerLawSpectrum(alpha: 1, latentDimension: 2000),
                                           try PowerLawSpectrum(alpha: 0.4, lambdaPlus: 2, latentDimension: .infinity),
                                           try PowerLawSpectrum(alpha: 3, latentDimension: 1e9)]
        for spectrum in spectra {
            for c in try LocalExponentCheck.configurations() {
                try LocalExponentCheck.assertExponentsMatchDifferences(
                    spectrum, c, label: "M \(spectrum.latentDimension) alpha \(spectrum.alpha) \(c)")
            }
        }
    }

    func testExponentsAreNaNWhereTheLogarithmDoesNotExist() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 1000)
        let peak = try solver.localExponents(spectrum: spectrum,
                                             configuration: ModelConfiguration(featureCount: 300, sampleCount: 300))
        XCTAssertTrue(peak.featureExponent.isNaN && peak.prediction.loss == .infinity)
        // Beyond the latent dimension with noise: 1/2 sigma^2 M / (P - M).
        let noisy = try solver.localExponents(spectrum: spectrum, configuration: ModelConfiguration(
            featureCount: 2000, sampleCount: 3000, noiseVariance: 1e-2))
        XCTAssertEqual(noisy.featureExponent, 0)
        XCTAssertEqual(noisy.sampleExponent, -1.5, accuracy: 1e-15)
    }

    /// A ridge far below what the branch edge resolves (N just under M)
    /// gives the ridgeless Delta instead of a bracketing failure.
    func testTinyRidgeNextToTheBranchEdge() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 1e6)
        let ridgeless = try spectrum.predict(ModelConfiguration(featureCount: 999_999.9, sampleCount: 1e6))
        let tiny = try spectrum.predict(ModelConfiguration(featureCount: 999_999.9, sampleCount: 1e6, ridge: 1e-40))
        XCTAssertEqual(tiny.delta, ridgeless.delta, accuracy: 1e-12 * ridgeless.delta)
    }

    func testOptimalRidgeIsAMinimum() throws {
        let spectrum = try PowerLawSpectrum(alpha: 0.5, latentDimension: .infinity)
        for c in [try ModelConfiguration(featureCount: 1000, sampleCount: 1000),
                  try ModelConfiguration(featureCount: 300, sampleCount: 1e4, noiseVariance: 1e-3)] {
            let best = try solver.optimalRidge(spectrum: spectrum, configuration: c)
            XCTAssertEqual(best.optimum, .interior)
            XCTAssertTrue(best.ridge > 0 && best.ridge.isFinite)
            XCTAssertLessThanOrEqual(best.loss, best.ridgelessLoss)
            for factor in [0.9, 1.1, 0.1, 10] {
                let other = try spectrum.predict(c.with(ridge: best.ridge * factor))
                XCTAssertLessThanOrEqual(best.loss, other.loss * (1 + 1e-12), "\(c) factor \(factor)")
            }
            // The optimum is flat: the loss there is within ~(1e-5)^2 of a
            // fresh evaluation at the reported ridge.
            XCTAssertEqual(try spectrum.predict(c.with(ridge: best.ridge)).loss, best.loss, accuracy: 1e-12 * best.loss)
        }
        // At the ridgeless interpolation peak the optimum is finite.
        let peak = try solver.optimalRidge(spectrum: spectrum,
                                           configuration: ModelConfiguration(featureCount: 500, sampleCount: 500))
        XCTAssertEqual(peak.ridgelessLoss, .infinity)
        XCTAssertTrue(peak.loss.isFinite)
    }

    /// Noiseless beyond the latent dimension the ridgeless loss is 0 and any
    /// ridge hurts: the optimum is the boundary gamma -> 0.
    func testOptimalRidgeReportsTheZeroBoundary() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 500)
        let best = try solver.optimalRidge(spectrum: spectrum,
                                           configuration: ModelConfiguration(featureCount: 800, sampleCount: 1500))
        XCTAssertEqual(best.optimum, .zeroRidge)
        XCTAssertEqual(best.ridge, 0)
        XCTAssertEqual(best.loss, 0)
    }

    /// Ridgeless and noiseless, L ~ n^-alpha / (1 - n/n') at n n' = C is
    /// smallest at n/n' = alpha / (alpha + 2); at the optimal ridge the
    /// allocation is N = P.
    func testComputeOptimalAllocation() throws {
        for alpha in [1.0, 2.0] {
            let spectrum = try PowerLawSpectrum(alpha: alpha, latentDimension: .infinity)
            let template = try ModelConfiguration(featureCount: 1, sampleCount: 1)
            let a = try solver.computeOptimalAllocation(spectrum: spectrum, compute: 1e10, configuration: template,
                                                        optimizeRidge: false)
            XCTAssertEqual(a.featureCount * a.sampleCount, 1e10, accuracy: 1e-4)
            XCTAssertEqual(a.ratio, alpha / (alpha + 2), accuracy: 2e-3, "alpha \(alpha)")
            XCTAssertNil(a.ridgeOptimum)
        }
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: .infinity)
        let b = try solver.computeOptimalAllocation(spectrum: spectrum, compute: 1e6,
                                                    configuration: ModelConfiguration(featureCount: 1, sampleCount: 1),
                                                    optimizeRidge: true)
        XCTAssertEqual(b.ratio, 1, accuracy: 1e-3)
        XCTAssertEqual(b.ridgeOptimum, .interior)
        let there = try solver.optimalRidge(spectrum: spectrum,
                                            configuration: ModelConfiguration(featureCount: 1000, sampleCount: 1000))
        XCTAssertEqual(b.loss, there.loss, accuracy: 1e-6 * there.loss)
    }

    func testBottleneckCalls() throws {
        let infinite = try PowerLawSpectrum(alpha: 1, latentDimension: .infinity)
        let few = try solver.bottleneck(spectrum: infinite,
                                        configuration: ModelConfiguration(featureCount: 100, sampleCount: 1e5))
        XCTAssertEqual(few.bottleneck, .features)
        XCTAssertEqual(few.featureGain, pow(10, -few.exponents.featureExponent), accuracy: 0.2 * few.featureGain)
        XCTAssertEqual(few.latentDimensionGain, 1)
        let data = try solver.bottleneck(spectrum: infinite,
                                         configuration: ModelConfiguration(featureCount: 1e5, sampleCount: 100))
        XCTAssertEqual(data.bottleneck, .samples)
        // A ridge far above its optimum is what holds the loss up.
        let ridged = try solver.bottleneck(spectrum: infinite, configuration: ModelConfiguration(
            featureCount: 1e4, sampleCount: 1e4, ridge: 1e8))
        XCTAssertEqual(ridged.bottleneck, .ridge)
        XCTAssertGreaterThan(ridged.exponents.ridgeExponent, 0)

        let finite = try PowerLawSpectrum(alpha: 1, latentDimension: 1000)
        let beyond = try solver.bottleneck(spectrum: finite, configuration: ModelConfiguration(
            featureCount: 2000, sampleCount: 3000, noiseVariance: 1e-3))
        XCTAssertEqual(beyond.bottleneck, .latentDimension)
        // Ten times N reaches M = 1000: the noiseless loss drops to 0.
        let reach = try solver.bottleneck(spectrum: finite,
                                          configuration: ModelConfiguration(featureCount: 100, sampleCount: 1e4))
        XCTAssertEqual(reach.bottleneck, .features)
        XCTAssertEqual(reach.featureGain, .infinity)
    }
}
