import Foundation
import ScalingData
import ScalingTheory
import SVGPlot

/// `sweep --data` and `compare --data`: learning curves on a real data set,
/// the theory's test error (from the data's spectrum, teacher and residual
/// noise) against random-feature ridge regression on its rows.
enum DataSweepCommand {
    /// The data set, its analysis, the grid and the base configuration.
    struct Setup {
        var parameter: SweepParameter
        var grid: ParameterGrid
        var base: ModelConfiguration
        var data: CentredDataSet
        var analysis: DataSetAnalysis
        var options: DataSimulationOptions
    }

    static func setup(_ arguments: Arguments) throws -> Setup {
        for name in DataSimulate.synthetic where arguments.has(name) {
            throw UsageError("--\(name) cannot be combined with --data (the data set fixes the spectrum, teacher and noise)")
        }
        let (parameter, grid) = try GridOptions.parse(arguments)
        let base = try GridOptions.baseConfiguration(arguments, varying: parameter, grid: grid)
        let simulation = try GridOptions.simulationOptions(arguments)
        let options = DataSimulationOptions(trials: simulation.trials, seed: simulation.seed,
                                            testRows: try arguments.int("test-rows"), threads: simulation.threads)
        guard let dataSet = try DataOptions.load(arguments) else { throw UsageError("missing --data PATH") }
        let data = try CentredDataSet(dataSet)
        let analysis = try DataSetAnalysis(data, relativeCutoff: try arguments.double("cutoff", default: DataSetAnalysis.defaultCutoff))
        return Setup(parameter: parameter, grid: grid, base: base, data: data, analysis: analysis, options: options)
    }

    static func points(_ s: Setup, simulate: Bool) throws -> [DataSweepPoint] {
        guard simulate else { return try DataSweep.theory(analysis: s.analysis, base: s.base, vary: s.parameter, over: s.grid) }
        let progress = Progress("simulating \(s.parameter.rawValue)", total: s.grid.count)
        return try DataSweep.simulation(data: s.data, analysis: s.analysis, base: s.base, vary: s.parameter,
                                        over: s.grid, options: s.options, progress: { _ in progress.advance() })
    }

    /// `sweep --data`: CSV, JSON and SVG in the output directory.
    static func sweep(_ arguments: Arguments) throws -> Int32 {
        for flag in ["trials", "seed", "threads", "test-rows"] where arguments.has(flag) && !arguments.isOn("simulate") {
            throw UsageError("--\(flag) needs --simulate")
        }
        let directory = try AtomicFile.directory(arguments.string("output") ?? "scaling-laws-output")
        let s = try setup(arguments)
        let points = try points(s, simulate: arguments.isOn("simulate"))
        let lineGrid = try ParameterGrid(from: s.grid.lower, to: s.grid.upper, count: max(s.grid.count, 200),
                                         spacing: s.grid.spacing)
        let line = try DataSweep.theory(analysis: s.analysis, base: s.base, vary: s.parameter, over: lineGrid)
        let stem = "sweep-\(s.parameter.rawValue)"
        try AtomicFile.write(csv(points), to: directory.appendingPathComponent("\(stem).csv"))
        try AtomicFile.write(json(points, s, arguments).text + "\n", to: directory.appendingPathComponent("\(stem).json"))
        var series = [Plot.Series(name: "theory <L> + sigma_eps^2/2",
                                  points: line.map { Plot.Point(x: $0.value, y: $0.theory.testError) })]
        if arguments.isOn("simulate") {
            series.append(Plot.Series(name: "measured on the data", points: points.compactMap { p in
                p.simulation.map { Plot.Point(x: p.value, y: $0.testError.mean, error: $0.testError.standardError) }
            }, style: .markers))
        }
        let plot = Plot(title: "test error on the data against \(s.parameter.axisLabel)", xLabel: s.parameter.axisLabel,
                        yLabel: "test error 1/2 E[(z - y)^2]", series: series)
        try AtomicFile.write(plot.svg(), to: directory.appendingPathComponent("\(stem).svg"))
        print("wrote \(directory.path)/\(stem).{csv,json,svg} (\(points.count) points)")
        return 0
    }

    /// `compare --data`: theory against measurement per point; exit 1 when
    /// any |z| exceeds `--max-z`.
    static func compare(_ arguments: Arguments) throws -> Int32 {
        let format = try arguments.choice("format", ["json", "table"], default: "table")
        let maxZ = try arguments.double("max-z", default: 4)
        guard maxZ > 0, maxZ.isFinite else { throw UsageError("--max-z must be a positive number, got \(maxZ)") }
        if arguments.has("simulation-sigma-u2") { throw UsageError("--simulation-sigma-u2 cannot be combined with --data") }
        let s = try setup(arguments)
        let points = try points(s, simulate: true)
        let failures = points.filter { !(abs($0.zScore ?? .nan) <= maxZ) }
        switch format {
        case "json":
            print(JSONValue.object(json(points, s, arguments).objectFields + [
                ("maxZ", .number(maxZ)), ("pass", .bool(failures.isEmpty)),
            ]).text)
        default:
            let rows = points.map { p -> [String] in
                let m = p.simulation!
                return [TableFormat.number(p.value), TableFormat.number(p.configuration.featureCount),
                        TableFormat.number(p.configuration.sampleCount), TableFormat.number(p.configuration.ridge),
                        String(format: "%.5f", p.theory.testError), String(format: "%.5f", m.testError.mean),
                        String(format: "%.5f", m.testError.standardError), String(format: "%.4f", p.ratio!),
                        String(format: "%+.2f", p.zScore!), abs(p.zScore!) <= maxZ ? "ok" : "FAIL"]
            }
            print(TableFormat.grid(header: ["grid \(s.parameter.rawValue)", "N", "P", "gamma", "theory", "measured",
                                            "stderr", "ratio", "z", ""], rows: rows), terminator: "")
            print(failures.isEmpty ? "all \(points.count) points within |z| <= \(TableFormat.number(maxZ))"
                  : "\(failures.count) of \(points.count) points exceed |z| = \(TableFormat.number(maxZ))")
        }
        return failures.isEmpty ? 0 : 1
    }

    static func csv(_ points: [DataSweepPoint]) -> String {
        let simulated = points.contains { $0.simulation != nil }
        var out = "value,N,P,gamma,testError,loss,trainingError"
            + (simulated ? ",measured,standardError,measuredTrainingError,gcv,ratio,zScore" : "") + "\n"
        func field(_ x: Double) -> String { x.isFinite ? "\(x)" : (x.isNaN ? "nan" : "inf") }
        for p in points {
            let c = p.configuration
            out += [p.value, c.featureCount, c.sampleCount, c.ridge, p.theory.testError, p.theory.loss,
                    p.theory.trainingError].map(field).joined(separator: ",")
            if let m = p.simulation {
                out += "," + [m.testError.mean, m.testError.standardError, m.trainingError.mean, m.gcv.mean,
                              p.ratio!, p.zScore!].map(field).joined(separator: ",")
            }
            out += "\n"
        }
        return out
    }

    static func json(_ points: [DataSweepPoint], _ s: Setup, _ arguments: Arguments) -> JSONValue {
        .object([
            ("vary", .string(s.parameter.rawValue)),
            ("n", .integer(s.analysis.sampleCount)), ("d", .integer(s.analysis.dimension)),
            ("M", .integer(s.analysis.latentDimension)), ("noise", .number(s.analysis.residualVariance)),
            ("sigma-u2", .number(s.base.featureWeightVariance)),
        ] + DataOptions.echo(arguments) + [
            ("points", .array(points.map { p in
                var fields: [(String, JSONValue)] = [
                    ("value", .number(p.value)), ("N", .number(p.configuration.featureCount)),
                    ("P", .number(p.configuration.sampleCount)), ("gamma", .number(p.configuration.ridge)),
                    ("testError", .number(p.theory.testError)), ("loss", .number(p.theory.loss)),
                    ("trainingError", .number(p.theory.trainingError)),
                ]
                if let m = p.simulation {
                    fields += [
                        ("measured", .number(m.testError.mean)), ("standardError", .number(m.testError.standardError)),
                        ("measuredTrainingError", .number(m.trainingError.mean)), ("gcv", .number(m.gcv.mean)),
                        ("trials", .integer(m.trialResults.count)), ("ratio", .number(p.ratio!)),
                        ("zScore", .number(p.zScore!)),
                    ]
                }
                return .object(fields)
            })),
        ])
    }
}
