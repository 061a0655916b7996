import DenseAlgebra
import Foundation
import ScalingData
import ScalingTheory
import TestSupport
import XCTest

/// The control of Docs/Theory.md section 9: data drawn from the generative model
/// itself (Gaussian x with a power-law spectrum, a fixed linear teacher,
/// Gaussian label noise) go through the whole real-data path (written to
/// .npy, read back, analysed, simulated on their rows) and must agree with
/// the theory's testError within 4 standard errors. Any real-data gap must
/// vanish here.
final class SyntheticControlTests: XCTestCase {
    static let d = 300, rows = 30_000, noise = 0.05

    /// X (rows x d) with lambda_I = I^-1.5 along the coordinate axes, and
    /// y = w . x + eps with w_I ~ N(0, 1/d).
    static func generate(rows: Int = rows, d: Int = d) throws -> (DataMatrix, [Double]) {
        let stream = RandomStream(seed: 2026, trial: 0)
        let root = (1...d).map { pow(Double($0), -0.75) }
        let w = stream.gaussians(d, standardDeviation: (1 / Double(d)).squareRoot())
        var values = [Double](repeating: 0, count: rows * d), y = [Double](repeating: 0, count: rows)
        for mu in 0..<rows {
            var label = 0.0
            for j in 0..<d {
                let x = stream.gaussian() * root[j]
                values[mu * d + j] = x
                label += w[j] * x
            }
            y[mu] = label + stream.gaussian(standardDeviation: noise.squareRoot())
        }
        return (try DataMatrix(rows: rows, columns: d, values: values), y)
    }

    /// `generate(rows:d:)` written as x.npy and y.npy in a temporary directory
    /// of `test` (removed when it ends): the paths a user's files would have.
    static func npyFiles(rows: Int = rows, d: Int = d, for test: XCTestCase) throws -> (String, String) {
        let (matrix, y) = try generate(rows: rows, d: d)
        let directory = try test.temporaryDirectory("control")
        let dataPath = directory.appendingPathComponent("x.npy").path, labelPath = directory.appendingPathComponent("y.npy").path
        try NumPyWriter.write(matrix, to: dataPath)
        try NumPyWriter.write(y, to: labelPath)
        return (dataPath, labelPath)
    }

    func testGenerativeDataAgreeWithTheoryThroughNpyFiles() throws {
        let (dataPath, labelPath) = try Self.npyFiles(for: self)
        let reader = DataFileReader()
        let dataSet = try DataSet(data: reader.matrix(dataPath), targets: reader.labels(labelPath))
        let centred = try CentredDataSet(dataSet)
        let analysis = try DataSetAnalysis(centred)
        XCTAssertEqual(analysis.latentDimension, Self.d)
        // The residual is the label noise, up to its sampling error over the rows.
        XCTAssertEqual(analysis.residualVariance, Self.noise, accuracy: 4 * Self.noise * (2 / Double(Self.rows)).squareRoot() + 0.01 * Self.noise)
        let spectrum = try TabulatedSpectrum(eigenvalues: analysis.eigenvalues)
        // N < P, N > P and N = P, ridge from 1e-3 to 1.
        for (n, p, gamma) in [(60.0, 300.0, 1e-2), (300.0, 100.0, 1e-1), (150.0, 150.0, 1.0), (200.0, 400.0, 1e-3)] {
            let configuration = try ModelConfiguration(featureCount: n, sampleCount: p, ridge: gamma)
            let simulation = try DataSimulation(data: centred, latentDimension: analysis.latentDimension,
                                                configuration: configuration,
                                                options: DataSimulationOptions(trials: 24, seed: 7, testRows: 3000))
            let result = try simulation.run()
            let theory = try AlignedTeacherPrediction(
                spectrum: spectrum, teacherPower: analysis.teacherPower,
                configuration: configuration.with(noiseVariance: analysis.residualVariance))
            let z = (result.testError.mean - theory.testError) / result.testError.standardError
            XCTAssertLessThan(abs(z), 4, "N \(n) P \(p) gamma \(gamma): measured \(result.testError.mean) +- \(result.testError.standardError), theory \(theory.testError)")
            let zTrain = (result.trainingError.mean - theory.trainingError) / result.trainingError.standardError
            XCTAssertLessThan(abs(zTrain), 4, "training error N \(n) P \(p): \(result.trainingError), theory \(theory.trainingError)")
            // GCV estimates the test error from the training set alone (section 8).
            let zGCV = (result.gcv.mean - result.testError.mean)
                / (result.gcv.standardError * result.gcv.standardError
                   + result.testError.standardError * result.testError.standardError).squareRoot()
            XCTAssertLessThan(abs(zGCV), 4, "GCV N \(n) P \(p): \(result.gcv) against \(result.testError)")
            print(String(format: "control N=%g P=%g gamma=%g: test %.5f +- %.5f theory %.5f (z %.2f); train %.5f +- %.5f theory %.5f (z %.2f); gcv %.5f +- %.5f",
                         n, p, gamma, result.testError.mean, result.testError.standardError, theory.testError, z,
                         result.trainingError.mean, result.trainingError.standardError, theory.trainingError, zTrain,
                         result.gcv.mean, result.gcv.standardError))
        }
    }
}
