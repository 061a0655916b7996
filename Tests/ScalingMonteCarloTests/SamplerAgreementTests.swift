import XCTest
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingTheory

/// The direct sampler (Phi = U X) and the exact conditional one must draw
/// the same law: both agree with the theory, and with each other.
final class SamplerAgreementTests: XCTestCase {
    static let cases: [TheoryAgreementTests.Case] = [
        .init(name: "ridgeless N < P", m: 400, n: 100, p: 300),
        .init(name: "ridge, label noise", m: 200, n: 100, p: 400, gamma: 1e-3, noise: 1e-2),
        .init(name: "ridge, dual form", m: 500, n: 200, p: 120, gamma: 1e-2),
    ]

    func testBothSamplersMatchTheoryAndEachOther() throws {
        for c in Self.cases {
            let (zDirect, direct) = try TheoryAgreementTests.zScore(c, seed: 3, sampler: .direct)
            let (zConditional, conditional) = try TheoryAgreementTests.zScore(c, seed: 3, sampler: .conditional)
            XCTAssertEqual(direct.sampler, .direct)
            XCTAssertEqual(conditional.sampler, .conditional)
            XCTAssertLessThan(abs(zDirect), 4, "direct, \(c.name)")
            XCTAssertLessThan(abs(zConditional), 4, "conditional, \(c.name)")
            // Trial k of both shares w and U (the same stream up to the training
            // set), so the paired difference has its own, smaller, standard error.
            let differences = zip(direct.losses, conditional.losses).map { $0 - $1 }
            let mean = differences.reduce(0, +) / Double(differences.count)
            let variance = differences.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(differences.count - 1)
            let zPaired = mean / (variance / Double(differences.count)).squareRoot()
            print(String(format: "samplers: %@: z direct %+.2f, z conditional %+.2f, paired z %+.2f",
                         c.name, zDirect, zConditional, zPaired))
            XCTAssertLessThan(abs(zPaired), 4, c.name)
        }
    }

    func testAutomaticChoiceAndAvailability() throws {
        // Conditional needs linear features and N < M.
        XCTAssertFalse(Sampler.isAvailable(.conditional, featureCount: 400, latentDimension: 300, activation: .linear))
        XCTAssertFalse(Sampler.isAvailable(.conditional, featureCount: 100, latentDimension: 300, activation: .relu))
        XCTAssertTrue(Sampler.isAvailable(.conditional, featureCount: 100, latentDimension: 300, activation: .linear))
        XCTAssertEqual(Sampler.fastest(featureCount: 1000, sampleCount: 1000, latentDimension: 4000, activation: .linear),
                       .conditional)
        XCTAssertEqual(Sampler.fastest(featureCount: 1000, sampleCount: 1000, latentDimension: 4000, activation: .relu),
                       .direct)
        XCTAssertEqual(Sampler.fastest(featureCount: 500, sampleCount: 1000, latentDimension: 400, activation: .linear),
                       .direct)
    }
}

final class ConditionalFallbackTests: XCTestCase {
    /// lambda_I = I^-9 over M = 200 spans 20 decades: K = U Lambda U^T at
    /// N = 150 is singular in double precision.
    func testSingularCovarianceFallsBackToDirectOnlyWhenAutomatic() throws {
        let spectrum = try PowerLawSpectrum(alpha: 8, latentDimension: 200)
        let configuration = try ModelConfiguration(featureCount: 150, sampleCount: 300, ridge: 1e-3)
        let automatic = try Simulation(spectrum: spectrum, configuration: configuration,
                                       options: SimulationOptions(trials: 2))
        XCTAssertEqual(automatic.sampler, .conditional)
        let result = try automatic.run()
        XCTAssertEqual(result.trialResults.map(\.sampler), [.direct, .direct])
        let direct = try Simulation(spectrum: spectrum, configuration: configuration,
                                    options: SimulationOptions(trials: 2, sampler: .direct)).run()
        XCTAssertEqual(result.losses, direct.losses, "the same w and U, the same draws")

        let forced = try Simulation(spectrum: spectrum, configuration: configuration,
                                    options: SimulationOptions(trials: 2, sampler: .conditional))
        XCTAssertThrowsError(try forced.run()) { error in
            guard case .noConvergence? = error as? ScalingError else { return XCTFail("\(error)") }
        }
    }
}
