import XCTest
import ScalingMonteCarlo
import ScalingTheory

final class RandomStreamTests: XCTestCase {
    func testSameSeedSameLosses() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 50)
        let configuration = try ModelConfiguration(featureCount: 10, sampleCount: 20, ridge: 1e-3)
        let simulation = try Simulation(spectrum: spectrum, configuration: configuration,
                                        options: SimulationOptions(trials: 3, seed: 7))
        XCTAssertEqual(try simulation.run().losses, try simulation.run().losses)
    }
}
