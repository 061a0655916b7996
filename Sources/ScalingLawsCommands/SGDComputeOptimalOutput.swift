import Foundation
import ScalingOutput
import ScalingTheory

/// `compute-optimal --budget sgd`: N*, R*, L* along C = N B R under one-pass
/// SGD (`SGDComputeOptimizer`), with the fitted exponents against the phase
/// table of arXiv:2405.15074 (`SGDPhase`; Docs/Theory.md, "Compute-optimal under SGD").
enum SGDComputeOptimalOutput {
    static let flags: [Flag] = [
        .value("batch-size", "B", "--budget sgd: samples per SGD step, >= 1 (default 1)"),
        .value("normalized-learning-rate", "ETA_C", "--budget sgd: eta sigma_u^2 N / M, the rate on the normalized "
               + "kernel, the same at every N (default: half the largest stable one at N = 1000)"),
        .value("latent-ratio", "R", "--budget sgd, instead of --M: M = R N at every N (R >= 1), teacher sigma_w^2 I^-beta, "
               + "alpha > -1 (below Paquette et al.'s high-dimensional line when alpha <= 0)"),
        .value("trace-learning-rate", "ETA_T", "--budget sgd --latent-ratio: eta sigma_u^2 (N / M) sum_I lambda_I = eta E[tr K], "
               + "the same at every N (default: half the largest stable one at N = 1000)"),
    ]
    /// `--learning-rate` is the raw eta of `predict`/`simulate --optimizer sgd`;
    /// here it is refused with a pointer to `--normalized-learning-rate`.
    static let rawRateMessage = "--learning-rate is the raw eta of predict/simulate --optimizer sgd; compute-optimal "
        + "--budget sgd holds the normalized rate eta sigma_u^2 N / M fixed across N: give --normalized-learning-rate"

    static let variant = OutputVariant(
        title: "compute-optimal --budget sgd", selector: .equals("budget", "sgd"),
        shape: OutputSchema(summary: SGDFrontierRecord.exponentColumns.map(\.spec), listKey: "points",
                            list: SGDFrontierRecord.columns.map(\.spec)))

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard !arguments.has("learning-rate") else { throw UsageError(rawRateMessage) }
        let format = try arguments.format()
        guard !arguments.has("spectrum-file") else { throw UsageError("--budget sgd needs a power-law spectrum (--alpha, --M)") }
        for flag in ["ridge", "gamma", "P"] where arguments.has(flag) {
            throw UsageError("--\(flag) does not apply to --budget sgd (one pass, no ridge, P = B R)")
        }
        let from = try arguments.double("from", default: 1e6)
        let to = try arguments.double("to", default: 1e12)
        let points = try arguments.int("points", default: 7)
        let spacing = ParameterGrid.Spacing(rawValue: try arguments.choice("spacing", ["log", "linear"], default: "log"))!
        let batch = try arguments.int("batch-size", default: 1)
        guard batch >= 1 else { throw UsageError("--batch-size must be >= 1, got \(batch)") }
        guard from.isFinite, from >= 16 * Double(batch) else {
            throw UsageError("--from must be finite and >= 16 B = \(16 * batch) (R >= 16), got \(from)")
        }
        guard to.isFinite, to >= from else { throw UsageError("--to must be finite and >= --from, got \(to)") }
        guard (1...100).contains(points) else { throw UsageError("--points must be in 1...100, got \(points)") }
        let template = try ModelConfiguration(featureCount: 1, sampleCount: 1,
                                              teacherVariance: try arguments.double("sigma-w2", default: 1),
                                              featureWeightVariance: try arguments.double("sigma-u2", default: 1),
                                              noiseVariance: try arguments.double("noise", default: 0),
                                              teacher: try ModelOptions.teacher(arguments))
        guard template.teacher.kind != .tabulated else { throw UsageError("--budget sgd takes a power-law teacher (--teacher-exponent)") }
        let alpha = try arguments.requiredDouble("alpha")
        let beta = template.teacher.exponent
        let lambdaPlus = try arguments.double("lambda-plus", default: 1)
        let ratio = try arguments.double("latent-ratio")
        let rateFlag = ratio == nil ? "normalized-learning-rate" : "trace-learning-rate"
        let wrongFlag = ratio == nil ? "trace-learning-rate" : "normalized-learning-rate"
        guard !arguments.has(wrongFlag) else {
            throw UsageError(ratio == nil ? "--trace-learning-rate needs --latent-ratio (with --M: --normalized-learning-rate)"
                                          : "--latent-ratio takes --trace-learning-rate (the rate per unit of E[tr K])")
        }
        let given = try arguments.double(rateFlag)
        if let given, !(given.isFinite && given > 0) {
            throw UsageError("--\(rateFlag) must be positive and finite, got \(TableFormat.number(given))")
        }
        var optimizer: SGDComputeOptimizer
        var n0 = 1000.0
        if let ratio {
            guard !arguments.has("M") else { throw UsageError("--latent-ratio sets M = R N: give it instead of --M") }
            guard ratio.isFinite, ratio >= 1 else { throw UsageError("--latent-ratio must be finite and >= 1, got \(ratio)") }
            optimizer = try SGDComputeOptimizer(alpha: alpha, lambdaPlus: lambdaPlus, latentRatio: ratio, teacherExponent: beta,
                                                configuration: template, batchSize: batch, normalizedLearningRate: 1)
        } else {
            let m = try arguments.requiredDouble("M")
            n0 = min(1000, m.isFinite ? m / 2 : 1000)
            optimizer = try SGDComputeOptimizer(alpha: alpha, lambdaPlus: lambdaPlus, latentDimension: m, teacherExponent: beta,
                                                configuration: template, batchSize: batch, normalizedLearningRate: 1)
        }
        optimizer.normalizedLearningRate = try given ?? 0.5 * optimizer.largestStableRate(featureCount: n0)
        let rate: Double? = optimizer.normalizedLearningRate
        let computes = try ParameterGrid(from: from, to: to, count: points, spacing: spacing).values
        let progress = Progress("compute", total: computes.count)
        let frontier = try SGDFrontier(optimizer: optimizer, computes: computes, progress: { progress.advance() })
        let fits: [(String, Double, Double?)] = [("N*", frontier.fitted.featureCount, frontier.predicted?.featureCount),
                                                 ("steps*", frontier.fitted.steps, frontier.predicted?.steps),
                                                 ("L*", frontier.fitted.loss, frontier.predicted?.loss)]
        func fixed(_ x: Double) -> String { String(format: "%.4f", x) }
        let exponents = fits.map { "\($0.0) ~ C^\(fixed($0.1)) (phase table \($0.2.map(fixed) ?? "n/a"))" }
        OutputDocument(command: ComputeOptimalCommand.name, inputs: arguments.inputs,
                       summary: RecordTable(SGDFrontierRecord.exponentColumns, [frontier]),
                       list: RecordTable(SGDFrontierRecord.columns, frontier.points),
                       heading: ["budget sgd: C = N B R, B = \(batch), "
                                 + (ratio.map { "M = \(TableFormat.number($0)) N, learning rate per unit trace " } ?? "normalized learning rate ")
                                 + optimizer.rateNormalization.symbol + " = " + TableFormat.number(rate!)],
                       notes: ["exponents in C over all points vs the phase table of arXiv:2405.15074 (phase "
                               + (frontier.phase?.rawValue ?? "boundary") + "): " + exponents.joined(separator: "; ")]).emit(format)
        return 0
    }
}
