import Foundation
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingTheory
import SVGPlot

/// `scaling-laws sweep`: theory (and optionally simulation) along one
/// parameter, written as CSV, JSON and an SVG figure.
enum SweepCommand: Command {
    static let name = "sweep"
    static let summary = "Sweep N, P, gamma or compute C = N P; write CSV, JSON and an SVG figure."
    static let flags = ModelOptions.spectrumFlags + ModelOptions.configurationFlags + GridOptions.flags + [
        .toggle("simulate", "add Monte Carlo points with error bars (linear features)"),
        .value("trials", "K", "trials per simulated point, >= 2 (default 32)"),
        .value("seed", "S", "seed of the first simulated point; point k uses seed + k (default 0)"),
        .value("threads", "T", "worker threads for the simulation (default: one per core)"),
        .value("output", "DIR|-", "output directory (default ./scaling-laws-output/); - writes the data to stdout"),
        .value("format", "csv|json|table", "with --output -: the format on stdout (default csv)"),
        .toggle("force", "replace existing output files (otherwise an existing file is an error)"),
        TrialExecution.shardFlag,
    ] + DataSimulate.flags
    static let requiredFlags: Set<String> = ["vary", "from", "to"]
    static let schema: OutputSchema? = OutputSchema(listKey: "points", list: SweepPointRecord.columns.map(\.spec),
                                                    variants: [GradientFlowOutput.sweepVariant, DataOutputShapes.sweep])

    static func run(_ arguments: Arguments) throws -> Int32 {
        if arguments.string("vary") == "time" { return try GradientFlowOutput.sweepTime(arguments) }
        if arguments.has("data") || arguments.has("labels") { return try DataSweepCommand.sweep(arguments) }
        let (parameter, grid) = try GridOptions.parse(arguments)
        let spectrum = try ModelOptions.spectrum(arguments)
        let base = try GridOptions.baseConfiguration(arguments, varying: parameter, grid: grid)
        for flag in ["trials", "seed", "threads", "shard"] where arguments.has(flag) && !arguments.isOn("simulate") {
            throw UsageError("--\(flag) needs --simulate")
        }
        let destination = try OutputDestination(arguments, defaultFormat: .csv)

        let table: SweepTable
        if arguments.isOn("simulate") {
            let options = try GridOptions.simulationOptions(arguments)
            try WorkLimit.check(flops: WorkLimit.sweepFlops(spectrum: spectrum, base: base, vary: parameter, grid: grid,
                                                            trials: options.trials), what: "this simulated sweep")
            let plan = try Sweep.simulationPlan(spectrum: spectrum, base: base, vary: parameter, over: grid,
                                                options: options)
            guard let results = try TrialExecution.results(plan.simulations, arguments,
                                                           label: "simulating \(parameter.rawValue): trial") else {
                return 0
            }
            table = SweepTable(parameter: parameter, simulated: plan.points(results: results))
        } else {
            table = SweepTable(parameter: parameter,
                               theory: try Sweep.theory(spectrum: spectrum, base: base, vary: parameter, over: grid))
        }
        let document = table.document(inputs: arguments.inputs)
        guard let directory = destination.directory else {
            document.emit(destination.format)
            return 0
        }
        let stem = "sweep-\(parameter.rawValue)"
        let files = try destination.files(["\(stem).csv", "\(stem).json", "\(stem).svg"])
        // The theory line is drawn on a grid of at least 200 points, whatever
        // the sweep's, plus the interpolation peak itself when the grid crosses it.
        let lineGrid = try ParameterGrid(from: grid.lower, to: grid.upper, count: max(grid.count, 200),
                                         spacing: grid.spacing)
        var line = try Sweep.theory(spectrum: spectrum, base: base, vary: parameter, over: lineGrid)
        let peaks = table.peaks(spectrum: spectrum, base: base)
        for x in peaks where x > grid.lower && x < grid.upper {
            line += try Sweep.theory(spectrum: spectrum, base: base, vary: parameter,
                                     over: ParameterGrid(from: x, to: x, count: 1))
        }
        line.sort { $0.value < $1.value }
        var subtitle = FigureText.spectrum(spectrum) + ", "
            + FigureText.configuration(base, omitting: parameter == .compute ? ["N", "P"] : [parameter.rawValue])
        if parameter == .compute {
            subtitle += ", N/P = \(FigureText.number(base.featureCount / base.sampleCount))"
        }
        if arguments.isOn("simulate") {
            let options = try GridOptions.simulationOptions(arguments)
            subtitle += "; " + FigureText.trials(options.trials, seed: options.seed)
        }
        var plot = table.plot(spectrum: spectrum, title: "Test loss ⟨L⟩ against \(parameter.axisLabel)", line: line)
        plot.subtitle = subtitle
        plot.xScale = grid.spacing == .linear ? .linear : .log
        plot.yRange = FigureText.yRange(excludingPeaksAt: peaks, series: plot.series)
        plot.xSymbol = parameter.rawValue == "gamma" ? "γ" : parameter.rawValue
        try AtomicFile.writeSet([
            (document.csv, files[0]),
            (document.rendered(.json), files[1]),
            (document.svg(plot.svg()), files[2]),
        ])
        Console.write("wrote \(directory.path)/\(stem).{csv,json,svg} (\(table.rows.count) points)\n")
        return 0
    }
}

/// The grid and simulation flags shared by `sweep` and `compare`.
enum GridOptions {
    static let flags: [Flag] = [
        .value("vary", "N|P|gamma|compute|time", "the parameter to vary (compute keeps the ratio N/P of --N/--P, default 1; time: gradient flow L(t))"),
        .value("from", "A", "first grid value"),
        .value("to", "B", "last grid value"),
        .value("points", "K", "number of grid points (default 25)"),
        .value("spacing", "log|linear", "grid spacing (default log)"),
    ]

    static func parse(_ arguments: Arguments) throws -> (SweepParameter, ParameterGrid) {
        guard arguments.has("vary") else { throw UsageError("missing --vary N|P|gamma|compute") }
        let parameter = SweepParameter(rawValue: try arguments.choice("vary", ["N", "P", "gamma", "compute"],
                                                                      default: "N"))!
        let spacing = ParameterGrid.Spacing(rawValue: try arguments.choice("spacing", ["log", "linear"],
                                                                           default: "log"))!
        let grid = try ParameterGrid(from: arguments.requiredDouble("from"), to: arguments.requiredDouble("to"),
                                     count: arguments.int("points", default: 25), spacing: spacing)
        return (parameter, grid)
    }

    /// The fixed parameters: the varied one need not be given (for compute
    /// sweeps --N and --P, if given, only set the ratio N/P).
    static func baseConfiguration(_ arguments: Arguments, varying parameter: SweepParameter,
                                  grid: ParameterGrid) throws -> ModelConfiguration {
        func size(_ flag: String, varied: Bool) throws -> Double {
            if let value = try arguments.double(flag) { return value }
            if varied || parameter == .compute { return 1 }
            throw UsageError("missing --\(flag)")
        }
        return try ModelConfiguration(
            featureCount: size("N", varied: parameter == .featureCount),
            sampleCount: size("P", varied: parameter == .sampleCount),
            ridge: try arguments.double("gamma", default: 0),
            teacherVariance: try arguments.double("sigma-w2", default: 1),
            featureWeightVariance: try arguments.double("sigma-u2", default: 1),
            noiseVariance: try arguments.double("noise", default: 0),
            teacher: try ModelOptions.teacher(arguments))
    }

    /// `--trials` (>= 2, so that a standard error exists), `--seed`, `--threads`.
    static func simulationOptions(_ arguments: Arguments) throws -> SimulationOptions {
        let trials = try arguments.int("trials", default: 32)
        guard trials >= 2 else { throw UsageError("--trials must be >= 2 for an error bar, got \(trials)") }
        return SimulationOptions(trials: trials, seed: try SimulateCommand.seed(arguments),
                                 threads: try arguments.int("threads"))
    }
}

extension SweepParameter {
    /// Axis label with the paper's symbol.
    var axisLabel: String {
        switch self {
        case .featureCount: return "features N"
        case .sampleCount: return "samples P"
        case .ridge: return "ridge γ"
        case .compute: return "compute C = N P"
        }
    }
}

/// A sweep's rows, and their CSV, JSON and figure forms.
struct SweepTable {
    struct Row {
        var value: Double
        var configuration: ModelConfiguration
        var prediction: Prediction
        var simulation: SimulationResult?
    }

    var parameter: SweepParameter
    var rows: [Row]

    init(parameter: SweepParameter, theory points: [SweepPoint]) {
        self.parameter = parameter
        rows = points.map { Row(value: $0.value, configuration: $0.configuration, prediction: $0.prediction) }
    }

    init(parameter: SweepParameter, simulated points: [SimulatedSweepPoint]) {
        self.parameter = parameter
        rows = points.map { Row(value: $0.value, configuration: $0.configuration, prediction: $0.theory,
                                simulation: $0.simulation) }
    }

    var isSimulated: Bool { rows.contains { $0.simulation != nil } }

    /// The sweep's output: one sweep-point record per row, the simulation
    /// fields only when simulated.
    func document(inputs: [(String, JSONValue)]) -> OutputDocument {
        let records = rows.map { SweepPointRecord(value: $0.value, configuration: $0.configuration,
                                                  prediction: $0.prediction, simulation: $0.simulation) }
        var list = RecordTable(SweepPointRecord.columns, records,
                               including: isSimulated ? SweepPointRecord.simulationFields : [])
        list.fields[0].label = "grid \(parameter.rawValue)"
        return OutputDocument(command: SweepCommand.name, inputs: inputs, list: list)
    }

    /// Theory line, simulation markers with error bars, dashed marks at
    /// N = P and at min(N, P) = M.
    func plot(spectrum: any Spectrum, title: String, line: [SweepPoint]? = nil, theoryName: String = "theory",
              simulationName: String = "simulation") -> Plot {
        let linePoints = line.map { $0.map { Plot.Point(x: $0.value, y: $0.prediction.loss) } }
            ?? rows.map { Plot.Point(x: $0.value, y: $0.prediction.loss) }
        var series = [Plot.Series(name: theoryName, points: linePoints)]
        if isSimulated {
            series.append(Plot.Series(name: simulationName, points: rows.compactMap { row in
                row.simulation.map { Plot.Point(x: row.value, y: $0.mean, error: $0.standardError) }
            }, style: .markers))
        }
        return Plot(title: title, xLabel: parameter.axisLabel, yLabel: "test loss ⟨L⟩", series: series,
                    markers: boundaries(spectrum: spectrum))
    }

    /// Where the varied parameter reaches a ridgeless interpolation peak
    /// (N = P < M at gamma = 0), where the loss is +infinity.
    func peaks(spectrum: any Spectrum, base: ModelConfiguration) -> [Double] {
        guard base.ridge == 0 else { return [] }
        let m = spectrum.latentDimension
        switch parameter {
        case .featureCount: return base.sampleCount < m ? [base.sampleCount] : []
        case .sampleCount: return base.featureCount < m ? [base.featureCount] : []
        case .ridge, .compute: return []
        }
    }

    /// Where the varied parameter crosses N = P and min(N, P) = M.
    func boundaries(spectrum: any Spectrum) -> [Plot.Marker] {
        guard let first = rows.first?.configuration else { return [] }
        let m = spectrum.latentDimension
        switch parameter {
        case .featureCount:
            var marks = [Plot.Marker(x: first.sampleCount, label: "N = P")]
            if first.sampleCount > m { marks.append(Plot.Marker(x: m, label: "N = M")) }
            return marks
        case .sampleCount:
            var marks = [Plot.Marker(x: first.featureCount, label: "P = N")]
            if first.featureCount > m { marks.append(Plot.Marker(x: m, label: "P = M")) }
            return marks
        case .compute:
            // min(N, P) = M at C = M^2 / min(r, 1/r) with r = N/P.
            let ratio = first.featureCount / first.sampleCount
            return m.isFinite ? [Plot.Marker(x: m * m / min(ratio, 1 / ratio), label: "min(N, P) = M")] : []
        case .ridge:
            return []
        }
    }
}
