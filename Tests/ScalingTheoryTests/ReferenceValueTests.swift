import XCTest
import ScalingTheory

/// The reference rows of Docs/Theory.md section 7, computed by an independent
/// implementation of section 3.
final class ReferenceValueTests: XCTestCase {
    struct Row {
        var alpha, lambdaPlus, m, n, p, gamma, sigmaW2, sigmaU2, noise, loss, delta: Double

        func spectrum() throws -> PowerLawSpectrum {
            try PowerLawSpectrum(alpha: alpha, lambdaPlus: lambdaPlus, latentDimension: m)
        }

        func configuration() throws -> ModelConfiguration {
            try ModelConfiguration(featureCount: n, sampleCount: p, ridge: gamma, teacherVariance: sigmaW2,
                                   featureWeightVariance: sigmaU2, noiseVariance: noise)
        }
    }
    static let rows: [Row] = [
        Row(alpha: 1.0, lambdaPlus: 1.0, m: 1000, n: 100, p: 400, gamma: 0, sigmaW2: 1, sigmaU2: 1, noise: 0,
            loss: 1.4932651045e-05, delta: 2.2398976567e-04),
        Row(alpha: 1.0, lambdaPlus: 1.0, m: 1000, n: 250, p: 250, gamma: 1e-3, sigmaW2: 1, sigmaU2: 1, noise: 0,
            loss: 8.6548341932e-06, delta: 9.7206654407e-05),
        Row(alpha: 0.5, lambdaPlus: 2.0, m: 3000, n: 400, p: 150, gamma: 1e-2, sigmaW2: 2, sigmaU2: 0.5, noise: 0.01,
            loss: 3.1078179155e-03, delta: 5.3596659720e-03),
        Row(alpha: 1.5, lambdaPlus: 1.0, m: 500, n: 800, p: 1500, gamma: 0, sigmaW2: 1, sigmaU2: 1, noise: 0.001,
            loss: 2.5000000000e-04, delta: 0),
    ]

    func testReferenceRowsToRelativeOneEMinusEight() throws {
        for row in Self.rows {
            let prediction = try row.spectrum().predict(row.configuration())
            XCTAssertEqual(prediction.loss, row.loss, accuracy: 1e-8 * row.loss, "\(row)")
            if row.delta == 0 {
                XCTAssertEqual(prediction.delta, 0, "\(row)")
            } else {
                XCTAssertEqual(prediction.delta, row.delta, accuracy: 1e-8 * row.delta, "\(row)")
            }
        }
    }

    func testTabulatedSpectrumMatchesPowerLaw() throws {
        let row = Self.rows[2]
        let table = try TabulatedSpectrum(eigenvalues: try row.spectrum().eigenvalues().shuffled())
        XCTAssertEqual(try table.predict(row.configuration()).loss, row.loss, accuracy: 1e-8 * row.loss)
    }
}
