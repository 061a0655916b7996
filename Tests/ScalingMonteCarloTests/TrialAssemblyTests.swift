import Foundation
import XCTest
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingTheory

/// Trials run one by one, in any order, encoded and decoded (as shards and MPI
/// ranks ship them), assemble into the run's own result, bit for bit.
final class TrialAssemblyTests: XCTestCase {
    func testTrialsRunAnywhereAssembleIntoTheRunsResult() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 60)
        let cases: [(ModelConfiguration, SimulationOptions)] = [
            // Ridgeless with min(N, P) > M: rank-deficient fits, their rank must travel.
            (try ModelConfiguration(featureCount: 80, sampleCount: 90, ridge: 0), SimulationOptions(trials: 5, seed: 3)),
            (try ModelConfiguration(featureCount: 30, sampleCount: 50, ridge: 1e-2),
             SimulationOptions(trials: 4, seed: 8, activation: .relu, testSampleCount: 300)),
        ]
        let encoder = JSONEncoder(), decoder = JSONDecoder()
        for (configuration, options) in cases {
            let simulation = try Simulation(spectrum: spectrum, configuration: configuration, options: options)
            let run = try simulation.run()
            var trials = [TrialResult?](repeating: nil, count: options.trials)
            for index in (0..<options.trials).reversed() {
                trials[index] = try decoder.decode(TrialResult.self, from: encoder.encode(simulation.trial(index)))
            }
            let assembled = simulation.result(trialResults: trials.map { $0! }, seconds: 0)
            XCTAssertEqual(assembled.losses.map(\.bitPattern), run.losses.map(\.bitPattern))
            XCTAssertEqual(assembled.mean.bitPattern, run.mean.bitPattern)
            XCTAssertEqual(assembled.standardError.bitPattern, run.standardError.bitPattern)
            XCTAssertEqual(assembled.rankDeficientTrials, run.rankDeficientTrials)
            XCTAssertEqual(assembled.testStandardError?.bitPattern, run.testStandardError?.bitPattern)
            XCTAssertEqual(assembled.trialResults.map(\.rank), run.trialResults.map(\.rank))
        }
        // The cases exercise what they claim.
        let ridgeless = try Simulation(spectrum: spectrum, configuration: cases[0].0, options: cases[0].1).run()
        XCTAssertGreaterThan(ridgeless.rankDeficientTrials, 0)
    }

    func testSweepPlanRunPointByPointIsTheSweep() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 80)
        let base = try ModelConfiguration(featureCount: 1, sampleCount: 40, ridge: 1e-3)
        let grid = try ParameterGrid(from: 10, to: 60, count: 3)
        let options = SimulationOptions(trials: 3, seed: 2)
        let plan = try Sweep.simulationPlan(spectrum: spectrum, base: base, vary: .featureCount, over: grid,
                                            options: options)
        XCTAssertEqual(plan.simulations.map(\.options.seed), [2, 3, 4])
        let fromPlan = plan.points(results: try plan.simulations.map { try $0.run() })
        let sweep = try Sweep.simulation(spectrum: spectrum, base: base, vary: .featureCount, over: grid, options: options)
        XCTAssertEqual(fromPlan.map { $0.simulation.mean.bitPattern }, sweep.map { $0.simulation.mean.bitPattern })
        XCTAssertEqual(fromPlan.map(\.configuration.featureCount), sweep.map(\.configuration.featureCount))
    }

    func testFingerprintChangesWithWhatChangesTheTrials() throws {
        let configuration = try ModelConfiguration(featureCount: 20, sampleCount: 30, ridge: 1e-3)
        func fingerprint(_ alpha: Double, seed: UInt64 = 0) throws -> String {
            try Simulation(spectrum: try PowerLawSpectrum(alpha: alpha, latentDimension: 50), configuration: configuration,
                           options: SimulationOptions(trials: 2, seed: seed)).fingerprint
        }
        XCTAssertEqual(try fingerprint(1), try fingerprint(1))
        XCTAssertNotEqual(try fingerprint(1), try fingerprint(1.0000001), "eigenvalues")
        XCTAssertNotEqual(try fingerprint(1), try fingerprint(1, seed: 1), "seed")
        let tabulated = { (power: [Double]) in
            try Simulation(spectrum: try PowerLawSpectrum(alpha: 1, latentDimension: 3),
                           configuration: try ModelConfiguration(featureCount: 2, sampleCount: 3, ridge: 1e-3,
                                                                 teacher: Teacher(power: power)),
                           options: SimulationOptions(trials: 2)).fingerprint
        }
        XCTAssertNotEqual(try tabulated([1, 2, 3]), try tabulated([1, 2, 3.0000001]), "teacher")
    }

    /// SGD (both samplers and the conditional curve) and gradient flow (a
    /// training set and the population flow): trials run one by one in
    /// reverse order, encoded and decoded as shards and MPI ranks ship them,
    /// assemble into the run's own curves, bit for bit.
    func testLearningCurveTrialsRunAnywhereAssembleIntoTheRunsResult() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 60)
        let configuration = try ModelConfiguration(featureCount: 20, sampleCount: 30, ridge: 1e-3, noiseVariance: 0.1)
        let sgd = try SGDHyperparameters(batchSize: 2, learningRate: 0.3)
        let options = { (sampler: Sampler?) in SimulationOptions(trials: 4, seed: 7, threads: 2, sampler: sampler) }
        func shipped<S: TrialSimulation>(_ simulation: S) throws -> S.Result {
            let encoder = JSONEncoder(), decoder = JSONDecoder()
            var trials = [S.TrialOutcome?](repeating: nil, count: simulation.options.trials)
            for index in trials.indices.reversed() {
                trials[index] = try decoder.decode(S.TrialOutcome.self, from: encoder.encode(simulation.trial(index)))
            }
            return simulation.result(trialResults: trials.map { $0! }, seconds: 0)
        }
        let bits = { (curves: [[Double]]) in curves.map { $0.map(\.bitPattern) } }
        for (method, sampler) in [(SGDSimulation.Method.directSGD, Sampler.direct), (.directSGD, .conditional),
                                  (.conditionalCurve, nil)] {
            let simulation = try SGDSimulation(spectrum: spectrum, configuration: configuration, sgd: sgd,
                                               steps: [40, 0, 7], method: method, options: options(sampler))
            let run = try simulation.run()
            XCTAssertEqual(bits(try shipped(simulation).losses), bits(run.losses), "\(method) \(String(describing: sampler))")
            XCTAssertEqual(run.losses.count, 4)
        }
        for population in [false, true] {
            let simulation = try GradientFlowSimulation(spectrum: spectrum, configuration: configuration,
                                                        times: [1, .infinity, 0.5], population: population,
                                                        options: options(nil))
            let run = try simulation.run()
            let assembled = try shipped(simulation)
            XCTAssertEqual(bits(assembled.losses), bits(run.losses), "population \(population)")
            XCTAssertEqual(bits(assembled.trainingErrors), bits(run.trainingErrors), "population \(population)")
            // The population flow's training error is its loss, not shipped twice.
            XCTAssertEqual(try simulation.trial(0).trainingErrors == nil, population)
        }
    }

    func testLearningCurveFingerprintsChangeWithWhatChangesTheTrials() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 50)
        let configuration = try ModelConfiguration(featureCount: 20, sampleCount: 30, ridge: 1e-3)
        func sgd(batch: Int = 2, eta: Double = 0.3, steps: [Int] = [1, 10], seed: UInt64 = 0,
                 method: SGDSimulation.Method = .directSGD) throws -> String {
            try SGDSimulation(spectrum: spectrum, configuration: configuration,
                              sgd: SGDHyperparameters(batchSize: batch, learningRate: eta), steps: steps, method: method,
                              options: SimulationOptions(trials: 2, seed: seed)).fingerprint
        }
        XCTAssertEqual(try sgd(), try sgd())
        for other in [try sgd(batch: 3), try sgd(eta: 0.30000000000000004), try sgd(steps: [1, 11]), try sgd(seed: 1),
                      try sgd(method: .conditionalCurve)] {
            XCTAssertNotEqual(try sgd(), other)
        }
        func flow(times: [Double] = [1, 10], population: Bool = false, power: Double = 1) throws -> String {
            try GradientFlowSimulation(spectrum: spectrum, configuration: configuration, times: times,
                                       teacherPower: [Double](repeating: power / 50, count: 50), population: population,
                                       options: SimulationOptions(trials: 2)).fingerprint
        }
        XCTAssertEqual(try flow(), try flow())
        for other in [try flow(times: [1, 10.000000000000002]), try flow(population: true), try flow(power: 1.0000001)] {
            XCTAssertNotEqual(try flow(), other)
        }
        XCTAssertNotEqual(try flow(), try sgd())
    }
}
