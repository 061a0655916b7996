import Foundation
import XCTest
import ScalingTheory

/// The Euler-Maclaurin path of `PowerLawSpectrum` against exact sums, and
/// M = infinity.
final class PowerLawFastPathTests: XCTestCase {
    /// df1, df2 and the derivative terms agree with the exact O(M) sums to
    /// 1e-10 for M from 1e3 to 1e7, alpha from 0.1 to 5, Delta over 30 decades.
    /// The grid thins out at large M, where each exact sum costs ~0.1 s.
    func testSumsAgreeWithExactSums() throws {
        let grid: [(Double, [Double])] = [(1e3, [0.1, 1, 5]), (2e3, [0.1, 0.5, 1, 2, 5]), (1e4, [0.1, 0.5, 1, 2, 5]),
                                          (1e5, [0.1, 1, 5]), (1e6, [0.1, 2]), (1e7, [0.1, 5])]
        let deltas = stride(from: -28.0, through: 2.0, by: 3.0).map { pow(10, $0) }
        for (m, alphas) in grid {
            for alpha in alphas {
                let exact = try PowerLawSpectrum(alpha: alpha, lambdaPlus: 1.5, latentDimension: m, summation: .exact)
                let fast = try PowerLawSpectrum(alpha: alpha, lambdaPlus: 1.5, latentDimension: m,
                                                summation: .eulerMaclaurin)
                XCTAssertEqual(fast.summation, .eulerMaclaurin)
                XCTAssertEqual(fast.trace, exact.trace, accuracy: 1e-13 * exact.trace, "M \(m) alpha \(alpha)")
                for delta in deltas {
                    let a = exact.sums(at: delta), b = try fast.checkedSums(at: delta)
                    let label = "M \(m) alpha \(alpha) Delta \(delta)"
                    XCTAssertEqual(b.df1, a.df1, accuracy: 1e-10 * a.df1, label)
                    XCTAssertEqual(b.df2, a.df2, accuracy: 1e-10 * a.df2, label)
                    XCTAssertEqual(b.df1MinusDf2, a.df1MinusDf2, accuracy: 1e-10 * a.df1MinusDf2, label)
                    XCTAssertEqual(b.df2MinusDf3, a.df2MinusDf3, accuracy: 1e-10 * a.df2MinusDf3, label)
                }
            }
        }
    }

    /// df1 alone (`checkedDf1`, the root verification's sum, which skips the
    /// other three tails' end corrections) and the slack k - df1 agree with
    /// the exact O(M) sums to 1e-10, at finite M and where the tail reaches
    /// past Delta.
    func testDf1AloneAndSlackAgreeWithExactSums() throws {
        for (m, alpha) in [(2e3, 0.3), (1e5, 1.0), (1e6, 2.5)] {
            let exact = try PowerLawSpectrum(alpha: alpha, latentDimension: m, summation: .exact)
            let fast = try PowerLawSpectrum(alpha: alpha, latentDimension: m, summation: .eulerMaclaurin)
            for delta in stride(from: -20.0, through: 1.0, by: 3.0).map({ pow(10, $0) }) {
                let a = exact.sums(at: delta).df1, b = try fast.checkedDf1(delta)
                XCTAssertEqual(b, a, accuracy: 1e-10 * a, "M \(m) alpha \(alpha) Delta \(delta)")
                XCTAssertEqual(b, try fast.checkedSums(at: delta).df1, accuracy: 1e-13 * a)
                // k below df1, and k above M/2 (the tail's own slack sum q).
                for k in [(0.5 * a).rounded(.up), (0.75 * m).rounded()] {
                    let slack = try fast.checkedDf1Slack(delta, from: k)
                    XCTAssertEqual(slack, try exact.checkedDf1Slack(delta, from: k), accuracy: 1e-10 * max(a, k),
                                   "M \(m) alpha \(alpha) Delta \(delta) k \(k)")
                }
            }
        }
    }

    func testLossAgreesWithExactSums() throws {
        let cases: [(Double, Double, ModelConfiguration)] = [
            (1e4, 0.1, try ModelConfiguration(featureCount: 300, sampleCount: 2000)),
            (1e4, 5, try ModelConfiguration(featureCount: 3000, sampleCount: 200, ridge: 1e-6)),
            (1e5, 1, try ModelConfiguration(featureCount: 5000, sampleCount: 5000, ridge: 1e-3, noiseVariance: 1e-2)),
            (1e6, 0.5, try ModelConfiguration(featureCount: 1e4, sampleCount: 3e4, ridge: 10,
                                              teacherVariance: 2, featureWeightVariance: 0.5, noiseVariance: 1e-3)),
            (1e6, 2, try ModelConfiguration(featureCount: 2e5, sampleCount: 1e5)),
        ]
        for (m, alpha, configuration) in cases {
            let exact = try PowerLawSpectrum(alpha: alpha, latentDimension: m, summation: .exact)
            let fast = try PowerLawSpectrum(alpha: alpha, latentDimension: m, summation: .eulerMaclaurin)
            let a = try exact.predict(configuration), b = try fast.predict(configuration)
            XCTAssertEqual(a.summation, .exact)
            XCTAssertEqual(b.summation, .eulerMaclaurin)
            XCTAssertEqual(b.loss, a.loss, accuracy: 1e-10 * a.loss, "M \(m) alpha \(alpha)")
            XCTAssertEqual(b.relativeLoss, a.relativeLoss, accuracy: 1e-10 * a.relativeLoss)
            XCTAssertEqual(b.delta, a.delta, accuracy: 1e-10 * a.delta)
        }
    }

    func testAutomaticChoiceAndForcing() throws {
        XCTAssertEqual(try PowerLawSpectrum(alpha: 1, latentDimension: 1e5).summation, .exact)
        XCTAssertEqual(try PowerLawSpectrum(alpha: 1, latentDimension: 1e5 + 1).summation, .eulerMaclaurin)
        XCTAssertEqual(try PowerLawSpectrum(alpha: 1, latentDimension: 1e15).summation, .eulerMaclaurin)
        XCTAssertEqual(try PowerLawSpectrum(alpha: 1, latentDimension: .infinity).summation, .eulerMaclaurin)
        XCTAssertThrowsError(try PowerLawSpectrum(alpha: 1, latentDimension: .infinity, summation: .exact)) {
            guard case ScalingError.unsupported = $0 else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try PowerLawSpectrum(alpha: 1, latentDimension: 1e12, summation: .exact)) {
            guard case ScalingError.tooLarge = $0 else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try PowerLawSpectrum(alpha: 1, latentDimension: .infinity).eigenvalues()) {
            guard case ScalingError.unsupported = $0 else { return XCTFail("\($0)") }
        }
        let listed = try PowerLawSpectrum(alpha: 1, latentDimension: 2e5).eigenvalues()
        XCTAssertEqual(listed.count, 200_000)
        XCTAssertEqual(listed[1], 0.25)
    }

    /// The trace at M = infinity is lambda_plus zeta(1 + alpha).
    func testInfiniteTraceIsRiemannZeta() throws {
        let s = try PowerLawSpectrum(alpha: 1, lambdaPlus: 3, latentDimension: .infinity)
        XCTAssertEqual(s.trace, 3 * Double.pi * Double.pi / 6, accuracy: 1e-14 * s.trace)
        XCTAssertEqual(s.normalizingDimension, 1)
        let q = try PowerLawSpectrum(alpha: 3, latentDimension: .infinity)
        XCTAssertEqual(q.trace, pow(Double.pi, 4) / 90, accuracy: 1e-14)
    }

    /// M = 1e12 and M = infinity: the same relative loss and Delta, and the
    /// loss at 1e12 times M equals the per-component loss at infinity, with
    /// the ridge and the label noise scaled by 1/M at 1e12 (see
    /// `Spectrum.normalizingDimension`). The two differ by the eigenvalues
    /// beyond index M, which add about M^-alpha / (alpha Delta) to df1 out of
    /// min(N, P): ~1e-3 relative for alpha = 0.3 (amplified a few times next to
    /// N = P, where the loss is sensitive to df1), below 1e-8 for alpha >= 1.
    func testHugeAndInfiniteLatentDimensionAreConsistent() throws {
        let m = 1e12
        for (alpha, tolerance) in [(0.3, 1e-2), (1.0, 1e-7), (3.0, 1e-7)] {
            let finite = try PowerLawSpectrum(alpha: alpha, latentDimension: m)
            let infinite = try PowerLawSpectrum(alpha: alpha, latentDimension: .infinity)
            for (n, p, gamma) in [(1e3, 1e6, 0.0), (1e5, 1e4, 1e-3), (3e4, 3e4, 1e-8)] {
                let a = try finite.predict(ModelConfiguration(featureCount: n, sampleCount: p, ridge: gamma / m,
                                                              noiseVariance: 1e-4 / m))
                let b = try infinite.predict(ModelConfiguration(featureCount: n, sampleCount: p, ridge: gamma,
                                                                noiseVariance: 1e-4))
                let label = "alpha \(alpha) N \(n) P \(p) gamma \(gamma)"
                XCTAssertTrue(a.loss.isFinite && b.loss.isFinite && b.loss > 0, label)
                XCTAssertNotEqual(b.regime, .beyondLatentDimension)
                XCTAssertEqual(a.relativeLoss, b.relativeLoss, accuracy: tolerance * b.relativeLoss, label)
                XCTAssertEqual(a.loss * m, b.loss, accuracy: tolerance * b.loss, label)
                XCTAssertEqual(a.delta, b.delta, accuracy: tolerance * b.delta, label)
            }
        }
    }

    /// Docs/Theory.md section 4 at M = infinity, N = 1e4, P = 1e8, gamma = 0.
    func testInfiniteLatentDimensionMatchesTheAsymptoticLaw() throws {
        for alpha in [0.5, 1.0, 2.0] {
            let spectrum = try PowerLawSpectrum(alpha: alpha, latentDimension: .infinity)
            let law = try AsymptoticScalingLaw(spectrum: spectrum)
            XCTAssertEqual(law.exponent, -alpha)
            let exact = try spectrum.predict(ModelConfiguration(featureCount: 1e4, sampleCount: 1e8))
            let asymptotic = law.loss(featureCount: 1e4, sampleCount: 1e8)
            XCTAssertEqual(asymptotic, exact.loss, accuracy: 0.01 * exact.loss, "alpha \(alpha)")
            XCTAssertEqual(try law.relativeError(spectrum: spectrum, featureCount: 1e4, sampleCount: 1e8),
                           abs(asymptotic / exact.loss - 1), accuracy: 1e-15)
            // N <-> P.
            XCTAssertEqual(law.loss(featureCount: 1e8, sampleCount: 1e4), asymptotic)
        }
        // alpha = 1: Gamma(3/2) Gamma(1/2) = pi/2, coefficient (pi/2)^2 / 2.
        let law = try AsymptoticScalingLaw(spectrum: PowerLawSpectrum(alpha: 1, latentDimension: .infinity))
        XCTAssertEqual(law.coefficient, Double.pi * Double.pi / 8, accuracy: 1e-14)
    }

    /// Up to M = 1e15 and over Delta from 1e-300 to 1e300 the sums stay
    /// finite, ordered (df2 <= df1 <= M) and monotone in Delta, to rounding
    /// (1e-13 relative: where Delta << lambda_M, df1 = M - tiny and its last
    /// digits are rounding): no overflow in c I^(1+alpha), no cancellation at
    /// t -> 1, underflow only to 0.
    func testExtremeLatentDimensionAndDelta() throws {
        for alpha in [0.1, 5.0] {
            for m in [1e15, .infinity] {
                let spectrum = try PowerLawSpectrum(alpha: alpha, latentDimension: m)
                var previous = Double.infinity
                for exponent in stride(from: -300.0, through: 300.0, by: 20) {
                    let sums = try spectrum.checkedSums(at: pow(10, exponent))
                    let label = "alpha \(alpha) M \(m) Delta 1e\(exponent)"
                    XCTAssertTrue(sums.df1.isFinite && sums.df2.isFinite && sums.df1MinusDf2.isFinite
                                  && sums.df2MinusDf3.isFinite, label)
                    XCTAssertTrue(sums.df2 <= sums.df1 * (1 + 1e-13) && sums.df1 <= m * (1 + 1e-13)
                                  && sums.df1MinusDf2 >= 0 && sums.df2MinusDf3 >= 0, label)
                    XCTAssertLessThanOrEqual(sums.df1, previous * (1 + 1e-13), label)
                    previous = sums.df1
                }
                for ridge in [0, 1e-3] {
                    let prediction = try spectrum.predict(ModelConfiguration(featureCount: 1e6, sampleCount: 1e9,
                                                                             ridge: ridge, noiseVariance: 1e-6))
                    XCTAssertTrue(prediction.loss.isFinite && prediction.loss > 0, "alpha \(alpha) M \(m)")
                    XCTAssertEqual(prediction.summation, .eulerMaclaurin)
                }
            }
        }
    }

    func testRejectsBadParameters() {
        for (alpha, m) in [(0.0, 10.0), (-0.5, 10), (1, 0.5), (1, 0), (1, -Double.infinity), (1, .nan),
                           (.nan, 10), (.infinity, 10), (1, 1e12 + 0.5)] {
            XCTAssertThrowsError(try PowerLawSpectrum(alpha: alpha, latentDimension: m)) {
                guard case ScalingError.invalidParameter = $0 else { return XCTFail("\(alpha) \(m): \($0)") }
            }
        }
        XCTAssertThrowsError(try ModelConfiguration(featureCount: .infinity, sampleCount: 10))
        XCTAssertThrowsError(try ModelConfiguration(featureCount: 10, sampleCount: 10, ridge: -1))
    }
}
