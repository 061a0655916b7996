import Foundation
import ScalingData
import ScalingOutput

/// The data-set flags shared by `dataset` and `simulate --data`:
/// `--data`, `--labels`, `--positive-classes`, `--data-scale`.
enum DataOptions {
    static let flags: [Flag] = [
        .value("data", "PATH[,PATH...]",
               "data matrix, one sample per row: .npy (2-D), CSV or IDX, gzipped or not; several files are stacked"),
        .value("labels", "PATH[,PATH...]", "one label per data row (.npy 1-D, one-column CSV or IDX), in the same order"),
        .value("positive-classes", "LIST",
               "comma-separated class labels that map to +1, every other label to -1 (default: labels are the target)"),
        .value("data-scale", "S", "multiply every data entry by S, e.g. 1/255 for 8-bit pixels (default 1)"),
        .value("noise-estimate", "in-sample|unbiased|held-out",
               "which residual variance is the theory's sigma_eps^2: sum eps^2 / n, / (n - M - 1), or 10-fold held-out (default unbiased)"),
    ]

    /// `--cutoff R` of the analysis (`prefix`: when it applies).
    static func cutoffFlag(prefix: String = "") -> Flag {
        .value("cutoff", "R", prefix + "drop covariance eigenvalues at or below R times the largest (default 1e-10)")
    }

    /// The analysis of `data` with the flags' `--cutoff` and `--noise-estimate`.
    static func analysis(_ arguments: Arguments, _ data: CentredDataSet) throws -> DataSetAnalysis {
        let cutoff = try arguments.double("cutoff", default: DataSetAnalysis.defaultCutoff)
        guard cutoff >= 0, cutoff < 1 else { throw UsageError("--cutoff must be in [0, 1), got \(cutoff)") }
        let estimate = try arguments.choice("noise-estimate", NoiseEstimate.allCases.map(\.rawValue),
                                            default: NoiseEstimate.unbiased.rawValue)
        let analysis = try DataSetAnalysis(data, relativeCutoff: cutoff, noiseEstimate: NoiseEstimate(rawValue: estimate)!)
        if analysis.noiseEstimate == .heldOut && analysis.heldOutResidualVariance == nil {
            throw UsageError("--noise-estimate held-out needs more rows: each fold's complement must exceed M + 1 = \(analysis.latentDimension + 1) rows")
        }
        return analysis
    }

    /// The flags' data set, centred, and its analysis: refused before the
    /// work when the analysis is estimated above the work limit.
    static func analysed(_ arguments: Arguments) throws -> (data: CentredDataSet, analysis: DataSetAnalysis) {
        guard let dataSet = try load(arguments) else { throw UsageError("missing --data PATH") }
        try WorkLimit.check(flops: DataSetAnalysis.estimatedFlops(sampleCount: dataSet.data.rows,
                                                                  dimension: dataSet.data.columns),
                            what: "analysing \(dataSet.data.rows) x \(dataSet.data.columns) data")
        let data = try CentredDataSet(dataSet)
        return (data, try analysis(arguments, data))
    }

    /// The flags' data set, or nil when `--data` is absent. Throws a usage
    /// error for `--data` without `--labels` or a malformed list.
    static func load(_ arguments: Arguments) throws -> DataSet? {
        guard let dataList = arguments.string("data") else {
            for name in ["labels", "positive-classes", "data-scale", "noise-estimate"] where arguments.has(name) {
                throw UsageError("--\(name) needs --data")
            }
            return nil
        }
        guard let labelList = arguments.string("labels") else { throw UsageError("--data needs --labels") }
        let reader = DataFileReader()
        let dataPaths = paths(dataList), labelPaths = paths(labelList)
        guard !dataPaths.isEmpty, !labelPaths.isEmpty else { throw UsageError("--data and --labels need file paths") }
        // Recorded as absolute paths, like the spectrum file, so that `rerun` finds them from anywhere.
        func absolute(_ paths: [String]) -> JSONValue {
            .string(paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }.joined(separator: ","))
        }
        arguments.log.record("data", absolute(dataPaths))
        arguments.log.record("labels", absolute(labelPaths))
        var data = try DataMatrix.stacking(try dataPaths.map { try reader.matrix($0) }, names: dataPaths)
        let labels = try labelPaths.flatMap { try reader.labels($0) }
        if let scale = try scale(arguments) { data.scale(by: scale) }
        var targets = labels
        if let classes = try positiveClasses(arguments) {
            targets = try DataSet.binaryTargets(labels: labels, positiveClasses: classes)
        }
        return try DataSet(data: data, targets: targets, labelsPath: labelPaths.joined(separator: ","))
    }

    static func paths(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `--positive-classes 0,1,2`: a set of numbers.
    static func positiveClasses(_ arguments: Arguments) throws -> Set<Double>? {
        guard let text = arguments.string("positive-classes") else { return nil }
        var classes = Set<Double>()
        for word in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = Double(word.trimmingCharacters(in: .whitespaces)), value.isFinite else {
                throw UsageError("--positive-classes needs comma-separated numbers, got '\(text)'")
            }
            classes.insert(value)
        }
        return classes
    }

    /// `--data-scale S` or `A/B`, positive and finite.
    static func scale(_ arguments: Arguments) throws -> Double? {
        guard let text = arguments.string("data-scale") else { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            .map { Double($0.trimmingCharacters(in: .whitespaces)) }
        var value: Double? = nil
        if parts.count == 1, let a = parts[0] { value = a }
        if parts.count == 2, let a = parts[0], let b = parts[1], b != 0 { value = a / b }
        guard let value, value.isFinite, value > 0 else {
            throw UsageError("--data-scale needs a positive number or a ratio A/B, got '\(text)'")
        }
        // Recorded as the number it is (`1/255` is 0.00392...), so that `rerun` gives it back.
        arguments.log.record("data-scale", .number(value))
        return value
    }
}
