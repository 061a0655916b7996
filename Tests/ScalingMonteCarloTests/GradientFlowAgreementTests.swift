import XCTest
import ScalingMonteCarlo
import ScalingTheory

/// The gradient-flow theory of L(t) (Docs/Theory.md section 10, Docs/Theory.md)
/// against the exact Monte Carlo: every (configuration, time) point within 4
/// standard errors of 32 trials. 6 configurations x 3 times = 18 points:
/// N < P, N > P, N = P ridgeless (before, at and after the early-stopping
/// optimum), ridge with label noise and a non-isotropic teacher (before and
/// after the minimum of L(t)), N > M, and N, P > M with noise.
final class GradientFlowAgreementTests: XCTestCase {
    struct Case {
        var name: String
        var m: Double, n: Double, p: Double
        var gamma = 0.0, noise = 0.0, alpha = 1.0
        /// omega_I proportional to I^-beta (beta = 0: the paper's teacher).
        var beta = 0.0
        var times: [Double]
    }

    static let cases: [Case] = [
        Case(name: "N < P ridgeless", m: 400, n: 100, p: 300, times: [1, 100, 1e4]),
        Case(name: "N > P ridgeless", m: 400, n: 300, p: 100, times: [1, 100, 1e4]),
        // L(t) is smallest near t = 5e4 here and grows without bound after.
        Case(name: "N = P ridgeless", m: 400, n: 200, p: 200, times: [1e3, 5e4, 1e6]),
        // Minimum near t = 100, then the noise is fitted.
        Case(name: "ridge, noise, beta = 1", m: 400, n: 100, p: 300, gamma: 1e-3, noise: 1e-2, beta: 1,
             times: [1, 100, 1e5]),
        Case(name: "N > M, ridge, beta = 0.5", m: 300, n: 400, p: 200, gamma: 1e-3, beta: 0.5, times: [1, 100, 1e4]),
        Case(name: "N, P > M, noise, alpha = 1.5", m: 200, n: 300, p: 400, noise: 1e-3, alpha: 1.5,
             times: [10, 1e4, 1e6]),
    ]

    func testTheoryAgreesWithMonteCarlo() throws {
        var points = 0
        for c in Self.cases {
            let spectrum = try PowerLawSpectrum(alpha: c.alpha, latentDimension: c.m)
            let configuration = try ModelConfiguration(featureCount: c.n, sampleCount: c.p, ridge: c.gamma,
                                                       noiseVariance: c.noise)
            let omega = (1...Int(c.m)).map { pow(Double($0), -c.beta) / c.m }
            let theory = try GradientFlowTheory(spectrum: spectrum, configuration: configuration, teacherPower: omega)
            let predicted = try theory.losses(at: c.times)
            let simulation = try GradientFlowSimulation(spectrum: spectrum, configuration: configuration,
                                                        times: c.times, teacherPower: omega,
                                                        options: SimulationOptions(trials: 32, seed: 3))
            let result = try simulation.run()
            for (j, t) in c.times.enumerated() {
                let z = (result.meanLoss[j] - predicted[j]) / result.lossStandardError[j]
                print(String(format: "%@ t = %g: theory %.5e MC %.5e +- %.2e z = %+.2f", c.name, t, predicted[j],
                             result.meanLoss[j], result.lossStandardError[j], z))
                XCTAssertLessThan(abs(z), 4, "\(c.name), t = \(t): theory \(predicted[j]), MC \(result.meanLoss[j]) +- \(result.lossStandardError[j])")
                points += 1
            }
        }
        XCTAssertGreaterThanOrEqual(points, 12)
    }

    /// Population flow (P = infinity, the Nt budget) against its Monte Carlo.
    func testPopulationFlowAgreesWithMonteCarlo() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 400)
        for (n, beta) in [(100.0, 0.0), (250.0, 0.5), (500.0, 0.0)] {
            let configuration = try ModelConfiguration(featureCount: n, sampleCount: 1)
            let omega = (1...400).map { pow(Double($0), -beta) / 400 }
            let times = [1.0, 100, 1e4]
            let predicted = try GradientFlowTheory(spectrum: spectrum, configuration: configuration, teacherPower: omega,
                                                   sampleCount: .infinity).losses(at: times)
            let result = try GradientFlowSimulation(spectrum: spectrum, configuration: configuration, times: times,
                                                    teacherPower: omega, population: true,
                                                    options: SimulationOptions(trials: 32, seed: 8)).run()
            for j in times.indices {
                let z = (result.meanLoss[j] - predicted[j]) / result.lossStandardError[j]
                print(String(format: "population N = %g beta = %g t = %g: theory %.5e MC %.5e +- %.2e z = %+.2f",
                             n, beta, times[j], predicted[j], result.meanLoss[j], result.lossStandardError[j], z))
                XCTAssertLessThan(abs(z), 4, "population flow N = \(n), t = \(times[j])")
            }
        }
    }

    /// The N = P ridgeless curve has an interior minimum: below its value at
    /// a hundredth and a hundred times the optimal time, in the Monte Carlo.
    func testEarlyStoppingOptimumAtInterpolationPeak() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 400)
        let configuration = try ModelConfiguration(featureCount: 200, sampleCount: 200)
        let times = [5e2, 5e4, 5e6]
        let result = try GradientFlowSimulation(spectrum: spectrum, configuration: configuration, times: times,
                                                options: SimulationOptions(trials: 16, seed: 5)).run()
        let l = result.meanLoss, se = result.lossStandardError
        XCTAssertLessThan(l[1] + 4 * se[1], l[0] - 4 * se[0])
        XCTAssertLessThan(l[1] + 4 * se[1], l[2] - 4 * se[2])
    }

    /// At t = infinity the flow is the ridge fit: the same draws (isotropic
    /// teacher, direct sampler) give the same per-trial losses as `Simulation`.
    func testInfiniteTimeIsTheRidgeFitTrialByTrial() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 150)
        for (n, p, gamma) in [(60.0, 120.0, 1e-3), (120.0, 60.0, 1e-2), (80.0, 200.0, 0.0), (200.0, 80.0, 0.0)] {
            let configuration = try ModelConfiguration(featureCount: n, sampleCount: p, ridge: gamma, noiseVariance: 1e-3)
            let options = SimulationOptions(trials: 3, seed: 11, sampler: .direct)
            let ridge = try Simulation(spectrum: spectrum, configuration: configuration, options: options).run()
            let flow = try GradientFlowSimulation(spectrum: spectrum, configuration: configuration, times: [.infinity],
                                                  options: options).run()
            for k in 0..<3 {
                XCTAssertEqual(flow.losses[k][0], ridge.losses[k], accuracy: 1e-7 * ridge.losses[k],
                               "N = \(n), P = \(p), gamma = \(gamma), trial \(k)")
            }
        }
    }

    /// At t = 0 the predictor is zero: the loss is 1/2 w^T Lambda w and the
    /// training error 1/(2P) |y|^2, whose averages are L0 and L0 + sigma_eps^2/2.
    func testZeroTimeIsTheZeroPredictor() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 100)
        let configuration = try ModelConfiguration(featureCount: 50, sampleCount: 80, noiseVariance: 0.01)
        let result = try GradientFlowSimulation(spectrum: spectrum, configuration: configuration, times: [0],
                                                options: SimulationOptions(trials: 64, seed: 2)).run()
        let l0 = try spectrum.predict(configuration).zeroPredictorLoss
        XCTAssertLessThan(abs(result.meanLoss[0] - l0) / result.lossStandardError[0], 4)
        XCTAssertLessThan(abs(result.meanTrainingError[0] - l0 - 0.005) / result.trainingStandardError[0], 4)
    }

    /// Trial results do not depend on the number of worker threads.
    func testThreadCountDoesNotChangeResults() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 100)
        let configuration = try ModelConfiguration(featureCount: 40, sampleCount: 60, ridge: 1e-3)
        let one = try GradientFlowSimulation(spectrum: spectrum, configuration: configuration, times: [1, 10],
                                             options: SimulationOptions(trials: 5, seed: 9, threads: 1)).run()
        let two = try GradientFlowSimulation(spectrum: spectrum, configuration: configuration, times: [1, 10],
                                             options: SimulationOptions(trials: 5, seed: 9, threads: 2)).run()
        XCTAssertEqual(one.losses, two.losses)
        XCTAssertEqual(one.trainingErrors, two.trainingErrors)
    }

    func testBadTimesAreRejected() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 50)
        let configuration = try ModelConfiguration(featureCount: 10, sampleCount: 20)
        for times in [[Double](), [-1.0], [1, .nan]] {
            XCTAssertThrowsError(try GradientFlowSimulation(spectrum: spectrum, configuration: configuration, times: times))
            let theory = try GradientFlowTheory(spectrum: spectrum, configuration: configuration)
            XCTAssertThrowsError(try theory.losses(at: times))
        }
        XCTAssertThrowsError(try GradientFlowSimulation(spectrum: spectrum, configuration: configuration, times: [1],
                                                        teacherPower: [1, 2]))
    }
}
