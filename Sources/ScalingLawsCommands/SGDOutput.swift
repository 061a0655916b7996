import Foundation
import NonlinearFeatureTheory
import ScalingFigures
import ScalingMonteCarlo
import ScalingOutput
import ScalingTheory

/// `--optimizer sgd` for predict, simulate and sweep (`--vary steps`):
/// one-pass minibatch SGD (Docs/Theory.md section 12), the theory `OnePassSGDTheory` and the Monte Carlo `SGDSimulation`.
/// No --P (one pass sees B R fresh samples) and no ridge.
enum SGDOutput {
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
        return try ModelConfiguration(featureCount: try arguments.requiredDouble("N"), sampleCount: 1,
                                      teacherVariance: try arguments.double("sigma-w2", default: 1),
                                      featureWeightVariance: try arguments.double("sigma-u2", default: 1),
                                      noiseVariance: try arguments.double("noise", default: 0),
                                      teacher: try ModelOptions.teacher(arguments))
    }

    static func theory(_ spectrum: any Spectrum, _ configuration: ModelConfiguration,
                       _ sgd: SGDHyperparameters) throws -> OnePassSGDTheory {
        try OnePassSGDTheory.choosing(spectrum: spectrum, configuration: configuration, sgd: sgd)
    }

    /// `predict --optimizer sgd ... --steps R`.
    static func predict(_ arguments: Arguments, format: OutputFormat) throws -> Int32 {
        let spectrum = try ModelOptions.spectrum(arguments)
        let configuration = try configuration(arguments)
        let sgd = try hyperparameters(arguments)
        let r = try steps(arguments, single: true)[0]
        let theory = try theory(spectrum, configuration, sgd)
        let loss = try theory.loss(atStep: Double(r))
        let row = SGDPredictionRow(loss: loss, noise: configuration.noiseVariance, zeroPredictorLoss: theory.zeroPredictorLoss,
                             steps: r, sgd: sgd, edge: try theory.largestStableLearningRate(),
                             representableLoss: try theory.representableLoss())
        OutputDocument(command: PredictCommand.name, inputs: arguments.inputs,
                       summary: RecordTable(SGDCurveRecord.predictionColumns, [row])).emit(format)
        return 0
    }

    static func curve(steps: [Int], batchSize: Int, theory: [Double], simulated: SGDSimulationResult?) -> [SGDCurvePoint] {
        steps.indices.map { j in
            SGDCurvePoint(steps: steps[j], batchSize: batchSize, theory: theory[j], mean: simulated?.meanLoss[j],
                       standardError: simulated?.lossStandardError[j])
        }
    }

    /// The Monte Carlo of these flags (`--sampler auto|direct|conditional`), here, in a shard or on MPI
    /// ranks; nil when this process writes no output.
    static func simulation(_ arguments: Arguments, spectrum: any Spectrum, configuration: ModelConfiguration,
                           sgd: SGDHyperparameters, steps: [Int], options: SimulationOptions) throws -> SGDSimulationResult? {
        let simulation = try SGDSimulation(spectrum: spectrum, configuration: configuration, sgd: sgd, steps: steps,
                                           options: options)
        return try TrialExecution.results([simulation], arguments, label: "trial")?.first
    }

    /// `simulate --optimizer sgd ... --steps R1,R2,...`: Monte Carlo next to the theory.
    static func simulate(_ arguments: Arguments, format: OutputFormat, options: SimulationOptions) throws -> Int32 {
        let spectrum = try ModelOptions.spectrum(arguments)
        let configuration = try configuration(arguments)
        let sgd = try hyperparameters(arguments)
        let steps = try steps(arguments, single: false)
        let theory = try theory(spectrum, configuration, sgd)
        let line = try theory.losses(atSteps: steps.map(Double.init))
        let edge = try theory.largestStableLearningRate()
        guard let result = try simulation(arguments, spectrum: spectrum, configuration: configuration, sgd: sgd,
                                          steps: steps, options: options) else { return 0 }
        let sampler = options.sampler ?? SGDSimulation.fastestSampler(
            featureCount: Int(configuration.featureCount), latentDimension: Int(spectrum.latentDimension),
            batchSize: sgd.batchSize, steps: steps.max() ?? 0)
        OutputDocument(command: SimulateCommand.name, inputs: arguments.inputs,
                       summary: RecordTable(SGDCurveRecord.summaryColumns, [SGDCurveSummary(trials: result.trials, seconds: result.seconds,
                                                                               sampler: sampler, sgd: sgd, edge: edge)]),
                       list: RecordTable(SGDCurveRecord.columns, curve(steps: steps, batchSize: sgd.batchSize, theory: line,
                                                             simulated: result)))
            .emit(format)
        return 0
    }

    /// `sweep --vary steps --optimizer sgd`: <L>(R) on a grid of step counts
    /// (rounded to whole numbers, repeats dropped); with --simulate, one Monte
    /// Carlo run records every grid point per trial. Writes sweep-steps.{csv,json,svg}.
    static func sweep(_ arguments: Arguments) throws -> Int32 {
        guard try isRequested(arguments) else { throw UsageError("--vary steps needs --optimizer sgd") }
        guard !arguments.has("steps") else { throw UsageError("--vary steps takes --from and --to, not --steps") }
        let spacing = ParameterGrid.Spacing(rawValue: try arguments.choice("spacing", ["log", "linear"], default: "log"))!
        let from = try arguments.requiredDouble("from"), to = try arguments.requiredDouble("to")
        guard from >= 0, to.isFinite, to >= from, to <= Double(Arguments.largestWholeNumber) else {
            throw UsageError("--vary steps needs 0 <= --from <= --to <= \(Arguments.largestWholeNumber), got \(from) and \(to)")
        }
        let grid = try ParameterGrid(from: from, to: to, count: arguments.int("points", default: 25), spacing: spacing)
        var steps: [Int] = []
        for value in grid.values.map({ Int($0.rounded()) }) where steps.last != value { steps.append(value) }
        let spectrum = try ModelOptions.spectrum(arguments)
        let configuration = try configuration(arguments)
        let sgd = try hyperparameters(arguments)
        for flag in ["trials", "seed", "threads"] where arguments.has(flag) && !arguments.isOn("simulate") {
            throw UsageError("--\(flag) needs --simulate")
        }
        let destination = try OutputDestination(arguments, defaultFormat: .csv)
        let theoryLine = try theory(spectrum, configuration, sgd).losses(atSteps: steps.map(Double.init))
        var simulated: SGDSimulationResult? = nil
        if arguments.isOn("simulate") {
            simulated = try simulation(arguments, spectrum: spectrum, configuration: configuration, sgd: sgd,
                                       steps: steps, options: try GridOptions.simulationOptions(arguments))
            if simulated == nil { return 0 }
        }
        let document = OutputDocument(command: SweepCommand.name, inputs: arguments.inputs,
                                      list: RecordTable(SGDCurveRecord.columns, curve(steps: steps, batchSize: sgd.batchSize,
                                                                            theory: theoryLine, simulated: simulated)))
        guard let directory = destination.directory else {
            document.emit(destination.format)
            return 0
        }
        let files = try destination.files(["sweep-steps.csv", "sweep-steps.json", "sweep-steps.svg"])
        let plot = SGDCurveFigure.plot(steps: steps, theory: theoryLine, simulated: simulated, sgd: sgd, spacing: spacing)
        try AtomicFile.write(document.csv, to: files[0])
        try AtomicFile.write(document.rendered(.json), to: files[1])
        try AtomicFile.write(document.svg(plot.svg()), to: files[2])
        Console.write("wrote \(directory.path)/sweep-steps.{csv,json,svg} (\(steps.count) points)\n")
        return 0
    }

    /// The output shapes of SGD, each a variant of its command's schema (Docs/schemas/).
    static let predictVariant = OutputVariant(
        title: "predict --optimizer sgd", selector: .equals("optimizer", "sgd"),
        shape: OutputSchema(summary: SGDCurveRecord.predictionColumns.map(\.spec)))
    static let simulateVariant = OutputVariant(
        title: "simulate --optimizer sgd", selector: .equals("optimizer", "sgd"),
        shape: OutputSchema(summary: SGDCurveRecord.summaryColumns.map(\.spec), listKey: "points", list: SGDCurveRecord.columns.map(\.spec)))
    static let sweepVariant = OutputVariant(
        title: "sweep --vary steps", selector: .equals("vary", "steps"),
        shape: OutputSchema(listKey: "points", list: SGDCurveRecord.columns.map(\.spec)))
}
