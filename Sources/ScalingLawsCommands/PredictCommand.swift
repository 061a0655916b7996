import Foundation
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingOutput
import ScalingTheory

/// `scaling-laws predict`: the theory's <L> for one configuration.
///
/// Linear features (the default) get the exact theory of Docs/Theory.md section 3.
/// A nonlinear `--activation` gets the semi-analytic theory of section 6,
/// averaged over `--draws` draws of U: its output adds `standardError` (over
/// draws) and has no Delta, df1 or df2, which JSON writes as null.
enum PredictCommand: Command {
    static let name = "predict"
    static let summary = "Predict the average test loss <L> of random-feature ridge regression (Docs/Theory.md sections 3 and 6)."
    static let flags = ModelOptions.spectrumFlags + ModelOptions.configurationFlags + [
        SimulationFlags.activation,
        .value("draws", "K", "nonlinear activations: draws of U to average, >= 1 (default 12)"),
        .value("seed", "S", "nonlinear activations: seed, a whole number >= 0; draw k uses (seed, k) (default 0)"),
        ModelOptions.formatFlag,
        GradientFlowFlags.time,
        ModelOptions.noiseFileFlag,
    ] + SGDFlags.flags

    static let requiredFlags: Set<String> = ["N", "P"]
    static let schema: OutputSchema? = OutputSchema(summary: PredictionRecord.columns.map(\.spec)
                                                        + [GradientFlowPredictionRecord.timeField],
                                                    variants: [sgdVariant])

    static func run(_ arguments: Arguments) throws -> Int32 {
        let format = try arguments.format()
        let noisePower = try ModelOptions.noisePower(arguments)
        if try SGDFlags.isRequested(arguments) { return try predictSGD(arguments, format: format) }
        let activation = try SimulationFlags.activation(arguments)
        let spectrum = try ModelOptions.spectrum(arguments)
        let configuration = try ModelOptions.configuration(arguments)
        let record: PredictionRecord
        if activation.isLinear {
            for name in ["draws", "seed"] where arguments.has(name) {
                throw UsageError("--\(name) applies only to a nonlinear --activation (linear features use the exact theory)")
            }
            if let time = try GradientFlowFlags.time(arguments) {
                return try predict(arguments, format: format, spectrum: spectrum, configuration: configuration,
                                   time: time)
            }
            let prediction = try noisePower.map { try $0.predict(spectrum: spectrum as! TabulatedSpectrum, configuration: configuration) }
                ?? spectrum.predict(configuration)
            record = PredictionRecord(linear: prediction, noise: configuration.noiseVariance)
        } else {
            if arguments.has("time") { throw UsageError("--time (gradient flow) applies to linear features only") }
            let options = NonlinearTheoryOptions(draws: try arguments.int("draws", default: 12),
                                                 seed: try SimulationFlags.seed(arguments))
            // Constructed (its memory checked) before the work is estimated.
            let theory = try NonlinearTheory(spectrum: spectrum, configuration: configuration, activation: activation,
                                             options: options)
            try WorkLimit.check(flops: Double(options.draws) * WorkEstimate.drawFlops(
                featureCount: configuration.featureCount, latentDimension: spectrum.latentDimension),
                                what: "this prediction")
            record = PredictionRecord(nonlinear: try theory.run(), noise: configuration.noiseVariance)
        }
        warnIfInfinite(record.loss, record.regime)
        OutputDocument(command: name, inputs: arguments.inputs,
                       summary: RecordTable(PredictionRecord.columns, [record])).emit(format)
        return 0
    }

    /// `predict --time T`: gradient flow at training time T (linear features).
    static func predict(_ arguments: Arguments, format: OutputFormat, spectrum: any Spectrum,
                        configuration: ModelConfiguration, time: Double) throws -> Int32 {
        let prediction = try GradientFlowPrediction(spectrum: spectrum, configuration: configuration, time: time)
        if !prediction.loss.isFinite {
            StandardError.write("warning: the loss is +infinity (ridgeless N = P at t = inf); finite times are finite\n")
        }
        OutputDocument(command: name, inputs: arguments.inputs, summary: RecordTable(
            GradientFlowPredictionRecord.columns(noise: configuration.noiseVariance), [prediction], including: ["time"]))
            .emit(format)
        return 0
    }

    /// `predict --optimizer sgd ... --steps R`: one-pass SGD after R steps.
    static let sgdVariant = OutputVariant(title: "predict --optimizer sgd", selector: .equals("optimizer", "sgd"),
                                          shape: OutputSchema(summary: SGDCurveRecord.predictionColumns.map(\.spec)))

    static func predictSGD(_ arguments: Arguments, format: OutputFormat) throws -> Int32 {
        let spectrum = try ModelOptions.spectrum(arguments)
        let configuration = try SGDFlags.configuration(arguments)
        let sgd = try SGDFlags.hyperparameters(arguments)
        let r = try SGDFlags.steps(arguments, single: true)[0]
        let theory = try SGDFlags.theory(spectrum, configuration, sgd)
        let row = SGDPredictionRow(loss: try theory.loss(atStep: Double(r)), noise: configuration.noiseVariance,
                                   zeroPredictorLoss: theory.zeroPredictorLoss, steps: r, sgd: sgd,
                                   edge: try theory.largestStableLearningRate(), representableLoss: try theory.representableLoss())
        OutputDocument(command: name, inputs: arguments.inputs,
                       summary: RecordTable(SGDCurveRecord.predictionColumns, [row])).emit(format)
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
