import XCTest
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingTheory

/// Nonlinear feature maps: the test-sample loss and the feature-covariance
/// spectrum past M (Docs/Theory.md section 6).
final class NonlinearFeatureTests: XCTestCase {
    /// An identity closure goes through the test-sample path, with the same
    /// w, U and training set as linear features under the direct sampler, so
    /// each trial's test-sample loss must match the exact loss within its
    /// own sampling error.
    func testTestSampleLossMatchesExactLossForIdentityClosure() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 200)
        let configuration = try ModelConfiguration(featureCount: 80, sampleCount: 160, ridge: 1e-3)
        let identity = Activation.custom(name: "identity", function: { $0 })
        let sampled = try Simulation(spectrum: spectrum, configuration: configuration,
                                     options: SimulationOptions(trials: 6, seed: 5, activation: identity,
                                                                testSampleCount: 20_000)).run()
        let exact = try Simulation(spectrum: spectrum, configuration: configuration,
                                   options: SimulationOptions(trials: 6, seed: 5, sampler: .direct)).run()
        XCTAssertNil(exact.testStandardError)
        for (trial, exactTrial) in zip(sampled.trialResults, exact.trialResults) {
            let error = try XCTUnwrap(trial.testStandardError)
            XCTAssertLessThan(abs(trial.loss - exactTrial.loss), 4 * error, "\(trial.loss) vs \(exactTrial.loss)")
        }
    }

    func testEveryBuiltInActivationSimulates() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 100)
        let configuration = try ModelConfiguration(featureCount: 60, sampleCount: 90, ridge: 1e-2)
        for activation in Activation.builtIn {
            let result = try Simulation(spectrum: spectrum, configuration: configuration,
                                        options: SimulationOptions(trials: 4, activation: activation,
                                                                   testSampleCount: 1000)).run()
            XCTAssertTrue(result.mean.isFinite && result.mean > 0, activation.name)
            XCTAssertEqual(result.testStandardError == nil, activation.isLinear, activation.name)
            XCTAssertEqual(Activation(name: activation.name)?.name, activation.name)
        }
        XCTAssertNil(Activation(name: "sigmoid"))
    }

    /// ReLU features continue the latent power law past index M; linear
    /// features stop at M (their covariance has rank M).
    func testReLUSpectrumContinuesPastLatentDimension() throws {
        let m = 100
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: Double(m))
        let relu = try FeatureCovarianceSpectrum(spectrum: spectrum, featureCount: 400, sampleCount: 40_000,
                                                 activation: .relu, seed: 2)
        let below = try PowerLawFit.logLogSlope(relu.eigenvalues, indices: 10...m)
        let above = try PowerLawFit.logLogSlope(relu.eigenvalues, indices: m...(2 * m))
        print(String(format: "ReLU feature spectrum: log-log slope %.3f on 10..M, %.3f on M..2M", below, above))
        XCTAssertLessThan(above, -1, "a decaying power law past M")
        XCTAssertEqual(above / below, 1, accuracy: 0.2, "the same exponent past M as below it")

        let linear = try FeatureCovarianceSpectrum(spectrum: spectrum, featureCount: 400, sampleCount: 40_000, seed: 2)
        XCTAssertEqual(linear.eigenvalues.count, 400)
        XCTAssertEqual(linear.eigenvalues, linear.eigenvalues.sorted(by: >))
        let top = linear.eigenvalues[0]
        XCTAssertGreaterThan(linear.eigenvalues[m - 1], 1e-6 * top)
        let tail = linear.eigenvalues[m...].map(abs).max()!
        print(String(format: "linear feature spectrum: largest |eigenvalue| past M is %.2e of the top", tail / top))
        XCTAssertLessThan(tail, 1e-13 * top, "rounding level past M")
    }

    func testLogLogSlopeOfExactPowerLaw() throws {
        let values = (1...50).map { 3 * pow(Double($0), -1.7) }
        XCTAssertEqual(try PowerLawFit.logLogSlope(values, indices: 5...50), -1.7, accuracy: 1e-12)
        XCTAssertThrowsError(try PowerLawFit.logLogSlope(values, indices: 40...60))
        XCTAssertThrowsError(try PowerLawFit.logLogSlope([1, 0, 2], indices: 1...3))
    }
}
