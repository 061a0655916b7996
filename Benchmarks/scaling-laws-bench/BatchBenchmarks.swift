import Foundation
import ScalingTheory

/// Batch predictions per second on all cores, the array path of the C and
/// Python interfaces (`ParallelBatch` over power-law points), against the
/// SciPy peer on the same points. The peer is `peers/theory_scipy.py`, a
/// Python loop over `scipy.optimize.brentq` with NumPy sums (the way a NumPy
/// user vectorizes this: the root solve has no array form in SciPy), serial.
/// Before a rate is reported the batch is checked: at M = 1e6 the
/// Euler-Maclaurin batch against exact O(M) sums to relative 1e-10 (a sample
/// of points); against the peer to 1e-8 wherever the peer runs.
struct BatchBenchmarks {
    var runs: Int
    var peerAvailable: Bool

    /// A spread like `TheoryBenchmarks.points`, `count` points scaled to M
    /// (M = infinity uses the spread of M = 1e12).
    static func points(count: Int, latentDimension m: Double) throws -> [ModelConfiguration] {
        try TheoryBenchmarks.points(count: count, latentDimension: m.isFinite ? m : 1e12)
    }

    /// Our median seconds for the whole batch on all cores.
    /// Seconds of CPU time used by this process (all threads).
    static func processorSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// Our median wall seconds for the whole batch on all cores, the median
    /// CPU seconds it used, and the predictions.
    func time(_ spectrum: PowerLawSpectrum, _ points: [ModelConfiguration]) throws -> (Double, Double, [Prediction]) {
        var seconds: [Double] = [], processor: [Double] = []
        var results = [Prediction?](repeating: nil, count: points.count)
        let slots = UnsafeMutableBufferPointer<Prediction?>.allocate(capacity: points.count)
        defer { slots.deallocate() }
        slots.initialize(repeating: nil)
        func batch() throws {
            try ParallelBatch.run(count: points.count, makeCache: { () }) { i, _ in
                slots[i] = try spectrum.predict(points[i])
            }
        }
        try batch()
        for _ in 0..<runs {
            let before = Self.processorSeconds()
            seconds.append(try Timing.seconds { try batch() })
            processor.append(Self.processorSeconds() - before)
        }
        for i in 0..<points.count { results[i] = slots[i] }
        return (Timing.median(seconds), Timing.median(processor), results.map { $0! })
    }

    func run(quick: Bool) throws -> [Measurement] {
        var results: [Measurement] = []
        let count = quick ? 20_000 : 100_000
        for m in [1e3, 1e6, Double.infinity] {
            let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: m)
            let points = try Self.points(count: count, latentDimension: m)
            let (ours, processor, predictions) = try time(spectrum, points)
            var note = "\(count) points, all cores"
            if m == 1e6 {
                // Same accuracy as the exact sums: a sample of the batch to 1e-10.
                let exact = try PowerLawSpectrum(alpha: 1, latentDimension: m, summation: .exact)
                for i in stride(from: 0, to: count, by: count / 10) {
                    let a = try exact.predict(points[i]), b = predictions[i]
                    if a.loss.isInfinite && b.loss.isInfinite { continue }
                    guard abs(b.loss - a.loss) <= 1e-10 * abs(a.loss) else {
                        throw BenchmarkError("batch M=1e6 point \(i): \(b.loss) vs exact sums \(a.loss)")
                    }
                }
                note += "; equals exact sums to 1e-10"
            }
            var peer: Double?
            if peerAvailable, m.isFinite {
                // The peer's exact sums cost O(M) per evaluation: a sample of the points.
                let sample = Array(points.enumerated().filter { $0.offset % (m > 1e4 ? count / 10 : count / 500) == 0 })
                let answer = try Peer(script: "theory_scipy.py").run(TheoryBenchmarks.job(
                    ["alpha": 1.0, "lambdaPlus": 1.0, "M": m], sample.map(\.element), repeats: 2))
                guard let seconds = (answer["seconds"] as? [Double])?.last else {
                    throw BenchmarkError("batch peer: malformed answer")
                }
                try TheoryBenchmarks.checkAgreement(sample.map { predictions[$0.offset] },
                                                    answer["results"] as? [[String: Any]] ?? [], "batch M=\(m)")
                peer = seconds / Double(sample.count)
                note += "; peer: brentq loop, serial, \(sample.count) of the points, agrees to 1e-8"
            } else if m.isInfinite {
                note += "; no peer can sum M = inf"
            }
            let label = m.isFinite ? String(format: "batch predictions M=%.0e", m) : "batch predictions M=inf"
            // On a shared machine the wall rate understates the cores' rate;
            // the CPU-time rate is what the cores deliver when they are ours.
            let cores = Double(ProcessInfo.processInfo.activeProcessorCount)
            let rates = String(format: "; %.3g predictions/s (wall), %.3g per CPU-second, %.3g on %.0f free cores",
                               Double(count) / ours, Double(count) / processor, cores * Double(count) / processor, cores)
            let measurement = Measurement(name: label, unit: "prediction", ours: ours / Double(count),
                                          peer: peer, note: note + rates)
            FileHandle.standardError.write(Data("\(label)\(rates)\n".utf8))
            results.append(measurement)
        }
        return results
    }
}
