import Foundation
import ScalingFit
import TestSupport
import XCTest

/// Runs drawn from a known Chinchilla-form law with multiplicative noise:
/// log L = log L_true(N, D) + sigma z, z standard normal, from a fixed seed.
enum SyntheticRuns {
    static let truth = (E: 1.7, A: 400.0, B: 1200.0, alpha: 0.34, beta: 0.28)

    /// A grid of N (7 sizes from 1e7 to 1e9) times D (from 1e9 to 1e11), `perSize` each.
    static func chinchilla(seed: UInt64, sigma: Double = 0.01, sizes: Int = 8, perSize: Int = 8) throws -> ScalingRuns {
        var rng = SplitMix64(seed: seed)  // the tests' own noise (TestSupport), independent of the code under test
        var n: [Double] = [], d: [Double] = [], l: [Double] = []
        for i in 0..<sizes {
            let size = 1e7 * pow(100, Double(i) / Double(sizes - 1))
            for j in 0..<perSize {
                let data = 1e9 * pow(100, Double(j) / Double(perSize - 1))
                let loss = truth.E + truth.A / pow(size, truth.alpha) + truth.B / pow(data, truth.beta)
                n.append(size)
                d.append(data)
                l.append(loss * exp(sigma * rng.gaussian()))
            }
        }
        return try ScalingRuns(N: n, D: d, loss: l)
    }

    static func loss(N: Double, D: Double) -> Double {
        truth.E + truth.A / pow(N, truth.alpha) + truth.B / pow(D, truth.beta)
    }
}

final class ChinchillaRecoveryTests: XCTestCase {
    func testNoiselessRunsGiveTheLawBack() throws {
        let runs = try SyntheticRuns.chinchilla(seed: 1, sigma: 0)
        var options = FitOptions()
        options.resamples = 0
        let fit = try ScalingLawFit(runs: runs, form: ChinchillaForm(starts: ChinchillaForm.smallGrid), options: options)
        let p = fit.parameters.map(\.value)
        let t = SyntheticRuns.truth
        for (got, want) in zip(p, [t.E, t.A, t.B, t.alpha, t.beta]) {
            XCTAssertEqual(got, want, accuracy: 1e-4 * want)
        }
        XCTAssertEqual(fit.starts.count, ChinchillaForm.smallGrid.count)
    }

    func testParametersRecoveredWithinTheirIntervals() throws {
        let runs = try SyntheticRuns.chinchilla(seed: 7)
        var options = FitOptions()
        options.resamples = 400
        options.seed = 3
        let fit = try ScalingLawFit(runs: runs, form: ChinchillaForm(starts: ChinchillaForm.smallGrid), options: options)
        let t = SyntheticRuns.truth
        for (estimate, want) in zip(fit.parameters, [t.E, t.A, t.B, t.alpha, t.beta]) {
            XCTAssertTrue(estimate.contains(want), "\(estimate) does not contain \(want)")
            XCTAssertTrue(estimate.contains(estimate.value))
        }
    }

    /// Nominal 95 % percentile intervals cover the true value in 90 to 98 %
    /// of 200 replicate data sets (binomial sd 1.5 %), for every parameter,
    /// both compute-optimal exponents and a forecast at 10 times the largest
    /// N and D. Each replicate: 4 starts off the truth, 200 row resamples
    /// refitted from the best start.
    func testIntervalCoverageOverReplicateDataSets() throws {
        let t = SyntheticRuns.truth
        let truths = [t.E, t.A, t.B, t.alpha, t.beta, t.beta / (t.alpha + t.beta), t.alpha / (t.alpha + t.beta),
                      SyntheticRuns.loss(N: 1e10, D: 1e12)]
        let starts = ChinchillaForm.grid(e: [0], a: [3, 8], b: [5], alpha: [0.5], beta: [0.2, 0.6])
        var covered = [Int](repeating: 0, count: truths.count)
        let replicates = 200
        for r in 0..<replicates {
            let runs = try SyntheticRuns.chinchilla(seed: 1000 + UInt64(r), sizes: 8, perSize: 8)
            var options = FitOptions()
            options.resamples = 200
            options.seed = UInt64(r)
            let fit = try ScalingLawFit(runs: runs, form: ChinchillaForm(starts: starts), options: options)
            let exponents = fit.computeOptimalExponents(at: 1e20)!
            let estimates = fit.parameters + [exponents.a, exponents.b, fit.forecast(N: 1e10, D: 1e12)]
            for j in truths.indices where estimates[j].contains(truths[j]) { covered[j] += 1 }
        }
        let names = ["E", "A", "B", "alpha", "beta", "a", "b", "forecast"]
        for j in truths.indices {
            let coverage = Double(covered[j]) / Double(replicates)
            print("coverage of \(names[j]): \(coverage)")
            XCTAssertTrue((0.90...0.98).contains(coverage), "\(names[j]): coverage \(coverage)")
        }
    }

    func testAnalyticGradientMatchesFiniteDifferences() throws {
        let runs = try SyntheticRuns.chinchilla(seed: 5, sizes: 4, perSize: 4)
        let data = FitData(runs)
        let form = ChinchillaForm()
        let huber = try HuberLoss(delta: 0.05)
        let weights = (0..<runs.count).map { Double(1 + $0 % 3) }
        let theta = [0.4, 5.5, 7.2, 0.3, 0.31]
        var gradient = [Double](repeating: 0, count: 5)
        _ = gradient.withUnsafeMutableBufferPointer {
            form.objective(theta, data, targets: data.logLoss, weights: weights, huber: huber, gradient: $0)
        }
        for j in 0..<5 {
            let h = 1e-6
            var up = theta, down = theta
            up[j] += h
            down[j] -= h
            let numeric = (form.objective(up, data, targets: data.logLoss, weights: weights, huber: huber, gradient: nil)
                - form.objective(down, data, targets: data.logLoss, weights: weights, huber: huber, gradient: nil)) / (2 * h)
            XCTAssertEqual(gradient[j], numeric, accuracy: 1e-6 * max(1, abs(numeric)))
        }
    }

    /// The closed form of Hoffmann et al.'s eq. 4 against a direct numerical
    /// minimization of the law along C = 6 N D.
    func testClosedFormAllocationMatchesNumericalMinimum() throws {
        let form = ChinchillaForm()
        let t = SyntheticRuns.truth
        let theta = ChinchillaForm.coordinates(E: t.E, A: t.A, B: t.B, alpha: t.alpha, beta: t.beta)
        for compute in [1e18, 1e21, 1e24] {
            let closed = form.computeOptimum(theta, compute: compute, flopsPerToken: 6, ridge: 0)!
            let numeric = form.numericComputeOptimum(theta, compute: compute, flopsPerToken: 6, ridge: 0)!
            XCTAssertEqual(closed.N, numeric.N, accuracy: 1e-4 * closed.N)
            XCTAssertEqual(closed.N * closed.D * 6, compute, accuracy: 1e-9 * compute)
        }
        let exponents = form.allocationExponents(theta, compute: 1e21, flopsPerToken: 6, ridge: 0)!
        XCTAssertEqual(exponents.a + exponents.b, 1, accuracy: 1e-12)
        XCTAssertEqual(exponents.a, t.beta / (t.alpha + t.beta), accuracy: 1e-12)
    }

    /// A parametric bootstrap from the runs' standard errors covers the truth too.
    func testParametricBootstrapFromStandardErrors() throws {
        let noisy = try SyntheticRuns.chinchilla(seed: 11, sigma: 0.01)
        let runs = try ScalingRuns(N: noisy.N, D: noisy.D, loss: noisy.loss, standardError: noisy.loss.map { 0.01 * $0 })
        var options = FitOptions()
        options.resamples = 300
        options.bootstrap = .parametric
        let fit = try ScalingLawFit(runs: runs, form: ChinchillaForm(starts: ChinchillaForm.smallGrid), options: options)
        let t = SyntheticRuns.truth
        XCTAssertTrue(fit.parameters[3].contains(t.alpha), "\(fit.parameters[3])")
        XCTAssertTrue(fit.parameters[4].contains(t.beta), "\(fit.parameters[4])")
        XCTAssertEqual(fit.resampleThetas.count, 300)
    }

    /// Same seed, any thread count: the same bits.
    func testResultsDoNotDependOnTheThreadCount() throws {
        let runs = try SyntheticRuns.chinchilla(seed: 2, sizes: 5, perSize: 5)
        var options = FitOptions()
        options.resamples = 50
        options.threads = 1
        let one = try ScalingLawFit(runs: runs, form: ChinchillaForm(starts: ChinchillaForm.smallGrid), options: options)
        options.threads = 3
        let three = try ScalingLawFit(runs: runs, form: ChinchillaForm(starts: ChinchillaForm.smallGrid), options: options)
        XCTAssertEqual(one.theta, three.theta)
        XCTAssertEqual(one.resampleThetas, three.resampleThetas)
        XCTAssertEqual(one.starts.map(\.objective), three.starts.map(\.objective))
    }
}
