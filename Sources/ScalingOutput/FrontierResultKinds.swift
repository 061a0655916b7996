import Foundation
import ScalingTheory

// The compute-optimal frontiers in training time (`compute-optimal --budget
// Nt|NPt|sgd`): the optimum at each compute C, and the exponents in C fitted
// over all points against the predicted ones, under one naming rule for
// every budget (Docs/Theory.md, "Training time" and section 12).

/// A frontier's fitted and predicted exponents of one quantity.
package struct FrontierExponent {
    package init(_ symbol: String, fitted: Double?, predicted: Double?) {
        (self.symbol, self.fitted, self.predicted) = (symbol, fitted, predicted)
    }

    /// N*, P*, steps* or L*.
    package var symbol: String
    package var fitted: Double?
    package var predicted: Double?

    /// The summary fields of the frontier's exponents, `featureExponentFitted`,
    /// `featureExponentPredicted`, ... for N*, P*, steps and L* in that order;
    /// `steps` names the step count (s* for gradient flow, R* for SGD) and
    /// `source` what the prediction is.
    package static func columns<Frontier>(steps: String, source: String,
                                          _ exponents: @escaping (Frontier) -> [FrontierExponent]) -> [Column<Frontier>] {
        [("feature", "N*", "N*"), ("sample", "P*", "P*"), ("steps", "steps*", steps), ("loss", "L*", "L*")].flatMap { field in
            let exponent = { (frontier: Frontier) in exponents(frontier).first { $0.symbol == field.1 } }
            return [Column<Frontier>.maybeNumber("\(field.0)ExponentFitted", "\(field.2) exponent, fitted") { exponent($0)?.fitted },
                    .maybeNumber("\(field.0)ExponentPredicted", "\(field.2) exponent, \(source)") { exponent($0)?.predicted }]
        }
    }
}

/// A point of a frontier: the compute C, N* and the loss there.
package protocol FrontierAllocation {
    var compute: Double { get }
    var featureCount: Double { get }
    var loss: Double { get }
    var relativeLoss: Double { get }
}

extension GradientFlowAllocation: FrontierAllocation {}
extension SGDAllocation: FrontierAllocation {}

/// The record kind of one budget's frontier: its points' fields, its
/// exponents, and what they are compared with.
package protocol FrontierRecord {
    associatedtype Frontier
    associatedtype Point: FrontierAllocation
    /// The table label of C, the symbol of the step count (s*, R*) and what the prediction is.
    static var computeLabel: String { get }
    static var stepsSymbol: String { get }
    static var source: String { get }
    /// The budget's own fields of a point, between N and the loss.
    static var pointColumns: [Column<Point>] { get }
    static func points(_ frontier: Frontier) -> [Point]
    static func exponents(_ frontier: Frontier) -> [FrontierExponent]
    /// What the exponents are compared with, for the note.
    static func reference(_ frontier: Frontier) -> String
}

extension FrontierRecord {
    /// The fields of a point: `C`, `N`, the budget's own, `loss` and `relativeLoss`.
    package static var columns: [Column<Point>] {
        [.number("C", computeLabel) { $0.compute }, .number("N", "N*") { $0.featureCount }] + pointColumns
            + [.number("loss", "loss*") { $0.loss }, .number("relativeLoss", "relative loss*") { $0.relativeLoss }]
    }

    package static var exponentColumns: [Column<Frontier>] {
        FrontierExponent.columns(steps: stepsSymbol, source: source, exponents)
    }

    /// The frontier's output: its exponents as the summary, its points as the
    /// list, `heading` before the table and after it the note "exponents in C
    /// over all points vs REFERENCE: N* ~ C^0.5000 (SOURCE 0.5000); ...".
    package static func document(_ frontier: Frontier, command: String, inputs: [(String, JSONValue)],
                                 heading: String) -> OutputDocument {
        func fixed(_ x: Double?) -> String { x.map { String(format: "%.4f", $0) } ?? "n/a" }
        let note = "exponents in C over all points vs \(reference(frontier)): " + exponents(frontier).map {
            "\($0.symbol) ~ C^\(fixed($0.fitted)) (\(source) \(fixed($0.predicted)))"
        }.joined(separator: "; ")
        return OutputDocument(command: command, inputs: inputs, summary: RecordTable(exponentColumns, [frontier]),
                              list: RecordTable(columns, points(frontier)), heading: [heading], notes: [note])
    }
}

/// `compute-optimal --budget Nt|NPt`: gradient flow's optimum at each
/// compute, and the fitted against the predicted exponents.
package enum GradientFlowFrontierRecord: FrontierRecord {
    package static let computeLabel = "C", stepsSymbol = "s*", source = "predicted"
    package static let pointColumns: [Column<GradientFlowAllocation>] = [
        .number("P", "P*") { $0.sampleCount },
        .number("steps", "steps s*") { $0.steps },
        .number("time", "t*") { $0.time },
    ]

    package static func points(_ frontier: GradientFlowFrontier) -> [GradientFlowAllocation] { frontier.points }

    package static func exponents(_ frontier: GradientFlowFrontier) -> [FrontierExponent] {
        frontier.exponents.map { FrontierExponent($0.name, fitted: $0.fitted, predicted: $0.predicted) }
    }

    package static func reference(_ frontier: GradientFlowFrontier) -> String { "arXiv:2402.01092 eqs. 14/17" }
}

/// `compute-optimal --budget sgd`: the allocations of C = N B R and the
/// fitted exponents against the phase table (Docs/Theory.md, section 12).
package enum SGDFrontierRecord: FrontierRecord {
    package static let computeLabel = "C = N B R", stepsSymbol = "R*", source = "phase table"
    package static let pointColumns: [Column<SGDAllocation>] = [
        .number("steps", "steps R*") { $0.steps },
        .number("samplesSeen", "samples B R*") { $0.samplesSeen },
        .number("updateLearningRate", "eta at N*") { $0.learningRate },
    ]

    package static func points(_ frontier: SGDFrontier) -> [SGDAllocation] { frontier.points }

    /// N*, steps* and L* (one-pass SGD has no P*: the samples are B R).
    package static func exponents(_ frontier: SGDFrontier) -> [FrontierExponent] {
        [FrontierExponent("N*", fitted: frontier.fitted.featureCount, predicted: frontier.predicted?.featureCount),
         FrontierExponent("steps*", fitted: frontier.fitted.steps, predicted: frontier.predicted?.steps),
         FrontierExponent("L*", fitted: frontier.fitted.loss, predicted: frontier.predicted?.loss)]
    }

    package static func reference(_ frontier: SGDFrontier) -> String {
        "the phase table derived from arXiv:2405.15074's loss terms (phase \(frontier.phase?.rawValue ?? "boundary"); Docs/Theory.md section 12)"
    }
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
