import Foundation
import ScalingMonteCarlo
import ScalingTheory
import SVGPlot

extension SweepParameter {
    /// Axis label with the paper's symbol.
    public var axisLabel: String {
        switch self {
        case .featureCount: return "features N"
        case .sampleCount: return "samples P"
        case .ridge: return "ridge γ"
        case .compute: return "compute C = N P"
        }
    }
}

/// A sweep's rows (theory, and simulation when simulated) and its figure.
public struct SweepTable {
    public struct Row {
        public var value: Double
        public var configuration: ModelConfiguration
        public var prediction: Prediction
        public var simulation: SimulationResult?
    }

    public var parameter: SweepParameter
    public var rows: [Row]

    public init(parameter: SweepParameter, theory points: [SweepPoint]) {
        self.parameter = parameter
        rows = points.map { Row(value: $0.value, configuration: $0.configuration, prediction: $0.prediction) }
    }

    public init(parameter: SweepParameter, simulated points: [SimulatedSweepPoint]) {
        self.parameter = parameter
        rows = points.map { Row(value: $0.value, configuration: $0.configuration, prediction: $0.theory,
                                simulation: $0.simulation) }
    }

    public var isSimulated: Bool { rows.contains { $0.simulation != nil } }

    /// The figure `sweep` draws: the theory line on a grid of at least 200
    /// points whatever the sweep's, plus the interpolation peak itself when
    /// the grid crosses it; the simulated points (simulated with `options`);
    /// every fixed parameter in the subtitle; the y range fitted away from
    /// the peaks.
    public func figure(spectrum: any Spectrum, base: ModelConfiguration, grid: ParameterGrid,
                options: SimulationOptions?) throws -> Plot {
        let lineGrid = try ParameterGrid(from: grid.lower, to: grid.upper, count: max(grid.count, 200),
                                         spacing: grid.spacing)
        var line = try Sweep.theory(spectrum: spectrum, base: base, vary: parameter, over: lineGrid)
        let peaks = peaks(spectrum: spectrum, base: base)
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
        if let options {
            subtitle += "; " + FigureText.trials(options.trials, seed: options.seed)
        }
        var plot = plot(spectrum: spectrum, title: "Test loss ⟨L⟩ against \(parameter.axisLabel)", line: line)
        plot.subtitle = subtitle
        plot.xScale = grid.spacing == .linear ? .linear : .log
        plot.yRange = FigureText.yRange(excludingPeaksAt: peaks, series: plot.series)
        plot.xSymbol = parameter.rawValue == "gamma" ? "γ" : parameter.rawValue
        return plot
    }

    /// Theory line, simulation markers with error bars, dashed marks at
    /// N = P and at min(N, P) = M.
    public func plot(spectrum: any Spectrum, title: String, line: [SweepPoint]? = nil, theoryName: String = "theory",
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
    public func peaks(spectrum: any Spectrum, base: ModelConfiguration) -> [Double] {
        guard base.ridge == 0 else { return [] }
        let m = spectrum.latentDimension
        switch parameter {
        case .featureCount: return base.sampleCount < m ? [base.sampleCount] : []
        case .sampleCount: return base.featureCount < m ? [base.featureCount] : []
        case .ridge, .compute: return []
        }
    }

    /// Where the varied parameter crosses N = P and min(N, P) = M.
    public func boundaries(spectrum: any Spectrum) -> [Plot.Marker] {
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
