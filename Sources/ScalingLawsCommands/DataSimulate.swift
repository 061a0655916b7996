import Foundation
import ScalingData
import ScalingOutput
import ScalingTheory

/// `scaling-laws simulate --data PATH --labels PATH ...`: random-feature
/// ridge regression on the real rows (Docs/Theory.md section 9), next to the
/// theory's `testError` from the data set's own spectrum, teacher and
/// residual noise (for linear features).
enum DataSimulate {
    static let flags: [Flag] = DataOptions.flags + [
        .value("test-rows", "T", "with --data: held-out rows per trial (default: the rest, at most 10000)"),
        DataOptions.cutoffFlag(prefix: "with --data: "),
        .value("noise-model", "uniform|per-direction",
               "with --data: the theory's variance term with sigma_eps^2 in every direction, or the measured nu_I per direction (Docs/Theory.md section 13; default uniform)"),
    ]

    static let variant = OutputVariant(title: "simulate --data PATH", selector: .given("data"),
                                       shape: OutputSchema(summary: DataSimulationRecord.columns.map(\.spec)))

    /// nu_I for the theory when `--noise-model per-direction`, else nil.
    static func noisePower(_ arguments: Arguments, _ data: CentredDataSet, _ analysis: DataSetAnalysis) throws -> [Double]? {
        let model = try arguments.choice("noise-model", ["uniform", "per-direction"], default: "uniform")
        return model == "per-direction" ? try ResidualNoise(data, analysis: analysis).noisePower : nil
    }

    /// The flags that describe the synthetic model and have no meaning with `--data`.
    static let synthetic = ["alpha", "lambda-plus", "M", "summation", "spectrum-file", "sigma-w2", "noise",
                            "sampler", "test-samples"]

    static func run(_ arguments: Arguments) throws -> Int32 {
        try TrialExecution.requireLocal(arguments, what: "a simulation on --data")
        for name in synthetic where arguments.has(name) {
            throw UsageError("--\(name) cannot be combined with --data (the data set fixes the spectrum, teacher and noise)")
        }
        let format = try arguments.format()
        let configuration = try ModelConfiguration(
            featureCount: try arguments.requiredDouble("N"), sampleCount: try arguments.requiredDouble("P"),
            ridge: try arguments.double("gamma", default: 0),
            featureWeightVariance: try arguments.double("sigma-u2", default: 1))
        let options = DataSimulationOptions(
            trials: try arguments.int("trials", default: 32), seed: try SimulationFlags.seed(arguments),
            activation: try SimulationFlags.activation(arguments), testRows: try arguments.int("test-rows"),
            threads: try arguments.int("threads"))
        // Reading and analysing are where bad data is found: no progress line before such a refusal.
        let (analysis, simulation, noisePower) = try Heartbeat.whileChecking {
            () throws -> (DataSetAnalysis, DataSimulation, [Double]?) in
            let (centred, analysis) = try DataOptions.analysed(arguments)
            let power = try Self.noisePower(arguments, centred, analysis)
            let simulation = try DataSimulation(data: centred, latentDimension: analysis.latentDimension,
                                                configuration: configuration, options: options)
            return (analysis, simulation, power)
        }
        let theory = options.activation.isLinear
            ? try analysis.theory(configuration: configuration, noisePower: noisePower) : nil
        let progress = Progress("trial", total: options.trials)
        let result = try simulation.run(progress: { _ in progress.advance() })
        OutputDocument(command: SimulateCommand.name, inputs: arguments.inputs,
                       summary: RecordTable(DataSimulationRecord.columns, [
                           DataSimulationRecord(result: result, theory: theory, analysis: analysis,
                                                testRows: simulation.testRowCount, activation: options.activation.name),
                       ])).emit(format)
        return 0
    }
}
