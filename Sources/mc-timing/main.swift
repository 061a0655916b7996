// mc-timing: wall-clock figures for the Monte Carlo, outside the test suite.
//
//   swift run -c release mc-timing [M N P]      (default M = 4000, N = P = 1000)
//
// Prints, for one trial at gamma = 1e-3 with linear features, the time of each
// sampler by phase (single-threaded BLAS, one trial at a time), the achieved
// GFLOP/s of the direct sampler's product U X (2 N M P flops) next to a plain
// cblas_dgemm of the same shape, and the cost of one Gaussian draw in dgemm
// flops (the ratio `Sampler.gaussianCost` models).
import COpenBLAS
import Dispatch
import Foundation
import ScalingMonteCarlo
import ScalingTheory

let words = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let (m, n, p) = words.count == 3 ? (words[0], words[1], words[2]) : (4000, 1000, 1000)
let repetitions = 3

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: Double(m))
let configuration = try ModelConfiguration(featureCount: Double(n), sampleCount: Double(p), ridge: 1e-3)
let productFlops = 2 * Double(n) * Double(m) * Double(p)
print("M = \(m), N = \(n), P = \(p), gamma = 1e-3, linear features; median of \(repetitions) trials")
print(String(format: "automatic choice: %@", Sampler.fastest(featureCount: n, sampleCount: p, latentDimension: m,
                                                             activation: .linear).rawValue))

var directProduct = 0.0, directSampling = 0.0
for sampler in Sampler.allCases {
    let simulation = try Simulation(spectrum: spectrum, configuration: configuration,
                                    options: SimulationOptions(trials: repetitions, sampler: sampler))
    let trials = try (0..<repetitions).map { try simulation.trial($0) }
    let phases = trials.map(\.phases)
    let total = median(phases.map(\.total))
    print(String(format: "%-11@ trial %.3f s: sampling %.3f, product %.3f, fit %.3f, loss %.4f (model cost %.3g flops)",
                 sampler.rawValue, total, median(phases.map(\.sampling)), median(phases.map(\.product)),
                 median(phases.map(\.fit)), median(phases.map(\.loss)),
                 Sampler.estimatedCost(sampler, featureCount: n, sampleCount: p, latentDimension: m)))
    if sampler == .direct {
        directProduct = median(phases.map(\.product))
        directSampling = median(phases.map(\.sampling))
    }
}

// The same product as the direct sampler, U (N x M) times X (M x P), column-major.
var u = [Double](repeating: 0, count: n * m), x = [Double](repeating: 0, count: m * p)
var c = [Double](repeating: 0, count: n * p)
for i in u.indices { u[i] = Double((i * 7919) % 1000) / 1000 - 0.5 }
for i in x.indices { x[i] = Double((i * 104_729) % 1000) / 1000 - 0.5 }
func plainDGEMM(threads: Int32) -> Double {
    openblas_set_num_threads(threads)
    let times = (0..<repetitions).map { _ in
        seconds {
            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(p), Int32(m), 1, u, Int32(n),
                        x, Int32(m), 0, &c, Int32(n))
        }
    }
    return median(times)
}
let plainOne = plainDGEMM(threads: 1)
let plainAll = plainDGEMM(threads: Int32(ProcessInfo.processInfo.activeProcessorCount))
print(String(format: "U X in the direct sampler: %.3f s, %.1f GFLOP/s (1 BLAS thread)", directProduct,
             productFlops / directProduct / 1e9))
print(String(format: "plain cblas_dgemm, same shape: %.3f s, %.1f GFLOP/s (1 thread); %.3f s, %.1f GFLOP/s (%d threads)",
             plainOne, productFlops / plainOne / 1e9, plainAll, productFlops / plainAll / 1e9,
             ProcessInfo.processInfo.activeProcessorCount))
// The direct sampler's sampling phase draws M + N M + M P Gaussians and
// scales X and forms X^T w (O(M P)); nearly all of it is the draws.
let draws = Double(m) + Double(n) * Double(m) + Double(m) * Double(p)
let perDraw = directSampling / draws
print(String(format: "one Gaussian draw: %.1f ns = %.0f flops of single-threaded dgemm", perDraw * 1e9,
             perDraw * productFlops / plainOne))

let parallel = try Simulation(spectrum: spectrum, configuration: configuration,
                              options: SimulationOptions(trials: 4))
let run = try parallel.run()
print(String(format: "4 trials, automatic sampler, %d workers: %.3f s (%.3f s per trial)", parallel.workerCount,
             run.seconds, run.seconds / 4))
