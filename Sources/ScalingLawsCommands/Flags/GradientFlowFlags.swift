import Foundation
import ScalingOutput

/// The gradient-flow flags (Docs/Theory.md, "Training time"): `predict
/// --time T`, `simulate --times T1,T2,...` and `compute-optimal --budget`.
enum GradientFlowFlags {
    static let time: Flag = .value("time", "T", "training time of gradient flow d theta/dt = -(1/P) grad, >= 0 or inf (inf: the ridge fit)")
    /// A list of times is its own quantity (`times`); `--time` is accepted too.
    static let times: Flag = Flag.value("times", "T1,T2,...", "gradient flow: record L(t) at these times (>= 0 or inf), one eigendecomposition per trial (also --time)").alsoAccepting("time")
    static let budget: Flag = .value("budget", "Nt|NPt|sgd",
        "gradient flow: minimize <L> over N (and P) and training steps at compute C = N s or N P s; sgd: one-pass SGD "
        + "at C = N B R (Docs/Theory.md)")

    /// `predict --time T`: one time >= 0 or inf; one line on misuse.
    static func time(_ arguments: Arguments) throws -> Double? {
        guard arguments.has("time") else { return nil }
        guard let t = try? arguments.double("time"), t >= 0 else {
            throw UsageError("--time needs a time >= 0 or inf, got '\(arguments.string("time") ?? "")'")
        }
        return t
    }

    /// `--times T1,T2,...` (or `--time`): each >= 0 or inf; one line on misuse.
    static func times(_ arguments: Arguments) throws -> [Double]? {
        guard let text = arguments.string("times") else { return nil }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw UsageError("--time needs at least one time") }
        return try parts.map { part in
            guard let t = Double(part), t >= 0 else {
                throw UsageError("--time needs times >= 0 or inf, got '\(part)'")
            }
            return t
        }
    }
}
