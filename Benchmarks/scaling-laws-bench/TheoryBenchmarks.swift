import Foundation
import ScalingTheory

/// Predictions per second against `peers/theory_scipy.py` on the same points.
struct TheoryBenchmarks {
    var runs: Int
    var peerAvailable: Bool

    /// A spread of configurations: both sides of N = P, ridgeless and ridged,
    /// with and without noise.
    static func points(count: Int, latentDimension m: Double) throws -> [ModelConfiguration] {
        try (0..<count).map { i in
            let t = Double(i) / Double(max(count - 1, 1))
            let n = (10 * pow(m / 20, t)).rounded()
            let p = (m / 4 * pow(0.2, t)).rounded() + 7
            let gamma = i % 2 == 0 ? 0 : pow(10, -5 + 4 * t)
            return try ModelConfiguration(featureCount: n, sampleCount: p, ridge: gamma,
                                          noiseVariance: i % 3 == 0 ? 1e-4 : 0)
        }
    }

    static func job(_ spectrum: [String: Any], _ points: [ModelConfiguration], repeats: Int) -> [String: Any] {
        ["spectrum": spectrum, "repeats": repeats,
         "points": points.map { ["N": $0.featureCount, "P": $0.sampleCount, "gamma": $0.ridge,
                                 "sigmaW2": $0.teacherVariance, "sigmaU2": $0.featureWeightVariance,
                                 "noise": $0.noiseVariance] }]
    }

    /// Our median seconds per point, the peer's, and a check that both agree
    /// to relative 1e-8 in the loss.
    func compare(_ name: String, spectrum: any Spectrum, peerSpectrum: [String: Any]?,
                 points: [ModelConfiguration]) throws -> Measurement {
        var ours: [Double] = [], peer: [Double] = []
        var predictions: [Prediction] = []
        let peerRunner = Peer(script: "theory_scipy.py")
        _ = try spectrum.predict(points[0])
        for _ in 0..<runs {
            ours.append(try Timing.seconds { predictions = try points.map { try spectrum.predict($0) } })
            if peerAvailable, let peerSpectrum {
                // The peer warms up on its first of two passes; the second is timed.
                let answer = try peerRunner.run(Self.job(peerSpectrum, points, repeats: 2))
                guard let seconds = answer["seconds"] as? [Double], let results = answer["results"] as? [[String: Any]]
                else { throw BenchmarkError("theory peer: malformed answer") }
                peer.append(seconds.last!)
                try Self.checkAgreement(predictions, results, name)
            }
        }
        let count = Double(points.count)
        return Measurement(name: name, unit: "prediction", ours: Timing.median(ours) / count,
                           peer: peer.isEmpty ? nil : Timing.median(peer) / count,
                           note: peer.isEmpty ? "no peer" : "peer agrees to 1e-8")
    }

    static func checkAgreement(_ ours: [Prediction], _ theirs: [[String: Any]], _ name: String) throws {
        guard ours.count == theirs.count else { throw BenchmarkError("\(name): peer returned \(theirs.count) results") }
        for (a, b) in zip(ours, theirs) {
            let loss = b["loss"] as? Double ?? .infinity
            if a.loss.isInfinite && loss.isInfinite { continue }
            guard abs(a.loss - loss) <= 1e-8 * abs(a.loss) else {
                throw BenchmarkError("\(name): peer loss \(loss) disagrees with ours \(a.loss); no ratio reported")
            }
        }
    }

    func run(quick: Bool) throws -> [Measurement] {
        var results: [Measurement] = []
        let small = try PowerLawSpectrum(alpha: 1, latentDimension: 1000)
        results.append(try compare("power law M=1e3", spectrum: small,
                                   peerSpectrum: ["alpha": 1.0, "lambdaPlus": 1.0, "M": 1000.0],
                                   points: Self.points(count: 20, latentDimension: 1e3)))
        let large = try PowerLawSpectrum(alpha: 1, latentDimension: 1e6, summation: .exact)
        let largePoints = try Self.points(count: quick ? 2 : 4, latentDimension: 1e6)
        results.append(try compare("power law M=1e6 (exact sums)", spectrum: large,
                                   peerSpectrum: ["alpha": 1.0, "lambdaPlus": 1.0, "M": 1e6], points: largePoints))
        let fast = try PowerLawSpectrum(alpha: 1, latentDimension: 1e6, summation: .eulerMaclaurin)
        results.append(try compare("power law M=1e6 (Euler-Maclaurin)", spectrum: fast,
                                   peerSpectrum: ["alpha": 1.0, "lambdaPlus": 1.0, "M": 1e6], points: largePoints))
        // No peer can sum 1e12 terms; ours alone, on the spread of points scaled to M.
        let huge = try PowerLawSpectrum(alpha: 1, latentDimension: 1e12)
        results.append(try compare("power law M=1e12 (Euler-Maclaurin)", spectrum: huge, peerSpectrum: nil,
                                   points: Self.points(count: 20, latentDimension: 1e12)))

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bench-spectrum-\(getpid()).txt")
        let eigenvalues = try large.eigenvalues().shuffled()
        try eigenvalues.map { "\($0)" }.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let table = try TabulatedSpectrum(contentsOfFile: file.path)
        results.append(try compare("tabulated M=1e6", spectrum: table, peerSpectrum: ["file": file.path],
                                   points: largePoints))

        // A 1000-point sweep of N at M = 1e3: ours through Sweep (all cores).
        let base = try ModelConfiguration(featureCount: 10, sampleCount: 300, ridge: 1e-4)
        let grid = try ParameterGrid(from: 10, to: 1e4, count: 1000)
        var ours: [Double] = [], peer: [Double] = []
        var swept: [SweepPoint] = []
        _ = try Sweep.theory(spectrum: small, base: base, vary: .featureCount, over: grid)
        for _ in 0..<runs {
            ours.append(try Timing.seconds {
                swept = try Sweep.theory(spectrum: small, base: base, vary: .featureCount, over: grid)
            })
            if peerAvailable {
                let answer = try Peer(script: "theory_scipy.py").run(Self.job(
                    ["alpha": 1.0, "lambdaPlus": 1.0, "M": 1000.0], swept.map(\.configuration), repeats: 1))
                peer.append((answer["seconds"] as? [Double])?.last ?? .nan)
                try Self.checkAgreement(swept.map(\.prediction), answer["results"] as? [[String: Any]] ?? [], "sweep")
            }
        }
        results.append(Measurement(name: "1000-point sweep, M=1e3", unit: "sweep", ours: Timing.median(ours),
                                   peer: peer.isEmpty ? nil : Timing.median(peer),
                                   note: "ours on all cores, peer serial"))
        return results
    }
}
