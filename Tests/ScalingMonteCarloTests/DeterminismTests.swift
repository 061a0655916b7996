import XCTest
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingTheory

/// Trial k draws from the stream of (seed, k): its result must not depend on
/// the number of worker threads, bit for bit.
final class DeterminismTests: XCTestCase {
    func losses(threads: Int, seed: UInt64 = 11, sampler: Sampler? = nil, activation: Activation = .linear,
                n: Double = 120, p: Double = 200, gamma: Double = 1e-3) throws -> [Double] {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 300)
        let configuration = try ModelConfiguration(featureCount: n, sampleCount: p, ridge: gamma, noiseVariance: 1e-3)
        let options = SimulationOptions(trials: 9, seed: seed, activation: activation, testSampleCount: 500,
                                        threads: threads, sampler: sampler)
        return try Simulation(spectrum: spectrum, configuration: configuration, options: options).run().losses
    }

    func testOneAndTwoThreadsGiveIdenticalLossesBitForBit() throws {
        for sampler in Sampler.allCases {
            let one = try losses(threads: 1, sampler: sampler)
            let two = try losses(threads: 2, sampler: sampler)
            XCTAssertEqual(one.map(\.bitPattern), two.map(\.bitPattern), sampler.rawValue)
        }
        let reluOne = try losses(threads: 1, activation: .relu)
        let reluTwo = try losses(threads: 2, activation: .relu)
        XCTAssertEqual(reluOne.map(\.bitPattern), reluTwo.map(\.bitPattern), "relu")
        let ridgelessOne = try losses(threads: 1, n: 250, p: 100, gamma: 0)
        let ridgelessTwo = try losses(threads: 2, n: 250, p: 100, gamma: 0)
        XCTAssertEqual(ridgelessOne.map(\.bitPattern), ridgelessTwo.map(\.bitPattern), "ridgeless")
    }

    func testSingleTrialReproducesTheRun() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 300)
        let configuration = try ModelConfiguration(featureCount: 120, sampleCount: 200, ridge: 1e-3)
        let simulation = try Simulation(spectrum: spectrum, configuration: configuration,
                                        options: SimulationOptions(trials: 5, seed: 4))
        let run = try simulation.run()
        XCTAssertEqual(try simulation.trial(3).loss.bitPattern, run.losses[3].bitPattern)
    }

    func testDifferentSeedsAndTrialsDiffer() throws {
        let a = try losses(threads: 2, seed: 1)
        let b = try losses(threads: 2, seed: 2)
        XCTAssertNotEqual(a, b)
        XCTAssertEqual(Set(a).count, a.count)
    }
}
