import Foundation
import ScalingMonteCarlo
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
        ] + [
            .value("batch-size", "B", "--budget sgd: samples per SGD step, >= 1 (default 1)"),
            .value("normalized-learning-rate", "ETA_C", "--budget sgd: eta sigma_u^2 N / M, the rate on the normalized "
                   + "kernel, the same at every N (default: half the largest stable one at N = 1000)"),
            .value("latent-ratio", "R", "--budget sgd, instead of --M: M = R N at every N (R >= 1), teacher sigma_w^2 I^-beta, "
                   + "alpha > -1 (below Paquette et al.'s high-dimensional line when alpha <= 0)"),
            .value("trace-learning-rate", "ETA_T", "--budget sgd --latent-ratio: eta sigma_u^2 (N / M) sum_I lambda_I = eta E[tr K], "
                   + "the same at every N (default: half the largest stable one at N = 1000)"),
            .value("learning-rate", "ETA", "refused: the raw eta of predict/simulate --optimizer sgd "
                   + "(--budget sgd takes --normalized-learning-rate)"),
        ]
    static let schema: OutputSchema? = OutputSchema(summary: summaryColumns, list: ComputeOptimalRecord.columns,
                                                    variants: [sgdVariant, budgetVariant])
    static let summaryColumns: [Column<SpectralSummation>] = [
        .text("summation", "summation", allowed: SpectralSummation.allCases.map(\.rawValue)) { $0.rawValue },
    ]

    static func run(_ arguments: Arguments) throws -> Int32 {
        if arguments.string("budget") == "sgd" { return try computeOptimalSGD(arguments) }
        if arguments.has("learning-rate") { throw UsageError(rawRateMessage) }
        for flag in ["batch-size", "normalized-learning-rate", "latent-ratio", "trace-learning-rate"] where arguments.has(flag) {
            throw UsageError("--\(flag) needs --budget sgd")
        }
        if arguments.has("budget") { return try computeOptimalTime(arguments) }
        let format = try arguments.format()
        let mode = try arguments.choice("ridge", ["fixed", "optimal", "both"], default: "both")
        let computes = try computeGrid(arguments)
        let spectrum = try ModelOptions.spectrum(arguments)
        // Per C: ~50 splits N, each a solve (~100 evaluations), or an optimal-ridge search (~4000).
        try WorkLimit.check(flops: WorkEstimate.theoryFlops(
            spectrum: spectrum, evaluations: Double(computes.count) * 50 * ((mode == "fixed" ? 0 : 4000) + (mode == "optimal" ? 0 : 100))),
                            what: "this compute-optimal table")
        let template = try ModelOptions.configuration(arguments, featureCount: 1, sampleCount: 1)
        let solver = SelfConsistentSolver()
        var rows: [ComputeOptimalAllocation] = []
        for compute in computes {
            if mode != "optimal" {
                rows.append(try solver.computeOptimalAllocation(
                    spectrum: spectrum, compute: compute, configuration: template, optimizeRidge: false))
            }
            if mode != "fixed" {
                rows.append(try solver.computeOptimalAllocation(
                    spectrum: spectrum, compute: compute, configuration: template, optimizeRidge: true))
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
    /// exactly as given (one point needs --to = --from); `--from` at least
    /// `smallest` (said as `smallestText`).
    static func computeGrid(_ arguments: Arguments, from defaultFrom: Double = 1e4, to defaultTo: Double = 1e10,
                            smallest: Double = 1, smallestText: String = "a finite number >= 1") throws -> [Double] {
        let from = try arguments.double("from", default: defaultFrom)
        let to = try arguments.double("to", default: defaultTo)
        let points = try arguments.int("points", default: 7)
        let spacing = try GridOptions.spacing(arguments)
        guard from.isFinite, from >= smallest else { throw UsageError("--from must be \(smallestText), got \(from)") }
        guard to.isFinite, to >= from else { throw UsageError("--to must be finite and >= --from, got \(to)") }
        guard (1...100).contains(points) else { throw UsageError("--points must be in 1...100, got \(points)") }
        return try ParameterGrid(from: from, to: to, count: points, spacing: spacing).values
    }

    /// `compute-optimal --budget Nt|NPt`: gradient flow's optimal N (and P)
    /// and training steps at each compute, and the exponents in C.
    static let budgetVariant = OutputVariant(
        title: "compute-optimal --budget Nt|NPt", selector: .given("budget"),
        shape: OutputSchema(summary: GradientFlowFrontierRecord.exponentColumns, list: GradientFlowFrontierRecord.columns))

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
        GradientFlowFrontierRecord.document(frontier, command: name, inputs: arguments.inputs,
                                            heading: "budget \(budget.rawValue): steps s = t sigma_u^2 N / M; C = "
                                                + (budget == .featuresTimesSteps ? "N s (P = inf)" : "N P s")).emit(format)
        return 0
    }

    /// `compute-optimal --budget sgd`: N*, R*, L* along C = N B R under
    /// one-pass SGD (`SGDComputeOptimizer`), with the fitted exponents against
    /// the phase table derived from arXiv:2405.15074's loss terms (`SGDPhase`;
    /// Docs/Theory.md, "Compute-optimal under SGD").
    static let sgdVariant = OutputVariant(
        title: "compute-optimal --budget sgd", selector: .equals("budget", "sgd"),
        shape: OutputSchema(summary: SGDFrontierRecord.exponentColumns, list: SGDFrontierRecord.columns))

    /// `--learning-rate` is the raw eta of `predict`/`simulate --optimizer sgd`;
    /// here it is refused with a pointer to `--normalized-learning-rate`.
    static let rawRateMessage = "--learning-rate is the raw eta of predict/simulate --optimizer sgd; compute-optimal "
        + "--budget sgd holds the normalized rate eta sigma_u^2 N / M fixed across N: give --normalized-learning-rate"

    static func computeOptimalSGD(_ arguments: Arguments) throws -> Int32 {
        guard !arguments.has("learning-rate") else { throw UsageError(rawRateMessage) }
        let format = try arguments.format()
        guard !arguments.has("spectrum-file") else { throw UsageError("--budget sgd needs a power-law spectrum (--alpha, --M)") }
        for flag in ["ridge", "gamma", "P"] where arguments.has(flag) {
            throw UsageError("--\(flag) does not apply to --budget sgd (one pass, no ridge, P = B R)")
        }
        let batch = try arguments.int("batch-size", default: 1)
        guard batch >= 1 else { throw UsageError("--batch-size must be >= 1, got \(batch)") }
        let computes = try computeGrid(arguments, from: 1e6, to: 1e12, smallest: 16 * Double(batch),
                                       smallestText: "finite and >= 16 B = \(16 * batch) (R >= 16)")
        let template = try ModelOptions.configuration(arguments, featureCount: 1)
        guard template.teacher.kind != .tabulated else { throw UsageError("--budget sgd takes a power-law teacher (--teacher-exponent)") }
        let (alpha, beta) = (try arguments.requiredDouble("alpha"), template.teacher.exponent)
        let lambdaPlus = try arguments.double("lambda-plus", default: 1)
        let ratio = try SGDFlags.latentRatio(arguments)
        let rateFlag = ratio == nil ? "normalized-learning-rate" : "trace-learning-rate"
        guard !arguments.has(ratio == nil ? "trace-learning-rate" : "normalized-learning-rate") else {
            throw UsageError(ratio == nil ? "--trace-learning-rate needs --latent-ratio (with --M: --normalized-learning-rate)"
                                          : "--latent-ratio takes --trace-learning-rate (the rate per unit of E[tr K])")
        }
        let given = try arguments.double(rateFlag)
        if let given, !(given.isFinite && given > 0) {
            throw UsageError("--\(rateFlag) must be positive and finite, got \(TableFormat.number(given))")
        }
        if ratio != nil, arguments.has("M") { throw UsageError("--latent-ratio sets M = R N: give it instead of --M") }
        let optimizer = try SGDComputeOptimizer.choosing(
            alpha: alpha, lambdaPlus: lambdaPlus, latentDimension: ratio == nil ? try arguments.requiredDouble("M") : .nan,
            latentRatio: ratio, teacherExponent: beta, configuration: template, batchSize: batch, rate: given)
        let progress = Progress("compute", total: computes.count)
        let frontier = try SGDFrontier(optimizer: optimizer, computes: computes, progress: { progress.advance() })
        SGDFrontierRecord.document(frontier, command: name, inputs: arguments.inputs,
                                   heading: "budget sgd: C = N B R, B = \(batch), "
                                       + (ratio.map { "M = \(TableFormat.number($0)) N, learning rate per unit trace " }
                                          ?? "normalized learning rate ")
                                       + optimizer.rateNormalization.symbol + " = "
                                       + TableFormat.number(optimizer.normalizedLearningRate)).emit(format)
        return 0
    }
}
