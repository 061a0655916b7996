import XCTest
import ScalingTheory

/// Limits of the gradient-flow theory that an independent route fixes:
/// t = infinity is the static prediction of `SelfConsistentSolver`, t = 0 the
/// zero predictor, a ridge makes the approach to t = infinity exponential,
/// and population flow (P = infinity) has a closed form at t = infinity.
final class GradientFlowLimitTests: XCTestCase {
    static let configurations: [(alpha: Double, m: Double, n: Double, p: Double, gamma: Double, noise: Double)] = [
        (1, 1000, 100, 400, 0, 0),
        (1, 1000, 250, 250, 1e-3, 0),
        (0.5, 3000, 400, 150, 1e-2, 0.01),
        (1.5, 500, 800, 1500, 0, 0.001),
        (1, 400, 300, 100, 0, 0.01),
        (1, 300, 400, 200, 1e-3, 0),
    ]

    func testInfiniteTimeIsTheStaticPrediction() throws {
        for c in Self.configurations {
            let spectrum = try PowerLawSpectrum(alpha: c.alpha, latentDimension: c.m)
            let configuration = try ModelConfiguration(featureCount: c.n, sampleCount: c.p, ridge: c.gamma,
                                                       noiseVariance: c.noise)
            let expected = try spectrum.predict(configuration).loss
            let flow = try GradientFlowTheory(spectrum: spectrum, configuration: configuration).loss(at: .infinity)
            XCTAssertEqual(flow, expected, accuracy: 1e-8 * expected, "\(c)")
        }
    }

    func testRidgeMakesLongTimesConverge() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 400)
        let configuration = try ModelConfiguration(featureCount: 150, sampleCount: 250, ridge: 1e-2, noiseVariance: 1e-2)
        let theory = try GradientFlowTheory(spectrum: spectrum, configuration: configuration)
        let expected = try spectrum.predict(configuration).loss
        // The slowest rate is at least gamma / P = 4e-5: e^-40 is gone by t = 1e6.
        let values = try theory.losses(at: [1e6, 1e8])
        for value in values { XCTAssertEqual(value, expected, accuracy: 1e-6 * expected) }
    }

    func testZeroTimeIsTheZeroPredictor() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 400)
        let configuration = try ModelConfiguration(featureCount: 200, sampleCount: 200, noiseVariance: 0.1)
        let theory = try GradientFlowTheory(spectrum: spectrum, configuration: configuration)
        let l0 = try spectrum.predict(configuration).zeroPredictorLoss
        XCTAssertEqual(theory.zeroPredictorLoss, l0, accuracy: 1e-14 * l0)
        let values = try theory.losses(at: [0, 1e-6])
        XCTAssertEqual(values[0], l0, accuracy: 1e-14 * l0)
        // dL/dt at 0 is -E[w^T Lambda U^T U Lambda w] = -(sigma_u^2 N / M) sum omega lambda^2.
        let lambda = try spectrum.eigenvalues()
        let slope = 200.0 / 400 * lambda.reduce(0) { $0 + $1 * $1 / 400 }
        XCTAssertEqual((l0 - values[1]) / 1e-6, slope, accuracy: 1e-3 * slope)
    }

    /// P = infinity: theta(t) -> S^-1 U Lambda w, the best N-feature fit, whose
    /// loss is 1/2 sum omega lambda Delta0 / (lambda + Delta0) with df1(Delta0) = N.
    func testPopulationFlowConvergesToTheProjectionResidual() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 500)
        let configuration = try ModelConfiguration(featureCount: 100, sampleCount: 100)
        let theory = try GradientFlowTheory(spectrum: spectrum, configuration: configuration, sampleCount: .infinity)
        let delta0 = try SelfConsistentSolver().branchEdge(spectrum: spectrum, degreesOfFreedom: 100)
        let lambda = try spectrum.eigenvalues()
        let expected = 0.5 * lambda.reduce(0) { $0 + $1 / 500 * delta0 / ($1 + delta0) }
        XCTAssertEqual(try theory.loss(at: .infinity), expected, accuracy: 1e-10 * expected)
        XCTAssertEqual(try theory.loss(at: 1e9), expected, accuracy: 1e-4 * expected)
    }
}

/// The compressed power law (exact head, Gauss-Legendre tail) against the
/// exact list, and at M = 1e6 against the static solver's Euler-Maclaurin sums.
final class GradientFlowPowerLawTests: XCTestCase {
    func testCompressedMatchesExactList() throws {
        let m = 4000.0
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: m, summation: .exact)
        for (n, p, gamma, beta) in [(300.0, 800.0, 0.0, 0.0), (800.0, 300.0, 1e-3, 0.5), (500.0, 500.0, 0.0, -0.3)] {
            let configuration = try ModelConfiguration(featureCount: n, sampleCount: p, ridge: gamma, noiseVariance: 1e-4)
            let omega = (1...Int(m)).map { pow(Double($0), -beta) / m }
            let exact = try GradientFlowTheory(spectrum: spectrum, configuration: configuration, teacherPower: omega)
            let compressed = try GradientFlowTheory.powerLaw(alpha: 1, latentDimension: m, teacherExponent: beta,
                                                            configuration: configuration)
            XCTAssertLessThan(compressed.eigenvalues.count, 500)
            XCTAssertEqual(compressed.zeroPredictorLoss, exact.zeroPredictorLoss, accuracy: 1e-7 * exact.zeroPredictorLoss)
            let times = [1.0, 1e5]
            let a = try exact.losses(at: times), b = try compressed.losses(at: times)
            for j in times.indices { XCTAssertEqual(b[j], a[j], accuracy: 1e-6 * a[j], "N = \(n), P = \(p), t = \(times[j])") }
        }
    }

    func testLargeLatentDimensionMatchesStaticSolver() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 1e6)
        for (n, p, gamma) in [(1000.0, 4000.0, 0.0), (2000.0, 500.0, 1e-2)] {
            let configuration = try ModelConfiguration(featureCount: n, sampleCount: p, ridge: gamma)
            let flow = try GradientFlowTheory.powerLaw(alpha: 1, latentDimension: 1e6, configuration: configuration)
            let expected = try spectrum.predict(configuration).loss
            XCTAssertEqual(try flow.loss(at: .infinity), expected, accuracy: 1e-6 * expected)
        }
    }
}

/// t = infinity with a non-isotropic teacher against Docs/Theory.md section 8's
/// reference values (omega_I = (sigma_w^2 / M) I^-beta).
final class GradientFlowTeacherReferenceTests: XCTestCase {
    func testInfiniteTimeMatchesSection8ReferenceValues() throws {
        let rows: [(alpha: Double, lambdaPlus: Double, m: Double, beta: Double, sigmaW2: Double, n: Double, p: Double,
                    gamma: Double, sigmaU2: Double, noise: Double, loss: Double)] = [
            (1.0, 1.0, 1000, 0.5, 1, 100, 400, 1e-3, 1, 0, 2.3623711272e-06),
            (1.0, 1.0, 1000, 0.5, 1, 400, 100, 0, 1, 0, 1.6565705881e-06),
            (0.5, 2.0, 3000, 1.5, 2, 400, 150, 1e-2, 0.5, 0.01, 2.8894629791e-03),
            (1.5, 1.0, 2000, -0.5, 1, 300, 900, 1e-4, 2, 0.001, 1.4114133541e-04),
        ]
        for r in rows {
            let spectrum = try PowerLawSpectrum(alpha: r.alpha, lambdaPlus: r.lambdaPlus, latentDimension: r.m)
            let configuration = try ModelConfiguration(featureCount: r.n, sampleCount: r.p, ridge: r.gamma,
                                                       teacherVariance: r.sigmaW2, featureWeightVariance: r.sigmaU2,
                                                       noiseVariance: r.noise)
            let omega = (1...Int(r.m)).map { r.sigmaW2 / r.m * pow(Double($0), -r.beta) }
            let theory = try GradientFlowTheory(spectrum: spectrum, configuration: configuration, teacherPower: omega)
            XCTAssertEqual(try theory.loss(at: .infinity), r.loss, accuracy: 1e-8 * r.loss, "\(r)")
        }
    }
}
