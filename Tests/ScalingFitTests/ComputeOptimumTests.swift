import Foundation
import ScalingFit
import XCTest

/// The model form's batched evaluations (`TheoryForm.losses`,
/// `computeOptima`: the spectrum and teacher set up once, Delta shared between
/// points) against the same searches one point at a time through
/// `TheoryForm.loss`, and the optimum against its neighbours along C = k N D.
final class ComputeOptimumTests: XCTestCase {
    let form = try! TheoryForm(runs: TheoryFormGradientTests.runs(), latentDimension: 3000)
    /// alpha 1.2, teacher exponent 0.3, scale 0.8, floor 4e-4.
    let theta = [log(0.8), log(1.2), log(1.5), log(4e-4)]

    func testBatchedLossesMatchPointByPoint() {
        // Ridgeless pairs sharing min(N, D), a ridge, and the ridgeless peak N = D.
        let points: [(N: Double, D: Double, ridge: Double)] = [
            (30, 200, 0), (200, 30, 0), (30, 900, 0), (40, 40, 0), (40, 40, 1e-2), (3000, 50, 0), (5e3, 2e4, 1e-3),
        ]
        let batched = form.losses(theta, points: points)
        for (p, value) in zip(points, batched) {
            let single = form.loss(theta, N: p.N, D: p.D, ridge: p.ridge)
            if single.isFinite {
                XCTAssertEqual(value, single, accuracy: 1e-14 * single, "\(p)")
            } else {
                XCTAssertEqual(value, single, "\(p)")
            }
        }
        XCTAssertEqual(batched[3], .infinity)   // the interpolation peak
    }

    func testBatchedOptimaMatchPointByPointAndAreMinima() {
        let k = 6.0
        for ridge in [0, 1e-2] {
            let computes = [1e4, 1e6, 1e8]
            let optima = form.computeOptima(theta, computes: computes, flopsPerToken: k, ridge: ridge)
            for (c, optimum) in zip(computes, optima) {
                guard let optimum, let single = form.numericComputeOptimum(theta, compute: c, flopsPerToken: k, ridge: ridge)
                else { return XCTFail("no optimum at C = \(c), gamma = \(ridge)") }
                XCTAssertEqual(optimum.N, single.N, accuracy: 1e-12 * single.N)
                XCTAssertEqual(optimum.N * optimum.D * k, c, accuracy: 1e-9 * c)
                XCTAssertEqual(optimum.loss, form.loss(theta, N: optimum.N, D: optimum.D, ridge: ridge),
                               accuracy: 1e-14 * optimum.loss)
                // Along C = k N D, a step of 0.1 % either way does not lower the loss.
                for factor in [0.999, 1.001] {
                    let n = optimum.N * factor
                    XCTAssertGreaterThanOrEqual(form.loss(theta, N: n, D: c / (k * n), ridge: ridge), optimum.loss)
                }
            }
        }
    }
}
