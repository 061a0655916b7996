import Foundation
import ScalingOutput
import ScalingTheory

/// `compute-optimal --budget sgd`: N*, R*, L* along C = N B R under one-pass
/// SGD (`SGDComputeOptimizer`), with the fitted exponents against the phase
/// table of arXiv:2405.15074 (`SGDPhase`; Docs/Theory.md, "Compute-optimal under SGD").
enum SGDComputeOptimalOutput {
    static let flags: [Flag] = [
        .value("batch-size", "B", "--budget sgd: samples per SGD step, >= 1 (default 1)"),
        .value("learning-rate", "ETA", "--budget sgd: learning rate on the normalized kernel, eta sigma_u^2 N / M, "
               + "the same at every N (default: half the largest stable one at N = 1000)"),
    ]

    static let variant = OutputVariant(
        title: "compute-optimal --budget sgd", selector: .equals("budget", "sgd"),
        shape: OutputSchema(summary: SGDFrontierRecord.exponentColumns.map(\.spec), listKey: "points",
                            list: SGDFrontierRecord.columns.map(\.spec)))

    static func run(_ arguments: Arguments) throws -> Int32 {
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
        let m = try arguments.requiredDouble("M")
        let beta = template.teacher.exponent
        var rate = try arguments.double("learning-rate")
        if rate == nil {
            let probe = try OnePassSGDTheory.powerLaw(alpha: alpha, lambdaPlus: try arguments.double("lambda-plus", default: 1),
                                                      latentDimension: m, teacherExponent: beta,
                                                      configuration: try template.with(featureCount: min(1000, m.isFinite ? m / 2 : 1000)),
                                                      sgd: try SGDHyperparameters(batchSize: batch, learningRate: 1e-300))
            rate = 0.5 * (try probe.largestStableLearningRate()) * probe.kernelScale
        }
        let optimizer = try SGDComputeOptimizer(alpha: alpha, lambdaPlus: try arguments.double("lambda-plus", default: 1),
                                                latentDimension: m, teacherExponent: beta, configuration: template,
                                                batchSize: batch, normalizedLearningRate: rate!)
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
                       heading: ["budget sgd: C = N B R, B = \(batch), normalized learning rate eta sigma_u^2 N / M = "
                                 + TableFormat.number(rate!)],
                       notes: ["exponents in C over all points vs the phase table of arXiv:2405.15074 (phase "
                               + (frontier.phase?.rawValue ?? "boundary") + "): " + exponents.joined(separator: "; ")]).emit(format)
        return 0
    }
}
