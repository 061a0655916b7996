import Foundation
import ScalingMonteCarlo
import ScalingTheory

// The result kinds of gradient flow (Docs/Theory.md, "Training time"): a
// prediction at time t and a learning curve L(t) (its compute-optimal
// frontier is in FrontierResultKinds.swift).

/// `predict --time T`: predict's fields (kept in step with
/// `PredictionRecord`; Delta, df1, df2 exist only at t = inf, the static
/// prediction) and `time`.
package enum GradientFlowPredictionRecord {
    /// The optional `time` field of predict's summary.
    package static let timeField = FieldSpec(name: "time", type: .number, label: "time t", optional: true)

    /// At t = inf the static prediction's values; at finite t the loss, test
    /// error, relative loss and regime, and null for what exists only for
    /// the converged fit. `noise` is sigma_eps^2, for the test error.
    package static func columns(noise: Double) -> [Column<GradientFlowPrediction>] {
        PredictionRecord.columns.map { column in
            Column<GradientFlowPrediction>(spec: column.spec, value: { row in
                if let converged = row.converged {
                    return column.value(PredictionRecord(linear: converged, noise: noise))
                }
                switch column.spec.name {
                case "loss": return .number(row.loss)
                case "testError": return .number(row.loss + noise / 2)
                case "relativeLoss": return .number(row.relativeLoss)
                case "regime": return .string(row.regime.rawValue)
                default: return .null
                }
            }, display: nil)
        } + [.number("time", "time t", optional: true) { $0.time }]
    }
}

/// A gradient-flow learning curve: one row per time, theory and (when
/// simulated) Monte Carlo; the summary gives the trials and wall-clock seconds.
package enum GradientFlowCurveRecord {
    package static let columns: [Column<GradientFlowCurvePoint>] = [
        .number("time", "t") { $0.time },
        .number("loss", "theory <L(t)>") { $0.theory },
        .maybeNumber("mean", "mean L(t)") { $0.mean },
        .statistic("standardError", "std error") { $0.standardError },
        .statistic("zScore", "z") { $0.zScore }.formatted("%+.2f"),
        .maybeNumber("trainingError", "train error") { $0.trainingError },
        .statistic("trainingStandardError", "its std error") { $0.trainingStandardError },
    ]

    package static let summaryColumns: [Column<GradientFlowSimulationResult>] = [
        .integer("trials", "trials") { $0.trials },
        .seconds { $0.seconds },
    ]
}
