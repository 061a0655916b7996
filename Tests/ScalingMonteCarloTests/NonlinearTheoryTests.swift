import XCTest
import ScalingMonteCarlo
import ScalingTheory

/// The semi-analytic theory of nonlinear features (THEORY.md section 6)
/// against closed forms, the exact linear theory and a full Monte Carlo.
final class NonlinearTheoryTests: XCTestCase {
    func testGaussHermiteIntegratesGaussianMoments() throws {
        let rule = try GaussHermiteQuadrature(order: 40)
        XCTAssertEqual(rule.weights.reduce(0, +), 1, accuracy: 1e-14)
        XCTAssertEqual(rule.nodes, rule.nodes.sorted())
        var doubleFactorial = 1.0
        for k in 1...20 {
            doubleFactorial *= Double(2 * k - 1)
            let moment = rule.expectation { pow($0, Double(2 * k)) }
            XCTAssertEqual(moment / doubleFactorial, 1, accuracy: 1e-12, "E[z^\(2 * k)]")
            XCTAssertEqual(rule.expectation { pow($0, Double(2 * k - 1)) }, 0, accuracy: 1e-9 * doubleFactorial)
        }
        XCTAssertEqual(try GaussHermiteQuadrature(order: 1).nodes, [0])
        XCTAssertThrowsError(try GaussHermiteQuadrature(order: 0))
    }

    /// The quadrature route, forced through custom closures, against the
    /// closed forms: erf and h + h^2 are smooth (quadrature converges fast);
    /// ReLU has a kink at 0, where Gauss-Hermite converges only algebraically
    /// (about 0.6 percent off at order 64), hence its looser tolerance.
    func testQuadratureMatchesClosedFormKernels() throws {
        let points: [(Double, Double, Double)] = [(0.6, 0.9, 0.3), (1.5, 0.2, -0.4), (0.3, 0.3, 0.3), (2, 1, 0)]
        let pairs: [(Activation, Activation, Double)] = [
            (.erf, .custom(name: "erf", function: { erf($0) }), 1e-9),
            (.quadratic, .custom(name: "h+h^2", function: { $0 + $0 * $0 }), 1e-12),
            (.relu, .custom(name: "relu", function: { max($0, 0) }), 1e-2),
        ]
        for (closed, custom, tolerance) in pairs {
            let exact = try FeatureKernel(activation: closed)
            let quadrature = try FeatureKernel(activation: custom, quadratureOrder: 64)
            XCTAssertTrue(exact.hasClosedForm)
            XCTAssertFalse(quadrature.hasClosedForm)
            for (a, b, c) in points {
                let want = exact.secondMoment(a, b, c), got = quadrature.secondMoment(a, b, c)
                XCTAssertEqual(got, want, accuracy: tolerance * abs(want) + 1e-14, "\(closed) at \((a, b, c))")
                XCTAssertEqual(quadrature.meanSlope(variance: a), exact.meanSlope(variance: a),
                               accuracy: tolerance, "\(closed) slope")
                XCTAssertEqual(quadrature.mean(variance: a), exact.mean(variance: a), accuracy: tolerance, "\(closed) mean")
            }
        }
    }

    /// Linear features through the semi-analytic route: S = K is exactly the
    /// features' second moment and the features are exactly Gaussian given
    /// U, so the average over draws must reproduce the exact theory of
    /// section 3 within the draw-to-draw spread: ridgeless on both sides of
    /// N = P, with ridge and noise, and with N > M (S singular).
    func testLinearFeaturesReproduceExactTheory() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, lambdaPlus: 300, latentDimension: 400)
        let configurations = [
            try ModelConfiguration(featureCount: 100, sampleCount: 300),
            try ModelConfiguration(featureCount: 300, sampleCount: 100),
            try ModelConfiguration(featureCount: 200, sampleCount: 250, ridge: 1e-2, noiseVariance: 0.05),
            try ModelConfiguration(featureCount: 500, sampleCount: 200, ridge: 1e-1, noiseVariance: 0.01),
        ]
        for configuration in configurations {
            let exact = try spectrum.predict(configuration)
            let theory = try NonlinearTheory(spectrum: spectrum, configuration: configuration, activation: .linear,
                                             options: NonlinearTheoryOptions(draws: 8, seed: 3)).run()
            let z = theory.zScore(of: exact.loss)
            print(String(format: "linear N=%g P=%g gamma=%g noise=%g: exact %.6e, semi-analytic %.6e +- %.2e (z = %.2f)",
                         configuration.featureCount, configuration.sampleCount, configuration.ridge,
                         configuration.noiseVariance, exact.loss, theory.loss, theory.standardError, z))
            XCTAssertLessThan(abs(z), 4, "\(configuration)")
        }
        // min(N, P) >= M ridgeless: S = K has rank M, kappa = 0, only the
        // noise term 1/2 sigma_eps^2 M / (P - M) survives, in every draw.
        let beyond = try ModelConfiguration(featureCount: 500, sampleCount: 600, noiseVariance: 0.01)
        let theory = try NonlinearTheory(spectrum: spectrum, configuration: beyond, activation: .linear,
                                         options: NonlinearTheoryOptions(draws: 3, seed: 3)).run()
        for draw in theory.draws {
            XCTAssertEqual(draw.rank, 400)
            XCTAssertEqual(draw.kappa, 0)
            XCTAssertEqual(draw.loss, 0.5 * 0.01 * 400 / 200, accuracy: 1e-9)
        }
    }

    /// ReLU and tanh: the semi-analytic loss against a full Monte Carlo over
    /// U, w and data with a fresh test sample, at lambda_plus = 300 where the
    /// pre-activations are of order 1 and the nonlinearity matters.
    func testReLUAndTanhAgreeWithMonteCarlo() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, lambdaPlus: 300, latentDimension: 400)
        let cases: [(Double, Double, Double)] = [(100, 300, 1e-3), (300, 120, 1e-2), (150, 400, 1e-1), (250, 150, 1e-3)]
        for activation in [Activation.relu, .tanh] {
            for (n, p, gamma) in cases {
                let configuration = try ModelConfiguration(featureCount: n, sampleCount: p, ridge: gamma)
                let theory = try NonlinearTheory(spectrum: spectrum, configuration: configuration, activation: activation,
                                                 options: NonlinearTheoryOptions(draws: 8, seed: 11)).run()
                let simulation = try Simulation(spectrum: spectrum, configuration: configuration,
                                                options: SimulationOptions(trials: 32, seed: 12, activation: activation,
                                                                           testSampleCount: 4000)).run()
                let combined = (theory.standardError * theory.standardError
                                + simulation.standardError * simulation.standardError).squareRoot()
                let z = (simulation.mean - theory.loss) / combined
                print(String(format: "%@ N=%g P=%g gamma=%g: theory %.5e +- %.2e (%.2fs/draw), MC %.5e +- %.2e (%.1fs), z = %.2f",
                             activation.name, n, p, gamma, theory.loss, theory.standardError,
                             theory.draws.map(\.seconds).reduce(0, +) / Double(theory.draws.count),
                             simulation.mean, simulation.standardError, simulation.seconds, z))
                XCTAssertLessThan(abs(z), 4, "\(activation) at N = \(n), P = \(p), gamma = \(gamma)")
            }
        }
    }
}
