import Foundation
import ScalingMonteCarlo
import ScalingOutput
import ScalingTheory

/// The grid and simulation flags shared by `sweep` and `compare`.
enum GridOptions {
    static let flags: [Flag] = [
        .value("vary", "N|P|gamma|compute|time|steps", "the parameter to vary (compute keeps the ratio N/P of --N/--P, default 1; time: gradient flow L(t); steps: SGD <L>(R), with --optimizer sgd)"),
        .value("from", "A", "first grid value"),
        .value("to", "B", "last grid value"),
        .value("points", "K", "number of grid points (default 25)"),
        .value("spacing", "log|linear", "grid spacing (default log)"),
    ]

    static func parse(_ arguments: Arguments) throws -> (SweepParameter, ParameterGrid) {
        guard arguments.has("vary") else { throw UsageError("missing --vary N|P|gamma|compute") }
        let parameter = SweepParameter(rawValue: try arguments.choice("vary", ["N", "P", "gamma", "compute"],
                                                                      default: "N"))!
        return (parameter, try parseCurve(arguments) { _, _ in }.grid)
    }

    /// `--spacing`, `--from`, `--to` (checked by `check(from, to)` before the
    /// grid is made) and `--points` (default 25).
    static func parseCurve(_ arguments: Arguments, check: (Double, Double) throws -> Void) throws
        -> (grid: ParameterGrid, spacing: ParameterGrid.Spacing) {
        let spacing = try self.spacing(arguments)
        let from = try arguments.requiredDouble("from"), to = try arguments.requiredDouble("to")
        try check(from, to)
        return (try ParameterGrid(from: from, to: to, count: arguments.int("points", default: 25), spacing: spacing),
                spacing)
    }

    /// `--spacing log|linear` (default log).
    static func spacing(_ arguments: Arguments) throws -> ParameterGrid.Spacing {
        ParameterGrid.Spacing(rawValue: try arguments.choice("spacing", ["log", "linear"], default: "log"))!
    }

    /// The fixed parameters: the varied one need not be given (for compute
    /// sweeps --N and --P, if given, only set the ratio N/P).
    static func baseConfiguration(_ arguments: Arguments, varying parameter: SweepParameter,
                                  grid: ParameterGrid) throws -> ModelConfiguration {
        func size(_ flag: String, varied: Bool) throws -> Double {
            if let value = try arguments.double(flag) { return value }
            if varied || parameter == .compute { return 1 }
            throw UsageError("missing --\(flag)")
        }
        return try ModelOptions.configuration(arguments, featureCount: size("N", varied: parameter == .featureCount),
                                              sampleCount: size("P", varied: parameter == .sampleCount))
    }

    /// `--trials` (>= 2, so that a standard error exists), `--seed`, `--threads`.
    static func simulationOptions(_ arguments: Arguments) throws -> SimulationOptions {
        let trials = try arguments.int("trials", default: 32)
        guard trials >= 2 else { throw UsageError("--trials must be >= 2 for an error bar, got \(trials)") }
        return SimulationOptions(trials: trials, seed: try SimulationFlags.seed(arguments),
                                 threads: try arguments.int("threads"))
    }

    /// With `--simulate`, its options; without, nil, and `--trials`,
    /// `--seed`, `--threads` and the flags of `also` are refused.
    static func simulationOptionsIfSimulated(_ arguments: Arguments, also: [String] = []) throws -> SimulationOptions? {
        guard arguments.isOn("simulate") else {
            for flag in ["trials", "seed", "threads"] + also where arguments.has(flag) {
                throw UsageError("--\(flag) needs --simulate")
            }
            return nil
        }
        return try simulationOptions(arguments)
    }
}
