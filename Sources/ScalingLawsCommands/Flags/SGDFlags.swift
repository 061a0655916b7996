import Foundation
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingOutput
import ScalingTheory

/// The flags of `--optimizer sgd` for predict, simulate and sweep (`--vary
/// steps`): one-pass minibatch SGD (Docs/Theory.md section 12), the theory
/// `OnePassSGDTheory` and the Monte Carlo `SGDSimulation`. No --P (one pass
/// sees B R fresh samples) and no ridge.
enum SGDFlags {
    static let optimizerFlag: Flag = .value("optimizer", "ridge|sgd",
        "ridge: the ridge fit on P samples, or gradient flow toward it with --time (default); "
        + "sgd: one-pass minibatch SGD, B R fresh samples, no --P")
    static let scheduleFlags: [Flag] = [
        optimizerFlag,
        .value("batch-size", "B", "--optimizer sgd: samples per step, >= 1 (default 1)"),
        .value("learning-rate", "ETA", "--optimizer sgd: eta of theta <- theta - (eta/B) sum_b z_b (z_b . theta - y_b), "
               + "on the features as they are (compute-optimal --budget sgd takes --normalized-learning-rate, eta sigma_u^2 N / M)"),
    ]
    /// predict (and sweep, where it is refused): one step count.
    static let flags = scheduleFlags + [.value("steps", "R", "--optimizer sgd: SGD steps R >= 0")]
    /// simulate: a list of step counts, its own quantity (`stepCounts`); `--steps` is accepted too.
    static let simulateFlags = scheduleFlags + [
        Flag.value("step-counts", "R1,R2,...", "--optimizer sgd: record <L> after these step counts, each >= 0 (also --steps)")
            .alsoAccepting("steps"),
    ]

    /// Whether the command line asks for SGD; `--batch-size`, `--learning-rate`
    /// and `--steps` without `--optimizer sgd` are errors. Reads `--optimizer`
    /// only when given, so that other runs record nothing new.
    static func isRequested(_ arguments: Arguments) throws -> Bool {
        let sgd = arguments.has("optimizer")
            ? try arguments.choice("optimizer", ["ridge", "sgd"], default: "ridge") == "sgd" : false
        if !sgd {
            for flag in ["batch-size", "learning-rate", "steps", "step-counts"] where arguments.has(flag) {
                throw UsageError("--\(flag) needs --optimizer sgd")
            }
        }
        return sgd
    }

    /// B and eta; one line for B < 1, eta <= 0 or not finite.
    static func hyperparameters(_ arguments: Arguments) throws -> SGDHyperparameters {
        let batch = try arguments.int("batch-size", default: 1)
        guard batch >= 1 else { throw UsageError("--batch-size must be >= 1, got \(batch)") }
        guard let eta = try arguments.double("learning-rate") else { throw UsageError("missing --learning-rate (--optimizer sgd)") }
        guard eta.isFinite, eta > 0 else {
            throw UsageError("--learning-rate must be positive and finite, got \(TableFormat.number(eta))")
        }
        return try SGDHyperparameters(batchSize: batch, learningRate: eta)
    }

    /// `--steps R` (predict) or `--step-counts R1,R2,...` (simulate): whole
    /// numbers in 0...2^31 - 1.
    static func steps(_ arguments: Arguments, single: Bool) throws -> [Int] {
        let check = { (r: Double, text: String) throws -> Int in
            guard r.isFinite, r >= 0, r.rounded() == r, r <= Double(Arguments.largestWholeNumber) else {
                throw UsageError("--steps needs whole numbers in 0...\(Arguments.largestWholeNumber), got '\(text)'")
            }
            return Int(r)
        }
        if single {
            guard let r = try arguments.double("steps") else { throw UsageError("missing --steps (--optimizer sgd)") }
            return [try check(r, TableFormat.number(r))]
        }
        guard let text = arguments.string("step-counts") else { throw UsageError("missing --steps (--optimizer sgd)") }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        return try parts.map { part in
            guard let r = Double(part) else { throw UsageError("--steps needs whole numbers, got '\(part)'") }
            return try check(r, part)
        }
    }

    /// The model without P: N, sigma_w^2, sigma_u^2, the noise and the
    /// teacher. One line for --P, --gamma, --time or a nonlinear activation.
    static func configuration(_ arguments: Arguments) throws -> ModelConfiguration {
        for flag in ["P", "gamma", "time", "times", "draws"] where arguments.has(flag) {
            throw UsageError("--\(flag) does not apply to --optimizer sgd (one pass over B R fresh samples, no ridge)")
        }
        if arguments.has("activation"), !(try SimulationFlags.activation(arguments)).isLinear {
            throw UsageError("--optimizer sgd supports linear features only")
        }
        return try ModelOptions.configuration(arguments, featureCount: try arguments.requiredDouble("N"))
    }

    /// `--latent-ratio R` (M = R N), finite and >= 1; nil when not given.
    static func latentRatio(_ arguments: Arguments) throws -> Double? {
        guard let ratio = try arguments.double("latent-ratio") else { return nil }
        guard ratio.isFinite, ratio >= 1 else { throw UsageError("--latent-ratio must be finite and >= 1, got \(ratio)") }
        return ratio
    }

    /// The theory of one-pass SGD on this spectrum (`OnePassSGDTheory`).
    static func theory(_ spectrum: any Spectrum, _ configuration: ModelConfiguration,
                       _ sgd: SGDHyperparameters) throws -> OnePassSGDTheory {
        try OnePassSGDTheory.choosing(spectrum: spectrum, configuration: configuration, sgd: sgd)
    }

    /// The Monte Carlo of these flags (`--sampler auto|direct|conditional`), here, in a shard or on MPI
    /// ranks; nil when this process writes no output.
    static func simulation(_ arguments: Arguments, spectrum: any Spectrum, configuration: ModelConfiguration,
                           sgd: SGDHyperparameters, steps: [Int], options: SimulationOptions) throws -> SGDSimulationResult? {
        let simulation = try SGDSimulation(spectrum: spectrum, configuration: configuration, sgd: sgd, steps: steps,
                                           options: options)
        return try TrialExecution.results([simulation], arguments, label: "trial")?.first
    }
}
