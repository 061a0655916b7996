import COpenBLAS
import Foundation
import ScalingMonteCarlo
import ScalingTheory

/// One direct SGD trial (`SGDSimulation`, one trial of 1e4 steps at
/// M = 4000, N = 1000, B = 8) against a NumPy loop of the same algorithm
/// (Benchmarks/peers/sgd_numpy.py): the conditional sampler, one
/// eigendecomposition of K = U Lambda U^T and then N B Gaussians per step.
/// Both sides print their BLAS and its kernel.
struct SGDTrialBenchmarks {
    var runs: Int
    var peerAvailable: Bool

    static let (m, n, batch, steps) = (4000, 1000, 8, 10_000)
    /// The machine's cores: our trial may use them all, as NumPy's BLAS does.
    static let cores = ProcessInfo.processInfo.activeProcessorCount

    /// Our BLAS: Debian's OpenBLAS, its build and the kernel it chose here.
    static var blas: String {
        let config = String(cString: openblas_get_config())
        let core = String(cString: openblas_get_corename())
        return "\(config), kernel \(core)"
    }

    func run(quick: Bool) throws -> [Measurement] {
        let steps = quick ? 1000 : Self.steps
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: Double(Self.m))
        let configuration = try ModelConfiguration(featureCount: Double(Self.n), sampleCount: 1)
        // Half the stability edge of the theory, normalized: the same eta on both sides.
        let probe = try OnePassSGDTheory(spectrum: spectrum, configuration: configuration,
                                         sgd: SGDHyperparameters(batchSize: Self.batch, learningRate: 1e-9))
        let eta = 0.5 * (try probe.largestStableLearningRate())
        let simulation = try SGDSimulation(
            spectrum: spectrum, configuration: configuration,
            sgd: SGDHyperparameters(batchSize: Self.batch, learningRate: eta), steps: [steps],
            options: SimulationOptions(trials: 1, seed: 1, threads: Self.cores, sampler: .conditional))
        let peerRuns = quick ? 1 : max(1, runs / 2)
        var ours: [Double] = [], peer: [Double] = []
        var peerBLAS = "", peerLoss = Double.nan, ourLoss = Double.nan, peerThreads: Int?
        _ = try simulation.run()
        for run in 0..<runs {
            ours.append(try Timing.seconds { ourLoss = try simulation.run().losses[0][0] })
            guard peerAvailable, run < peerRuns else { continue }
            let answer = try Peer(script: "sgd_numpy.py").run([
                "alpha": 1, "lambdaPlus": 1, "M": Self.m, "N": Self.n, "B": Self.batch, "eta": eta,
                "steps": steps, "seed": run, "sampler": "conditional",
            ])
            peer.append(answer["seconds"] as? Double ?? .nan)
            peerBLAS = answer["blas"] as? String ?? "?"
            peerThreads = answer["threads"] as? Int
            peerLoss = answer["loss"] as? Double ?? .nan
        }
        let ourThreads = "\(simulation.threadsPerTrial) thread(s)"
        let theirThreads = peerThreads.map { "\($0) BLAS thread(s)" } ?? "its BLAS threads"
        print("SGD trial BLAS: ours \(Self.blas), one BLAS thread, \(ourThreads) drawing the Gaussians; "
              + "NumPy \(peerBLAS), \(theirThreads)")
        print(String(format: "SGD trial losses after %d steps: ours %.4e, NumPy %.4e (different streams; the same law)",
                     steps, ourLoss, peerLoss))
        return [Measurement(name: "SGD trial M=4000 N=1000 B=8, \(steps) steps", unit: "trial",
                            ours: Timing.median(ours), peer: peer.isEmpty ? nil : Timing.median(peer),
                            note: "conditional sampler both sides; ours \(ourThreads) (\(SGDSimulation.substreamCount)"
                                + " substreams), NumPy \(theirThreads)")]
    }
}
