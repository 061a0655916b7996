import XCTest
import ScalingMonteCarlo
import ScalingTheory

/// The deterministic-equivalent theory of one-pass SGD (`OnePassSGDTheory`,
/// Docs/Theory.md, "Training as it is done: one-pass SGD") against the exact
/// conditional curve (`SGDConditionalCurve`) averaged over draws of U and w:
/// at every (configuration, step) |theory - mean| <= 4 standard errors + 2 %
/// of the theory. Ten configurations: N < M and N > M, B from 1 to 32,
/// learning rates 30 to 80 % of the theory's stability edge, label noise,
/// teacher exponents -0.5 to 1.5, alpha 0.5 to 1.5, steps 10 to 1e4.
final class OnePassSGDConditionalAgreementTests: XCTestCase {
    /// eta as a fraction of the theory's largest stable learning rate.
    typealias Case = SGDCase

    static let cases: [Case] = [
        Case(m: 400, n: 100, batch: 1, edgeFraction: 0.5, steps: [10, 100, 1000, 10000]),
        Case(m: 200, n: 400, batch: 1, edgeFraction: 0.5, beta: 0.5, steps: [10, 100, 1000]),
        Case(m: 400, n: 100, batch: 8, edgeFraction: 0.8, steps: [10, 300, 3000]),
        Case(m: 400, n: 150, batch: 32, edgeFraction: 0.8, noise: 1e-3, beta: 1.5, steps: [10, 100, 10000]),
        Case(m: 300, n: 100, batch: 4, edgeFraction: 0.3, noise: 1e-2, beta: -0.5, steps: [10, 1000]),
        Case(m: 500, n: 200, batch: 2, edgeFraction: 0.6, alpha: 0.5, beta: 1, steps: [10, 100, 1000]),
        Case(m: 150, n: 300, batch: 16, edgeFraction: 0.8, noise: 1e-3, alpha: 1.5, steps: [10, 100, 3000]),
        Case(m: 600, n: 250, batch: 1, edgeFraction: 0.8, beta: 0.5, steps: [10, 1000, 10000]),
        Case(m: 200, n: 250, batch: 4, edgeFraction: 0.5, noise: 1e-2, beta: 1.5, steps: [10, 100, 1000]),
        Case(m: 800, n: 200, batch: 32, edgeFraction: 0.5, beta: -0.5, steps: [10, 1000, 10000]),
    ]

    func testTheoryAgreesWithConditionalCurve() throws {
        var worst = 0.0
        for c in Self.cases {
            let (atEdgeFraction, sgd) = try c.theoryAtEdgeFraction()
            let theory = try atEdgeFraction.losses(atSteps: c.steps.map(Double.init))
            let result = try SGDSimulation(spectrum: c.spectrum(), configuration: c.configuration(), sgd: sgd, steps: c.steps,
                                           method: .conditionalCurve,
                                           options: SimulationOptions(trials: 32, seed: 11)).run()
            for (j, r) in c.steps.enumerated() {
                let mean = result.meanLoss[j], se = result.lossStandardError[j]
                let gap = abs(theory[j] - mean)
                worst = max(worst, gap / (4 * se + 0.02 * theory[j]))
                print("SGD theory vs conditional: M = \(Int(c.m)), N = \(Int(c.n)), B = \(c.batch), eta = "
                      + "\(c.edgeFraction) edge, alpha = \(c.alpha), beta = \(c.beta), noise = \(c.noise), r = \(r): "
                      + "theory \(theory[j]) conditional \(mean) +- \(se), gap/theory \(gap / theory[j]), z \((mean - theory[j]) / se)")
                XCTAssertLessThanOrEqual(gap, 4 * se + 0.02 * theory[j], "M = \(c.m), N = \(c.n), B = \(c.batch), r = \(r)")
            }
        }
        print("SGD theory vs conditional: largest gap / (4 SE + 2 %) = \(worst)")
    }
}
