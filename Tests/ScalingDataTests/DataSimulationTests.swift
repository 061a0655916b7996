import DenseAlgebra
import Foundation
import NonlinearFeatureTheory
import ScalingData
import ScalingTheory
import XCTest

final class DataSimulationTests: XCTestCase {
    /// 500 Gaussian rows of dimension 20 with a nonlinear target.
    static func small() throws -> CentredDataSet {
        let stream = RandomStream(seed: 5, trial: 0)
        let values = stream.gaussians(500 * 20)
        let y: [Double] = (0..<500).map { mu -> Double in
            let a = values[mu * 20], b = values[mu * 20 + 1]
            return a + 0.3 * b * b
        }
        return try CentredDataSet(DataSet(data: DataMatrix(rows: 500, columns: 20, values: values), targets: y))
    }

    func testThreadCountDoesNotChangeAnyTrial() throws {
        let data = try Self.small()
        for activation in [Activation.linear, .relu] {
            for gamma in [0.0, 1e-2] {
                let configuration = try ModelConfiguration(featureCount: 30, sampleCount: 60, ridge: gamma)
                let one = try DataSimulation(data: data, latentDimension: 20, configuration: configuration,
                                             options: DataSimulationOptions(trials: 5, seed: 3, activation: activation,
                                                                            threads: 1)).run()
                let two = try DataSimulation(data: data, latentDimension: 20, configuration: configuration,
                                             options: DataSimulationOptions(trials: 5, seed: 3, activation: activation,
                                                                            threads: 2)).run()
                XCTAssertEqual(one.trialResults, two.trialResults, "\(activation) gamma \(gamma)")
                let alone = try DataSimulation(data: data, latentDimension: 20, configuration: configuration,
                                               options: DataSimulationOptions(trials: 5, seed: 3, activation: activation))
                XCTAssertEqual(try alone.trial(4), one.trialResults[4])
            }
        }
    }

    /// Ridgeless with N > P interpolates the training rows: training error 0
    /// (to rounding), rank P, and GCV its gamma -> 0+ limit, finite.
    func testRidgelessInterpolationHasZeroTrainingError() throws {
        let configuration = try ModelConfiguration(featureCount: 80, sampleCount: 15, ridge: 0)
        let result = try DataSimulation(data: Self.small(), latentDimension: 20, configuration: configuration,
                                        options: DataSimulationOptions(trials: 3, seed: 1)).run()
        for trial in result.trialResults {
            XCTAssertLessThan(trial.trainingError, 1e-20)
            XCTAssertEqual(trial.rank, 15)
            XCTAssertTrue(trial.gcv.isFinite && trial.gcv > 0, "\(trial.gcv)")
        }
    }

    func testBadConfigurationsAreRefused() throws {
        let data = try Self.small()
        func refused(_ name: String, n: Double = 10, p: Double = 20, m: Int = 20,
                     options: DataSimulationOptions = DataSimulationOptions(), line: UInt = #line) {
            XCTAssertThrowsError(try DataSimulation(data: data, latentDimension: m,
                                                    configuration: ModelConfiguration(featureCount: n, sampleCount: p),
                                                    options: options), line: line) { error in
                guard case let .invalidParameter(got, _, _)? = error as? ScalingError else { return XCTFail("\(error)", line: line) }
                XCTAssertEqual(got, name, line: line)
            }
        }
        refused("sampleCount (P)", p: 500)
        refused("sampleCount (P)", p: 20.5)
        refused("featureCount (N)", n: 1.5)
        refused("testRows", options: DataSimulationOptions(testRows: 481))
        refused("testRows", options: DataSimulationOptions(testRows: 0))
        refused("trials", options: DataSimulationOptions(trials: 1))
        refused("threads", options: DataSimulationOptions(threads: 0))
        refused("latentDimension (M)", m: 21)
        XCTAssertThrowsError(try DataSimulation(data: data, latentDimension: 20,
                                                configuration: ModelConfiguration(featureCount: 100_000, sampleCount: 400),
                                                options: DataSimulationOptions(memoryLimit: 1e6))) { error in
            guard case .tooLarge? = error as? ScalingError else { return XCTFail("\(error)") }
        }
    }
}
