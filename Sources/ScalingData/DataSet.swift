/// A data matrix and one real target per row: the input of the real-data
/// analysis (Docs/Theory.md section 9).
public struct DataSet: Sendable {
    /// X, n x d.
    public var data: DataMatrix
    /// y, n targets.
    public var targets: [Double]

    /// Throws `DataSetError.labelCountMismatch` unless there is one target per row.
    public init(data: DataMatrix, targets: [Double], labelsPath: String = "the labels") throws {
        guard targets.count == data.rows else {
            throw DataSetError.labelCountMismatch(dataRows: data.rows, labels: targets.count, path: labelsPath)
        }
        self.data = data
        self.targets = targets
    }

    /// Class labels turned into a +-1 target: +1 for a label in
    /// `positiveClasses`, -1 for any other. Throws
    /// `DataSetError.invalidTarget` when every label lands on the same side
    /// (a constant target has nothing to learn).
    public static func binaryTargets(labels: [Double], positiveClasses: Set<Double>) throws -> [Double] {
        let targets = labels.map { positiveClasses.contains($0) ? 1.0 : -1.0 }
        let positives = targets.filter { $0 > 0 }.count
        guard positives > 0, positives < targets.count else {
            let list = positiveClasses.sorted().map { $0.rounded() == $0 ? String(Int($0)) : "\($0)" }
                .joined(separator: ",")
            throw DataSetError.invalidTarget(
                detail: positives == 0 ? "no label is among the positive classes \(list)"
                                       : "every label is among the positive classes \(list)")
        }
        return targets
    }
}
