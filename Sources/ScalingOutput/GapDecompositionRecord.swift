import Foundation
import ScalingData
import ScalingTheory

/// One point of `decompose`: each part measured and its theory.
package struct GapDecompositionRecord {
    package init(decomposition: GapDecomposition) { self.decomposition = decomposition }

    package var decomposition: GapDecomposition

    /// A part measured against its theory: the measured mean, its standard
    /// error, the theory and their ratio under `names`, four and three
    /// decimals in tables; `nullable` for a part not always measured.
    private static func term(_ names: [String], _ label: String, nullable: Bool = false,
                             _ term: @escaping (GapDecomposition) -> GapDecomposition.Term?) -> [Column<GapDecompositionRecord>] {
        let parts: [(String, String, (GapDecomposition.Term) -> Double)] = [
            (label, "%.4f", { $0.measured.mean }), ("+-", "%.4f", { $0.measured.standardError }),
            ("theory", "%.4f", { $0.theory }), ("ratio", "%.3f", { $0.ratio }),
        ]
        return zip(names, parts).map { name, part -> Column<GapDecompositionRecord> in
            let column: Column<GapDecompositionRecord> = nullable
                ? .maybeNumber(name, part.0) { term($0.decomposition).map(part.2) }
                : .number(name, part.0) { part.2(term($0.decomposition)!) }
            return column.formatted(part.1)
        }
    }

    package static let columns = Column<GapDecompositionRecord>.configuration(\.decomposition.configuration)
        + term(["testError", "testErrorStandardError", "theoryTestError", "ratio"], "full: measured") { $0.full }
        + term(["biasMeasured", "biasStandardError", "biasTheory", "biasRatio"], "(a) bias: measured") { $0.teacher }
        + term(["varianceMeasured", "varianceStandardError", "varianceTheory", "varianceRatio"],
               "(b) variance: measured") { $0.residual } + [
        .maybeNumber("varianceTheoryPerDirection", "theory (nu_I)") { $0.decomposition.residualPerDirection }
            .formatted("%.4f"),
        .maybeNumber("rowScaleTestError", "row-scale theory") { $0.decomposition.rowScale?.testError }.formatted("%.4f"),
        .maybeNumber("rowScaleRatio", "ratio") { r in r.decomposition.rowScale.map { r.decomposition.full.measured.mean / $0.testError } }
            .formatted("%.3f"),
        .maybeNumber("varianceRowScale", "row-scale variance") { $0.decomposition.rowScale?.noiseLoss }.formatted("%.4f"),
        .maybeNumber("rho", "rho") { $0.decomposition.rowScale?.rho }.formatted("%.3f"),
        .maybeNumber("scaleVariance", "Var tau") { $0.decomposition.rowScale?.scaleVariance }.formatted("%.3f"),
        .maybeNumber("gaussianScaleVariance", "Gaussian rows' Var tau") { $0.decomposition.rowScale?.gaussianScaleVariance }
            .formatted("%.4f"),
        .number("cross", "cross term") { $0.decomposition.cross.mean }.formatted("%+.4f"),
        .number("crossStandardError", "+-") { $0.decomposition.cross.standardError }.formatted("%.4f"),
    ] + term(["gaussianLoss", "gaussianLossStandardError", "gaussianTheory", "gaussianRatio"], "(c) Gaussian <L>",
             nullable: true) { $0.gaussian } + [
        .maybeNumber("gaussianBias", "(c) bias") { $0.decomposition.gaussianTeacher?.measured.mean }.formatted("%.4f"),
        .maybeNumber("gaussianBiasRatio", "ratio") { $0.decomposition.gaussianTeacher?.ratio }.formatted("%.3f"),
    ]
}
