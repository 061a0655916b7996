import XCTest
import ScalingTheory

final class SweepTests: XCTestCase {
    func testGridValues() throws {
        let log = try ParameterGrid(from: 10, to: 1000, count: 3).values
        XCTAssertEqual(log[0], 10)
        XCTAssertEqual(log[1], 100, accuracy: 1e-12)
        XCTAssertEqual(log[2], 1000)
        XCTAssertEqual(try ParameterGrid(from: 0, to: 1, count: 5, spacing: .linear).values, [0, 0.25, 0.5, 0.75, 1])
        XCTAssertEqual(try ParameterGrid(from: 7, to: 7, count: 1).values, [7])
        for (a, b, k, s) in [(0.0, 10.0, 5, ParameterGrid.Spacing.log), (10, 1, 5, .log), (1, 10, 0, .log),
                             (1, .infinity, 3, .log), (1, 10, 1, .linear), (.nan, 1, 3, .linear)] {
            XCTAssertThrowsError(try ParameterGrid(from: a, to: b, count: k, spacing: s))
        }
    }

    /// Each sweep point equals an independent single prediction.
    func testSweepMatchesPointwisePredictions() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 1000)
        let base = try ModelConfiguration(featureCount: 100, sampleCount: 400, ridge: 1e-3)
        for parameter in SweepParameter.allCases {
            let grid = parameter == .ridge ? try ParameterGrid(from: 1e-6, to: 1, count: 7)
                : try ParameterGrid(from: 20, to: 2000, count: 7)
            let points = try Sweep.theory(spectrum: spectrum, base: base, vary: parameter, over: grid)
            XCTAssertEqual(points.map(\.value), grid.values)
            for point in points {
                let single = try spectrum.predict(point.configuration)
                XCTAssertEqual(point.prediction, single)
            }
            if parameter == .compute {
                for point in points {
                    XCTAssertEqual(point.configuration.featureCount * point.configuration.sampleCount, point.value,
                                   accuracy: 1e-9 * point.value)
                    XCTAssertEqual(point.configuration.featureCount / point.configuration.sampleCount, 0.25,
                                   accuracy: 1e-12)
                }
            }
        }
    }

    func testSweepPropagatesBadConfigurations() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 100)
        let base = try ModelConfiguration(featureCount: 10, sampleCount: 40)
        XCTAssertThrowsError(try Sweep.theory(spectrum: spectrum, base: base, vary: .featureCount,
                                              over: ParameterGrid(from: 0.1, to: 10, count: 3)))
    }
}
