import Foundation
import ScalingData

/// `DataFileReader` on a CSV file of 20000 rows x 50 columns of numbers in
/// their shortest round-trip form (about 19 MB), against `np.loadtxt` on the
/// same file (`peers/csv_numpy.py`), run in alternation; the sums of the
/// entries must agree.
struct CSVReaderBenchmarks {
    var runs: Int
    var peerAvailable: Bool

    func run(quick: Bool) throws -> [Measurement] {
        let rows = quick ? 5000 : 20000, columns = 50
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scaling-laws-bench-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        var state: UInt64 = 99
        var text = ""
        text.reserveCapacity(rows * columns * 20)
        for _ in 0..<rows {
            text += (0..<columns).map { _ -> String in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return "\(Double(state >> 11) / Double(1 << 53) * 10 - 5)"
            }.joined(separator: ",") + "\n"
        }
        try Data(text.utf8).write(to: url)
        let megabytes = Double(text.utf8.count) / 1e6
        let reader = DataFileReader()
        var ours: [Double] = [], peer: [Double] = []
        var sum = 0.0, peerSum = Double.nan
        _ = try reader.matrix(url.path)
        for _ in 0..<runs {
            ours.append(try Timing.seconds { sum = try reader.matrix(url.path).values.reduce(0, +) })
            if peerAvailable {
                let answer = try Peer(script: "csv_numpy.py").run(["path": url.path, "runs": 1])
                peer += answer["seconds"] as? [Double] ?? []
                peerSum = answer["sum"] as? Double ?? .nan
            }
        }
        var peerTime: Double? = nil
        var note = String(format: "%d x %d, %.1f MB: %.0f MB/s", rows, columns, megabytes, megabytes / Timing.median(ours))
        if peerAvailable {
            guard abs(peerSum - sum) <= 1e-9 * Double(rows * columns) else {
                throw BenchmarkError("CSV reader: sum \(sum), np.loadtxt \(peerSum); no ratio reported")
            }
            peerTime = Timing.median(peer)
            note += ", np.loadtxt agrees"
        }
        return [Measurement(name: "CSV reader vs np.loadtxt", unit: "file", ours: Timing.median(ours), peer: peerTime,
                            note: note)]
    }
}
