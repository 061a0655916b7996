import Foundation
import XCTest
import ScalingMonteCarlo
import ScalingTheory

/// The deterministic-equivalent theory of one-pass SGD (`OnePassSGDTheory`,
/// Docs/Theory.md section 12) against direct SGD
/// runs (every trial a fresh w, U and sample stream): each (configuration,
/// step) point within 4 standard errors of the Monte Carlo mean. Six
/// configurations: N < M and N > M, B from 1 to 32, label noise, teacher
/// exponents -0.5 to 1.5, learning rates 15 to 40 percent of the theory's
/// stability edge (closer to the edge the per-trial loss is heavy-tailed and
/// its standard error unreliable), steps 1 to 3000.
final class SGDTheoryAgreementTests: XCTestCase {
    /// eta as a fraction of the theory's largest stable learning rate.
    typealias Case = SGDCase

    static let cases: [Case] = [
        Case(name: "N < M, B = 8", m: 800, n: 200, batch: 8, edgeFraction: 0.4, steps: [10, 300, 3000]),
        Case(name: "N > M, B = 1, noise", m: 150, n: 300, batch: 1, edgeFraction: 0.25, noise: 1e-2,
             steps: [30, 1000, 3000]),
        Case(name: "N < M, B = 32, beta = 1.5", m: 600, n: 150, batch: 32, edgeFraction: 0.4, beta: 1.5,
             steps: [1, 100, 1000]),
        Case(name: "N < M, B = 4, beta = -0.5, alpha = 1.5, noise", m: 800, n: 200, batch: 4, edgeFraction: 0.3,
             noise: 1e-3, alpha: 1.5, beta: -0.5, steps: [5, 200, 2000]),
        Case(name: "N ~ M, B = 2, alpha = 0.5", m: 400, n: 300, batch: 2, edgeFraction: 0.15, alpha: 0.5,
             steps: [20, 500, 3000]),
        Case(name: "N < M, B = 16, beta = 0.5, latent samples", m: 300, n: 100, batch: 16, edgeFraction: 0.35,
             beta: 0.5, sampler: .direct, steps: [2, 50, 400]),
    ]

    func testDirectSGDAgreesWithTheory() throws {
        var points = 0
        for c in Self.cases {
            let (atEdgeFraction, schedule) = try c.theoryAtEdgeFraction()
            let theory = try atEdgeFraction.losses(atSteps: c.steps.map(Double.init))
            let result = try SGDSimulation(spectrum: c.spectrum(), configuration: c.configuration(), sgd: schedule,
                                           steps: c.steps,
                                           options: SimulationOptions(trials: c.trials, seed: 5, sampler: c.sampler)).run()
            for (j, r) in c.steps.enumerated() {
                let z = (result.meanLoss[j] - theory[j]) / result.lossStandardError[j]
                print(String(format: "%@ eta = %.4g, r = %d: theory %.5e MC %.5e +- %.2e z = %+.2f", c.name,
                             schedule.learningRate, r, theory[j], result.meanLoss[j], result.lossStandardError[j], z))
                XCTAssertLessThan(abs(z), 4, "\(c.name) at r = \(r)")
                points += 1
            }
        }
        XCTAssertEqual(points, 18)
    }
}
