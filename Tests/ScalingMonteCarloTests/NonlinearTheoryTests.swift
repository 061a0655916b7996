import XCTest
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingTheory

/// The semi-analytic theory of nonlinear features (Docs/Theory.md section 6)
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
    /// (the mean 0.6 percent and S up to 2 percent off at order 64), hence its
    /// looser tolerance.
    func testQuadratureMatchesClosedFormKernels() throws {
        let points: [(Double, Double, Double)] = [(0.6, 0.9, 0.3), (1.5, 0.2, -0.4), (0.3, 0.3, 0.3), (2, 1, 0)]
        let pairs: [(Activation, Activation, Double)] = [
            (.erf, .custom(name: "erf", function: { erf($0) }), 1e-9),
            (.quadratic, .custom(name: "h+h^2", function: { $0 + $0 * $0 }), 1e-12),
            (.relu, .custom(name: "relu", function: { max($0, 0) }), 3e-2),
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

/// Bad input to the nonlinear theory and the exact feature spectrum, and the
/// exponent fits of that spectrum.
final class NonlinearSpectrumAndInputTests: XCTestCase {
    let spectrum = try! PowerLawSpectrum(alpha: 1, lambdaPlus: 300, latentDimension: 100)

    func testBadInputIsTyped() throws {
        let configuration = try ModelConfiguration(featureCount: 50, sampleCount: 80)
        func theory(_ options: NonlinearTheoryOptions, _ c: ModelConfiguration? = nil) throws -> NonlinearTheory {
            try NonlinearTheory(spectrum: spectrum, configuration: c ?? configuration, activation: .relu, options: options)
        }
        let invalid: [(String, () throws -> Any)] = [
            ("draws", { try theory(NonlinearTheoryOptions(draws: 0)) }),
            ("threads", { try theory(NonlinearTheoryOptions(threads: 0)) }),
            ("quadratureOrder", { try theory(NonlinearTheoryOptions(quadratureOrder: 0)) }),
            ("memoryLimit", { try theory(NonlinearTheoryOptions(memoryLimit: 0)) }),
            ("featureCount (N)", { try theory(NonlinearTheoryOptions(), ModelConfiguration(featureCount: 50.5, sampleCount: 80)) }),
        ]
        for (name, body) in invalid {
            XCTAssertThrowsError(try body()) { error in
                guard case let .invalidParameter(got, _, _)? = error as? ScalingError else { return XCTFail("\(error)") }
                XCTAssertEqual(got, name)
            }
        }
        let huge = try ModelConfiguration(featureCount: 1_000_000, sampleCount: 80)
        XCTAssertThrowsError(try theory(NonlinearTheoryOptions(), huge)) {
            guard case .tooLarge? = $0 as? ScalingError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try Activation.named("sigmoid")) {
            guard case let .unsupported(message)? = $0 as? ScalingError else { return XCTFail("\($0)") }
            XCTAssertTrue(message.contains("sigmoid") && message.contains("relu"), message)
        }
        XCTAssertEqual(try Activation.named("tanh").name, "tanh")
        XCTAssertThrowsError(try FeatureCovarianceSpectrum(exactFor: spectrum, featureCount: 0))
    }

    /// One draw's result does not depend on the number of workers.
    func testDrawsAreReproducible() throws {
        let configuration = try ModelConfiguration(featureCount: 40, sampleCount: 60, ridge: 1e-2)
        let one = try NonlinearTheory(spectrum: spectrum, configuration: configuration, activation: .tanh,
                                      options: NonlinearTheoryOptions(draws: 3, seed: 4, threads: 1)).run()
        let two = try NonlinearTheory(spectrum: spectrum, configuration: configuration, activation: .tanh,
                                      options: NonlinearTheoryOptions(draws: 3, seed: 4, threads: 2))
        XCTAssertEqual(one.draws.map(\.loss), try two.run().draws.map(\.loss))
        XCTAssertEqual(one.draws[1].loss, try two.draw(1).loss)
        XCTAssertEqual(one.standardError, (one.draws.map(\.loss).reduce(0) { $0 + pow($1 - one.loss, 2) } / 6).squareRoot(),
                       accuracy: 1e-12 * one.loss)
    }

    /// The exact ReLU covariance continues a decaying power law past M, as the
    /// sampled one does for the same U; linear features stop at M.
    func testExactReLUSpectrumContinuesPastLatentDimension() throws {
        let exact = try FeatureCovarianceSpectrum(exactFor: spectrum, featureCount: 400, activation: .relu, seed: 2)
        let sampled = try FeatureCovarianceSpectrum(spectrum: spectrum, featureCount: 400, sampleCount: 40_000,
                                                    activation: .relu, seed: 2)
        let above = try PowerLawFit.fit(exact.eigenvalues, indices: 150...350)
        let sampledAbove = try PowerLawFit.fit(sampled.eigenvalues, indices: 150...350)
        print(String(format: "ReLU exact covariance past M: exponent %.3f +- %.3f (sampled %.3f), latent 1+alpha = 2",
                     -above.slope, above.slopeStandardError, -sampledAbove.slope))
        XCTAssertLessThan(above.slope, -1, "a decaying power law past M")
        XCTAssertEqual(exact.eigenvalues[0], sampled.eigenvalues[0], accuracy: 0.05 * exact.eigenvalues[0])
        let linear = try FeatureCovarianceSpectrum(exactFor: spectrum, featureCount: 200, seed: 2)
        XCTAssertLessThan(linear.eigenvalues[100...].map(abs).max()!, 1e-12 * linear.eigenvalues[0])
    }

    func testFitStandardError() throws {
        let exact = (1...50).map { 3 * pow(Double($0), -1.7) }
        let fit = try PowerLawFit.fit(exact, indices: 5...50)
        XCTAssertEqual(fit.slope, -1.7, accuracy: 1e-12)
        XCTAssertEqual(fit.intercept, log(3), accuracy: 1e-10)
        XCTAssertLessThan(fit.slopeStandardError, 1e-10)
        let wiggly = exact.enumerated().map { $0.element * (1 + 0.1 * sin(Double($0.offset))) }
        XCTAssertGreaterThan(try PowerLawFit.fit(wiggly, indices: 5...50).slopeStandardError, 1e-3)
    }
}
