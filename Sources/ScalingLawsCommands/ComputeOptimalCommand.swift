import Foundation
import ScalingTheory

/// `scaling-laws compute-optimal`: the loss-minimizing split of C = N P over
/// a range of C, at a fixed ridge and at the optimal ridge.
enum ComputeOptimalCommand: Command {
    static let name = "compute-optimal"
    static let summary = "The N, P = C/N minimizing <L> at fixed compute C = N P, over a grid of C (fixed and optimal ridge)."
    static let flags = ModelOptions.spectrumFlags
        + ModelOptions.configurationFlags.filter { $0.name != "N" && $0.name != "P" } + [
            Flag.value("from", "C", "smallest compute C = N P >= 1 (default 1e4)").formerly("C-from"),
            Flag.value("to", "C", "largest compute C >= --from (default 1e10)").formerly("C-to"),
            .value("points", "K", "number of values of C, 1..100 (default 7)"),
            .value("spacing", "log|linear", "grid spacing of C (default log)"),
            .value("ridge", "fixed|optimal|both", "at the fixed --gamma, at gamma*(N, P), or both (default both)"),
            ModelOptions.formatFlag,
            GradientFlowOutput.budgetFlag,
        ] + SGDComputeOptimalOutput.flags
    static let schema: OutputSchema? = OutputSchema(summary: summaryColumns.map(\.spec), listKey: "points",
                                                    list: ComputeOptimalRecord.columns.map(\.spec),
                                                    variants: [SGDComputeOptimalOutput.variant, GradientFlowOutput.budgetVariant])
    static let summaryColumns: [Column<SpectralSummation>] = [
        .text("summation", "summation", allowed: SpectralSummation.allCases.map(\.rawValue)) { $0.rawValue },
    ]

    static func run(_ arguments: Arguments) throws -> Int32 {
        if arguments.string("budget") == "sgd" { return try SGDComputeOptimalOutput.run(arguments) }
        for flag in ["batch-size", "learning-rate"] where arguments.has(flag) {
            throw UsageError("--\(flag) needs --budget sgd")
        }
        if arguments.has("budget") { return try GradientFlowOutput.computeOptimal(arguments) }
        let format = try arguments.format()
        let mode = try arguments.choice("ridge", ["fixed", "optimal", "both"], default: "both")
        let from = try arguments.double("from", default: 1e4)
        let to = try arguments.double("to", default: 1e10)
        let points = try arguments.int("points", default: 7)
        let spacing = ParameterGrid.Spacing(rawValue: try arguments.choice("spacing", ["log", "linear"],
                                                                           default: "log"))!
        guard from.isFinite, from >= 1 else { throw UsageError("--from must be a finite number >= 1, got \(from)") }
        guard to.isFinite, to >= from else { throw UsageError("--to must be finite and >= --from, got \(to)") }
        guard (1...100).contains(points) else { throw UsageError("--points must be in 1...100, got \(points)") }
        let spectrum = try ModelOptions.spectrum(arguments)
        // Per C: ~50 splits N, each a solve (~100 evaluations), or an optimal-ridge search (~4000).
        try WorkLimit.check(flops: WorkLimit.theoryFlops(
            spectrum: spectrum, evaluations: Double(points) * 50 * ((mode == "fixed" ? 0 : 4000) + (mode == "optimal" ? 0 : 100))),
                            what: "this compute-optimal table")
        let template = try ModelConfiguration(featureCount: 1, sampleCount: 1,
                                              ridge: try arguments.double("gamma", default: 0),
                                              teacherVariance: try arguments.double("sigma-w2", default: 1),
                                              featureWeightVariance: try arguments.double("sigma-u2", default: 1),
                                              noiseVariance: try arguments.double("noise", default: 0),
                                              teacher: try ModelOptions.teacher(arguments))
        // Both ends exactly as given; one point needs --to = --from.
        let computes = try ParameterGrid(from: from, to: to, count: points, spacing: spacing).values
        let solver = SelfConsistentSolver()
        var rows: [ComputeOptimalRecord] = []
        for compute in computes {
            if mode != "optimal" {
                rows.append(ComputeOptimalRecord(ridgeMode: "fixed", allocation: try solver.computeOptimalAllocation(
                    spectrum: spectrum, compute: compute, configuration: template, optimizeRidge: false)))
            }
            if mode != "fixed" {
                rows.append(ComputeOptimalRecord(ridgeMode: "optimal", allocation: try solver.computeOptimalAllocation(
                    spectrum: spectrum, compute: compute, configuration: template, optimizeRidge: true)))
            }
        }
        var notes: [String] = []
        if mode != "optimal" { notes.append("ridge fixed: gamma = \(TableFormat.number(template.ridge))") }
        if mode != "fixed" { notes.append("ridge optimal: gamma*(N, P)") }
        if template.noiseVariance == 0 && template.teacher.isIsotropic { notes.append("noiseless runs report the N <= P member of each mirror pair") }
        OutputDocument(command: name, inputs: arguments.inputs,
                       summary: RecordTable(summaryColumns, [spectrum.summation]),
                       list: RecordTable(ComputeOptimalRecord.columns, rows),
                       heading: [notes.joined(separator: "; ")])
            .emit(format)
        return 0
    }
}
