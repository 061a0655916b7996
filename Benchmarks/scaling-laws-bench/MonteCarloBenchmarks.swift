import COpenBLAS
import Foundation
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingTheory

/// Time per trial against `peers/montecarlo_numpy.py`, and the dominant
/// product against a plain `cblas_dgemm` of the same shape.
struct MonteCarloBenchmarks {
    var runs: Int
    var peerAvailable: Bool

    /// (M, N, P) of issue 6, gamma = 1e-3, linear features, alpha = 1.
    static let shapes = [(2000, 500, 500), (4000, 1000, 1000), (8000, 500, 2000)]

    func run(quick: Bool) throws -> [Measurement] {
        var results: [Measurement] = []
        for (m, n, p) in Self.shapes {
            results.append(try perTrial(m: m, n: n, p: p, trialsPerRun: quick ? 2 : 4))
        }
        for (m, n, p) in Self.shapes {
            results.append(try dominantProduct(m: m, n: n, p: p))
        }
        return results
    }

    /// Ours: wall time of a run over all cores divided by its trials (the
    /// automatic sampler); the peer: its per-trial times. Run in
    /// alternation; the means must agree within 4 combined standard errors.
    func perTrial(m: Int, n: Int, p: Int, trialsPerRun: Int) throws -> Measurement {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: Double(m))
        let configuration = try ModelConfiguration(featureCount: Double(n), sampleCount: Double(p), ridge: 1e-3)
        var ours: [Double] = [], peer: [Double] = []
        var ourLosses: [Double] = [], peerLosses: [Double] = []
        _ = try Simulation(spectrum: spectrum, configuration: configuration,
                           options: SimulationOptions(trials: 2, seed: 999)).run()
        var sampler = ""
        for run in 0..<runs {
            let simulation = try Simulation(spectrum: spectrum, configuration: configuration,
                                            options: SimulationOptions(trials: trialsPerRun, seed: UInt64(run)))
            let result = try simulation.run()
            sampler = simulation.sampler.rawValue
            ours.append(result.seconds / Double(trialsPerRun))
            ourLosses += result.losses
            if peerAvailable {
                let answer = try Peer(script: "montecarlo_numpy.py").run([
                    "alpha": 1.0, "lambdaPlus": 1.0, "M": m, "N": n, "P": p, "gamma": 1e-3, "sigmaW2": 1.0,
                    "sigmaU2": 1.0, "noise": 0.0, "trials": trialsPerRun, "seed": 1000 + run,
                ])
                peer += answer["secondsPerTrial"] as? [Double] ?? []
                peerLosses += answer["losses"] as? [Double] ?? []
            }
        }
        var note = "sampler \(sampler), \(ours.count * trialsPerRun) trials"
        var peerTime: Double? = nil
        if peerAvailable {
            let (a, sa) = Self.meanAndError(ourLosses), (b, sb) = Self.meanAndError(peerLosses)
            let z = (a - b) / (sa * sa + sb * sb).squareRoot()
            guard abs(z) < 4 else {
                throw BenchmarkError("Monte Carlo (\(m), \(n), \(p)): ours \(a) ± \(sa), peer \(b) ± \(sb), z = \(z); no ratio reported")
            }
            peerTime = Timing.median(peer)
            note += String(format: ", means agree (z = %.2f)", z)
        }
        return Measurement(name: "trial (M,N,P)=(\(m),\(n),\(p))", unit: "trial", ours: Timing.median(ours),
                           peer: peerTime, note: note)
    }

    /// The direct sampler's U X (2 N M P flops) inside a trial, on one BLAS
    /// thread, against a plain dgemm of the same shape on one thread: the
    /// "peer" column here is the machine's ceiling.
    func dominantProduct(m: Int, n: Int, p: Int) throws -> Measurement {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: Double(m))
        let configuration = try ModelConfiguration(featureCount: Double(n), sampleCount: Double(p), ridge: 1e-3)
        let simulation = try Simulation(spectrum: spectrum, configuration: configuration,
                                        options: SimulationOptions(trials: runs + 1, threads: 1, sampler: .direct))
        let previous = openblas_get_num_threads()
        openblas_set_num_threads(1)
        defer { openblas_set_num_threads(previous) }
        let products = try (0...runs).map { try simulation.trial($0).phases.product }.dropFirst()

        var u = [Double](repeating: 0, count: n * m), x = [Double](repeating: 0, count: m * p)
        var c = [Double](repeating: 0, count: n * p)
        for i in u.indices { u[i] = Double((i &* 7919) % 1000) / 1000 - 0.5 }
        for i in x.indices { x[i] = Double((i &* 104_729) % 1000) / 1000 - 0.5 }
        let plain = (0...runs).map { _ in
            Timing.seconds {
                cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(p), Int32(m), 1, u, Int32(n),
                            x, Int32(m), 0, &c, Int32(n))
            }
        }.dropFirst()
        let flops = 2 * Double(n) * Double(m) * Double(p)
        let ours = Timing.median(Array(products)), ceiling = Timing.median(Array(plain))
        return Measurement(name: "U X product (M,N,P)=(\(m),\(n),\(p))", unit: "product", ours: ours, peer: ceiling,
                           note: String(format: "%.1f of %.1f GFLOP/s (%.0f%% of dgemm, 1 thread)",
                                        flops / ours / 1e9, flops / ceiling / 1e9, 100 * ceiling / ours))
    }

    static func meanAndError(_ values: [Double]) -> (Double, Double) {
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)
        return (mean, (variance / n).squareRoot())
    }
}
