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
    ] + SimulationFlags.trialFlags(per: "simulated point", threads: "worker threads for the simulation (default: one per core)")
        + OutputDestination.flags(stdout: "the data") + [TrialExecution.shardFlag] + SGDFlags.flags + DataSimulate.flags
    static let requiredFlags: Set<String> = ["vary", "from", "to"]
    static let schema: OutputSchema? = OutputSchema(list: SweepPointRecord.columns,
                                                    variants: [timeVariant, stepsVariant, DataSweepCommand.sweepVariant])

    static func run(_ arguments: Arguments) throws -> Int32 {
        if arguments.string("vary") == "time" { return try sweepTime(arguments) }
        if arguments.string("vary") == "steps" { return try sweepSteps(arguments) }
        if try SGDFlags.isRequested(arguments) { throw UsageError("--optimizer sgd sweeps --vary steps") }
        if arguments.has("data") || arguments.has("labels") { return try DataSweepCommand.sweep(arguments) }
        let (parameter, grid) = try GridOptions.parse(arguments)
        let spectrum = try ModelOptions.spectrum(arguments)
        let base = try GridOptions.baseConfiguration(arguments, varying: parameter, grid: grid)
        let options = try GridOptions.simulationOptionsIfSimulated(arguments, also: ["shard"])
        let destination = try OutputDestination(arguments, defaultFormat: .csv)

        let table: SweepTable
        if let options {
            try WorkLimit.check(flops: WorkEstimate.sweepFlops(spectrum: spectrum, base: base, vary: parameter, grid: grid,
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
        return try destination.write(table.document(inputs: arguments.inputs), stem: "sweep-\(parameter.rawValue)",
                                     count: "\(table.rows.count) points") {
            try table.figure(spectrum: spectrum, base: base, grid: grid, options: options).svg()
        }
    }

    /// `sweep --vary time`: L(t) on a grid of times (theory line; with
    /// --simulate, one Monte Carlo run records every grid time per trial).
    /// Writes sweep-time.{csv,json,svg}.
    static let timeVariant = OutputVariant(title: "sweep --vary time", selector: .equals("vary", "time"),
                                           shape: OutputSchema(list: GradientFlowCurveRecord.columns))

    static func sweepTime(_ arguments: Arguments) throws -> Int32 {
        let (grid, spacing) = try GridOptions.parseCurve(arguments) {
            guard $0 >= 0, $1.isFinite, $1 >= $0 else {
                throw UsageError("--vary time needs 0 <= --from <= --to < inf, got \($0) and \($1)")
            }
        }
        let spectrum = try ModelOptions.spectrum(arguments)
        let configuration = try ModelOptions.configuration(arguments)
        let options = try GridOptions.simulationOptionsIfSimulated(arguments)
        let destination = try OutputDestination(arguments, defaultFormat: .csv)
        let times = grid.values
        let theory = try GradientFlowTheory.preferred(spectrum: spectrum, configuration: configuration)
            .losses(at: times)
        var simulated: GradientFlowSimulationResult? = nil
        if let options {
            let simulation = try GradientFlowSimulation(spectrum: spectrum, configuration: configuration, times: times,
                                                        options: options)
            guard let result = try TrialExecution.results([simulation], arguments, label: "trial")?.first else { return 0 }
            simulated = result
        }
        let points = GradientFlowCurvePoint.curve(times: times, theory: theory, simulated: simulated)
        return try destination.write(OutputDocument(command: name, inputs: arguments.inputs,
                                                    list: RecordTable(GradientFlowCurveRecord.columns, points)),
                                     stem: "sweep-time", count: "\(times.count) points") {
            GradientFlowCurvePoint.plot(points, spacing: spacing).svg()
        }
    }

    /// `sweep --vary steps --optimizer sgd`: <L>(R) on a grid of step counts
    /// (rounded to whole numbers, repeats dropped); with --simulate, one Monte
    /// Carlo run records every grid point per trial. Writes sweep-steps.{csv,json,svg}.
    static let stepsVariant = OutputVariant(title: "sweep --vary steps", selector: .equals("vary", "steps"),
                                            shape: OutputSchema(list: SGDCurveRecord.columns))

    static func sweepSteps(_ arguments: Arguments) throws -> Int32 {
        guard try SGDFlags.isRequested(arguments) else { throw UsageError("--vary steps needs --optimizer sgd") }
        guard !arguments.has("steps") else { throw UsageError("--vary steps takes --from and --to, not --steps") }
        let (grid, spacing) = try GridOptions.parseCurve(arguments) {
            guard $0 >= 0, $1.isFinite, $1 >= $0, $1 <= Double(Arguments.largestWholeNumber) else {
                throw UsageError("--vary steps needs 0 <= --from <= --to <= \(Arguments.largestWholeNumber), got \($0) and \($1)")
            }
        }
        let steps = SGDCurvePoint.stepCounts(grid)
        let spectrum = try ModelOptions.spectrum(arguments)
        let configuration = try SGDFlags.configuration(arguments)
        let sgd = try SGDFlags.hyperparameters(arguments)
        let options = try GridOptions.simulationOptionsIfSimulated(arguments)
        let destination = try OutputDestination(arguments, defaultFormat: .csv)
        let theory = try SGDFlags.theory(spectrum, configuration, sgd).losses(atSteps: steps.map(Double.init))
        var simulated: SGDSimulationResult? = nil
        if let options {
            guard let result = try SGDFlags.simulation(arguments, spectrum: spectrum, configuration: configuration,
                                                       sgd: sgd, steps: steps, options: options) else { return 0 }
            simulated = result
        }
        let points = SGDCurvePoint.curve(steps: steps, batchSize: sgd.batchSize, theory: theory, simulated: simulated)
        return try destination.write(OutputDocument(command: name, inputs: arguments.inputs,
                                                    list: RecordTable(SGDCurveRecord.columns, points)),
                                     stem: "sweep-steps", count: "\(steps.count) points") {
            SGDCurveFigure.plot(steps: steps, theory: theory, simulated: simulated, sgd: sgd, spacing: spacing).svg()
        }
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
