import Foundation
import ScalingTheory
import SVGPlot

/// `scaling-laws sweep`: theory (and optionally simulation) along one
/// parameter, written as CSV, JSON and an SVG figure.
enum SweepCommand: Command {
    static let name = "sweep"
    static let summary = "Sweep N, P, gamma or compute C = N P; write CSV, JSON and an SVG figure."
    static let flags = ModelOptions.spectrumFlags + ModelOptions.configurationFlags + [
        .value("vary", "N|P|gamma|compute", "the parameter to vary (compute keeps the ratio N/P of --N/--P, default 1)"),
        .value("from", "A", "first grid value"),
        .value("to", "B", "last grid value"),
        .value("points", "K", "number of grid points (default 25)"),
        .value("spacing", "log|linear", "grid spacing (default log)"),
        .value("output", "DIR", "output directory (default ./scaling-laws-output/)"),
    ]

    static func run(_ arguments: Arguments) throws -> Int32 {
        let parameter = try SweepParameter(rawValue: arguments.choice("vary", ["N", "P", "gamma", "compute"], default: ""))
            ?? { throw UsageError("missing --vary N|P|gamma|compute") }()
        let spacing = try ParameterGrid.Spacing(rawValue: arguments.choice("spacing", ["log", "linear"], default: "log"))!
        let grid = try ParameterGrid(from: arguments.requiredDouble("from"), to: arguments.requiredDouble("to"),
                                     count: arguments.int("points", default: 25), spacing: spacing)
        let spectrum = try ModelOptions.spectrum(arguments)
        let base = try baseConfiguration(arguments, varying: parameter, grid: grid)
        let directory = try AtomicFile.directory(arguments.string("output") ?? "scaling-laws-output")

        let points = try Sweep.theory(spectrum: spectrum, base: base, vary: parameter, over: grid)
        let table = SweepTable(parameter: parameter, points: points)
        let stem = "sweep-\(parameter.rawValue)"
        try AtomicFile.write(table.csv, to: directory.appendingPathComponent("\(stem).csv"))
        try AtomicFile.write(table.json(spectrum: spectrum).text + "\n", to: directory.appendingPathComponent("\(stem).json"))
        let plot = table.plot(spectrum: spectrum, title: "loss against \(parameter.axisLabel)")
        try AtomicFile.write(plot.svg(), to: directory.appendingPathComponent("\(stem).svg"))
        print("wrote \(directory.path)/\(stem).{csv,json,svg} (\(points.count) points)")
        return 0
    }

    /// The fixed parameters: the varied one need not be given (its flag, if
    /// given, only sets the N/P ratio for compute sweeps).
    static func baseConfiguration(_ arguments: Arguments, varying parameter: SweepParameter,
                                  grid: ParameterGrid) throws -> ModelConfiguration {
        let n = try arguments.double("N"), p = try arguments.double("P")
        let fill = grid.values.first { $0 >= 1 } ?? 1
        func required(_ value: Double?, _ flag: String, default fallback: Double?) throws -> Double {
            if let value { return value }
            if let fallback { return fallback }
            throw UsageError("missing --\(flag)")
        }
        return try ModelConfiguration(
            featureCount: required(n, "N", default: parameter == .featureCount ? fill : parameter == .compute ? 1 : nil),
            sampleCount: required(p, "P", default: parameter == .sampleCount ? fill : parameter == .compute ? 1 : nil),
            ridge: try arguments.double("gamma", default: 0),
            teacherVariance: try arguments.double("sigma-w2", default: 1),
            featureWeightVariance: try arguments.double("sigma-u2", default: 1),
            noiseVariance: try arguments.double("noise", default: 0))
    }
}

extension SweepParameter {
    /// Axis label with the paper's symbol.
    var axisLabel: String {
        switch self {
        case .featureCount: return "features N"
        case .sampleCount: return "samples P"
        case .ridge: return "ridge gamma"
        case .compute: return "compute C = N P"
        }
    }
}

/// A sweep's rows, and their CSV, JSON and figure forms.
struct SweepTable {
    var parameter: SweepParameter
    var points: [SweepPoint]

    var csv: String {
        var out = "value,N,P,gamma,loss,relativeLoss,delta,regime\n"
        for point in points {
            let c = point.configuration, p = point.prediction
            out += [point.value, c.featureCount, c.sampleCount, c.ridge, p.loss, p.relativeLoss, p.delta]
                .map { $0.isFinite ? "\($0)" : "inf" }.joined(separator: ",") + ",\(p.regime.rawValue)\n"
        }
        return out
    }

    func json(spectrum: any Spectrum) -> JSONValue {
        .object([
            ("vary", .string(parameter.rawValue)),
            ("M", .number(spectrum.latentDimension)),
            ("points", .array(points.map { point in
                let c = point.configuration, p = point.prediction
                return .object([("value", .number(point.value)), ("N", .number(c.featureCount)),
                                ("P", .number(c.sampleCount)), ("gamma", .number(c.ridge)),
                                ("loss", .number(p.loss)), ("relativeLoss", .number(p.relativeLoss)),
                                ("delta", .number(p.delta)), ("regime", .string(p.regime.rawValue))])
            })),
        ])
    }

    /// Theory line with dashed marks at N = P and at min(N, P) = M.
    func plot(spectrum: any Spectrum, title: String) -> Plot {
        let theory = Plot.Series(name: "theory", points: points.map { Plot.Point(x: $0.value, y: $0.prediction.loss) })
        return Plot(title: title, xLabel: parameter.axisLabel, yLabel: "test loss <L>",
                    series: [theory], markers: SweepTable.boundaries(parameter, points: points, spectrum: spectrum))
    }

    /// Where the varied parameter crosses N = P and min(N, P) = M.
    static func boundaries(_ parameter: SweepParameter, points: [SweepPoint], spectrum: any Spectrum) -> [Plot.Marker] {
        guard let first = points.first?.configuration else { return [] }
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
            let ratio = first.featureCount / first.sampleCount
            // min(N, P) = M at C = M^2 / min(r, 1/r) with r = N/P.
            return m.isFinite ? [Plot.Marker(x: m * m / min(ratio, 1 / ratio), label: "min(N, P) = M")] : []
        case .ridge:
            return []
        }
    }
}
