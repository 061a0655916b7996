import Foundation
import ScalingTheory

/// One cell of `map` (`LossMap.Cell`): the theory at (N, P), and for a
/// power law the resource whose next decade gains most.
package enum MapCellRecord {
    package static let columns: [Column<LossMap.Cell>] = [
        .number("N", "N") { $0.configuration.featureCount },
        .number("P", "P") { $0.configuration.sampleCount },
        .number("loss", "loss") { $0.prediction.loss },
        .number("log10Loss", "log10 loss") { log10($0.prediction.loss) },
        .number("relativeLoss", "relative loss") { $0.prediction.relativeLoss },
        .number("delta", "Delta") { $0.prediction.delta },
        .text("regime", "regime", allowed: Regime.allCases.map(\.rawValue)) { $0.prediction.regime.rawValue },
        .maybeText("bottleneck", "bottleneck", allowed: Resource.allCases.map(\.rawValue)) { $0.bottleneck?.rawValue },
    ]
}
