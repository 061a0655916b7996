import Foundation
import ScalingMonteCarlo
import ScalingTheory
import SVGPlot

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
        let theory = try theory(spectrum, configuration)
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
        let theory = try theory(spectrum, configuration).losses(at: times)
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

extension GradientFlowOutput {
    static let budgetFlag: Flag = .value("budget", "Nt|NPt",
        "gradient flow: minimize <L> over N (and P) and training steps at compute C = N s or N P s (Docs/Theory.md)")

    /// The theory for these flags: the compressed power law when M is large
    /// (cost independent of M), else the exact eigenvalue list.
    static func theory(_ spectrum: any Spectrum, _ configuration: ModelConfiguration) throws -> GradientFlowTheory {
        if let power = spectrum as? PowerLawSpectrum, power.latentDimension > 4000 {
            return try GradientFlowTheory.powerLaw(alpha: power.alpha, lambdaPlus: power.lambdaPlus,
                                                   latentDimension: power.latentDimension, configuration: configuration)
        }
        return try GradientFlowTheory(spectrum: spectrum, configuration: configuration)
    }

    /// Least-squares slope of ln y against ln x.
    static func slope(_ x: [Double], _ y: [Double]) -> Double {
        let lx = x.map { log($0) }, ly = y.map { log($0) }
        let mx = lx.reduce(0, +) / Double(lx.count), my = ly.reduce(0, +) / Double(ly.count)
        var sxy = 0.0, sxx = 0.0
        for i in lx.indices {
            sxy += (lx[i] - mx) * (ly[i] - my)
            sxx += (lx[i] - mx) * (lx[i] - mx)
        }
        return sxx > 0 ? sxy / sxx : .nan
    }

    /// `compute-optimal --budget Nt|NPt`.
    static func computeOptimal(_ arguments: Arguments, format: String, computes: [Double],
                               template: ModelConfiguration) throws -> Int32 {
        let budget = GradientFlowBudget(rawValue: try arguments.choice("budget", ["Nt", "NPt"], default: "Nt"))!
        guard !arguments.has("spectrum-file") else { throw UsageError("--budget needs a power-law spectrum (--alpha, --M)") }
        guard arguments.string("ridge") == nil else { throw UsageError("--ridge does not apply to --budget (gradient flow uses --gamma)") }
        let alpha = try arguments.requiredDouble("alpha")
        let m = try arguments.requiredDouble("M")
        guard m.isFinite else { throw UsageError("--budget needs a finite --M") }
        let optimizer = GradientFlowComputeOptimizer(alpha: alpha, lambdaPlus: try arguments.double("lambda-plus", default: 1),
                                                     latentDimension: m, configuration: template, budget: budget)
        let progress = Progress("compute", total: computes.count)
        let rows = try optimizer.frontier(computes: computes, progress: { progress.advance() })
        let predicted = GradientFlowScaling(alpha: alpha)
        let cs = rows.map(\.compute)
        let fits: [(String, Double, Double)] = [
            ("N*", slope(cs, rows.map(\.featureCount)), predicted.featureExponent(budget)),
        ] + (budget == .featuresSamplesSteps ? [("P*", slope(cs, rows.map(\.sampleCount)), predicted.sampleExponent(budget))] : []) + [
            ("steps*", slope(cs, rows.map(\.steps)), predicted.stepsExponent(budget)),
            ("L*", slope(cs, rows.map(\.loss)), predicted.lossExponent(budget)),
        ]
        switch format {
        case "json":
            let points = JSONValue.array(rows.map { a in
                .object([("C", .number(a.compute)), ("N", .number(a.featureCount)),
                         ("P", a.sampleCount.isFinite ? .number(a.sampleCount) : .string("inf")),
                         ("steps", .number(a.steps)), ("time", .number(a.time)), ("loss", .number(a.loss)),
                         ("relativeLoss", .number(a.relativeLoss))])
            })
            let exponents = JSONValue.object(fits.map { ($0.0, .object([("fitted", .number($0.1)), ("predicted", .number($0.2))])) })
            print(JSONValue.object([("budget", .string(budget.rawValue)), ("points", points), ("exponents", exponents),
                                    ("alpha", .number(alpha)), ("M", .number(m))] + ModelOptions.varianceEcho(template)).text)
        default:
            print("budget \(budget.rawValue): steps s = t sigma_u^2 N / M; C = \(budget == .featuresTimesSteps ? "N s (P = inf)" : "N P s")")
            let header = ["C", "N*"] + (budget == .featuresSamplesSteps ? ["P*"] : []) + ["steps*", "t*", "loss*"]
            let table = rows.map { a -> [String] in
                [a.compute, a.featureCount].map(TableFormat.number)
                    + (budget == .featuresSamplesSteps ? [TableFormat.number(a.sampleCount)] : [])
                    + [a.steps, a.time, a.loss].map(TableFormat.number)
            }
            print(TableFormat.grid(header: header, rows: table), terminator: "")
            print("exponents in C (fit over all points) vs arXiv:2402.01092 eqs. 14/17:")
            print(TableFormat.grid(header: ["quantity", "fitted", "predicted"],
                                   rows: fits.map { [$0.0, String(format: "%.4f", $0.1), String(format: "%.4f", $0.2)] }),
                  terminator: "")
        }
        return 0
    }
}

extension GradientFlowOutput {
    /// `sweep --vary time`: L(t) on a grid of times (theory line; with
    /// --simulate, one Monte Carlo run records every grid time per trial).
    /// Writes sweep-time.{csv,json,svg}.
    static func sweepTime(_ arguments: Arguments) throws -> Int32 {
        let spacing = ParameterGrid.Spacing(rawValue: try arguments.choice("spacing", ["log", "linear"], default: "log"))!
        let from = try arguments.requiredDouble("from"), to = try arguments.requiredDouble("to")
        guard from >= 0, to.isFinite, to >= from else {
            throw UsageError("--vary time needs 0 <= --from <= --to < inf, got \(from) and \(to)")
        }
        let grid = try ParameterGrid(from: from, to: to, count: arguments.int("points", default: 25), spacing: spacing)
        let spectrum = try ModelOptions.spectrum(arguments)
        let configuration = try ModelOptions.configuration(arguments)
        for flag in ["trials", "seed", "threads"] where arguments.has(flag) && !arguments.isOn("simulate") {
            throw UsageError("--\(flag) needs --simulate")
        }
        let directory = try AtomicFile.directory(arguments.string("output") ?? "scaling-laws-output")
        let times = grid.values
        let theoryLine = try theory(spectrum, configuration).losses(at: times)
        var simulated: GradientFlowSimulationResult? = nil
        if arguments.isOn("simulate") {
            let options = try GridOptions.simulationOptions(arguments)
            let progress = Progress("trial", total: options.trials)
            simulated = try GradientFlowSimulation(spectrum: spectrum, configuration: configuration, times: times,
                                                   options: options).run(progress: { _ in progress.advance() })
        }
        var csv = "time,theory" + (simulated == nil ? "" : ",mean,standardError,trainingError") + "\n"
        for j in times.indices {
            csv += "\(times[j]),\(theoryLine[j])"
            if let s = simulated { csv += ",\(s.meanLoss[j]),\(s.lossStandardError[j]),\(s.meanTrainingError[j])" }
            csv += "\n"
        }
        let points = JSONValue.array(times.indices.map { j in
            var fields: [(String, JSONValue)] = [("time", .number(times[j])), ("theory", .number(theoryLine[j]))]
            if let s = simulated {
                fields += [("mean", .number(s.meanLoss[j])), ("standardError", .number(s.lossStandardError[j])),
                           ("trainingError", .number(s.meanTrainingError[j]))]
            }
            return .object(fields)
        })
        let json = JSONValue.object([("vary", .string("time")), ("points", points)]
                                    + ModelOptions.echo(arguments, spectrum: spectrum, configuration: configuration))
        try AtomicFile.write(csv, to: directory.appendingPathComponent("sweep-time.csv"))
        try AtomicFile.write(json.text + "\n", to: directory.appendingPathComponent("sweep-time.json"))
        var series = [Plot.Series(name: "theory", points: times.indices.filter { times[$0] > 0 }.map {
            Plot.Point(x: times[$0], y: theoryLine[$0]) })]
        if let s = simulated {
            series.append(Plot.Series(name: "simulation", points: times.indices.filter { times[$0] > 0 }.map {
                Plot.Point(x: times[$0], y: s.meanLoss[$0], error: s.lossStandardError[$0]) }, style: .markers))
        }
        let plot = Plot(title: "test loss along gradient flow", xLabel: "time t", yLabel: "test loss <L(t)>",
                        xScale: spacing == .log ? .log : .linear, series: series)
        try AtomicFile.write(plot.svg(), to: directory.appendingPathComponent("sweep-time.svg"))
        print("wrote \(directory.path)/sweep-time.{csv,json,svg} (\(times.count) points)")
        return 0
    }
}
