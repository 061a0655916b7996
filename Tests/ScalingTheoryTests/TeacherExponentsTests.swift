import Foundation
import XCTest
import ScalingTheory

/// Local exponents and the asymptotic law with a non-isotropic teacher.
final class TeacherExponentsTests: XCTestCase {
    let solver = SelfConsistentSolver()

    /// The analytic exponents (through the teacher sums' ln Delta slopes)
    /// against five-point central differences of the solver's loss, as in
    /// PowerLawAnalyticsTests (step and tolerance: LocalExponentCheck), on exact
    /// sums, the Euler-Maclaurin path and a tabulated teacher.
    func testExponentsAgainstFiniteDifferences() throws {
        let flat = try PowerLawSpectrum(alpha: 1, latentDimension: 2000)
        let ramp = try Teacher(power: (1...2000).map { 1 + sin(Double($0)) })
        let cases: [(PowerLawSpectrum, Teacher)] = [
            (flat, try .powerLaw(exponent: 1.5)),
            (flat, ramp),
            (try PowerLawSpectrum(alpha: 0.4, lambdaPlus: 2, latentDimension: .infinity), try .powerLaw(exponent: 0.3)),
            (try PowerLawSpectrum(alpha: 3, latentDimension: 1e9), try .powerLaw(exponent: -1)),
            (try PowerLawSpectrum(alpha: 0.5, latentDimension: 1e6), try .powerLaw(exponent: 2.5)),
        ]
        for (spectrum, teacher) in cases {
            for base in try LocalExponentCheck.configurations() {
                try LocalExponentCheck.assertExponentsMatchDifferences(
                    spectrum, try base.with(teacher: teacher),
                    label: "M \(spectrum.latentDimension) alpha \(spectrum.alpha) \(teacher) \(base)")
            }
        }
    }

    /// The law of `AsymptoticScalingLaw` for power-law teachers against the
    /// exact solver at M = infinity, n = min(N, P) = 1e5, within 1 percent
    /// (the alpha-only law is checked the same way in PowerLawFastPathTests).
    /// The corrections are discreteness of the leading directions,
    /// O(n^-(1-beta)) for beta < 1 (0.3 percent at beta = 0.5), and for
    /// beta > 1 with N > P a term P bias/(df1 - df2) that decays as
    /// n^-(alpha+beta) against n^-(1+alpha) but is weighted by N/P - 1, so only
    /// N/P = 3 is checked there. The local exponents approach the law's.
    func testAsymptoticLawAgainstTheExactSolver() throws {
        let n = 1e5
        for (alpha, beta) in [(1.0, -0.5), (1.0, 0.5), (0.5, 0.3), (1.0, 2.0), (0.5, 3.0)] {
            let spectrum = try PowerLawSpectrum(alpha: alpha, latentDimension: .infinity)
            let teacher = try Teacher.powerLaw(exponent: beta)
            let law = try AsymptoticScalingLaw(spectrum: spectrum, teacher: teacher)
            XCTAssertEqual(law.exponent, -min(alpha + beta, 1 + alpha), accuracy: 1e-15)
            var ratios: [(Double, Double)] = [(n, 1e4 * n), (n, 3 * n), (3 * n, n)]
            if beta < 1 { ratios.append((1e4 * n, n)) }
            for (features, samples) in ratios {
                let label = "alpha \(alpha) beta \(beta) N \(features) P \(samples)"
                XCTAssertLessThan(try law.relativeError(spectrum: spectrum, featureCount: features, sampleCount: samples),
                                  0.01, label)
            }
            let under = try solver.localExponents(spectrum: spectrum, configuration: ModelConfiguration(
                featureCount: n, sampleCount: 1e6 * n, teacher: teacher))
            XCTAssertEqual(under.featureExponent, law.exponent, accuracy: 2e-3, "alpha \(alpha) beta \(beta)")
            let over = try solver.localExponents(spectrum: spectrum, configuration: ModelConfiguration(
                featureCount: 3 * n, sampleCount: n, teacher: teacher))
            // At fixed N/P = 3 both grow: the sum of the two exponents is the law's.
            XCTAssertEqual(over.featureExponent + over.sampleExponent, law.exponent, accuracy: 5e-3,
                           "alpha \(alpha) beta \(beta)")
        }
        // The isotropic teacher's law is unchanged, and beta = 1, beta <= -alpha
        // and tabulated teachers are typed errors.
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: .infinity)
        let isotropic = try AsymptoticScalingLaw(spectrum: spectrum)
        XCTAssertEqual(try AsymptoticScalingLaw(spectrum: spectrum, teacher: try .powerLaw(exponent: 0)), isotropic)
        XCTAssertEqual(isotropic.offset, 1)
        XCTAssertThrowsError(try AsymptoticScalingLaw(spectrum: spectrum, teacher: try .powerLaw(exponent: 1))) {
            guard case ScalingError.unsupported = $0 else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try AsymptoticScalingLaw(spectrum: spectrum, teacher: try .powerLaw(exponent: -1))) {
            guard case ScalingError.invalidParameter = $0 else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try AsymptoticScalingLaw(spectrum: spectrum, teacher: try Teacher(power: [1, 2]))) {
            guard case ScalingError.unsupported = $0 else { return XCTFail("\($0)") }
        }
    }

    /// Without the N <-> P duality the compute-optimal search covers all of
    /// [1, C]: with beta = 0.5 (noiseless) the optimum has N > P, and it is a
    /// minimum against its mirror image and its neighbours.
    func testComputeOptimalAllocationWithoutTheDuality() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 1000)
        let c = try ModelConfiguration(featureCount: 1, sampleCount: 1, teacher: try .powerLaw(exponent: 0.5))
        let best = try solver.computeOptimalAllocation(spectrum: spectrum, compute: 1e5, configuration: c,
                                                       optimizeRidge: false)
        XCTAssertGreaterThan(best.featureCount, 1.5 * best.sampleCount)
        func loss(_ n: Double) throws -> Double {
            try spectrum.predict(c.with(featureCount: n, sampleCount: 1e5 / n)).loss
        }
        XCTAssertLessThan(best.loss, try loss(best.sampleCount))
        XCTAssertLessThanOrEqual(best.loss, try loss(best.featureCount * 1.01))
        XCTAssertLessThanOrEqual(best.loss, try loss(best.featureCount / 1.01))
    }
}
