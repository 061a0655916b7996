import Foundation
import NonlinearFeatureTheory
import ScalingOutput

/// The feature-map and seed flags shared by every command that draws random
/// features or simulates: `--activation` and `--seed`.
enum SimulationFlags {
    static let activation: Flag = .value("activation", "linear|relu|tanh|erf|quadratic",
                                         "feature map sigma (default linear)")

    /// `--trials`, `--seed` and `--threads` of a grid of simulated points
    /// (`point` names them), each its own seed.
    static func trialFlags(per point: String, threads: String = "worker threads (default: one per core)") -> [Flag] {
        [.value("trials", "K", "trials per \(point), >= 2 (default 32)"),
         .value("seed", "S", "seed of the first \(point); point k uses seed + k (default 0)"),
         .value("threads", "T", threads)]
    }

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
