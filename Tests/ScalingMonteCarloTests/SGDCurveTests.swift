import XCTest
import ScalingMonteCarlo
import ScalingTheory

/// `SGDCurvePoint`: the step counts of a sweep grid and the curve's points.
final class SGDCurveTests: XCTestCase {
    func testStepCountsRoundTheGridAndDropRepeats() throws {
        // A log grid from 1 to 1000 in 4 points is the decades exactly.
        XCTAssertEqual(SGDCurvePoint.stepCounts(try ParameterGrid(from: 1, to: 1000, count: 4)), [1, 10, 100, 1000])
        // 0, 0.5, ..., 3: halves round away from zero, so 0.5 -> 1 repeats 1.0, 1.5 -> 2 repeats 2.0, ...
        XCTAssertEqual(SGDCurvePoint.stepCounts(try ParameterGrid(from: 0, to: 3, count: 7, spacing: .linear)), [0, 1, 2, 3])
        // A log grid from 1 to 3 in 5 points: 1, 1.32, 1.73, 2.28, 3 -> 1, 1, 2, 2, 3.
        XCTAssertEqual(SGDCurvePoint.stepCounts(try ParameterGrid(from: 1, to: 3, count: 5)), [1, 2, 3])
    }

    func testCurveWithoutSimulationHasNoMeanOrZScore() {
        let points = SGDCurvePoint.curve(steps: [0, 10], batchSize: 4, theory: [2, 1], simulated: nil)
        XCTAssertEqual(points.map(\.steps), [0, 10])
        XCTAssertEqual(points.map(\.theory), [2, 1])
        XCTAssertTrue(points.allSatisfy { $0.batchSize == 4 && $0.mean == nil && $0.zScore == nil })
        // z = (mean - theory) / standard error, by hand.
        let point = SGDCurvePoint(steps: 5, batchSize: 1, theory: 1, mean: 1.5, standardError: 0.25)
        XCTAssertEqual(point.zScore, 2)
    }
}
