import Foundation
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingTheory

/// `scaling-laws simulate`: the Monte Carlo average of the test loss, next to
/// the theory for linear features.
enum SimulateCommand: Command {
    static let name = "simulate"
    static let summary = "Simulate random-feature ridge regression by Monte Carlo and compare <L> with the theory."
    static let flags = ModelOptions.spectrumFlags + ModelOptions.configurationFlags + [
        .value("trials", "K", "number of independent trials >= 1 (default 32)"),
        .value("seed", "S", "seed, a whole number >= 0; trial k uses the stream of (seed, k) (default 0)"),
        activationFlag,
        .value("test-samples", "T", "fresh test samples per trial for nonlinear features (default 10000)"),
        .value("threads", "T", "worker threads, one trial each (default: one per core); results do not depend on it"),
        .value("sampler", "auto|direct|conditional", "training-set sampler for linear features (default auto)"),
        ModelOptions.formatFlag,
    ]

    static let activationFlag: Flag = .value("activation", "linear|relu|tanh|erf|quadratic",
                                             "feature map sigma (default linear)")

    /// The `--activation` flag's feature map.
    static func activation(_ arguments: Arguments) throws -> Activation {
        let names = Activation.builtIn.map(\.name)
        return Activation(name: try arguments.choice("activation", names, default: "linear"))!
    }

    /// The `--seed` flag, a whole number >= 0.
    static func seed(_ arguments: Arguments) throws -> UInt64 {
        guard let text = arguments.string("seed") else { return 0 }
        guard let seed = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
            throw UsageError("--seed needs a whole number >= 0, got '\(Arguments.quoted(text))'")
        }
        return seed
    }

    static func run(_ arguments: Arguments) throws -> Int32 {
        let format = try arguments.choice("format", ["json", "table"], default: "table")
        let samplerName = try arguments.choice("sampler", ["auto", "direct", "conditional"], default: "auto")
        let spectrum = try ModelOptions.spectrum(arguments)
        let configuration = try ModelOptions.configuration(arguments)
        let options = SimulationOptions(
            trials: try arguments.int("trials", default: 32), seed: try seed(arguments),
            activation: try activation(arguments), testSampleCount: try arguments.int("test-samples", default: 10_000),
            threads: try arguments.int("threads"), sampler: Sampler(rawValue: samplerName))
        let simulation = try Simulation(spectrum: spectrum, configuration: configuration, options: options)
        try WorkLimit.check(flops: Double(options.trials) * WorkLimit.trialFlops(
            featureCount: configuration.featureCount, sampleCount: configuration.sampleCount,
            latentDimension: spectrum.latentDimension,
            testSamples: options.activation.isLinear ? 0 : Double(options.testSampleCount)), what: "this simulation")
        let theory = options.activation.isLinear ? try spectrum.predict(configuration).loss : nil

        let progress = Progress("trial", total: options.trials)
        let result = try simulation.run(progress: { _ in progress.advance() })
        if result.rankDeficientTrials > 0 {
            StandardError.write("note: \(result.rankDeficientTrials) of \(result.trials) ridgeless fits had numerical rank below min(N, P); they use the minimum-norm solution\n")
        }

        guard result.losses.allSatisfy(\.isFinite) else {
            throw UsageError("the simulated losses overflow double precision; rescale sigma_w^2, sigma_eps^2 or the spectrum (the loss scales with them)")
        }
        let zScore = theory.map { result.zScore(against: $0) }
        switch format {
        case "json":
            var fields: [(String, JSONValue)] = [
                ("mean", .number(result.mean)),
                ("standardError", .number(result.standardError)),
                ("trials", .integer(result.trials)),
                ("seconds", .number(result.seconds)),
            ]
            if let theory, let zScore { fields += [("theory", .number(theory)), ("zScore", .number(zScore))] }
            if let test = result.testStandardError { fields.append(("testStandardError", .number(test))) }
            fields += [
                ("activation", .string(options.activation.name)),
                ("sampler", .string(result.sampler.rawValue)),
                ("form", .string(result.form.rawValue)),
                ("rankDeficientTrials", .integer(result.rankDeficientTrials)),
                ("seed", .string(String(options.seed))),
                ("losses", .array(result.losses.map { JSONValue.number($0) })),
            ] + ModelOptions.echo(arguments, spectrum: spectrum, configuration: configuration)
            print(JSONValue.object(fields).text)
        default:
            var rows: [(String, String)] = [
                ("mean loss", TableFormat.number(result.mean)),
                ("standard error", TableFormat.number(result.standardError)),
            ]
            if let theory, let zScore {
                rows += [("theory <L>", TableFormat.number(theory)), ("z-score", String(format: "%.3f", zScore))]
            }
            if let test = result.testStandardError { rows.append(("test-sample error", TableFormat.number(test))) }
            rows += [
                ("trials", "\(result.trials)"),
                ("seconds", String(format: "%.3f", result.seconds)),
                ("activation", options.activation.name),
                ("sampler", result.sampler.rawValue),
                ("form", result.form.rawValue),
            ]
            print(TableFormat.keyValue(rows), terminator: "")
        }
        return 0
    }
}
