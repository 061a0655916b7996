import Foundation
import ScalingData
import ScalingTheory

/// `scaling-laws simulate --data PATH --labels PATH ...`: random-feature
/// ridge regression on the real rows (THEORY.md section 9), next to the
/// theory's `testError` from the data set's own spectrum, teacher and
/// residual noise (for linear features).
enum DataSimulate {
    static let flags: [Flag] = DataOptions.flags + [
        .value("test-rows", "T", "with --data: held-out rows per trial (default: the rest, at most 10000)"),
        .value("cutoff", "R", "with --data: drop covariance eigenvalues at or below R times the largest (default 1e-10)"),
    ]

    /// The flags that describe the synthetic model and have no meaning with `--data`.
    static let synthetic = ["alpha", "lambda-plus", "M", "summation", "spectrum-file", "sigma-w2", "noise",
                            "sampler", "test-samples"]

    static func run(_ arguments: Arguments) throws -> Int32 {
        for name in synthetic where arguments.has(name) {
            throw UsageError("--\(name) cannot be combined with --data (the data set fixes the spectrum, teacher and noise)")
        }
        let format = try arguments.choice("format", ["json", "table"], default: "table")
        let configuration = try ModelConfiguration(
            featureCount: try arguments.requiredDouble("N"), sampleCount: try arguments.requiredDouble("P"),
            ridge: try arguments.double("gamma", default: 0),
            featureWeightVariance: try arguments.double("sigma-u2", default: 1))
        let cutoff = try arguments.double("cutoff", default: DataSetAnalysis.defaultCutoff)
        let options = DataSimulationOptions(
            trials: try arguments.int("trials", default: 32), seed: try SimulateCommand.seed(arguments),
            activation: try SimulateCommand.activation(arguments), testRows: try arguments.int("test-rows"),
            threads: try arguments.int("threads"))
        guard let dataSet = try DataOptions.load(arguments) else { throw UsageError("missing --data PATH") }
        let centred = try CentredDataSet(dataSet)
        let analysis = try DataSetAnalysis(centred, relativeCutoff: cutoff)
        let simulation = try DataSimulation(data: centred, latentDimension: analysis.latentDimension,
                                            configuration: configuration, options: options)
        let theory = options.activation.isLinear
            ? try AlignedTeacherPrediction(spectrum: TabulatedSpectrum(eigenvalues: analysis.eigenvalues),
                                           teacherPower: analysis.teacherPower,
                                           configuration: configuration.with(noiseVariance: analysis.residualVariance))
            : nil
        let progress = Progress("trial", total: options.trials)
        let result = try simulation.run(progress: { _ in progress.advance() })
        let measured = result.testError
        let ratio = theory.map { measured.mean / $0.testError }
        let zScore = theory.map { (measured.mean - $0.testError) / measured.standardError }

        switch format {
        case "json":
            var fields: [(String, JSONValue)] = [
                ("testError", .number(measured.mean)),
                ("testErrorStandardError", .number(measured.standardError)),
                ("trainingError", .number(result.trainingError.mean)),
                ("trainingErrorStandardError", .number(result.trainingError.standardError)),
                ("gcv", .number(result.gcv.mean)),
                ("gcvStandardError", .number(result.gcv.standardError)),
            ]
            if let theory, let ratio, let zScore {
                fields += [
                    ("theory", .object([("testError", .number(theory.testError)), ("loss", .number(theory.loss)),
                                        ("trainingError", .number(theory.trainingError))])),
                    ("ratio", .number(ratio)),
                    ("zScore", .number(zScore)),
                ]
            }
            fields += [
                ("trials", .integer(options.trials)),
                ("seconds", .number(result.seconds)),
                ("activation", .string(options.activation.name)),
                ("seed", .string(String(options.seed))),
                ("n", .integer(analysis.sampleCount)),
                ("d", .integer(analysis.dimension)),
                ("M", .integer(analysis.latentDimension)),
                ("noise", .number(analysis.residualVariance)),
                ("testRows", .integer(simulation.testRowCount)),
                ("N", .number(configuration.featureCount)),
                ("P", .number(configuration.sampleCount)),
                ("gamma", .number(configuration.ridge)),
                ("sigma-u2", .number(configuration.featureWeightVariance)),
                ("testErrors", .array(result.trialResults.map { JSONValue.number($0.testError) })),
            ] + DataOptions.echo(arguments)
            print(JSONValue.object(fields).text)
        default:
            var rows: [(String, String)] = [
                ("test error", TableFormat.number(measured.mean) + " +- " + TableFormat.number(measured.standardError)),
            ]
            if let theory, let ratio, let zScore {
                rows += [
                    ("theory test error", TableFormat.number(theory.testError)),
                    ("measured / theory", String(format: "%.4f", ratio)),
                    ("z-score", String(format: "%.3f", zScore)),
                ]
            }
            rows += [
                ("training error", TableFormat.number(result.trainingError.mean) + " +- "
                    + TableFormat.number(result.trainingError.standardError)),
                ("GCV", TableFormat.number(result.gcv.mean) + " +- " + TableFormat.number(result.gcv.standardError)),
                ("trials", "\(options.trials)"),
                ("test rows", "\(simulation.testRowCount)"),
                ("seconds", String(format: "%.3f", result.seconds)),
                ("activation", options.activation.name),
                ("data", "n = \(analysis.sampleCount), d = \(analysis.dimension), M = \(analysis.latentDimension), sigma_eps^2 = \(TableFormat.number(analysis.residualVariance))"),
            ]
            print(TableFormat.keyValue(rows), terminator: "")
        }
        return 0
    }
}
