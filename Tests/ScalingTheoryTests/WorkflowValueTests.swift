import Foundation
import XCTest
import ScalingTheory

/// The library values the command line now only renders (#19): each equals
/// the theory it wraps, computed here by the direct route.
final class WorkflowValueTests: XCTestCase {
    func testGradientFlowPredictionIsTheStaticPredictionAtInfiniteTime() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 400)
        let configuration = try ModelConfiguration(featureCount: 100, sampleCount: 200, ridge: 1e-3)
        let converged = try GradientFlowPrediction(spectrum: spectrum, configuration: configuration, time: .infinity)
        XCTAssertEqual(converged.converged, try spectrum.predict(configuration))
        XCTAssertEqual(converged.loss, try spectrum.predict(configuration).loss)
    }

    func testGradientFlowPredictionAtFiniteTime() throws {
        let configuration = try ModelConfiguration(featureCount: 100, sampleCount: 200)
        // M <= 4000: the exact eigenvalue list; above: the compressed power law.
        for m in [400.0, 1e5] {
            let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: m)
            let theory = m > GradientFlowTheory.compressedAbove
                ? try GradientFlowTheory.powerLaw(alpha: 1, latentDimension: m, configuration: configuration)
                : try GradientFlowTheory(spectrum: spectrum, configuration: configuration)
            let p = try GradientFlowPrediction(spectrum: spectrum, configuration: configuration, time: 50)
            XCTAssertEqual(p.loss, try theory.loss(at: 50))
            XCTAssertEqual(p.relativeLoss, p.loss / theory.zeroPredictorLoss)
            XCTAssertNil(p.converged)
            XCTAssertEqual(p.regime, Regime(featureCount: 100, sampleCount: 200, latentDimension: m))
        }
    }

    func testLogLogSlopeOfAnExactPowerLaw() {
        let x = [1.0, 3, 10, 30, 100]
        XCTAssertEqual(GradientFlowFrontier.logLogSlope(x, x.map { 3 * pow($0, -0.7) }), -0.7, accuracy: 1e-12)
        XCTAssertTrue(GradientFlowFrontier.logLogSlope([2, 2], [1, 5]).isNaN)
    }

    func testLossMapCellsAreTheSolversPredictions() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 100)
        let base = try ModelConfiguration(featureCount: 10, sampleCount: 10, ridge: 1e-3)
        let grid = try ParameterGrid(from: 10, to: 300, count: 4)
        let map = try LossMap(spectrum: spectrum, base: base, grid: grid)
        XCTAssertEqual(map.cells.count, 4)
        for (row, p) in grid.values.enumerated() {
            for (column, n) in grid.values.enumerated() {
                let cell = map.cells[row][column]
                let direct = try spectrum.predict(try base.with(featureCount: n, sampleCount: p))
                XCTAssertEqual(cell.prediction.loss, direct.loss, accuracy: 1e-12 * direct.loss)
                XCTAssertEqual(cell.configuration.featureCount, n)
                XCTAssertEqual(cell.configuration.sampleCount, p)
                XCTAssertNotNil(cell.bottleneck)
            }
        }
        // Every point of the compute-optimal path lies on the map, N * P = C.
        for allocation in map.path {
            XCTAssertTrue((10...300).contains(allocation.featureCount) && (10...300).contains(allocation.sampleCount))
            XCTAssertEqual(allocation.featureCount * allocation.sampleCount, allocation.compute,
                           accuracy: 1e-9 * allocation.compute)
        }
    }
}
