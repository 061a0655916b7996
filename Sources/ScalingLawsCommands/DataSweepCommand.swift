import Foundation
import ScalingData
import ScalingFigures
import ScalingOutput
import ScalingTheory
import SVGPlot

/// `sweep --data` and `compare --data`: learning curves on a real data set,
/// the theory's test error (from the data's spectrum, teacher and residual
/// noise) against random-feature ridge regression on its rows.
enum DataSweepCommand {
    static let sweepVariant = OutputVariant(title: "sweep --data PATH", selector: .given("data"),
                                            shape: OutputSchema(list: DataSweepRecord.columns))
    static let compareVariant = OutputVariant(title: "compare --data PATH", selector: .given("data"),
                                              shape: OutputSchema(summary: CompareCommand.summaryColumns,
                                                                  list: DataSweepRecord.columns))

    /// The grid points on the data set: the theory at each, and with
    /// `simulate` the measurement; `checked(parameter)` runs before the work
    /// (the output files' check), and `plot` draws the points.
    static func points(_ arguments: Arguments, simulate: Bool, checked: (SweepParameter) throws -> Void = { _ in })
        throws -> (parameter: SweepParameter, points: [DataSweepPoint], plot: () throws -> Plot) {
        try TrialExecution.requireLocal(arguments, what: "a simulation on --data")
        for name in DataSimulate.synthetic where arguments.has(name) {
            throw UsageError("--\(name) cannot be combined with --data (the data set fixes the spectrum, teacher and noise)")
        }
        let (parameter, grid) = try GridOptions.parse(arguments)
        let base = try GridOptions.baseConfiguration(arguments, varying: parameter, grid: grid)
        let simulation = try GridOptions.simulationOptions(arguments)
        // The synthetic model's defaults read above are not inputs here (given, they were refused),
        // and a theory-only sweep has no trials: recorded, `rerun` would pass flags --data refuses.
        arguments.log.forget(DataSimulate.synthetic)
        if !simulate { arguments.log.forget(["trials", "seed"]) }
        let options = DataSimulationOptions(trials: simulation.trials, seed: simulation.seed,
                                            testRows: try arguments.int("test-rows"), threads: simulation.threads)
        let (data, analysis) = try Heartbeat.whileChecking { try DataOptions.analysed(arguments) }
        let noisePower = try DataSimulate.noisePower(arguments, data, analysis)
        try checked(parameter)
        let progress = Progress("simulating \(parameter.rawValue)", total: grid.count)
        let points = simulate
            ? try DataSweep.simulation(data: data, analysis: analysis, base: base, vary: parameter, over: grid,
                                       options: options, noisePower: noisePower, progress: { _ in progress.advance() })
            : try DataSweep.theory(analysis: analysis, base: base, vary: parameter, over: grid, noisePower: noisePower)
        return (parameter, points, {
            try DataSweep.plot(analysis: analysis, base: base, vary: parameter, grid: grid,
                               measured: simulate ? points : nil, noisePower: noisePower)
        })
    }

    /// `sweep --data`: CSV, JSON and SVG in the output directory (or the data on stdout with `--output -`).
    static func sweep(_ arguments: Arguments) throws -> Int32 {
        let simulate = try GridOptions.simulationOptionsIfSimulated(arguments, also: ["test-rows"]) != nil
        let destination = try OutputDestination(arguments, defaultFormat: .csv)
        let sweep = try points(arguments, simulate: simulate) { _ = try destination.figureFiles("sweep-\($0.rawValue)") }
        let document = OutputDocument(command: SweepCommand.name, inputs: arguments.inputs, list: RecordTable(
            DataSweepRecord.columns, sweep.points.map { DataSweepRecord(point: $0) },
            including: simulate ? DataSweepRecord.simulationFields : []))
        return try destination.write(document, stem: "sweep-\(sweep.parameter.rawValue)",
                                     count: "\(sweep.points.count) points") { try sweep.plot().svg() }
    }

    /// `compare --data`: theory against measurement per point; exit 1 when
    /// any |z| exceeds `--max-z`.
    static func compare(_ arguments: Arguments) throws -> Int32 {
        let format = try arguments.format()
        let maxZ = try arguments.double("max-z", default: 4)
        guard maxZ > 0, maxZ.isFinite else { throw UsageError("--max-z must be a positive number, got \(maxZ)") }
        if arguments.has("simulation-sigma-u2") { throw UsageError("--simulation-sigma-u2 cannot be combined with --data") }
        let records = try points(arguments, simulate: true).points.map { DataSweepRecord(point: $0, maxZ: maxZ) }
        let failures = records.filter { !$0.pass }
        var document = OutputDocument(command: CompareCommand.name, inputs: arguments.inputs,
                                      summary: RecordTable(CompareCommand.summaryColumns, [failures.isEmpty]),
                                      list: RecordTable(DataSweepRecord.columns, records,
                                                        including: DataSweepRecord.simulationFields.union(["pass"])))
        document.notes = [failures.isEmpty ? "all \(records.count) points within |z| <= \(TableFormat.number(maxZ))"
                          : "\(failures.count) of \(records.count) points exceed |z| = \(TableFormat.number(maxZ))"]
        document.emit(format)
        return failures.isEmpty ? 0 : 1
    }
}
