import Foundation
import ScalingMonteCarlo
import ScalingTheory

/// `--time` for predict and simulate: gradient flow (THEORY.md section 10,
/// Docs/Theory.md) at the given training time(s), linear features only.
enum GradientFlowOutput {
    static let predictFlag: Flag = .value("time", "T", "training time of gradient flow d theta/dt = -(1/P) grad, >= 0 or inf (inf: the ridge fit)")
    static let simulateFlag: Flag = .value("time", "T1,T2,...", "gradient flow: record L(t) at these times (>= 0 or inf), one eigendecomposition per trial")

    /// A comma-separated list of times, each >= 0 or inf; one line on misuse.
    static func times(_ arguments: Arguments) throws -> [Double]? {
        guard let text = arguments.string("time") else { return nil }
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

    /// `predict --time T`.
    static func predict(_ arguments: Arguments, format: String, spectrum: any Spectrum,
                        configuration: ModelConfiguration, time: Double) throws -> Int32 {
        let theory = try GradientFlowTheory(spectrum: spectrum, configuration: configuration)
        // t = inf is the converged ridge fit: today's prediction, exactly.
        let loss = time == .infinity ? try spectrum.predict(configuration).loss : try theory.loss(at: time)
        if !loss.isFinite {
            StandardError.write("warning: the loss is +infinity (ridgeless N = P at t = inf); finite times are finite\n")
        }
        let l0 = theory.zeroPredictorLoss
        switch format {
        case "json":
            let fields: [(String, JSONValue)] = [
                ("loss", .number(loss)), ("relativeLoss", .number(loss / l0)),
                ("time", time.isFinite ? .number(time) : .string("inf")),
                ("zeroPredictorLoss", .number(l0)),
            ] + ModelOptions.echo(arguments, spectrum: spectrum, configuration: configuration)
            print(JSONValue.object(fields).text)
        default:
            print(TableFormat.keyValue([
                ("loss <L(t)>", TableFormat.number(loss)),
                ("relative loss <L(t)>/L0", TableFormat.number(loss / l0)),
                ("time t", time.isFinite ? TableFormat.number(time) : "inf"),
            ]), terminator: "")
        }
        return 0
    }

    /// `simulate --time T1,T2,...`: Monte Carlo curve next to the theory.
    static func simulate(_ arguments: Arguments, format: String, spectrum: any Spectrum,
                         configuration: ModelConfiguration, options: SimulationOptions, times: [Double]) throws -> Int32 {
        let simulation = try GradientFlowSimulation(spectrum: spectrum, configuration: configuration, times: times,
                                                    options: options)
        let theory = try GradientFlowTheory(spectrum: spectrum, configuration: configuration).losses(at: times)
        let progress = Progress("trial", total: options.trials)
        let result = try simulation.run(progress: { _ in progress.advance() })
        let mean = result.meanLoss, se = result.lossStandardError
        let train = result.meanTrainingError, trainSE = result.trainingStandardError
        switch format {
        case "json":
            let points = JSONValue.array(times.indices.map { j in
                .object([
                    ("time", times[j].isFinite ? .number(times[j]) : .string("inf")),
                    ("mean", .number(mean[j])), ("standardError", .number(se[j])),
                    ("theory", .number(theory[j])), ("zScore", .number((mean[j] - theory[j]) / se[j])),
                    ("trainingError", .number(train[j])), ("trainingStandardError", .number(trainSE[j])),
                ])
            })
            let fields: [(String, JSONValue)] = [
                ("points", points), ("trials", .integer(result.trials)), ("seconds", .number(result.seconds)),
                ("seed", .string(String(options.seed))),
            ] + ModelOptions.echo(arguments, spectrum: spectrum, configuration: configuration)
            print(JSONValue.object(fields).text)
        default:
            let rows = times.indices.map { j -> [String] in
                [times[j].isFinite ? TableFormat.number(times[j]) : "inf", TableFormat.number(mean[j]),
                 TableFormat.number(se[j]), TableFormat.number(theory[j]),
                 String(format: "%.3f", (mean[j] - theory[j]) / se[j]), TableFormat.number(train[j])]
            }
            print("\(result.trials) trials, \(String(format: "%.3f", result.seconds)) s")
            print(TableFormat.grid(header: ["t", "mean L(t)", "std error", "theory", "z", "train error"], rows: rows),
                  terminator: "")
        }
        return 0
    }
}
