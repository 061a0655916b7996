import Foundation
import ScalingMonteCarlo
import ScalingTheory

// The result kinds of one-pass SGD (Docs/Theory.md section 12): a prediction after R steps, and a learning curve <L>(R)
// with Monte Carlo points.

/// `predict --optimizer sgd`: one row.
package struct SGDPredictionRow {
    package var loss: Double
    /// sigma_eps^2, for the test error against noisy labels.
    package var noise: Double
    package var zeroPredictorLoss: Double
    package var steps: Int
    package var sgd: SGDHyperparameters
    /// The theory's largest stable learning rate.
    package var edge: Double
    /// L*, the limit R -> infinity, eta -> 0.
    package var representableLoss: Double

    package init(loss: Double, noise: Double, zeroPredictorLoss: Double, steps: Int, sgd: SGDHyperparameters,
                 edge: Double, representableLoss: Double) {
        (self.loss, self.noise, self.zeroPredictorLoss, self.steps) = (loss, noise, zeroPredictorLoss, steps)
        (self.sgd, self.edge, self.representableLoss) = (sgd, edge, representableLoss)
    }
}

/// The summary of `simulate --optimizer sgd`.
package struct SGDCurveSummary {
    package var trials: Int
    package var seconds: Double
    package var sampler: Sampler
    package var sgd: SGDHyperparameters
    package var edge: Double

    package init(trials: Int, seconds: Double, sampler: Sampler, sgd: SGDHyperparameters, edge: Double) {
        (self.trials, self.seconds, self.sampler, self.sgd, self.edge) = (trials, seconds, sampler, sgd, edge)
    }
}

package enum SGDCurveRecord {
    package static let predictionColumns: [Column<SGDPredictionRow>] = [
        .number("loss", "loss <L>(R)") { $0.loss },
        .number("testError", "test error <L> + sigma_eps^2/2") { $0.loss + $0.noise / 2 },
        .number("relativeLoss", "relative loss <L>/L0") { $0.loss / $0.zeroPredictorLoss },
        .number("steps", "steps R") { Double($0.steps) },
        .number("samplesSeen", "samples B R") { Double($0.sgd.batchSize) * Double($0.steps) },
        .integer("batchSize", "batch size B") { $0.sgd.batchSize },
        .number("learningRate", "learning rate eta") { $0.sgd.learningRate },
        .number("largestStableLearningRate", "stability edge") { $0.edge },
        .number("representableLoss", "L* (R -> inf, eta -> 0)") { $0.representableLoss },
    ]

    package static let columns: [Column<SGDCurvePoint>] = [
        .number("steps", "steps R") { Double($0.steps) },
        .number("samplesSeen", "samples B R") { Double($0.batchSize) * Double($0.steps) },
        .number("loss", "theory <L>(R)") { $0.theory },
        .maybeNumber("mean", "mean L(R)") { $0.mean },
        .maybeNumber("standardError", "std error") { $0.standardError },
        .maybeNumber("zScore", "z") { $0.zScore }.formatted("%+.2f"),
    ]

    package static let summaryColumns: [Column<SGDCurveSummary>] = [
        .integer("trials", "trials") { $0.trials },
        .seconds { $0.seconds },
        .text("sampler", "sampler", allowed: Sampler.allCases.map(\.rawValue)) { $0.sampler.rawValue },
        .integer("batchSize", "batch size B") { $0.sgd.batchSize },
        .number("learningRate", "learning rate eta") { $0.sgd.learningRate },
        .number("largestStableLearningRate", "stability edge (theory)") { $0.edge },
    ]
}
