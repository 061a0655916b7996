import DenseAlgebra
import Foundation
import ScalingData
import ScalingTheory
import XCTest

/// The residual-variance estimates of `DataSetAnalysis` and the per-direction
/// noise power of `ResidualNoise` (Docs/YourData.md section 2), on data drawn
/// from the model itself, where the truth is known.
final class NoiseEstimateTests: XCTestCase {
    /// n rows of Gaussian x in d dimensions with lambda_j = j^-1 along the
    /// axes, y = w . x + eps, w_j ~ N(0, 1/d), eps ~ N(0, s(z)) with
    /// z_j = x_j / sqrt(lambda_j) and s(z) = noise * (1 + b (z_1^2 - 1)):
    /// so E[eps^2] = noise and nu_1 = noise (1 + 2b), nu_j = noise otherwise.
    static func generate(rows n: Int, d: Int, noise: Double, heteroscedasticity b: Double = 0,
                         seed: UInt64) throws -> CentredDataSet {
        let stream = RandomStream(seed: seed, trial: 0)
        let root = (1...d).map { (1 / Double($0)).squareRoot() }
        let w = stream.gaussians(d, standardDeviation: (1 / Double(d)).squareRoot())
        var values = [Double](repeating: 0, count: n * d), y = [Double](repeating: 0, count: n)
        for mu in 0..<n {
            var label = 0.0, first = 0.0
            for j in 0..<d {
                let z = stream.gaussian()
                if j == 0 { first = z }
                values[mu * d + j] = z * root[j]
                label += w[j] * z * root[j]
            }
            let variance = noise * (1 + b * (first * first - 1))
            y[mu] = label + stream.gaussian(standardDeviation: variance.squareRoot())
        }
        return try CentredDataSet(DataSet(data: DataMatrix(rows: n, columns: d, values: values), targets: y))
    }

    /// The case: n = 600, d = 150, known sigma_eps^2. The default
    /// (unbiased) estimate is within 3 standard errors of the truth, the
    /// standard error is the Gaussian one sqrt(2/(n - d - 1)) up to the
    /// sampling error of the kurtosis, and the in-sample estimate is the
    /// unbiased one times (n - M - 1)/n (25 percent low here).
    func testDefaultEstimateIsUnbiasedOnModelData() throws {
        let n = 600, d = 150, noise = 0.5
        let data = try Self.generate(rows: n, d: d, noise: noise, seed: 23)
        let analysis = try DataSetAnalysis(data)
        XCTAssertEqual(analysis.noiseEstimate, .unbiased)
        XCTAssertEqual(analysis.residualVariance, analysis.unbiasedResidualVariance)
        let gaussianError = noise * (2 / Double(n - d - 1)).squareRoot()
        XCTAssertLessThan(abs(analysis.residualVariance - noise), 3 * gaussianError,
                          "unbiased \(analysis.residualVariance), truth \(noise)")
        XCTAssertEqual(analysis.residualVarianceStandardError / gaussianError, 1, accuracy: 0.25)
        XCTAssertEqual(analysis.inSampleResidualVariance * Double(n),
                       analysis.unbiasedResidualVariance * Double(n - d - 1), accuracy: 1e-10 * Double(n))
        print(String(format: "n 600 d 150 sigma^2 0.5: unbiased %.4f +- %.4f, in-sample %.4f (%.1f%% low)",
                     analysis.unbiasedResidualVariance, analysis.residualVarianceStandardError,
                     analysis.inSampleResidualVariance, 100 * (1 - analysis.inSampleResidualVariance / noise)))
    }

    /// Over 24 data sets (n = 600, d = 150): the mean unbiased estimate is
    /// sigma_eps^2, the in-sample one sigma_eps^2 (n - d - 1)/n, the 10-fold
    /// held-out one sigma_eps^2 (1 + d / (n' - d - 1)) with n' = 540 training
    /// rows per fold (Gaussian rows: E[x^T (X^T X)^-1 x] = d / (n' - d - 1)),
    /// and the per-direction noise power sigma_eps^2 in every direction,
    /// each within 4 standard errors of the replicates.
    func testEstimatesOverReplicates() throws {
        let n = 600, d = 150, noise = 0.5, replicates = 24
        var unbiased: [Double] = [], inSample: [Double] = [], heldOut: [Double] = [], power: [Double] = []
        for r in 0..<replicates {
            let data = try Self.generate(rows: n, d: d, noise: noise, seed: 1000 + UInt64(r))
            let analysis = try DataSetAnalysis(data, noiseEstimate: .heldOut)
            let residual = try ResidualNoise(data, analysis: analysis)
            unbiased.append(analysis.unbiasedResidualVariance)
            inSample.append(analysis.inSampleResidualVariance)
            heldOut.append(try XCTUnwrap(analysis.heldOutResidualVariance))
            XCTAssertEqual(residual.heldOutResidualVariance, analysis.heldOutResidualVariance)
            XCTAssertEqual(analysis.residualVariance, analysis.heldOutResidualVariance)
            power.append(residual.noisePower.reduce(0, +) / Double(d))
        }
        let trainRows = Double(n - n / ResidualNoise.folds)
        for (name, values, expected) in [("unbiased", unbiased, noise), ("in-sample", inSample, noise * Double(n - d - 1) / Double(n)),
                                          ("held-out", heldOut, noise * (1 + Double(d) / (trainRows - Double(d) - 1))),
                                          ("mean nu_I", power, noise)] {
            let (mean, error) = Self.meanAndError(values)
            XCTAssertLessThan(abs(mean - expected), 4 * error, "\(name): \(mean) +- \(error), expected \(expected)")
            print(String(format: "%@: %.5f +- %.5f, expected %.5f (z %.2f)", name, mean, error, expected, (mean - expected) / error))
        }
    }

    /// A heteroscedastic residual, s(z) = sigma^2 (1 + b (z_1^2 - 1)) with
    /// b = 0.9: nu_1 = sigma^2 (1 + 2b) = 2.8 sigma^2 along the top direction
    /// and sigma^2 along the others (truth from Gaussian moments), and
    /// E[(v_I . x)^4] / lambda_I^2 = 3 (Gaussian rows), within 4 standard
    /// errors over replicates.
    func testPerDirectionNoisePowerOfHeteroscedasticResidual() throws {
        let n = 4000, d = 20, noise = 0.5, b = 0.9, replicates = 12
        var first: [Double] = [], rest: [Double] = [], kurtosis: [Double] = []
        for r in 0..<replicates {
            let data = try Self.generate(rows: n, d: d, noise: noise, heteroscedasticity: b, seed: 2000 + UInt64(r))
            let analysis = try DataSetAnalysis(data)
            let residual = try ResidualNoise(data, analysis: analysis)
            // Direction 1 has the largest eigenvalue (lambda = 1 against 1/2, 1/3, ...).
            first.append(residual.noisePower[0])
            rest.append(residual.noisePower[1...].reduce(0, +) / Double(d - 1))
            kurtosis.append(residual.projectionKurtosis.reduce(0, +) / Double(d))
        }
        for (name, values, expected) in [("nu_1", first, noise * (1 + 2 * b)), ("mean nu_I, I > 1", rest, noise),
                                          ("projection kurtosis", kurtosis, 3.0)] {
            let (mean, error) = Self.meanAndError(values)
            XCTAssertLessThan(abs(mean - expected), 4 * error, "\(name): \(mean) +- \(error), expected \(expected)")
            print(String(format: "%@: %.4f +- %.4f, expected %.4f", name, mean, error, expected))
        }
    }

    /// The hand-worked data set of AnalysisTests: n = 4, M = 2, in-sample
    /// sigma_eps^2 = 1 so unbiased = 4 / (4 - 2 - 1) = 4.
    func testHandWorkedEstimates() throws {
        let x1: [Double] = [1, -1, 1, -1], x2: [Double] = [2, 2, -2, -2], e: [Double] = [1, -1, -1, 1]
        var values: [Double] = []
        for mu in 0..<4 { values += [x1[mu], x2[mu]] }
        let y = (0..<4).map { 3 * x1[$0] + 0.5 * x2[$0] + e[$0] }
        let data = try CentredDataSet(DataSet(data: DataMatrix(rows: 4, columns: 2, values: values), targets: y))
        let analysis = try DataSetAnalysis(data)
        XCTAssertEqual(analysis.inSampleResidualVariance, 1, accuracy: 1e-13)
        XCTAssertEqual(analysis.unbiasedResidualVariance, 4, accuracy: 1e-12)
        XCTAssertEqual(analysis.residualVariance, 4, accuracy: 1e-12)
        XCTAssertEqual(try DataSetAnalysis(data, noiseEstimate: .inSample).residualVariance, 1, accuracy: 1e-13)
    }

    static func meanAndError(_ values: [Double]) -> (Double, Double) {
        let k = Double(values.count), mean = values.reduce(0, +) / k
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (k - 1)
        return (mean, (variance / k).squareRoot())
    }
}
