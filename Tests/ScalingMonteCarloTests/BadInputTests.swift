import XCTest
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingTheory

/// Bad input is refused with a typed `ScalingError` before any work.
final class BadInputTests: XCTestCase {
    let spectrum = try! PowerLawSpectrum(alpha: 1, latentDimension: 100)

    func simulation(n: Double = 10, p: Double = 20, options: SimulationOptions = SimulationOptions()) throws -> Simulation {
        try Simulation(spectrum: spectrum, configuration: ModelConfiguration(featureCount: n, sampleCount: p),
                       options: options)
    }

    func assertInvalid(_ name: String, file: StaticString = #filePath, line: UInt = #line,
                       _ body: () throws -> Any) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            guard case let .invalidParameter(got, _, _)? = error as? ScalingError else {
                return XCTFail("\(error)", file: file, line: line)
            }
            XCTAssertEqual(got, name, file: file, line: line)
        }
    }

    func testInvalidParameters() {
        assertInvalid("trials") { try self.simulation(options: SimulationOptions(trials: 0)) }
        assertInvalid("threads") { try self.simulation(options: SimulationOptions(threads: 0)) }
        assertInvalid("featureCount (N)") { try self.simulation(n: 10.5) }
        assertInvalid("sampleCount (P)") { try self.simulation(p: 20.25) }
        assertInvalid("testSampleCount") {
            try self.simulation(options: SimulationOptions(activation: .tanh, testSampleCount: 1))
        }
        assertInvalid("sampler") { try self.simulation(n: 100, options: SimulationOptions(sampler: .conditional)) }
        assertInvalid("sampler") {
            try self.simulation(options: SimulationOptions(activation: .relu, sampler: .conditional))
        }
        assertInvalid("memoryLimit") { try self.simulation(options: SimulationOptions(memoryLimit: -1)) }
        assertInvalid("featureCount (N)") { try FeatureCovarianceSpectrum(spectrum: self.spectrum, featureCount: 0, sampleCount: 10) }
        assertInvalid("sampleCount") { try FeatureCovarianceSpectrum(spectrum: self.spectrum, featureCount: 5, sampleCount: 1) }
        // Non-finite values are the configuration's to refuse.
        assertInvalid("ridge (gamma)") { try ModelConfiguration(featureCount: 10, sampleCount: 10, ridge: .infinity) }
    }

    func testTooLargeIsRefusedBeforeAllocating() throws {
        let big = try PowerLawSpectrum(alpha: 1, latentDimension: 100_000)
        let configuration = try ModelConfiguration(featureCount: 100_000, sampleCount: 100_000)
        XCTAssertThrowsError(try Simulation(spectrum: big, configuration: configuration)) { error in
            guard case .tooLarge? = error as? ScalingError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try simulation(options: SimulationOptions(memoryLimit: 1000))) { error in
            guard case let .tooLarge(_, bytes, limit)? = error as? ScalingError else { return XCTFail("\(error)") }
            XCTAssertEqual(limit, 1000)
            XCTAssertGreaterThan(bytes, 1000)
        }
        XCTAssertThrowsError(try FeatureCovarianceSpectrum(spectrum: big, featureCount: 100_000, sampleCount: 10)) {
            guard case .tooLarge? = $0 as? ScalingError else { return XCTFail("\($0)") }
        }
    }

    func testNonFiniteFeaturesAreReported() throws {
        let blowUp = Activation.custom(name: "blow-up", function: { _ in .infinity })
        XCTAssertThrowsError(try simulation(options: SimulationOptions(trials: 2, activation: blowUp,
                                                                       testSampleCount: 10)).run()) { error in
            guard case .unsupported? = error as? ScalingError else { return XCTFail("\(error)") }
        }
    }
}
