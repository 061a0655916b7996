import Foundation
import NonlinearFeatureTheory
import ScalingOutput

/// The feature-map and seed flags shared by every command that draws random
/// features or simulates: `--activation` and `--seed`.
enum SimulationFlags {
    static let activation: Flag = .value("activation", "linear|relu|tanh|erf|quadratic",
                                         "feature map sigma (default linear)")

    /// The `--activation` flag's feature map.
    static func activation(_ arguments: Arguments) throws -> Activation {
        let names = Activation.builtIn.map(\.name)
        return Activation(name: try arguments.choice("activation", names, default: "linear"))!
    }

    /// The `--seed` flag, a whole number >= 0.
    static func seed(_ arguments: Arguments) throws -> UInt64 {
        guard let text = arguments.string("seed") else {
            arguments.log.record("seed", .string("0"))
            return 0
        }
        guard let seed = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
            throw UsageError("--seed needs a whole number >= 0, got '\(text)'")
        }
        // Recorded in its canonical spelling (seeds are strings: 64 bits exceed JSON's exact integers).
        arguments.log.record("seed", .string(String(seed)))
        return seed
    }
}
