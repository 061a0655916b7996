import Foundation
import ScalingData
import ScalingTheory

/// One point of `decompose`: each part measured and its theory.
package struct GapDecompositionRecord {
    package init(decomposition: GapDecomposition) { self.decomposition = decomposition }

    package var decomposition: GapDecomposition

    package static let columns: [Column<GapDecompositionRecord>] = [
        .number("N", "N") { $0.decomposition.configuration.featureCount },
        .number("P", "P") { $0.decomposition.configuration.sampleCount },
        .number("gamma", "gamma") { $0.decomposition.configuration.ridge },
        .number("testError", "full: measured") { $0.decomposition.full.measured.mean }.shown { String(format: "%.4f", $0.decomposition.full.measured.mean) },
        .number("testErrorStandardError", "+-") { $0.decomposition.full.measured.standardError }.shown { String(format: "%.4f", $0.decomposition.full.measured.standardError) },
        .number("theoryTestError", "theory") { $0.decomposition.full.theory }.shown { String(format: "%.4f", $0.decomposition.full.theory) },
        .number("ratio", "ratio") { $0.decomposition.full.ratio }.shown { String(format: "%.3f", $0.decomposition.full.ratio) },
        .number("biasMeasured", "(a) bias: measured") { $0.decomposition.teacher.measured.mean }.shown { String(format: "%.4f", $0.decomposition.teacher.measured.mean) },
        .number("biasStandardError", "+-") { $0.decomposition.teacher.measured.standardError }.shown { String(format: "%.4f", $0.decomposition.teacher.measured.standardError) },
        .number("biasTheory", "theory") { $0.decomposition.teacher.theory }.shown { String(format: "%.4f", $0.decomposition.teacher.theory) },
        .number("biasRatio", "ratio") { $0.decomposition.teacher.ratio }.shown { String(format: "%.3f", $0.decomposition.teacher.ratio) },
        .number("varianceMeasured", "(b) variance: measured") { $0.decomposition.residual.measured.mean }.shown { String(format: "%.4f", $0.decomposition.residual.measured.mean) },
        .number("varianceStandardError", "+-") { $0.decomposition.residual.measured.standardError }.shown { String(format: "%.4f", $0.decomposition.residual.measured.standardError) },
        .number("varianceTheory", "theory") { $0.decomposition.residual.theory }.shown { String(format: "%.4f", $0.decomposition.residual.theory) },
        .number("varianceRatio", "ratio") { $0.decomposition.residual.ratio }.shown { String(format: "%.3f", $0.decomposition.residual.ratio) },
        .maybeNumber("varianceTheoryPerDirection", "theory (nu_I)") { $0.decomposition.residualPerDirection }
            .shown { $0.decomposition.residualPerDirection.map { String(format: "%.4f", $0) } ?? "n/a" },
        .maybeNumber("rowScaleTestError", "row-scale theory") { $0.decomposition.rowScale?.testError }
            .shown { $0.decomposition.rowScale.map { String(format: "%.4f", $0.testError) } ?? "n/a" },
        .maybeNumber("rowScaleRatio", "ratio") { r in r.decomposition.rowScale.map { r.decomposition.full.measured.mean / $0.testError } }
            .shown { r in r.decomposition.rowScale.map { String(format: "%.3f", r.decomposition.full.measured.mean / $0.testError) } ?? "n/a" },
        .maybeNumber("varianceRowScale", "row-scale variance") { $0.decomposition.rowScale?.noiseLoss }
            .shown { $0.decomposition.rowScale.map { String(format: "%.4f", $0.noiseLoss) } ?? "n/a" },
        .maybeNumber("rho", "rho") { $0.decomposition.rowScale?.rho }
            .shown { $0.decomposition.rowScale.map { String(format: "%.3f", $0.rho) } ?? "n/a" },
        .maybeNumber("scaleVariance", "Var tau") { $0.decomposition.rowScale?.scaleVariance }
            .shown { $0.decomposition.rowScale.map { String(format: "%.3f", $0.scaleVariance) } ?? "n/a" },
        .maybeNumber("gaussianScaleVariance", "Gaussian rows' Var tau") { $0.decomposition.rowScale?.gaussianScaleVariance }
            .shown { $0.decomposition.rowScale.map { String(format: "%.4f", $0.gaussianScaleVariance) } ?? "n/a" },
        .number("cross", "cross term") { $0.decomposition.cross.mean }.shown { String(format: "%+.4f", $0.decomposition.cross.mean) },
        .number("crossStandardError", "+-") { $0.decomposition.cross.standardError }.shown { String(format: "%.4f", $0.decomposition.cross.standardError) },
        .maybeNumber("gaussianLoss", "(c) Gaussian <L>") { $0.decomposition.gaussian?.measured.mean }
            .shown { $0.decomposition.gaussian.map { String(format: "%.4f", $0.measured.mean) } ?? "n/a" },
        .maybeNumber("gaussianLossStandardError", "+-") { $0.decomposition.gaussian?.measured.standardError }
            .shown { $0.decomposition.gaussian.map { String(format: "%.4f", $0.measured.standardError) } ?? "n/a" },
        .maybeNumber("gaussianTheory", "theory") { $0.decomposition.gaussian?.theory }
            .shown { $0.decomposition.gaussian.map { String(format: "%.4f", $0.theory) } ?? "n/a" },
        .maybeNumber("gaussianRatio", "ratio") { $0.decomposition.gaussian?.ratio }
            .shown { $0.decomposition.gaussian.map { String(format: "%.3f", $0.ratio) } ?? "n/a" },
        .maybeNumber("gaussianBias", "(c) bias") { $0.decomposition.gaussianTeacher?.measured.mean }
            .shown { $0.decomposition.gaussianTeacher.map { String(format: "%.4f", $0.measured.mean) } ?? "n/a" },
        .maybeNumber("gaussianBiasRatio", "ratio") { $0.decomposition.gaussianTeacher?.ratio }
            .shown { $0.decomposition.gaussianTeacher.map { String(format: "%.3f", $0.ratio) } ?? "n/a" },
    ]
}
