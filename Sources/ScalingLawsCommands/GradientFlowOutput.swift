import Foundation
import ScalingMonteCarlo
import ScalingTheory
import SVGPlot

/// `--time` for predict and simulate: gradient flow (Docs/Theory.md section 10,
/// Docs/Theory.md) at the given training time(s), linear features only.
enum GradientFlowOutput {
    static let predictFlag: Flag = .value("time", "T", "training time of gradient flow d theta/dt = -(1/P) grad, >= 0 or inf (inf: the ridge fit)")
    /// A list of times is its own quantity (`times`); `--time` is accepted too.
    static let simulateFlag: Flag = Flag.value("times", "T1,T2,...", "gradient flow: record L(t) at these times (>= 0 or inf), one eigendecomposition per trial (also --time)").alsoAccepting("time")

    /// `predict --time T`: one time >= 0 or inf; one line on misuse.
    static func time(_ arguments: Arguments) throws -> Double? {
        guard arguments.has("time") else { return nil }
        guard let t = try? arguments.double("time"), t >= 0 else {
            throw UsageError("--time needs a time >= 0 or inf, got '\(arguments.string("time") ?? "")'")
        }
        return t
    }

    /// `--times T1,T2,...` (or `--time`): each >= 0 or inf; one line on misuse.
    static func times(_ arguments: Arguments) throws -> [Double]? {
        guard let text = arguments.string("times") else { return nil }
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

    /// The optional `time` field of predict's summary.
    static let timeField = FieldSpec(name: "time", type: .number, label: "time t", optional: true)

    /// `predict --time T`: predict's fields (Delta, df1, df2 exist only at
    /// t = inf, the static prediction) and `time`.
    struct PredictionRow {
        var loss: Double
        var relativeLoss: Double
        var time: Double
        var regime: Regime
        var converged: Prediction?
        /// sigma_eps^2, for the test error against noisy labels.
        var noise = 0.0
    }

    /// predict's columns (kept in step with `PredictionRecord`): at t = inf
    /// the static prediction's values; at finite t the loss, relative loss
    /// and regime, and null for what exists only for the converged fit.
    static var predictionColumns: [Column<PredictionRow>] {
        PredictionRecord.columns.map { column in
            Column<PredictionRow>(spec: column.spec, value: { row in
                if let converged = row.converged {
                    return column.value(PredictionRecord(linear: converged, noise: row.noise))
                }
                switch column.spec.name {
                case "loss": return .number(row.loss)
                case "testError": return .number(row.loss + row.noise / 2)
                case "relativeLoss": return .number(row.relativeLoss)
                case "regime": return .string(row.regime.rawValue)
                default: return .null
                }
            }, display: nil)
        } + [.number("time", "time t", optional: true) { $0.time }]
    }

    static func predict(_ arguments: Arguments, format: OutputFormat, spectrum: any Spectrum,
                        configuration: ModelConfiguration, time: Double) throws -> Int32 {
        let row: PredictionRow
        if time == .infinity {
            // t = inf is the converged ridge fit: today's prediction, exactly.
            let p = try spectrum.predict(configuration)
            row = PredictionRow(loss: p.loss, relativeLoss: p.relativeLoss, time: time, regime: p.regime, converged: p,
                                noise: configuration.noiseVariance)
        } else {
            let theory = try theory(spectrum, configuration)
            let loss = try theory.loss(at: time)
            row = PredictionRow(loss: loss, relativeLoss: loss / theory.zeroPredictorLoss, time: time,
                                regime: Regime(featureCount: configuration.featureCount,
                                               sampleCount: configuration.sampleCount,
                                               latentDimension: spectrum.latentDimension), converged: nil,
                                noise: configuration.noiseVariance)
        }
        if !row.loss.isFinite {
            StandardError.write("warning: the loss is +infinity (ridgeless N = P at t = inf); finite times are finite\n")
        }
        OutputDocument(command: PredictCommand.name, inputs: arguments.inputs,
                       summary: RecordTable(predictionColumns, [row], including: ["time"])).emit(format)
        return 0
    }

    /// One time of a gradient-flow curve: Monte Carlo and theory.
    struct CurvePoint {
        var time: Double
        var theory: Double
        var mean: Double?
        var standardError: Double?
        var trainingError: Double?
        var trainingStandardError: Double?
        var zScore: Double? { mean.map { ($0 - theory) / standardError! } }
    }

    static let curveColumns: [Column<CurvePoint>] = [
        .number("time", "t") { $0.time },
        .number("loss", "theory <L(t)>") { $0.theory },
        .maybeNumber("mean", "mean L(t)") { $0.mean },
        .maybeNumber("standardError", "std error") { $0.standardError },
        .maybeNumber("zScore", "z") { $0.zScore }.shown { p in p.zScore.map { String(format: "%+.2f", $0) } ?? "n/a" },
        .maybeNumber("trainingError", "train error") { $0.trainingError },
        .maybeNumber("trainingStandardError", "its std error") { $0.trainingStandardError },
    ]

    struct CurveSummary {
        var trials: Int
        var seconds: Double
    }

    static let curveSummaryColumns: [Column<CurveSummary>] = [
        .integer("trials", "trials") { $0.trials },
        .number("seconds", "seconds") { $0.seconds }.shown { String(format: "%.3f", $0.seconds) },
    ]

    static func curve(times: [Double], theory: [Double], simulated: GradientFlowSimulationResult?) -> [CurvePoint] {
        times.indices.map { j in
            CurvePoint(time: times[j], theory: theory[j], mean: simulated?.meanLoss[j],
                       standardError: simulated?.lossStandardError[j], trainingError: simulated?.meanTrainingError[j],
                       trainingStandardError: simulated?.trainingStandardError[j])
        }
    }

    /// `simulate --time T1,T2,...`: Monte Carlo curve next to the theory.
    static func simulate(_ arguments: Arguments, format: OutputFormat, spectrum: any Spectrum,
                         configuration: ModelConfiguration, options: SimulationOptions, times: [Double]) throws -> Int32 {
        let simulation = try GradientFlowSimulation(spectrum: spectrum, configuration: configuration, times: times,
                                                    options: options)
        try WorkLimit.check(flops: Double(options.trials) * WorkLimit.trialFlops(
            featureCount: configuration.featureCount, sampleCount: configuration.sampleCount,
            latentDimension: spectrum.latentDimension), what: "this simulation")
        let theory = try theory(spectrum, configuration).losses(at: times)
        let progress = Progress("trial", total: options.trials)
        let result = try simulation.run(progress: { _ in progress.advance() })
        OutputDocument(command: SimulateCommand.name, inputs: arguments.inputs,
                       summary: RecordTable(curveSummaryColumns, [CurveSummary(trials: result.trials, seconds: result.seconds)]),
                       list: RecordTable(curveColumns, curve(times: times, theory: theory, simulated: result)))
            .emit(format)
        return 0
    }
}

extension GradientFlowOutput {
    static let budgetFlag: Flag = .value("budget", "Nt|NPt",
        "gradient flow: minimize <L> over N (and P) and training steps at compute C = N s or N P s (Docs/Theory.md)")

    /// The theory for these flags: the compressed power law when M is large
    /// (cost independent of M), else the exact eigenvalue list.
    static func theory(_ spectrum: any Spectrum, _ configuration: ModelConfiguration) throws -> GradientFlowTheory {
        if let power = spectrum as? PowerLawSpectrum, power.latentDimension > 4000, configuration.teacher.kind != .tabulated {
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

    static let allocationColumns: [Column<GradientFlowAllocation>] = [
        .number("C", "C") { $0.compute },
        .number("N", "N*") { $0.featureCount },
        .number("P", "P*") { $0.sampleCount },
        .number("steps", "steps s*") { $0.steps },
        .number("time", "t*") { $0.time },
        .number("loss", "loss*") { $0.loss },
        .number("relativeLoss", "relative loss*") { $0.relativeLoss },
    ]

    /// Fitted (least squares in ln C over all points) and predicted exponents.
    struct ExponentFit {
        var fits: [(String, Double, Double)]
        func value(_ name: String, predicted: Bool) -> Double? {
            fits.first { $0.0 == name }.map { predicted ? $0.2 : $0.1 }
        }
    }

    static let exponentColumns: [Column<ExponentFit>] = [
        .maybeNumber("featureExponentFitted", "N* exponent, fitted") { $0.value("N*", predicted: false) },
        .maybeNumber("featureExponentPredicted", "N* exponent, predicted") { $0.value("N*", predicted: true) },
        .maybeNumber("sampleExponentFitted", "P* exponent, fitted") { $0.value("P*", predicted: false) },
        .maybeNumber("sampleExponentPredicted", "P* exponent, predicted") { $0.value("P*", predicted: true) },
        .maybeNumber("stepsExponentFitted", "s* exponent, fitted") { $0.value("steps*", predicted: false) },
        .maybeNumber("stepsExponentPredicted", "s* exponent, predicted") { $0.value("steps*", predicted: true) },
        .maybeNumber("lossExponentFitted", "L* exponent, fitted") { $0.value("L*", predicted: false) },
        .maybeNumber("lossExponentPredicted", "L* exponent, predicted") { $0.value("L*", predicted: true) },
    ]

    /// `compute-optimal --budget Nt|NPt`.
    static func computeOptimal(_ arguments: Arguments) throws -> Int32 {
        let format = try arguments.format()
        let budget = GradientFlowBudget(rawValue: try arguments.choice("budget", ["Nt", "NPt"], default: "Nt"))!
        guard !arguments.has("spectrum-file") else { throw UsageError("--budget needs a power-law spectrum (--alpha, --M)") }
        guard !arguments.has("ridge") else { throw UsageError("--ridge does not apply to --budget (gradient flow uses --gamma)") }
        let from = try arguments.double("from", default: 1e4)
        let to = try arguments.double("to", default: 1e10)
        let points = try arguments.int("points", default: 7)
        let spacing = ParameterGrid.Spacing(rawValue: try arguments.choice("spacing", ["log", "linear"], default: "log"))!
        guard from.isFinite, from >= 1 else { throw UsageError("--from must be a finite number >= 1, got \(from)") }
        guard to.isFinite, to >= from else { throw UsageError("--to must be finite and >= --from, got \(to)") }
        guard (1...100).contains(points) else { throw UsageError("--points must be in 1...100, got \(points)") }
        let computes = try ParameterGrid(from: from, to: to, count: points, spacing: spacing).values
        let template = try ModelConfiguration(featureCount: 1, sampleCount: 1,
                                              ridge: try arguments.double("gamma", default: 0),
                                              teacherVariance: try arguments.double("sigma-w2", default: 1),
                                              featureWeightVariance: try arguments.double("sigma-u2", default: 1),
                                              noiseVariance: try arguments.double("noise", default: 0),
                                              teacher: try ModelOptions.teacher(arguments))
        let alpha = try arguments.requiredDouble("alpha")
        let m = try arguments.requiredDouble("M")
        guard m.isFinite else { throw UsageError("--budget needs a finite --M") }
        let optimizer = GradientFlowComputeOptimizer(alpha: alpha, lambdaPlus: try arguments.double("lambda-plus", default: 1),
                                                     latentDimension: m, teacherExponent: template.teacher.exponent,
                                                     configuration: template, budget: budget)
        let progress = Progress("compute", total: computes.count)
        let rows = try optimizer.frontier(computes: computes, progress: { progress.advance() })
        let predicted = GradientFlowScaling(alpha: alpha, teacherExponent: template.teacher.exponent)
        let cs = rows.map(\.compute)
        let fits: [(String, Double, Double)] = [
            ("N*", slope(cs, rows.map(\.featureCount)), predicted.featureExponent(budget)),
        ] + (budget == .featuresSamplesSteps ? [("P*", slope(cs, rows.map(\.sampleCount)), predicted.sampleExponent(budget))] : []) + [
            ("steps*", slope(cs, rows.map(\.steps)), predicted.stepsExponent(budget)),
            ("L*", slope(cs, rows.map(\.loss)), predicted.lossExponent(budget)),
        ]
        let exponents = fits.map { "\($0.0) ~ C^\(String(format: "%.4f", $0.1)) (predicted \(String(format: "%.4f", $0.2)))" }
        OutputDocument(command: ComputeOptimalCommand.name, inputs: arguments.inputs,
                       summary: RecordTable(exponentColumns, [ExponentFit(fits: fits)]),
                       list: RecordTable(allocationColumns, rows),
                       heading: ["budget \(budget.rawValue): steps s = t sigma_u^2 N / M; C = "
                                 + (budget == .featuresTimesSteps ? "N s (P = inf)" : "N P s")],
                       notes: ["exponents in C over all points vs arXiv:2402.01092 eqs. 14/17: "
                               + exponents.joined(separator: "; ")]).emit(format)
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
        let destination = try OutputDestination(arguments, defaultFormat: .csv)
        let times = grid.values
        let theoryLine = try theory(spectrum, configuration).losses(at: times)
        var simulated: GradientFlowSimulationResult? = nil
        if arguments.isOn("simulate") {
            let options = try GridOptions.simulationOptions(arguments)
            let progress = Progress("trial", total: options.trials)
            simulated = try GradientFlowSimulation(spectrum: spectrum, configuration: configuration, times: times,
                                                   options: options).run(progress: { _ in progress.advance() })
        }
        let document = OutputDocument(command: SweepCommand.name, inputs: arguments.inputs,
                                      list: RecordTable(curveColumns, curve(times: times, theory: theoryLine,
                                                                            simulated: simulated)))
        guard let directory = destination.directory else {
            document.emit(destination.format)
            return 0
        }
        let files = try destination.files(["sweep-time.csv", "sweep-time.json", "sweep-time.svg"])
        var series = [Plot.Series(name: "theory", points: times.indices.filter { times[$0] > 0 }.map {
            Plot.Point(x: times[$0], y: theoryLine[$0]) })]
        if let s = simulated {
            series.append(Plot.Series(name: "simulation", points: times.indices.filter { times[$0] > 0 }.map {
                Plot.Point(x: times[$0], y: s.meanLoss[$0], error: s.lossStandardError[$0]) }, style: .markers))
        }
        let plot = Plot(title: "test loss along gradient flow", xLabel: "time t", yLabel: "test loss <L(t)>",
                        xScale: spacing == .log ? .log : .linear, series: series)
        try AtomicFile.writeSet([
            (document.csv, files[0]),
            (document.rendered(.json), files[1]),
            (document.svg(plot.svg()), files[2]),
        ])
        Console.write("wrote \(directory.path)/sweep-time.{csv,json,svg} (\(times.count) points)\n")
        return 0
    }
}

extension GradientFlowOutput {
    /// The output shapes of gradient flow, each a variant of its command's
    /// schema (Docs/schemas/).
    static let simulateVariant = OutputVariant(
        title: "simulate --times T1,T2,...", selector: .given("times"),
        shape: OutputSchema(summary: curveSummaryColumns.map(\.spec), listKey: "points", list: curveColumns.map(\.spec)))
    static let sweepVariant = OutputVariant(
        title: "sweep --vary time", selector: .equals("vary", "time"),
        shape: OutputSchema(listKey: "points", list: curveColumns.map(\.spec)))
    static let budgetVariant = OutputVariant(
        title: "compute-optimal --budget Nt|NPt", selector: .given("budget"),
        shape: OutputSchema(summary: exponentColumns.map(\.spec), listKey: "points", list: allocationColumns.map(\.spec)))
}
