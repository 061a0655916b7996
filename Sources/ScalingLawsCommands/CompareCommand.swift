import Foundation
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingOutput
import ScalingTheory

/// `scaling-laws compare`: theory against simulation over a grid, with
/// z-scores; exit status 1 when any |z| exceeds `--max-z`, so that it can
/// guard a researcher's own CI.
enum CompareCommand: Command {
    static let name = "compare"
    static let summary = "Compare theory and simulation over a grid; exit 1 if any |z| > --max-z (default 4)."
    static let flags = ModelOptions.spectrumFlags + ModelOptions.configurationFlags + GridOptions.flags
        + SimulationFlags.trialFlags(per: "point") + [
        .value("max-z", "Z", "largest accepted |z| = |mean - theory| / standard error (default 4)"),
        .value("simulation-sigma-u2", "V", "simulate with this sigma_u^2 instead of --sigma-u2, to check that a wrong theory is caught (it enters the linear theory only through gamma M / sigma_u^2, so it needs gamma > 0)"),
        ModelOptions.formatFlag,
        TrialExecution.shardFlag,
    ] + DataSimulate.flags
    static let requiredFlags: Set<String> = ["vary", "from", "to"]
    static let schema: OutputSchema? = OutputSchema(summary: summaryColumns.map(\.spec), listKey: "points",
                                                    list: ComparisonRecord.columns.map(\.spec),
                                                    variants: [DataSweepCommand.compareVariant])
    /// Whether every point passed.
    static let summaryColumns: [Column<Bool>] = [.boolean("pass", "pass") { $0 }]

    static func run(_ arguments: Arguments) throws -> Int32 {
        if arguments.has("data") || arguments.has("labels") { return try DataSweepCommand.compare(arguments) }
        let format = try arguments.format()
        let (parameter, grid) = try GridOptions.parse(arguments)
        let spectrum = try ModelOptions.spectrum(arguments)
        let base = try GridOptions.baseConfiguration(arguments, varying: parameter, grid: grid)
        let options = try GridOptions.simulationOptions(arguments)
        try WorkLimit.check(flops: WorkEstimate.sweepFlops(spectrum: spectrum, base: base, vary: parameter, grid: grid,
                                                        trials: options.trials), what: "this comparison")
        let maxZ = try arguments.double("max-z", default: 4)
        guard maxZ > 0, maxZ.isFinite else { throw UsageError("--max-z must be a positive number, got \(maxZ)") }
        let simulatedSigmaU2 = try arguments.double("simulation-sigma-u2")

        let plan = try Sweep.simulationPlan(
            spectrum: spectrum, base: base, vary: parameter, over: grid, options: options,
            simulated: { try $0.with(featureWeightVariance: simulatedSigmaU2 ?? $0.featureWeightVariance) })
        guard let results = try TrialExecution.results(plan.simulations, arguments, label: "comparing: trial") else {
            return 0
        }
        let points = plan.points(results: results)
        let peaks = points.filter { !$0.theory.loss.isFinite }.count
        if peaks > 0 {
            StandardError.write("warning: the theory is +infinity at \(peaks) point(s) (the ridgeless interpolation peak, gamma = 0); their z-scores are infinite and count as failures\n")
        }
        // A point passes when |z| <= maxZ and its standard error exists: the
        // per-trial variance is finite (TrialDistribution).
        let records = try points.enumerated().map { index, point in
            ComparisonRecord(point: point, maxZ: maxZ,
                             check: try PointCheck(point: point, latentDimension: spectrum.latentDimension, maxZ: maxZ,
                                                   seed: options.seed &+ UInt64(index)))
        }
        let failures = records.filter { !$0.pass }
        let warnings = records.compactMap { record in
            record.check.warning.map { "\(parameter.rawValue) = \(TableFormat.number(record.point.value)): \($0)" }
        }

        var list = RecordTable(ComparisonRecord.columns, records)
        list.fields[0].label = "grid \(parameter.rawValue)"
        OutputDocument(command: name, inputs: arguments.inputs, summary: RecordTable(summaryColumns, [failures.isEmpty]),
                       list: list,
                       notes: warnings + [failures.isEmpty
                           ? "all \(points.count) points within |z| <= \(TableFormat.number(maxZ))"
                           : "\(failures.count) of \(points.count) points fail (|z| > \(TableFormat.number(maxZ))) or are unreliable (infinite per-trial variance)"])
            .emit(format)
        return failures.isEmpty ? 0 : 1
    }
}
