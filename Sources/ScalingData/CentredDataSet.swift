import DenseAlgebra

/// A data set with the feature means and the target mean subtracted, as the
/// random-feature model (which has no intercept) sees it (Docs/Theory.md
/// section 9). `dataset` and `simulate --data` both start here, so they use
/// the same means: those of all n rows.
public struct CentredDataSet: Sendable {
    /// n, the number of samples.
    public let sampleCount: Int
    /// d, the number of features per sample.
    public let dimension: Int
    /// The mean of each of the d features over the n rows.
    public let featureMeans: [Double]
    /// The mean target.
    public let targetMean: Double
    /// x_mu - mean, one sample per column: the column-major d x n matrix X^T.
    package let samples: Matrix
    /// y_mu - mean, n entries.
    public private(set) var targets: [Double]

    /// The range of centred magnitudes the analysis takes, for data and
    /// labels alike: beyond `largestScale` the covariance, the teacher power
    /// (w^2, up to y^2 / lambda) and the theory's sums of squares of the
    /// written spectrum overflow double precision; below `smallestScale`
    /// their squares underflow. Refused before any LAPACK call.
    public static let largestScale = 1e75
    public static let smallestScale = 1e-75

    /// Centres `dataSet` (its storage is reused when the caller holds no
    /// other copy). Throws `DataSetError.invalidTarget` for fewer than two
    /// rows or a constant target, `.degenerateData` when every column is
    /// constant (all rows identical), `.scaleOutOfRange` for data or labels
    /// outside `smallestScale...largestScale`. A constant column is centred
    /// to exact zeros (not the rounding of its mean).
    public init(_ dataSet: consuming DataSet) throws {
        var owned = dataSet
        let n = owned.data.rows, d = owned.data.columns
        guard n >= 2 else { throw DataSetError.invalidTarget(detail: "need at least two rows, got \(n)") }
        var values = owned.data.values
        owned.data.values = []
        var means = [Double](repeating: 0, count: d)
        var constant = [Bool](repeating: true, count: d)
        var largest = 0.0
        values.withUnsafeMutableBufferPointer { x in
            means.withUnsafeMutableBufferPointer { m in
                for mu in 0..<n {
                    for j in 0..<d {
                        m[j] += x[mu * d + j]
                        if x[mu * d + j] != x[j] { constant[j] = false }
                    }
                }
                for j in 0..<d { m[j] /= Double(n) }
                for mu in 0..<n {
                    for j in 0..<d {
                        x[mu * d + j] = constant[j] ? 0 : x[mu * d + j] - m[j]
                        largest = max(largest, abs(x[mu * d + j]))
                    }
                }
            }
        }
        guard constant.contains(false) else {
            throw DataSetError.degenerateData(detail: "all \(n) rows are identical (every one of the \(d) columns "
                                              + "holds one value): the data have no variance")
        }
        try Self.checkScale(largest, what: "data")
        let targetMean = owned.targets.reduce(0, +) / Double(n)
        let targets = owned.targets.map { $0 - targetMean }
        guard targets.contains(where: { $0 != 0 }) else {
            throw DataSetError.invalidTarget(detail: "the target is constant (\(targetMean)) on all \(n) rows")
        }
        try Self.checkScale(targets.reduce(0) { max($0, abs($1)) }, what: "label")
        var samples = Matrix(rows: d, columns: n)
        samples.elements = values
        self.samples = samples
        self.targets = targets
        self.featureMeans = means
        self.targetMean = targetMean
        sampleCount = n
        dimension = d
    }

    /// The same rows with other (already centred) targets, one per row:
    /// the labels of the gap decomposition (`GapDecomposition`).
    package func replacingTargets(_ targets: [Double]) -> CentredDataSet {
        precondition(targets.count == sampleCount)
        var copy = self
        copy.targets = targets
        return copy
    }

    static func checkScale(_ largest: Double, what: String) throws {
        guard largest <= largestScale else {
            throw DataSetError.scaleOutOfRange(what: what, largest: largest, bound: largestScale)
        }
        guard largest >= smallestScale else {
            throw DataSetError.scaleOutOfRange(what: what, largest: largest, bound: smallestScale)
        }
    }

    /// Var(y) = (1/n) sum_mu (y_mu - mean)^2.
    public var targetVariance: Double {
        targets.reduce(0) { $0 + $1 * $1 } / Double(sampleCount)
    }
}
