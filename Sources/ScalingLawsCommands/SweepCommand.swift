import Foundation
import ScalingFigures
import ScalingMonteCarlo
import ScalingOutput
import ScalingTheory

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
    ] + SGDOutput.flags + DataSimulate.flags
    static let requiredFlags: Set<String> = ["vary", "from", "to"]
    static let schema: OutputSchema? = OutputSchema(listKey: "points", list: SweepPointRecord.columns.map(\.spec),
                                                    variants: [timeVariant, SGDOutput.sweepVariant, DataOutputShapes.sweep])

    static func run(_ arguments: Arguments) throws -> Int32 {
        if arguments.string("vary") == "time" { return try sweepTime(arguments) }
        if arguments.string("vary") == "steps" { return try SGDOutput.sweep(arguments) }
        if try SGDOutput.isRequested(arguments) { throw UsageError("--optimizer sgd sweeps --vary steps") }
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
        let options = arguments.isOn("simulate") ? try GridOptions.simulationOptions(arguments) : nil
        let plot = try table.figure(spectrum: spectrum, base: base, grid: grid, options: options)
        try AtomicFile.writeSet([
            (document.csv, files[0]),
            (document.rendered(.json), files[1]),
            (document.svg(plot.svg()), files[2]),
        ])
        Console.write("wrote \(directory.path)/\(stem).{csv,json,svg} (\(table.rows.count) points)\n")
        return 0
    }

    /// `sweep --vary time`: L(t) on a grid of times (theory line; with
    /// --simulate, one Monte Carlo run records every grid time per trial).
    /// Writes sweep-time.{csv,json,svg}.
    static let timeVariant = OutputVariant(
        title: "sweep --vary time", selector: .equals("vary", "time"),
        shape: OutputSchema(listKey: "points", list: GradientFlowCurveRecord.columns.map(\.spec)))

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
        let theory = try GradientFlowTheory.preferred(spectrum: spectrum, configuration: configuration)
            .losses(at: times)
        var simulated: GradientFlowSimulationResult? = nil
        if arguments.isOn("simulate") {
            let simulation = try GradientFlowSimulation(spectrum: spectrum, configuration: configuration, times: times,
                                                        options: try GridOptions.simulationOptions(arguments))
            guard let result = try TrialExecution.results([simulation], arguments, label: "trial")?.first else { return 0 }
            simulated = result
        }
        let points = GradientFlowCurvePoint.curve(times: times, theory: theory, simulated: simulated)
        let document = OutputDocument(command: name, inputs: arguments.inputs,
                                      list: RecordTable(GradientFlowCurveRecord.columns, points))
        guard let directory = destination.directory else {
            document.emit(destination.format)
            return 0
        }
        let files = try destination.files(["sweep-time.csv", "sweep-time.json", "sweep-time.svg"])
        try AtomicFile.writeSet([
            (document.csv, files[0]),
            (document.rendered(.json), files[1]),
            (document.svg(GradientFlowCurvePoint.plot(points, spacing: spacing).svg()), files[2]),
        ])
        Console.write("wrote \(directory.path)/sweep-time.{csv,json,svg} (\(times.count) points)\n")
        return 0
    }
}

extension SweepTable {
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
}
