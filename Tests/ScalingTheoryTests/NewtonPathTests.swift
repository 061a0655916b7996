import Foundation
import XCTest
import ScalingTheory

/// The safeguarded-Newton fast path of `predict` for power laws against the
/// bracketing route (`solveDelta`, GSL Brent): an independent solve of the
/// same equation.
final class NewtonPathTests: XCTestCase {
    func testNewtonDeltaEqualsBrentDelta() throws {
        let solver = SelfConsistentSolver()
        var checked = 0
        for m in [1e3, 1e6, Double.infinity] {
            for alpha in [0.2, 1, 4] {
                let spectrum = try PowerLawSpectrum(alpha: alpha, lambdaPlus: 2, latentDimension: m)
                for n in [3.0, 90, 2500, 4e4] {
                    for p in [7.0, 90, 800, 1e5] {
                        for gamma in [0, 1e-14, 1e-5, 1e-1, 1e3] {
                            let c = try ModelConfiguration(featureCount: n, sampleCount: p, ridge: gamma,
                                                           featureWeightVariance: 0.7, noiseVariance: 1e-3)
                            let fast = try spectrum.predict(c)
                            let brent = try solver.solveDelta(spectrum: spectrum, configuration: c)
                            let label = "M \(m) alpha \(alpha) N \(n) P \(p) gamma \(gamma)"
                            XCTAssertEqual(fast.delta, brent, accuracy: 1e-11 * brent, label)
                            checked += 1
                        }
                    }
                }
            }
        }
        XCTAssertEqual(checked, 3 * 3 * 4 * 4 * 5)
    }

    func testSafeguardedNewtonKeepsABracketAndChecksTheResidual() {
        // x^3 + x - 2 from far away: steps are limited, then Newton converges.
        let root = SafeguardedNewton.solve(from: 100, tolerance: 1e-14) { x in (x * x * x + x - 2, 3 * x * x + 1, 0) }
        XCTAssertEqual(root ?? .nan, 1, accuracy: 1e-13)
        // A function whose Newton steps overshoot (atan): the bracket forces bisection.
        let atan = SafeguardedNewton.solve(from: 3, tolerance: 1e-14) { x in (Foundation.atan(x - 0.5), 1 / (1 + (x - 0.5) * (x - 0.5)), 0) }
        XCTAssertEqual(atan ?? .nan, 0.5, accuracy: 1e-13)
        // Not finite: no root is claimed.
        XCTAssertNil(SafeguardedNewton.solve(from: 0, tolerance: 1e-14) { _ in (.nan, 1, 0) })
        // No root at all (always negative): gives up instead of returning a point.
        XCTAssertNil(SafeguardedNewton.solve(from: 0, tolerance: 1e-14, maximumIterations: 40) { x in (-1 - exp(-x), exp(-x), 0) })
    }
}
