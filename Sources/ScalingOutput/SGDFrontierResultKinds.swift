import ScalingTheory

/// `compute-optimal --budget sgd`: the allocations of C = N B R and the
/// fitted exponents against the phase table (Docs/Theory.md, section 12).
package enum SGDFrontierRecord {
    package static let columns: [Column<SGDAllocation>] = [
        .number("C", "C = N B R") { $0.compute },
        .number("N", "N*") { $0.featureCount },
        .number("steps", "steps R*") { $0.steps },
        .number("samplesSeen", "samples B R*") { $0.samplesSeen },
        .number("updateLearningRate", "eta at N*") { $0.learningRate },
        .number("loss", "loss*") { $0.loss },
        .number("relativeLoss", "relative loss*") { $0.relativeLoss },
    ]

    /// The same names as the gradient-flow budgets' summary (no P* here).
    package static let exponentColumns: [Column<SGDFrontier>] = [
        .maybeNumber("featureExponentFitted", "N* exponent, fitted") { $0.fitted.featureCount },
        .maybeNumber("featureExponentPredicted", "N* exponent, phase table") { $0.predicted?.featureCount },
        .maybeNumber("sampleExponentFitted", "P* exponent, fitted") { _ in nil },
        .maybeNumber("sampleExponentPredicted", "P* exponent, predicted") { _ in nil },
        .maybeNumber("stepsExponentFitted", "R* exponent, fitted") { $0.fitted.steps },
        .maybeNumber("stepsExponentPredicted", "R* exponent, phase table") { $0.predicted?.steps },
        .maybeNumber("lossExponentFitted", "L* exponent, fitted") { $0.fitted.loss },
        .maybeNumber("lossExponentPredicted", "L* exponent, phase table") { $0.predicted?.loss },
    ]
}

/// `map --phases`: one cell of the SGD phase diagram (`SGDPhasePoint`).
package enum SGDPhaseCellRecord {
    package static let columns: [Column<SGDPhasePoint>] = [
        .number("alpha", "alpha") { $0.alpha },
        .number("teacherExponent", "beta") { $0.teacherExponent },
        .maybeText("phase", "phase", allowed: SGDPhase.allCases.map(\.rawValue)) { $0.phase?.rawValue },
        .number("featureExponentFitted", "N* exponent, fitted") { $0.featureExponent },
        .maybeNumber("featureExponentPredicted", "N* exponent, phase table") {
            $0.phase?.exponents(alpha: $0.alpha, teacherExponent: $0.teacherExponent).featureCount
        },
        .number("stepsExponentFitted", "R* exponent, fitted") { $0.stepsExponent },
        .number("lossExponentFitted", "L* exponent, fitted") { $0.lossExponent },
        .maybeNumber("lossExponentPredicted", "L* exponent, phase table") {
            $0.phase?.exponents(alpha: $0.alpha, teacherExponent: $0.teacherExponent).loss
        },
        .number("normalizedLearningRate", "normalized eta") { $0.normalizedLearningRate },
    ]
}
