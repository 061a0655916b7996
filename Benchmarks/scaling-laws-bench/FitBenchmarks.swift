import DenseAlgebra
import Foundation
import ScalingFit
import ScalingTheory

/// Fitting (Docs/Fitting.md): the Chinchilla form on 240 runs with Hoffmann et
/// al.'s 4500-start grid and 1000 row resamples, against a SciPy L-BFGS-B
/// loop; the model form (the theory as fit function) on 50 runs.
struct FitBenchmarks {
    var runs: Int
    var peerAvailable: Bool

    /// 240 runs (16 sizes x 15 data sizes) of E + A/N^alpha + B/D^beta with 1 %
    /// log-normal noise from a fixed SplitMix64 stream.
    static func chinchillaRuns() throws -> ScalingRuns {
        var state: UInt64 = 12345
        /// The package's SplitMix64 step on the open grid (k + 1/2) / 2^53.
        func uniform() -> Double {
            defer { state &+= 0x9E37_79B9_7F4A_7C15 }
            return (Double(RandomStream.splitMix64(state) >> 11) + 0.5) / Double(1 << 53)
        }
        var n: [Double] = [], d: [Double] = [], l: [Double] = []
        for i in 0..<16 {
            for j in 0..<15 {
                let size = 7e7 * pow(250, Double(i) / 15), data = 5e9 * pow(100, Double(j) / 14)
                let gaussian = sqrt(-2 * log(uniform())) * cos(2 * .pi * uniform())
                n.append(size)
                d.append(data)
                l.append((1.69 + 406.4 / pow(size, 0.34) + 410.7 / pow(data, 0.28)) * exp(0.01 * gaussian))
            }
        }
        return try ScalingRuns(N: n, D: d, loss: l)
    }

    /// 50 runs of the theory (alpha 1, isotropic teacher, floor 1e-4, M infinite)
    /// with 2 % log-normal noise.
    static func modelRuns() throws -> ScalingRuns {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: .infinity)
        var n: [Double] = [], d: [Double] = [], l: [Double] = []
        var k = 0
        for i in 0..<10 {
            for j in 0..<5 {
                let size = 10 * pow(100, Double(i) / 9), data = 4 * size * pow(10, Double(j) / 4)
                let loss = try spectrum.predict(ModelConfiguration(featureCount: size, sampleCount: data, noiseVariance: 2e-4)).loss + 1e-4
                n.append(size)
                d.append(data)
                l.append(loss * exp(0.02 * sin(Double(7 * k))))
                k += 1
            }
        }
        return try ScalingRuns(N: n, D: d, loss: l)
    }

    func run(quick: Bool) throws -> [Measurement] {
        var results: [Measurement] = []
        let runs240 = try Self.chinchillaRuns()
        let starts = quick ? ChinchillaForm.smallGrid : ChinchillaForm.hoffmannGrid
        var options = FitOptions()
        options.resamples = quick ? 100 : 1000
        let repeats = quick ? 1 : max(1, min(runs, 3))
        var seconds: [Double] = []
        var fit: ScalingLawFit?
        for _ in 0..<repeats {
            seconds.append(try Timing.seconds { fit = try ScalingLawFit(runs: runs240, form: ChinchillaForm(starts: starts), options: options) })
        }
        var peer: Double?
        var note = "\(starts.count) starts + \(options.resamples) resamples, \(ProcessInfo.processInfo.activeProcessorCount) threads"
        if peerAvailable {
            // The peer is timed on a tenth of the work (every tenth start, a tenth of
            // the resamples) and scaled by 10: the whole loop takes minutes in SciPy.
            let share = quick ? 1 : 10
            let answer = try Peer(script: "fit_scipy.py").run([
                "N": runs240.N, "D": runs240.D, "loss": runs240.loss, "delta": 1e-3, "seed": 1,
                "starts": stride(from: 0, to: starts.count, by: share).map { i in
                    let s = starts[i]
                    return [s[1], s[2], s[0], s[3], s[4]]
                },
                "resamples": options.resamples / share,
            ])
            peer = (answer["seconds"] as? Double).map { $0 * Double(share) }
            if let best = answer["best"] as? [Double], let ours = fit?.parameters.map(\.value) {
                note += String(format: "; alpha %.4f (SciPy %.4f), beta %.4f (%.4f)", ours[3], best[3], ours[4], best[4])
            }
            if share > 1 { note += "; peer timed on 1/\(share) of the work, x\(share)" }
        }
        results.append(Measurement(name: "chinchilla fit, 240 runs", unit: "fit", ours: Timing.median(seconds),
                                   peer: peer, note: note))

        let runs50 = try Self.modelRuns()
        var request = FitRequest(runs: runs50, forms: ["model"])
        request.options.resamples = quick ? 10 : 100
        request.options.bootstrap = .rows
        var modelSeconds: [Double] = []
        for _ in 0..<(quick ? 1 : 1) {
            modelSeconds.append(try Timing.seconds { _ = try FitReport(request) })
        }
        results.append(Measurement(name: "model fit, 50 runs", unit: "fit", ours: Timing.median(modelSeconds),
                                   note: "9 starts + \(request.options.resamples) resamples, \(ProcessInfo.processInfo.activeProcessorCount) threads; teacher sums' Delta-independent parts built once per teacher; frontier and exponents set up once per theta, thetas in parallel; BFGS, gradient exact in scale and floor, forward differences in alpha and the teacher exponent"))
        return results
    }
}
