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

    static let columns: [Column<SGDAllocation>] = [
        .number("C", "C = N B R") { $0.compute },
        .number("N", "N*") { $0.featureCount },
        .number("steps", "steps R*") { $0.steps },
        .number("samplesSeen", "samples B R*") { $0.samplesSeen },
        .number("updateLearningRate", "eta at N*") { $0.learningRate },
        .number("loss", "loss*") { $0.loss },
        .number("relativeLoss", "relative loss*") { $0.relativeLoss },
    ]

    /// Fitted and phase-table exponents by name (`N*`, `steps*`, `L*`).
    struct ExponentFit {
        var fits: [(String, Double, Double)]
        func value(_ name: String, predicted: Bool) -> Double? {
            fits.first { $0.0 == name }.map { predicted ? $0.2 : $0.1 }
        }
    }

    /// The fields of `GradientFlowFrontierRecord.exponentColumns` (same names
    /// and types), read from an `ExponentFit`.
    static let exponentColumns: [Column<ExponentFit>] = [
        .maybeNumber("featureExponentFitted", "N* exponent, fitted") { $0.value("N*", predicted: false) },
        .maybeNumber("featureExponentPredicted", "N* exponent, predicted") { $0.value("N*", predicted: true) },
        .maybeNumber("sampleExponentFitted", "P* exponent, fitted") { $0.value("P*", predicted: false) },
        .maybeNumber("sampleExponentPredicted", "P* exponent, predicted") { $0.value("P*", predicted: true) },
        .maybeNumber("stepsExponentFitted", "s* exponent, fitted") { $0.value("steps*", predicted: false) },
        .maybeNumber("stepsExponentPredicted", "s* exponent, predicted") { $0.value("steps*", predicted: true) },
        .maybeNumber("lossExponentFitted", "L* exponent, fitted") { $0.value("L*", predicted: false) },
        .maybeNumber("lossExponentPredicted", "L* exponent, predicted") { $0.value("L*", predicted: true) },
    ]

    static let variant = OutputVariant(
        title: "compute-optimal --budget sgd", selector: .equals("budget", "sgd"),
        shape: OutputSchema(summary: exponentColumns.map(\.spec), listKey: "points",
                            list: columns.map(\.spec)))

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
        let rows = try optimizer.frontier(computes: computes, progress: { progress.advance() })
        let fitted = SGDComputeOptimizer.exponents(rows)
        let phase = SGDPhase(alpha: alpha, teacherExponent: beta)
        let predicted = phase?.exponents(alpha: alpha, teacherExponent: beta)
        let fits: [(String, Double, Double)] = [("N*", fitted.featureCount, predicted?.featureCount ?? .nan),
                                                ("steps*", fitted.steps, predicted?.steps ?? .nan),
                                                ("L*", fitted.loss, predicted?.loss ?? .nan)]
        let exponents = fits.map { "\($0.0) ~ C^\(String(format: "%.4f", $0.1)) (phase table \(String(format: "%.4f", $0.2)))" }
        OutputDocument(command: ComputeOptimalCommand.name, inputs: arguments.inputs,
                       summary: RecordTable(exponentColumns, [ExponentFit(fits: fits)]),
                       list: RecordTable(columns, rows),
                       heading: ["budget sgd: C = N B R, B = \(batch), normalized learning rate eta sigma_u^2 N / M = "
                                 + TableFormat.number(rate!)],
                       notes: ["exponents in C over all points vs the phase table of arXiv:2405.15074 (phase "
                               + (phase?.rawValue ?? "boundary") + "): " + exponents.joined(separator: "; ")]).emit(format)
        return 0
    }
}
