import Foundation
import XCTest
import ScalingMonteCarlo
import ScalingTheory

/// One-pass SGD (Docs/Theory.md section 12): the exact conditional curve
/// against direct SGD runs, the stability edge against the spectral radius of
/// the second-moment map, determinism, and bad input.
final class SGDSimulationTests: XCTestCase {
    /// eta as a fraction of trial 0's stability edge. Near the edge of the
    /// mean the per-trial loss has heavy tails (its variance is stable only
    /// up to a lower learning rate), so the z-test uses <= 40 percent.
    typealias Case = SGDCase

    static let cases: [Case] = [
        Case(name: "N < M, B = 4, latent samples", m: 200, n: 50, batch: 4, edgeFraction: 0.4,
             sampler: .direct, steps: [1, 10, 100, 600], trials: 48),
        Case(name: "N > M, B = 1, noise, beta = 1, latent samples", m: 60, n: 100, batch: 1, edgeFraction: 0.35,
             noise: 1e-2, beta: 1, sampler: .direct, steps: [3, 30, 300], trials: 48),
        Case(name: "N < M, B = 8, noise, beta = -0.5, conditional samples", m: 400, n: 120, batch: 8,
             edgeFraction: 0.4, noise: 1e-3, alpha: 1.5, beta: -0.5, sampler: .conditional, steps: [10, 100, 2000],
             trials: 48),
        Case(name: "N < M, B = 32, conditional samples", m: 300, n: 80, batch: 32, edgeFraction: 0.3,
             sampler: .conditional, steps: [1, 50, 1000], trials: 48),
    ]

    private func simulation(_ c: Case, method: SGDSimulation.Method, learningRate: Double,
                            threads: Int? = nil) throws -> SGDSimulation {
        let spectrum = try PowerLawSpectrum(alpha: c.alpha, latentDimension: c.m)
        let configuration = try ModelConfiguration(featureCount: c.n, sampleCount: 1, noiseVariance: c.noise)
        let omega = (1...Int(c.m)).map { pow(Double($0), -c.beta) / c.m }
        return try SGDSimulation(spectrum: spectrum, configuration: configuration,
                                 sgd: SGDHyperparameters(batchSize: c.batch, learningRate: learningRate),
                                 steps: c.steps, method: method, teacherPower: omega,
                                 options: SimulationOptions(trials: c.trials, seed: 11, threads: threads,
                                                            sampler: c.sampler))
    }

    private func learningRate(_ c: Case) throws -> Double {
        let probe = try simulation(c, method: .conditionalCurve, learningRate: 1e-9)
        return c.edgeFraction * (try probe.conditionalCurve(0).stabilityEdge(batchSize: c.batch))
    }

    /// E[direct SGD loss | U] is the conditional curve of that U, so the
    /// trial-by-trial differences (same U: both draw w then U first) have
    /// mean zero; their mean is tested against its own standard error.
    func testConditionalCurveEqualsDirectSGDMean() throws {
        for c in Self.cases {
            let eta = try learningRate(c)
            let direct = try simulation(c, method: .directSGD, learningRate: eta).run()
            let curve = try simulation(c, method: .conditionalCurve, learningRate: eta).run()
            for (j, r) in c.steps.enumerated() {
                let differences = (0..<c.trials).map { direct.losses[$0][j] - curve.losses[$0][j] }
                let mean = differences.reduce(0, +) / Double(c.trials)
                let variance = differences.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(c.trials - 1)
                let standardError = (variance / Double(c.trials)).squareRoot()
                let z = mean / standardError
                print(String(format: "%@ r = %d: conditional %.5e direct %.5e +- %.2e, paired z = %+.2f", c.name, r,
                             curve.meanLoss[j], direct.meanLoss[j], direct.lossStandardError[j], z))
                XCTAssertLessThan(abs(z), 4, "\(c.name) at r = \(r)")
            }
        }
    }

    /// At the edge the second-moment map A = diag(a) + (eta^2/B) k k^T has
    /// spectral radius 1: below 1 just under the edge, above just over it,
    /// measured by power iteration on the explicit matrix.
    func testStabilityEdgeIsWhereTheSecondMomentMapReachesOne() throws {
        let k = [0.0, 1e-3, 0.02, 0.1, 0.5, 1.3, 2.0]
        for batch in [1, 4, 32] {
            let edge = try SGDHyperparameters.stabilityEdge(eigenvalues: k, batchSize: batch)
            for (factor, below) in [(0.999, true), (1.001, false)] {
                let eta = factor * edge, b = Double(batch)
                let active = k.filter { $0 > 0 }
                let a = active.map { 1 - 2 * eta * $0 + eta * eta * (1 + 1 / b) * $0 * $0 }
                var v = [Double](repeating: 1, count: active.count)
                var radius = 0.0
                for _ in 0..<20_000 {
                    var next = [Double](repeating: 0, count: active.count)
                    for i in active.indices {
                        next[i] = a[i] * v[i]
                        for j in active.indices { next[i] += eta * eta / b * active[i] * active[j] * v[j] }
                    }
                    radius = next.max()! / v.max()!
                    let scale = next.max()!
                    v = next.map { $0 / scale }
                }
                print(String(format: "B = %d: edge %.6f, eta = %.4f edge: spectral radius %.6f", batch, edge, factor, radius))
                XCTAssertEqual(radius < 1, below, "B = \(batch), eta = \(factor) edge")
            }
        }
    }

    func testUnstableLearningRateNamesTheEdge() throws {
        let c = Self.cases[0]
        let probe = try simulation(c, method: .conditionalCurve, learningRate: 1e-9)
        let edge = try probe.conditionalCurve(0).stabilityEdge(batchSize: c.batch)
        for method in SGDSimulation.Method.allCases {
            let s = try simulation(c, method: method, learningRate: 1.5 * edge)
            XCTAssertThrowsError(try s.curve(0)) { error in
                guard let unstable = error as? UnstableLearningRate else { return XCTFail("\(error)") }
                XCTAssertEqual(unstable.edge, edge)
                XCTAssertTrue(unstable.description.contains(String(format: "%.6g", edge)))
            }
        }
    }

    /// Every trial is the same whatever the number of workers, and alone.
    func testTrialsAreBitIdenticalAcrossThreadCounts() throws {
        for var c in [Self.cases[0], Self.cases[3]] {
            c.trials = 5
            let eta = try learningRate(c)
            let one = try simulation(c, method: .directSGD, learningRate: eta, threads: 1).run()
            let two = try simulation(c, method: .directSGD, learningRate: eta, threads: 2).run()
            XCTAssertEqual(one.losses, two.losses)
            XCTAssertEqual(try simulation(c, method: .directSGD, learningRate: eta).curve(3), one.losses[3])
            XCTAssertEqual(one.samplesSeen, c.steps.map { Double(c.batch * $0) })
        }
    }

    /// A conditional run with threads to spare draws its substreams in
    /// parallel: one trial (with label noise) on 1, 2 and 3 threads, two
    /// trials on 4 (two threads each) and each trial alone agree to the bit.
    func testConditionalSamplerIsBitIdenticalWhenTrialsShareThreads() throws {
        var c = Self.cases[2]
        c.steps = [1, 7, 60]
        let eta = try learningRate(c)
        for trials in [1, 2] {
            c.trials = trials
            let runs = try [1, 2, 3, 4].map { threads in
                let s = try simulation(c, method: .directSGD, learningRate: eta, threads: threads)
                XCTAssertEqual(s.threadsPerTrial, max(1, threads / trials))
                return try s.run().losses
            }
            for losses in runs.dropFirst() { XCTAssertEqual(losses, runs[0]) }
            for trial in 0..<trials {
                XCTAssertEqual(try simulation(c, method: .directSGD, learningRate: eta, threads: 1).curve(trial),
                               runs[0][trial])
            }
        }
    }

    /// The two samplers draw from the same law: their means agree (unpaired).
    func testSamplersAgree() throws {
        var c = Self.cases[0]
        c.trials = 64
        c.steps = [200]
        let eta = try learningRate(c)
        c.sampler = .direct
        let latent = try simulation(c, method: .directSGD, learningRate: eta).run()
        c.sampler = .conditional
        let conditional = try simulation(c, method: .directSGD, learningRate: eta).run()
        let z = (latent.meanLoss[0] - conditional.meanLoss[0])
            / (pow(latent.lossStandardError[0], 2) + pow(conditional.lossStandardError[0], 2)).squareRoot()
        print(String(format: "latent %.5e conditional %.5e z = %+.2f", latent.meanLoss[0], conditional.meanLoss[0], z))
        XCTAssertLessThan(abs(z), 4)
    }

    func testBadInput() throws {
        XCTAssertThrowsError(try SGDHyperparameters(batchSize: 0, learningRate: 0.1))
        for eta in [0, -1, .nan, .infinity] {
            XCTAssertThrowsError(try SGDHyperparameters(batchSize: 1, learningRate: eta)) { error in
                guard case ScalingError.invalidParameter = error else { return XCTFail("\(error)") }
            }
        }
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 50)
        let configuration = try ModelConfiguration(featureCount: 10, sampleCount: 1)
        let sgd = try SGDHyperparameters(batchSize: 2, learningRate: 0.1)
        XCTAssertThrowsError(try SGDSimulation(spectrum: spectrum, configuration: configuration, sgd: sgd, steps: []))
        XCTAssertThrowsError(try SGDSimulation(spectrum: spectrum, configuration: configuration, sgd: sgd, steps: [-1]))
        XCTAssertThrowsError(try SGDSimulation(spectrum: spectrum, configuration: configuration, sgd: sgd, steps: [1],
                                               options: SimulationOptions(trials: 0)))
        XCTAssertThrowsError(try SGDSimulation(spectrum: spectrum, configuration: configuration, sgd: sgd, steps: [1],
                                               teacherPower: [1, 2]))
        XCTAssertThrowsError(try SGDConditionalCurve(featureEigenvalues: [1, -1], initialDeviations: [0, 0],
                                                     bestLoss: 0, noiseVariance: 0))
        XCTAssertThrowsError(try SGDHyperparameters.stabilityEdge(eigenvalues: [0, 0], batchSize: 1))
    }
}
