import Foundation
import ScalingData

/// `scaling-laws dataset`'s analysis (centring, X^T X by dsyrk, dsyevd, the
/// teacher and the residual) on Fashion-MNIST, 70000 x 784, against
/// `peers/dataset_numpy.py` doing the same with `X.T @ X` and `eigh`, run in
/// alternation in one process run. Skipped when the Debian package
/// `dataset-fashion-mnist` is not installed.
struct DataSetBenchmarks {
    var runs: Int
    var peerAvailable: Bool

    static let directory = "/usr/share/datasets/fashion-mnist/"
    static let images = ["train-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte.gz"].map { directory + $0 }
    static let labels = ["train-labels-idx1-ubyte.gz", "t10k-labels-idx1-ubyte.gz"].map { directory + $0 }

    static var isAvailable: Bool { (images + labels).allSatisfy { FileManager.default.fileExists(atPath: $0) } }

    func run(quick: Bool) throws -> [Measurement] {
        guard Self.isAvailable else {
            FileHandle.standardError.write(Data("note: dataset-fashion-mnist not installed; data-set benchmark skipped\n".utf8))
            return []
        }
        let reader = DataFileReader()
        var readSeconds = 0.0
        var dataSet: DataSet? = nil
        readSeconds = try Timing.seconds {
            var matrix = try DataMatrix.stacking(try Self.images.map { try reader.matrix($0) }, names: Self.images)
            matrix.scale(by: 1.0 / 255)
            let labels = try Self.labels.flatMap { try reader.labels($0) }
            dataSet = try DataSet(data: matrix, targets: DataSet.binaryTargets(labels: labels, positiveClasses: [0, 1, 2, 3, 4]))
        }
        let data = dataSet!
        let count = quick ? 3 : runs
        var ours: [Double] = [], peer: [Double] = []
        var analysis: DataSetAnalysis? = nil
        var answer: [String: Any] = [:]
        _ = try DataSetAnalysis(CentredDataSet(data))  // warm-up
        for _ in 0..<count {
            ours.append(try Timing.seconds { analysis = try DataSetAnalysis(CentredDataSet(data)) })
            if peerAvailable {
                answer = try Peer(script: "dataset_numpy.py").run([
                    "images": Self.images, "labels": Self.labels, "positive": [0, 1, 2, 3, 4], "scale": 1.0 / 255,
                    "runs": 1,
                ])
                peer += answer["seconds"] as? [Double] ?? []
            }
        }
        var note = String(format: "n = %d, d = %d, M = %d; reading the gzipped IDX files took %.2f s",
                          data.data.rows, data.data.columns, analysis!.latentDimension, readSeconds)
        var peerTime: Double? = nil
        if peerAvailable {
            let noise = answer["noise"] as? Double ?? .nan, largest = answer["largest"] as? Double ?? .nan
            let a = analysis!
            guard abs(noise - a.residualVariance) <= 1e-9 * a.residualVariance,
                  abs(largest - a.eigenvalues[0]) <= 1e-9 * a.eigenvalues[0] else {
                throw BenchmarkError("dataset: ours sigma_eps^2 \(a.residualVariance), lambda_1 \(a.eigenvalues[0]); peer \(noise), \(largest); no ratio reported")
            }
            peerTime = Timing.median(peer)
            note += ", sigma_eps^2 and lambda_1 agree to 1e-9"
        }
        return [Measurement(name: "dataset analysis Fashion-MNIST 70000x784", unit: "analysis", ours: Timing.median(ours),
                            peer: peerTime, note: note)]
    }
}
