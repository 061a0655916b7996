import Foundation
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingOutput
import ScalingTheory

/// `scaling-laws simulate`: the Monte Carlo average of the test loss, next to
/// the theory for linear features.
enum SimulateCommand: Command {
    static let name = "simulate"
    static let summary = "Simulate random-feature ridge regression by Monte Carlo and compare <L> with the theory."
    static let flags = ModelOptions.spectrumFlags + ModelOptions.configurationFlags + [
        .value("trials", "K", "number of independent trials >= 1 (default 32)"),
        .value("seed", "S", "seed, a whole number >= 0; trial k uses the stream of (seed, k) (default 0)"),
        SimulationFlags.activation,
        .value("test-samples", "T", "fresh test samples per trial for nonlinear features (default 10000)"),
        .value("threads", "T", "worker threads, one trial each (default: one per core); results do not depend on it"),
        .value("sampler", "auto|direct|conditional", "training-set sampler for linear features (default auto)"),
        ModelOptions.formatFlag,
        TrialExecution.shardFlag,
        GradientFlowFlags.times,
    ] + SGDFlags.simulateFlags + DataSimulate.flags

    static let requiredFlags: Set<String> = ["N", "P"]
    static let schema: OutputSchema? = OutputSchema(summary: SimulationRecord.columns.map(\.spec),
                                                    variants: [DataSimulate.variant, curveVariant,
                                                               sgdVariant])

    static func run(_ arguments: Arguments) throws -> Int32 {
        if arguments.has("data") || arguments.has("labels") { return try DataSimulate.run(arguments) }
        let format = try arguments.format()
        let samplerName = try arguments.choice("sampler", ["auto", "direct", "conditional"], default: "auto")
        let options = SimulationOptions(
            trials: try arguments.int("trials", default: 32), seed: try SimulationFlags.seed(arguments),
            activation: try SimulationFlags.activation(arguments), testSampleCount: try arguments.int("test-samples", default: 10_000),
            threads: try arguments.int("threads"), sampler: Sampler(rawValue: samplerName))
        if try SGDFlags.isRequested(arguments) { return try simulateSGD(arguments, format: format, options: options) }
        let spectrum = try ModelOptions.spectrum(arguments)
        let configuration = try ModelOptions.configuration(arguments)
        if let times = try GradientFlowFlags.times(arguments) {
            return try simulate(arguments, format: format, spectrum: spectrum, configuration: configuration,
                                options: options, times: times)
        }
        let simulation = try Simulation(spectrum: spectrum, configuration: configuration, options: options)
        try WorkLimit.check(flops: WorkEstimate.simulationFlops(spectrum: spectrum, configuration: configuration,
                                                                options: options), what: "this simulation")
        let theory = options.activation.isLinear ? try spectrum.predict(configuration) : nil

        guard let result = try TrialExecution.results([simulation], arguments, label: "trial")?.first else { return 0 }
        if result.rankDeficientTrials > 0 {
            StandardError.write("note: \(result.rankDeficientTrials) of \(result.trials) ridgeless fits had numerical rank below min(N, P); they use the minimum-norm solution\n")
        }
        guard result.losses.allSatisfy(\.isFinite) else {
            throw UsageError("the simulated losses overflow double precision; rescale sigma_w^2, sigma_eps^2 or the spectrum (the loss scales with them)")
        }

        // Nil only when a trial loss is not finite; the mean then says so itself.
        let shape = try? result.distribution
        let warning = shape?.standardErrorWarning(
            finiteMomentOrder: options.activation.isLinear
                ? TrialDistribution.finiteMomentOrder(configuration: configuration,
                                                      latentDimension: spectrum.latentDimension) : nil)
        if let warning { StandardError.write("warning: \(warning)\n") }
        OutputDocument(command: name, inputs: arguments.inputs,
                       summary: RecordTable(SimulationRecord.columns, [SimulationRecord(result: result, theory: theory?.loss,
                                                                                   theoryTrainingError: theory?.trainingError,
                                                                                   shape: shape, warning: warning)]))
            .emit(format)
        return 0
    }

    /// `simulate --times T1,T2,...`: the Monte Carlo learning curve next to the theory.
    static let curveVariant = OutputVariant(
        title: "simulate --times T1,T2,...", selector: .given("times"),
        shape: OutputSchema(summary: GradientFlowCurveRecord.summaryColumns.map(\.spec), listKey: "points",
                            list: GradientFlowCurveRecord.columns.map(\.spec)))

    static func simulate(_ arguments: Arguments, format: OutputFormat, spectrum: any Spectrum,
                         configuration: ModelConfiguration, options: SimulationOptions, times: [Double]) throws -> Int32 {
        let simulation = try GradientFlowSimulation(spectrum: spectrum, configuration: configuration, times: times,
                                                    options: options)
        try WorkLimit.check(flops: WorkEstimate.simulationFlops(spectrum: spectrum, configuration: configuration,
                                                                options: options, testSamples: false),
                            what: "this simulation")
        let theory = try GradientFlowTheory.preferred(spectrum: spectrum, configuration: configuration)
            .losses(at: times)
        guard let result = try TrialExecution.results([simulation], arguments, label: "trial")?.first else { return 0 }
        OutputDocument(command: name, inputs: arguments.inputs,
                       summary: RecordTable(GradientFlowCurveRecord.summaryColumns, [result]),
                       list: RecordTable(GradientFlowCurveRecord.columns,
                                         GradientFlowCurvePoint.curve(times: times, theory: theory, simulated: result)))
            .emit(format)
        return 0
    }

    /// `simulate --optimizer sgd ... --steps R1,R2,...`: Monte Carlo next to the theory.
    static let sgdVariant = OutputVariant(
        title: "simulate --optimizer sgd", selector: .equals("optimizer", "sgd"),
        shape: OutputSchema(summary: SGDCurveRecord.summaryColumns, list: SGDCurveRecord.columns))

    static func simulateSGD(_ arguments: Arguments, format: OutputFormat, options: SimulationOptions) throws -> Int32 {
        let spectrum = try ModelOptions.spectrum(arguments)
        let configuration = try SGDFlags.configuration(arguments)
        let sgd = try SGDFlags.hyperparameters(arguments)
        let steps = try SGDFlags.steps(arguments, single: false)
        let theory = try SGDFlags.theory(spectrum, configuration, sgd)
        let line = try theory.losses(atSteps: steps.map(Double.init))
        let edge = try theory.largestStableLearningRate()
        guard let result = try SGDFlags.simulation(arguments, spectrum: spectrum, configuration: configuration, sgd: sgd,
                                                   steps: steps, options: options) else { return 0 }
        let sampler = options.sampler ?? SGDSimulation.fastestSampler(
            featureCount: Int(configuration.featureCount), latentDimension: Int(spectrum.latentDimension),
            batchSize: sgd.batchSize, steps: steps.max() ?? 0)
        let summary = SGDCurveSummary(trials: result.trials, seconds: result.seconds, sampler: sampler, sgd: sgd, edge: edge)
        OutputDocument(command: name, inputs: arguments.inputs, summary: RecordTable(SGDCurveRecord.summaryColumns, [summary]),
                       list: RecordTable(SGDCurveRecord.columns, SGDCurvePoint.curve(steps: steps, batchSize: sgd.batchSize,
                                                                                     theory: line, simulated: result)))
            .emit(format)
        return 0
    }
}
