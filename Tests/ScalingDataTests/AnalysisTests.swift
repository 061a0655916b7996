import Foundation
import ScalingData
import ScalingTheory
import XCTest

final class AnalysisTests: XCTestCase {
    /// Orthogonal centred columns x1 = (1,-1,1,-1), 2 x2 = 2 (1,1,-1,-1), a
    /// residual e = (1,-1,-1,1) orthogonal to both, and offsets the centring
    /// must remove: C = diag(1, 4), y = 3 x1 + 0.5 (2 x2) + e, so
    /// lambda = (4, 1), |w| = (0.5, 3), sigma_eps^2 = mean(e^2) = 1 and
    /// Var(y) = 9 + 0.25 * 4 + 1 = 11, all by hand.
    func testHandWorkedDataSet() throws {
        let x1: [Double] = [1, -1, 1, -1], x2: [Double] = [2, 2, -2, -2], e: [Double] = [1, -1, -1, 1]
        var values: [Double] = []
        for mu in 0..<4 { values += [x1[mu] + 10, x2[mu] - 3] }
        let y: [Double] = (0..<4).map { mu -> Double in 3 * x1[mu] + 0.5 * x2[mu] + e[mu] + 7 }
        let data = try DataSet(data: DataMatrix(rows: 4, columns: 2, values: values), targets: y)
        let analysis = try DataSetAnalysis(CentredDataSet(data))
        XCTAssertEqual(analysis.eigenvalues.count, 2)
        XCTAssertEqual(analysis.eigenvalues[0], 4, accuracy: 1e-13)
        XCTAssertEqual(analysis.eigenvalues[1], 1, accuracy: 1e-13)
        XCTAssertEqual(analysis.teacherPower[0], 0.25, accuracy: 1e-13)
        XCTAssertEqual(analysis.teacherPower[1], 9, accuracy: 1e-12)
        XCTAssertEqual(analysis.inSampleResidualVariance, 1, accuracy: 1e-13)
        XCTAssertEqual(analysis.targetVariance, 11, accuracy: 1e-13)
        XCTAssertEqual(analysis.explainedVariance, 10, accuracy: 1e-12)
        XCTAssertEqual(analysis.featureMeans, [10, -3])
        XCTAssertEqual(analysis.targetMean, 7)
        XCTAssertEqual(analysis.droppedCount, 0)
    }

    /// A repeated column makes C singular: one eigenvalue is dropped and
    /// counted, and nothing else changes.
    func testRankDeficientDirectionsAreDroppedAndCounted() throws {
        let x1: [Double] = [1, -1, 1, -1], x2: [Double] = [2, 2, -2, -2], e: [Double] = [1, -1, -1, 1]
        var values: [Double] = []
        for mu in 0..<4 { values += [x1[mu], x2[mu], x1[mu]] }
        let y: [Double] = (0..<4).map { mu -> Double in 3 * x1[mu] + 0.5 * x2[mu] + e[mu] }
        let analysis = try DataSetAnalysis(CentredDataSet(DataSet(data: DataMatrix(rows: 4, columns: 3, values: values),
                                                                  targets: y)))
        XCTAssertEqual(analysis.droppedCount, 1)
        XCTAssertEqual(analysis.latentDimension, 2)
        XCTAssertEqual(analysis.eigenvalues[0], 4, accuracy: 1e-13)
        XCTAssertEqual(analysis.eigenvalues[1], 2, accuracy: 1e-13)  // the doubled x1 direction
        XCTAssertEqual(analysis.inSampleResidualVariance, 1, accuracy: 1e-13)
    }

    func testConstantTargetOrDataAreRefused() throws {
        let m = try DataMatrix(rows: 3, columns: 1, values: [1, 2, 3])
        XCTAssertThrowsError(try CentredDataSet(DataSet(data: m, targets: [5, 5, 5]))) { error in
            guard case .invalidTarget? = error as? DataSetError else { return XCTFail("\(error)") }
        }
        let flat = try DataMatrix(rows: 3, columns: 1, values: [2, 2, 2])
        XCTAssertThrowsError(try DataSetAnalysis(CentredDataSet(DataSet(data: flat, targets: [1, 2, 3])))) { error in
            guard case .degenerateData? = error as? DataSetError else { return XCTFail("\(error)") }
        }
    }

    /// A constant column of a value whose mean rounds (130/255) is centred to
    /// exact zeros, so that data with one varying column are rank one, not
    /// rank two on rounding noise; multiples of one vector are rank one too.
    func testRankOneDataAreRefused() throws {
        let pixels = try DataMatrix(rows: 3, columns: 2, values: [130 / 255, 1, 130 / 255, 2, 130 / 255, 4])
        XCTAssertThrowsError(try DataSetAnalysis(CentredDataSet(DataSet(data: pixels, targets: [1, 2, 4])))) { error in
            guard case .degenerateData(let detail)? = error as? DataSetError else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("rank 1"), detail)
        }
        let multiples = try DataMatrix(rows: 3, columns: 2, values: [1, 2, 2, 4, -3, -6])
        XCTAssertThrowsError(try DataSetAnalysis(CentredDataSet(DataSet(data: multiples, targets: [1, 2, 4])))) { error in
            guard case .degenerateData? = error as? DataSetError else { return XCTFail("\(error)") }
        }
    }

    /// Docs/Theory.md section 8's reference rows (power-law spectrum, omega_I =
    /// (sigma_w^2/M) I^-beta) to relative 1e-8: loss and training error.
    func testSectionEightReferenceValues() throws {
        let rows: [(alpha: Double, lambdaPlus: Double, m: Int, beta: Double, sigmaW2: Double, n: Double, p: Double,
                    gamma: Double, sigmaU2: Double, noise: Double, loss: Double, train: Double)] = [
            (1.0, 1.0, 1000, 0.5, 1, 100, 400, 1e-3, 1, 0, 2.3623711272e-06, 1.4299861053e-06),
            (1.0, 1.0, 1000, 0.5, 1, 400, 100, 0, 1, 0, 1.6565705881e-06, 0),
            (0.5, 2.0, 3000, 1.5, 2, 400, 150, 1e-2, 0.5, 0.01, 2.8894629791e-03, 5.2698221942e-04),
            (1.5, 1.0, 2000, -0.5, 1, 300, 900, 1e-4, 2, 0.001, 1.4114133541e-04, 3.5062208127e-04),
        ]
        for row in rows {
            let lambda = (1...row.m).map { row.lambdaPlus * pow(Double($0), -(1 + row.alpha)) }
            let omega = (1...row.m).map { row.sigmaW2 / Double(row.m) * pow(Double($0), -row.beta) }
            let configuration = try ModelConfiguration(featureCount: row.n, sampleCount: row.p, ridge: row.gamma,
                                                       featureWeightVariance: row.sigmaU2, noiseVariance: row.noise)
            let prediction = try AlignedTeacherPrediction(spectrum: TabulatedSpectrum(eigenvalues: lambda),
                                                          teacherPower: omega, configuration: configuration)
            XCTAssertEqual(prediction.loss, row.loss, accuracy: 1e-8 * row.loss, "\(row)")
            XCTAssertEqual(prediction.trainingError, row.train, accuracy: 1e-8 * max(row.train, row.loss), "\(row)")
            XCTAssertEqual(prediction.testError, row.loss + row.noise / 2, accuracy: 1e-8 * (row.loss + row.noise / 2))
        }
    }
}
