import Foundation
import TestSupport
import XCTest
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingTheory

/// The ingredients of the ReLU comparison between the semi-analytic theory
/// and the Monte Carlo (Docs/Theory.md section 6), each against an independent
/// route with no free tolerance: every bound is a multiple of a standard error.
final class ReLUMomentTests: XCTestCase {

    /// K = U Lambda U^T for U given as rows.
    static func preactivationCovariance(_ u: [[Double]], _ lambda: [Double]) -> [[Double]] {
        u.map { ui in u.map { uj in (0..<lambda.count).reduce(0) { $0 + ui[$1] * lambda[$1] * uj[$1] } } }
    }

    /// The arc-cosine kernel S = E[relu(h) relu(h)^T], the mean E[relu(h)] =
    /// sqrt(K_ii / 2 pi) and the cross moment b = E[relu(h) y] = (1/2) U Lambda w
    /// against sample means over x for one fixed U and w (sigma_u^2 = 2, so
    /// the 1/M normalization of U is exercised with a non-unit variance).
    /// Entries share the sample, so they are correlated; each must lie within
    /// 5 of its own standard errors (about 3.3 is the largest expected of
    /// ~500 independent ones), and their mean z within 3 (a mean of
    /// unit-variance z's has standard deviation at most 1, whatever their
    /// correlation).
    func testArcCosineKernelAndCrossMomentMatchSampledMoments() throws {
        let (n, m, samples) = (30, 100, 200_000)
        let lambda = try PowerLawSpectrum(alpha: 1, lambdaPlus: 30, latentDimension: Double(m)).eigenvalues()
        var normals = SplitMix64(seed: 17)  // Box-Muller normals (TestSupport), independent of the package's generator
        let u = (0..<n).map { _ in (0..<m).map { _ in (2 / Double(m)).squareRoot() * normals.gaussian() } }
        let w = (0..<m).map { _ in (1 / Double(m)).squareRoot() * normals.gaussian() }
        let k = Self.preactivationCovariance(u, lambda)
        let kernel = try FeatureKernel(activation: .relu)
        let b = (0..<n).map { i in
            kernel.meanSlope(variance: k[i][i]) * (0..<m).reduce(0) { $0 + u[i][$1] * lambda[$1] * w[$1] }
        }
        var sum = [Double](repeating: 0, count: n * n), sumSquares = sum
        var cross = [Double](repeating: 0, count: n), crossSquares = cross
        var mean = [Double](repeating: 0, count: n), meanSquares = mean
        var x = [Double](repeating: 0, count: m), phi = [Double](repeating: 0, count: n)
        for _ in 0..<samples {
            var y = 0.0
            for i in 0..<m {
                x[i] = lambda[i].squareRoot() * normals.gaussian()
                y += w[i] * x[i]
            }
            for j in 0..<n {
                var h = 0.0
                for i in 0..<m { h += u[j][i] * x[i] }
                phi[j] = Activation.relu(h)
            }
            for j in 0..<n {
                let fj = phi[j]
                mean[j] += fj; meanSquares[j] += fj * fj
                cross[j] += fj * y; crossSquares[j] += fj * fj * y * y
                for i in j..<n {
                    let product = phi[i] * fj
                    sum[i + j * n] += product; sumSquares[i + j * n] += product * product
                }
            }
        }
        let count = Double(samples)
        func z(_ total: Double, _ totalSquares: Double, _ want: Double) -> Double {
            let average = total / count
            return (average - want) / ((totalSquares / count - average * average) / count).squareRoot()
        }
        var zs: [Double] = []
        for j in 0..<n {
            for i in j..<n { zs.append(z(sum[i + j * n], sumSquares[i + j * n], kernel.secondMoment(k[i][i], k[j][j], k[i][j]))) }
        }
        let zb = (0..<n).map { z(cross[$0], crossSquares[$0], b[$0]) }
        let zm = (0..<n).map { z(mean[$0], meanSquares[$0], kernel.mean(variance: k[$0][$0])) }
        for (name, values) in [("S", zs), ("b", zb), ("mean", zm)] {
            let average = values.reduce(0, +) / Double(values.count)
            let rms = (values.reduce(0) { $0 + $1 * $1 } / Double(values.count)).squareRoot()
            print(String(format: "ReLU %@ against %d samples: %d entries, mean z %+.3f, rms z %.3f, max |z| %.2f",
                         name, samples, values.count, average, rms, values.map(abs).max()!))
            XCTAssertLessThan(values.map(abs).max()!, 5, name)
            XCTAssertLessThan(abs(average), 3, name)
        }
    }

    /// The simulation's ReLU test-sample loss against the exact expected loss
    /// of the same coefficients. Given U, w and theta, x is Gaussian, so
    /// `L(theta) = 1/2 (theta^T S theta - 2 theta^T b + w^T Lambda w)` exactly,
    /// with S the arc-cosine kernel and b = (1/2) U Lambda w. Each trial's
    /// test-sample loss must lie within 4 of its own standard errors of
    /// L(theta), and the mean z over trials within 4 / sqrt(trials). With
    /// sigma_u^2 = 2 and a ridge, this checks the estimator and the
    /// normalizations; the w, U, theta come from `directTrialFit`, which runs
    /// the trial's own draw-and-fit code.
    func testReLUTestSampleLossMatchesExactLossOfItsCoefficients() throws {
        let (n, m) = (60, 150)
        let spectrum = try PowerLawSpectrum(alpha: 1, lambdaPlus: 30, latentDimension: Double(m))
        let configuration = try ModelConfiguration(featureCount: Double(n), sampleCount: 90, ridge: 1e-2,
                                                   featureWeightVariance: 2)
        let options = SimulationOptions(trials: 12, seed: 23, activation: .relu, testSampleCount: 20_000)
        let simulation = try Simulation(spectrum: spectrum, configuration: configuration, options: options)
        let lambda = try spectrum.eigenvalues()
        let kernel = try FeatureKernel(activation: .relu)
        var zs: [Double] = []
        for index in 0..<options.trials {
            let trial = try simulation.trial(index)
            let fit = try simulation.directTrialFit(index)
            let (w, theta) = (fit.teacher, fit.coefficients)
            let u = (0..<n).map { i in (0..<m).map { fit.featureWeights[i + $0 * n] } }
            let k = Self.preactivationCovariance(u, lambda)
            var quadratic = 0.0, linear = 0.0
            for i in 0..<n {
                for j in 0..<n { quadratic += theta[i] * kernel.secondMoment(k[i][i], k[j][j], k[i][j]) * theta[j] }
                linear += theta[i] * kernel.meanSlope(variance: k[i][i])
                    * (0..<m).reduce(0) { $0 + u[i][$1] * lambda[$1] * w[$1] }
            }
            let signal = (0..<m).reduce(0) { $0 + lambda[$1] * w[$1] * w[$1] }
            let exact = 0.5 * (quadratic - 2 * linear + signal)
            let error = try XCTUnwrap(trial.testStandardError)
            let z = (trial.loss - exact) / error
            zs.append(z)
            XCTAssertLessThan(abs(z), 4, "trial \(index): test sample \(trial.loss), exact \(exact)")
        }
        let average = zs.reduce(0, +) / Double(zs.count)
        print(String(format: "ReLU test-sample loss vs exact L(theta): mean z %+.3f over %d trials, max |z| %.2f",
                     average, zs.count, zs.map(abs).max()!))
        XCTAssertLessThan(abs(average), 4 / Double(zs.count).squareRoot())
    }
}
