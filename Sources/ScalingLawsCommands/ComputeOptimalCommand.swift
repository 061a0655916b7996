import Foundation
import ScalingOutput
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
            GradientFlowFlags.budget,
        ] + SGDComputeOptimalOutput.flags
        + [.value("learning-rate", "ETA", "refused: the raw eta of predict/simulate --optimizer sgd "
                  + "(--budget sgd takes --normalized-learning-rate)")]
    static let schema: OutputSchema? = OutputSchema(summary: summaryColumns.map(\.spec), listKey: "points",
                                                    list: ComputeOptimalRecord.columns.map(\.spec),
                                                    variants: [SGDComputeOptimalOutput.variant, budgetVariant])
    static let summaryColumns: [Column<SpectralSummation>] = [
        .text("summation", "summation", allowed: SpectralSummation.allCases.map(\.rawValue)) { $0.rawValue },
    ]

    static func run(_ arguments: Arguments) throws -> Int32 {
        if arguments.string("budget") == "sgd" { return try SGDComputeOptimalOutput.run(arguments) }
        if arguments.has("learning-rate") { throw UsageError(SGDComputeOptimalOutput.rawRateMessage) }
        for flag in ["batch-size", "normalized-learning-rate", "latent-ratio", "trace-learning-rate"] where arguments.has(flag) {
            throw UsageError("--\(flag) needs --budget sgd")
        }
        if arguments.has("budget") { return try computeOptimalTime(arguments) }
        let format = try arguments.format()
        let mode = try arguments.choice("ridge", ["fixed", "optimal", "both"], default: "both")
        let computes = try computeGrid(arguments)
        let spectrum = try ModelOptions.spectrum(arguments)
        // Per C: ~50 splits N, each a solve (~100 evaluations), or an optimal-ridge search (~4000).
        try WorkLimit.check(flops: WorkLimit.theoryFlops(
            spectrum: spectrum, evaluations: Double(computes.count) * 50 * ((mode == "fixed" ? 0 : 4000) + (mode == "optimal" ? 0 : 100))),
                            what: "this compute-optimal table")
        let template = try ModelOptions.configuration(arguments, featureCount: 1, sampleCount: 1)
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

    /// `--from`, `--to`, `--points`, `--spacing`: the computes C, both ends
    /// exactly as given (one point needs --to = --from).
    static func computeGrid(_ arguments: Arguments) throws -> [Double] {
        let from = try arguments.double("from", default: 1e4)
        let to = try arguments.double("to", default: 1e10)
        let points = try arguments.int("points", default: 7)
        let spacing = ParameterGrid.Spacing(rawValue: try arguments.choice("spacing", ["log", "linear"],
                                                                           default: "log"))!
        guard from.isFinite, from >= 1 else { throw UsageError("--from must be a finite number >= 1, got \(from)") }
        guard to.isFinite, to >= from else { throw UsageError("--to must be finite and >= --from, got \(to)") }
        guard (1...100).contains(points) else { throw UsageError("--points must be in 1...100, got \(points)") }
        return try ParameterGrid(from: from, to: to, count: points, spacing: spacing).values
    }

    /// `compute-optimal --budget Nt|NPt`: gradient flow's optimal N (and P)
    /// and training steps at each compute, and the exponents in C.
    static let budgetVariant = OutputVariant(
        title: "compute-optimal --budget Nt|NPt", selector: .given("budget"),
        shape: OutputSchema(summary: GradientFlowFrontierRecord.exponentColumns.map(\.spec), listKey: "points",
                            list: GradientFlowFrontierRecord.columns.map(\.spec)))

    static func computeOptimalTime(_ arguments: Arguments) throws -> Int32 {
        let format = try arguments.format()
        let budget = GradientFlowBudget(rawValue: try arguments.choice("budget", ["Nt", "NPt"], default: "Nt"))!
        guard !arguments.has("spectrum-file") else { throw UsageError("--budget needs a power-law spectrum (--alpha, --M)") }
        guard !arguments.has("ridge") else { throw UsageError("--ridge does not apply to --budget (gradient flow uses --gamma)") }
        let computes = try computeGrid(arguments)
        let template = try ModelOptions.configuration(arguments, featureCount: 1, sampleCount: 1)
        let alpha = try arguments.requiredDouble("alpha")
        let m = try arguments.requiredDouble("M")
        guard m.isFinite else { throw UsageError("--budget needs a finite --M") }
        let optimizer = GradientFlowComputeOptimizer(alpha: alpha, lambdaPlus: try arguments.double("lambda-plus", default: 1),
                                                     latentDimension: m, teacherExponent: template.teacher.exponent,
                                                     configuration: template, budget: budget)
        let progress = Progress("compute", total: computes.count)
        let frontier = try GradientFlowFrontier(optimizer: optimizer, computes: computes, progress: { progress.advance() })
        let exponents = frontier.exponents.map {
            "\($0.name) ~ C^\(String(format: "%.4f", $0.fitted)) (predicted \(String(format: "%.4f", $0.predicted)))"
        }
        OutputDocument(command: name, inputs: arguments.inputs,
                       summary: RecordTable(GradientFlowFrontierRecord.exponentColumns, [frontier]),
                       list: RecordTable(GradientFlowFrontierRecord.columns, frontier.points),
                       heading: ["budget \(budget.rawValue): steps s = t sigma_u^2 N / M; C = "
                                 + (budget == .featuresTimesSteps ? "N s (P = inf)" : "N P s")],
                       notes: ["exponents in C over all points vs arXiv:2402.01092 eqs. 14/17: "
                               + exponents.joined(separator: "; ")]).emit(format)
        return 0
    }
}
