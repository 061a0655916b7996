import Foundation
import XCTest
import ScalingTheory

/// The power-law teacher omega_I = (sigma_w^2/M) I^-beta: the Euler-Maclaurin
/// teacher sums against exact O(M) sums, M = infinity, and the teacher file.
final class PowerLawTeacherTests: XCTestCase {
    /// bias, cross and signal agree with exact sums to 1e-10 for M from 1e3 to
    /// 1e7, beta from -2 to 4 (including beta = 1 and nu = 2, where the tail's
    /// incomplete beta parameter is 0), Delta over 24 decades.
    func testTeacherSumsAgreeWithExactSums() throws {
        let grid: [(Double, [(Double, Double)])] = [
            (1e3, [(1, 0.5)]),
            (4e3, [(0.3, -0.5), (0.3, 2.6), (1, 1), (1, 3), (2, -2), (0.5, 4)]),
            (1e5, [(1, 0.5), (0.5, 1), (2, 2), (0.25, -0.2), (1, -1.5)]),
            (1e6, [(1, 1.5), (0.5, -0.3)]),
            (1e7, [(0.7, 2)]),
        ]
        for (m, pairs) in grid {
            let deltas: [Double] = m >= 1e6 ? [1e-14, 1e-7, 1e-2] : stride(from: -22.0, through: 2.0, by: 3.0).map { pow(10, $0) }
            for (alpha, beta) in pairs {
                let exact = try PowerLawSpectrum(alpha: alpha, lambdaPlus: 1.5, latentDimension: m, summation: .exact)
                let fast = try PowerLawSpectrum(alpha: alpha, lambdaPlus: 1.5, latentDimension: m, summation: .eulerMaclaurin)
                let teacher = try Teacher.powerLaw(exponent: beta)
                let signal = try teacher.signal(spectrum: fast, teacherVariance: 2)
                XCTAssertEqual(signal, try teacher.signal(spectrum: exact, teacherVariance: 2), accuracy: 1e-12 * signal)
                for delta in deltas {
                    let a = try teacher.sums(spectrum: exact, teacherVariance: 2, at: delta)
                    let b = try teacher.sums(spectrum: fast, teacherVariance: 2, at: delta)
                    let label = "M \(m) alpha \(alpha) beta \(beta) Delta \(delta)"
                    XCTAssertEqual(b.signal, a.signal, accuracy: 1e-12 * a.signal, label)
                    XCTAssertEqual(b.bias, a.bias, accuracy: 1e-10 * a.bias, label)
                    XCTAssertEqual(b.cross, a.cross, accuracy: 1e-10 * a.cross, label)
                }
            }
        }
    }

    /// Whole predictions (loss, relative loss, training error) on both paths.
    func testPredictionsAgreeWithExactSums() throws {
        let cases: [(Double, Double, Double, ModelConfiguration)] = [
            (1e4, 0.5, 1.0, try ModelConfiguration(featureCount: 300, sampleCount: 2000)),
            (1e4, 2, -0.5, try ModelConfiguration(featureCount: 3000, sampleCount: 200, ridge: 1e-6)),
            (1e5, 1, 2, try ModelConfiguration(featureCount: 5000, sampleCount: 5000, ridge: 1e-3, noiseVariance: 1e-2)),
            (1e6, 0.5, 0.7, try ModelConfiguration(featureCount: 1e4, sampleCount: 3e4, ridge: 10,
                                                   teacherVariance: 2, featureWeightVariance: 0.5, noiseVariance: 1e-3)),
        ]
        for (m, alpha, beta, base) in cases {
            let c = try base.with(teacher: try .powerLaw(exponent: beta))
            let exact = try PowerLawSpectrum(alpha: alpha, latentDimension: m, summation: .exact)
            let fast = try PowerLawSpectrum(alpha: alpha, latentDimension: m, summation: .eulerMaclaurin)
            let a = try exact.predict(c), b = try fast.predict(c)
            let label = "M \(m) alpha \(alpha) beta \(beta)"
            XCTAssertEqual(b.loss, a.loss, accuracy: 1e-10 * a.loss, label)
            XCTAssertEqual(b.relativeLoss, a.relativeLoss, accuracy: 1e-10 * a.relativeLoss, label)
            XCTAssertEqual(b.trainingError, a.trainingError, accuracy: 1e-10 * a.trainingError, label)
        }
    }

    /// At M = infinity the teacher sums exist only for alpha + beta > 0; the
    /// rest is a typed error. Where they exist, M = 1e12 with the loss times M
    /// (ridge and noise scaled by 1/M) approaches them, as for the isotropic
    /// teacher (see PowerLawFastPathTests), up to the directions beyond M:
    /// their signal is sum_{I > M} I^-(1+alpha+beta) ~ M^-(alpha+beta)/(alpha+beta)
    /// against an O(1) total, which sets the tolerance (with a factor 100 for
    /// the loss, a small part of the signal).
    func testInfiniteLatentDimension() throws {
        let infinite = try PowerLawSpectrum(alpha: 1, latentDimension: .infinity)
        for beta in [-1.0, -1.5, -3] {
            let c = try ModelConfiguration(featureCount: 100, sampleCount: 400, teacher: try .powerLaw(exponent: beta))
            XCTAssertThrowsError(try infinite.predict(c), "beta \(beta)") {
                guard case let ScalingError.invalidParameter(name, value, _) = $0 else { return XCTFail("\($0)") }
                XCTAssertEqual(name, "teacher exponent (beta)")
                XCTAssertEqual(value, beta)
            }
        }
        let m = 1e12
        let finite = try PowerLawSpectrum(alpha: 1, latentDimension: m)
        for beta in [-0.5, 0.5, 1, 3] {
            let teacher = try Teacher.powerLaw(exponent: beta)
            let tolerance = max(1e-7, 100 * pow(m, -(1 + beta)) / (1 + beta))
            for (n, p, gamma) in [(1e3, 1e6, 0.0), (1e5, 1e4, 1e-3)] {
                let a = try finite.predict(ModelConfiguration(featureCount: n, sampleCount: p, ridge: gamma / m,
                                                              noiseVariance: 1e-4 / m, teacher: teacher))
                let b = try infinite.predict(ModelConfiguration(featureCount: n, sampleCount: p, ridge: gamma,
                                                                noiseVariance: 1e-4, teacher: teacher))
                let label = "beta \(beta) N \(n) P \(p)"
                XCTAssertTrue(b.loss.isFinite && b.loss > 0, label)
                XCTAssertEqual(a.loss * m, b.loss, accuracy: tolerance * b.loss, label)
                XCTAssertEqual(a.relativeLoss, b.relativeLoss, accuracy: tolerance * b.relativeLoss, label)
                XCTAssertEqual(a.trainingError * m, b.trainingError, accuracy: tolerance * b.trainingError, label)
            }
        }
        // sum_I I^-(1+alpha+beta) at M = infinity is the Riemann zeta function.
        let signal = try Teacher.powerLaw(exponent: 1).signal(spectrum: infinite, teacherVariance: 1)
        XCTAssertEqual(signal, 1.2020569031595942, accuracy: 1e-13)   // zeta(3)
    }

    func testExponentValidation() throws {
        for beta in [Double.nan, .infinity, -.infinity, 10.5, -11] {
            XCTAssertThrowsError(try Teacher.powerLaw(exponent: beta), "\(beta)") {
                guard case ScalingError.invalidParameter = $0 else { return XCTFail("\($0)") }
            }
        }
        // Finite M takes any beta in range, also alpha + beta <= 0.
        let spectrum = try PowerLawSpectrum(alpha: 0.5, latentDimension: 1e6)
        let p = try spectrum.predict(ModelConfiguration(featureCount: 100, sampleCount: 300, ridge: 1e-3,
                                                        teacher: try .powerLaw(exponent: -2)))
        XCTAssertTrue(p.loss.isFinite && p.loss > 0, "\(p)")
    }
}
