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
}
