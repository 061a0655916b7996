import DenseAlgebra
import Foundation
import ScalingData
import ScalingTheory
import XCTest

/// The theory for rows of varying size (`RowScale`, Docs/Theory.md "Rows of
/// varying size") against random-feature ridge regression on rows drawn as
/// x = sqrt(tau) Lambda^1/2 g, g standard Gaussian, tau ~ Gamma(2, 1/2)
/// (mean 1, variance 1/2) independent of g, y = w . x + eps with Gaussian
/// eps independent of x: every point within 4 standard errors, where the
/// Gaussian theory is off near interpolation (z = +7.5, +5.5, +4.4), and the
/// measured variance of tau within 4 of its sampling errors of the truth 1/2.
final class RowScaleTests: XCTestCase {
    static func generate(rows n: Int, d: Int, noise: Double, elliptical: Bool, seed: UInt64) throws -> CentredDataSet {
        let stream = RandomStream(seed: seed, trial: 0)
        let root = (1...d).map { pow(Double($0), -0.6) }
        let w = stream.gaussians(d, standardDeviation: (1 / Double(d)).squareRoot())
        var values = [Double](repeating: 0, count: n * d), y = [Double](repeating: 0, count: n)
        for mu in 0..<n {
            var tau = 1.0
            if elliptical {
                tau = 0
                for _ in 0..<4 { let g = stream.gaussian(); tau += g * g / 4 }
            }
            let scale = tau.squareRoot()
            var label = 0.0
            for j in 0..<d {
                let x = stream.gaussian() * root[j] * scale
                values[mu * d + j] = x
                label += w[j] * x
            }
            y[mu] = label + stream.gaussian(standardDeviation: noise.squareRoot())
        }
        return try CentredDataSet(DataSet(data: DataMatrix(rows: n, columns: d, values: values), targets: y))
    }

    func testEllipticalRowsAgreeWithRowScaleTheory() throws {
        var worstGaussian = 0.0
        let data = try Self.generate(rows: 20_000, d: 200, noise: 0.1, elliptical: true, seed: 5)
        let analysis = try DataSetAnalysis(data)
        let scale = try RowScale(data, analysis: analysis)
        let spectrum = try TabulatedSpectrum(eigenvalues: analysis.eigenvalues)
        for (n, p, gamma) in [(300.0, 150.0, 1e-3), (150.0, 300.0, 1e-3), (120.0, 120.0, 1e-2), (40.0, 1000.0, 1.0)] {
            let c = try ModelConfiguration(featureCount: n, sampleCount: p, ridge: gamma, noiseVariance: analysis.residualVariance)
            let measured = try DataSimulation(data: data, latentDimension: analysis.latentDimension, configuration: c,
                                              options: DataSimulationOptions(trials: 24, seed: 3, testRows: 3000)).run()
            let gaussian = try AlignedTeacherPrediction(spectrum: spectrum, teacherPower: analysis.teacherPower, configuration: c)
            let corrected = try scale.predict(teacherPower: analysis.teacherPower, configuration: c)
            let z = (measured.testError.mean - corrected.testError) / measured.testError.standardError
            let zGaussian = (measured.testError.mean - gaussian.testError) / measured.testError.standardError
            print(String(format: "elliptical N %g P %g gamma %g: measured %.5f +- %.5f, row-scale %.5f (z %+.2f, rho %.3f, var tau %.3f vs gaussian %.4f), gaussian %.5f (z %+.2f)",
                         n, p, gamma, measured.testError.mean, measured.testError.standardError, corrected.testError, z,
                         corrected.rho, corrected.scaleVariance, corrected.gaussianScaleVariance, gaussian.testError, zGaussian))
            XCTAssertLessThan(abs(z), 4, "N \(n) P \(p) gamma \(gamma)")
            worstGaussian = max(worstGaussian, abs(zGaussian))
            // tau c with c the chi-square scatter (mean 1, variance g): variance 1.5 (1 + g) - 1. Over the 8192 rows
            // used, the sample variance of Gamma(2, 1/2) has standard error sqrt((mu4 - 0.5^2) / 8192), mu4 = 1.5.
            XCTAssertEqual(corrected.scaleVariance, 0.5 + 1.5 * corrected.gaussianScaleVariance,
                           accuracy: 4 * ((1.5 - 0.25) / 8192).squareRoot())
        }
        // The case is one the Gaussian theory fails: the check can fail.
        XCTAssertGreaterThan(worstGaussian, 4)
    }
}
