import Foundation
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingTheory

/// `scaling-laws predict`: the theory's <L> for one configuration.
///
/// Linear features (the default) get the exact theory of THEORY.md section 3.
/// A nonlinear `--activation` gets the semi-analytic theory of section 6,
/// averaged over `--draws` draws of U: its output adds `standardError` (over
/// draws) and has no Delta, df1 or df2, which JSON writes as null.
enum PredictCommand: Command {
    static let name = "predict"
    static let summary = "Predict the average test loss <L> of random-feature ridge regression (THEORY.md sections 3 and 6)."
    static let flags = ModelOptions.spectrumFlags + ModelOptions.configurationFlags + [
        SimulateCommand.activationFlag,
        .value("draws", "K", "nonlinear activations: draws of U to average, >= 1 (default 12)"),
        .value("seed", "S", "nonlinear activations: seed, a whole number >= 0; draw k uses (seed, k) (default 0)"),
        ModelOptions.formatFlag,
    ]

    static func run(_ arguments: Arguments) throws -> Int32 {
        let format = try arguments.choice("format", ["json", "table"], default: "table")
        let activation = try SimulateCommand.activation(arguments)
        let spectrum = try ModelOptions.spectrum(arguments)
        let configuration = try ModelOptions.configuration(arguments)
        guard !activation.isLinear else {
            for name in ["draws", "seed"] where arguments.has(name) {
                throw UsageError("--\(name) applies only to a nonlinear --activation (linear features use the exact theory)")
            }
            return try runLinear(arguments, format: format, spectrum: spectrum, configuration: configuration)
        }
        let options = NonlinearTheoryOptions(draws: try arguments.int("draws", default: 12),
                                             seed: try SimulateCommand.seed(arguments))
        try WorkLimit.check(flops: Double(options.draws) * WorkLimit.drawFlops(
            featureCount: configuration.featureCount, latentDimension: spectrum.latentDimension), what: "this prediction")
        let prediction = try NonlinearTheory(spectrum: spectrum, configuration: configuration, activation: activation,
                                             options: options).run()
        warnIfInfinite(prediction.loss, prediction.regime)
        switch format {
        case "json":
            let fields: [(String, JSONValue)] = [
                ("loss", .number(prediction.loss)),
                ("relativeLoss", .number(prediction.relativeLoss)),
                ("standardError", .number(prediction.standardError)),
                ("delta", .null),
                ("df1", .null),
                ("df2", .null),
                ("regime", .string(prediction.regime.rawValue)),
                ("activation", .string(activation.name)),
                ("draws", .integer(options.draws)),
                ("seed", .string(String(options.seed))),
            ] + ModelOptions.echo(arguments, spectrum: spectrum, configuration: configuration)
            print(JSONValue.object(fields).text)
        default:
            let rows: [(String, String)] = [
                ("loss <L>", TableFormat.number(prediction.loss)),
                ("standard error", TableFormat.number(prediction.standardError)),
                ("relative loss <L>/L0", TableFormat.number(prediction.relativeLoss)),
                ("regime", prediction.regime.rawValue),
                ("activation", activation.name),
                ("draws", "\(options.draws)"),
            ]
            print(TableFormat.keyValue(rows), terminator: "")
        }
        return 0
    }

    private static func runLinear(_ arguments: Arguments, format: String, spectrum: any Spectrum,
                                  configuration: ModelConfiguration) throws -> Int32 {
        let prediction = try spectrum.predict(configuration)
        warnIfInfinite(prediction.loss, prediction.regime)
        switch format {
        case "json":
            let fields: [(String, JSONValue)] = [
                ("loss", .number(prediction.loss)),
                ("relativeLoss", .number(prediction.relativeLoss)),
                ("delta", .number(prediction.delta)),
                ("df1", .number(prediction.df1)),
                ("df2", .number(prediction.df2)),
                ("regime", .string(prediction.regime.rawValue)),
            ] + ModelOptions.echo(arguments, spectrum: spectrum, configuration: configuration)
            print(JSONValue.object(fields).text)
        default:
            let rows: [(String, String)] = [
                ("loss <L>", TableFormat.number(prediction.loss)),
                ("relative loss <L>/L0", TableFormat.number(prediction.relativeLoss)),
                ("Delta", TableFormat.number(prediction.delta)),
                ("df1(Delta)", TableFormat.number(prediction.df1)),
                ("df2(Delta)", TableFormat.number(prediction.df2)),
                ("regime", prediction.regime.rawValue),
                ("summation", prediction.summation.rawValue),
            ]
            print(TableFormat.keyValue(rows), terminator: "")
        }
        return 0
    }

    /// The ridgeless interpolation peak is a documented +infinity: printed,
    /// with a warning on stderr, and exit status 0.
    private static func warnIfInfinite(_ loss: Double, _ regime: Regime) {
        guard !loss.isFinite else { return }
        // The solver returns +infinity only ridgeless (gamma = 0): at N = P, or with noise at P <= M.
        StandardError.write("warning: the loss is +infinity (\(regime.rawValue), gamma = 0: the ridgeless interpolation peak); any gamma > 0 makes it finite\n")
    }
}
