import Foundation
import ScalingData
import ScalingOutput
import ScalingTheory

/// `scaling-laws decompose`: the measured decomposition of the gap between
/// the theory and random-feature ridge regression on a data set's rows
/// (`GapDecomposition`; Docs/YourData.md, "The gap, decomposed"): at each
/// `--at N:P:GAMMA` point, the same fits on the real rows with the real
/// labels, with the linear teacher's part only and with the residual only,
/// and Gaussian rows with the data's spectrum, teacher and noise, each
/// against its theory term.
enum DecomposeCommand: Command {
    static let name = "decompose"
    static let summary = "Measure the bias and variance terms on a data set's rows against the theory (the gap, decomposed)."
    static let flags: [Flag] = DataOptions.flags + [
        .value("at", "N:P:GAMMA[,N:P:GAMMA...]", "the points (whole N and P, gamma >= 0)"),
        .value("trials", "K", "trials per point and part on the real rows, >= 2 (default 8)"),
        .value("gaussian-trials", "K", "trials of the Gaussian-rows control per point, 0 skips it (default 8)"),
        .value("seed", "S", "seed; point k uses seed + k, the same for every part (default 0)"),
        .value("test-rows", "T", "held-out rows per trial (default: the rest, at most 10000)"),
        .value("threads", "T", "worker threads (default: one per core; results do not depend on it)"),
        DataOptions.cutoffFlag(),
        ModelOptions.formatFlag,
    ]
    static let requiredFlags: Set<String> = ["data", "labels", "at"]
    static let schema: OutputSchema? = OutputSchema(listKey: "points", list: GapDecompositionRecord.columns.map(\.spec))

    static func run(_ arguments: Arguments) throws -> Int32 {
        let format = try arguments.format()
        guard let atText = arguments.string("at") else { throw UsageError("missing --at N:P:GAMMA") }
        var points: [ModelConfiguration] = []
        for item in atText.split(separator: ",") {
            let parts = item.split(separator: ":", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 3, let n = parts[0], let p = parts[1], let gamma = parts[2] else {
                throw UsageError("--at needs N:P:GAMMA triples separated by commas, got '\(item)'")
            }
            points.append(try ModelConfiguration(featureCount: n, sampleCount: p, ridge: gamma))
        }
        let trials = try arguments.int("trials", default: 8)
        let gaussianTrials = try arguments.int("gaussian-trials", default: 8)
        guard gaussianTrials >= 0 else { throw UsageError("--gaussian-trials must be >= 0, got \(gaussianTrials)") }
        let seed = try SimulationFlags.seed(arguments)
        let options = DataSimulationOptions(trials: trials, seed: seed, testRows: try arguments.int("test-rows"),
                                            threads: try arguments.int("threads"))
        let (data, analysis) = try Heartbeat.whileChecking { try DataOptions.analysed(arguments) }
        let noisePower = try ResidualNoise(data, analysis: analysis).noisePower
        let rowScale = points.allSatisfy({ $0.ridge > 0 }) ? try RowScale(data, analysis: analysis) : nil
        let progress = Progress("point", total: points.count)
        var records: [GapDecompositionRecord] = []
        for (k, point) in points.enumerated() {
            var pointOptions = options
            pointOptions.seed = seed &+ UInt64(k)
            records.append(GapDecompositionRecord(decomposition: try GapDecomposition.measure(
                data: data, analysis: analysis, configuration: point, options: pointOptions, noisePower: noisePower,
                rowScale: rowScale, gaussianTrials: gaussianTrials)))
            progress.advance()
        }
        OutputDocument(command: name, inputs: arguments.inputs,
                       list: RecordTable(GapDecompositionRecord.columns, records)).emit(format)
        return 0
    }
}
