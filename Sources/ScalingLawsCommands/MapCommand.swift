import Foundation
import ScalingTheory
import SVGPlot

/// `scaling-laws map`: the theory on an (N, P) grid, written as a table
/// (CSV, JSON) and drawn as a heatmap of log10 <L> with contour lines, the
/// regime boundaries N = P and min(N, P) = M, and the compute-optimal path.
/// For a power law each cell also names its bottleneck (the resource whose
/// next decade gains most), so the table is the bottleneck phase diagram.
enum MapCommand: Command {
    static let name = "map"
    static let summary = "Theory on an (N, P) grid: CSV, JSON and a heatmap of log10 <L> with regime boundaries, contours and the compute-optimal path."
    static let flags = ModelOptions.spectrumFlags
        + ModelOptions.configurationFlags.filter { $0.name != "N" && $0.name != "P" } + [
        .value("from", "A", "smallest N and P"),
        .value("to", "B", "largest N and P"),
        .value("points", "K", "grid points along each of N and P, 2 to 201 (default 41)"),
        .value("spacing", "log|linear", "grid spacing of both axes (default log)"),
        .value("output", "DIR|-", "output directory (default ./scaling-laws-output/); - writes the cells to stdout"),
        .value("format", "csv|json|table", "with --output -: the format on stdout (default csv)"),
        .toggle("force", "replace existing output files (otherwise an existing file is an error)"),
    ]
    static let requiredFlags: Set<String> = ["from", "to"]
    static let schema: OutputSchema? = OutputSchema(listKey: "cells", list: MapCellRecord.columns.map(\.spec),
                                                    variants: [pathVariant])
    /// map-N-P-path.json, written next to the cells: the compute-optimal path.
    static let pathVariant = OutputVariant(
        title: "map: map-N-P-path.json (the compute-optimal path)", selector: nil,
        shape: OutputSchema(listKey: "points", list: ComputeOptimalRecord.columns.map(\.spec)))

    static let largestGrid = 201

    static func run(_ arguments: Arguments) throws -> Int32 {
        let spacing = ParameterGrid.Spacing(rawValue: try arguments.choice("spacing", ["log", "linear"], default: "log"))!
        let count = try arguments.int("points", default: 41)
        guard count >= 2, count <= largestGrid else {
            throw UsageError("--points must be between 2 and \(largestGrid), got \(count)")
        }
        let grid = try ParameterGrid(from: arguments.requiredDouble("from"), to: arguments.requiredDouble("to"),
                                     count: count, spacing: spacing)
        let spectrum = try ModelOptions.spectrum(arguments)
        let base = try ModelConfiguration(
            featureCount: grid.lower, sampleCount: grid.lower, ridge: try arguments.double("gamma", default: 0),
            teacherVariance: try arguments.double("sigma-w2", default: 1),
            featureWeightVariance: try arguments.double("sigma-u2", default: 1),
            noiseVariance: try arguments.double("noise", default: 0), teacher: try ModelOptions.teacher(arguments))
        let destination = try OutputDestination(arguments, defaultFormat: .csv)
        let stem = "map-N-P"
        let files = try destination.files(["\(stem).csv", "\(stem).json", "\(stem).svg",
                                           "\(stem)-path.csv", "\(stem)-path.json"])

        let map = try LossMap(spectrum: spectrum, base: base, grid: grid)
        let cells = OutputDocument(command: name, inputs: arguments.inputs, listKey: "cells",
                                   list: RecordTable(MapCellRecord.columns, map.cells.joined().map { $0 }))
        guard let directory = destination.directory else {
            cells.emit(destination.format)
            return 0
        }
        let path = OutputDocument(command: name, inputs: arguments.inputs, list: RecordTable(
            ComputeOptimalRecord.columns, map.path.map { ComputeOptimalRecord(ridgeMode: "fixed", allocation: $0) }))
        try AtomicFile.writeSet([
            (cells.csv, files[0]),
            (cells.rendered(.json), files[1]),
            (cells.svg(map.heatmap().svg(width: 1040, height: 640)), files[2]),
            (path.csv, files[3]),
            (path.rendered(.json), files[4]),
        ])
        Console.write("wrote \(directory.path)/\(stem).{csv,json,svg} (\(count) x \(count) cells) and \(stem)-path.{csv,json} (\(map.path.count) compute-optimal points)\n")
        return 0
    }
}

/// The (N, P) table of `map` and its heatmap.
struct LossMap {
    typealias Cell = MapCellRecord

    var spectrum: any Spectrum
    var base: ModelConfiguration
    var grid: ParameterGrid
    /// cells[row][column]: P = grid value of the row, N of the column.
    var cells: [[Cell]]
    /// The compute-optimal (N, P) at budgets C spanning the map (N <= P;
    /// without label noise the loss is symmetric and the mirror is optimal too).
    var path: [ComputeOptimalAllocation]

    init(spectrum: some Spectrum, base: ModelConfiguration, grid: ParameterGrid) throws {
        self.spectrum = spectrum
        self.base = base
        self.grid = grid
        let solver = SelfConsistentSolver()
        cells = try grid.values.map { p in
            try Sweep.theory(spectrum: spectrum, base: base.with(sampleCount: p), vary: .featureCount, over: grid)
                .map { point in
                    var bottleneck: Resource?
                    if let power = spectrum as? PowerLawSpectrum, point.prediction.loss.isFinite,
                       point.prediction.loss > 0 {
                        bottleneck = try? solver.bottleneck(spectrum: power, configuration: point.configuration).bottleneck
                    }
                    return Cell(configuration: point.configuration, prediction: point.prediction, bottleneck: bottleneck)
                }
        }
        let budgets = try ParameterGrid(from: grid.lower * grid.lower, to: grid.upper * grid.upper, count: 25)
        path = budgets.values.compactMap { compute in
            guard let allocation = try? solver.computeOptimalAllocation(spectrum: spectrum, compute: compute,
                                                                      configuration: base, optimizeRidge: false),
                  allocation.featureCount >= grid.lower, allocation.featureCount <= grid.upper,
                  allocation.sampleCount >= grid.lower, allocation.sampleCount <= grid.upper else { return nil }
            return allocation
        }
    }

    func heatmap() -> Heatmap {
        let values = cells.map { row in row.map { cell -> Double in
            let loss = cell.prediction.loss
            return loss == .infinity ? .infinity : (loss > 0 ? log10(loss) : -.infinity)
        } }
        // The colour range leaves out the cells next to a ridgeless peak (the
        // top 3 percent), which would otherwise take the whole scale.
        let finite = values.joined().filter(\.isFinite).sorted()
        var range: ClosedRange<Double>?
        if let low = finite.first, finite.count > 10 {
            let high = finite[Int(0.97 * Double(finite.count - 1))]
            if high > low { range = low...high }
        }
        let span = (range?.upperBound ?? 1) - (range?.lowerBound ?? 0)
        let step = span > 6 ? 1.0 : (span > 3 ? 0.5 : 0.25)
        let levels = stride(from: ((range?.lowerBound ?? 0) / step).rounded(.up) * step,
                            through: range?.upperBound ?? 0, by: step).map { $0 }
        let scale: AxisScale = grid.spacing == .log ? .log : .linear
        let lo = grid.lower, hi = grid.upper, m = spectrum.latentDimension
        var overlays = [Plot.Series(name: "N = P", points: [Plot.Point(x: lo, y: lo), Plot.Point(x: hi, y: hi)],
                                    color: "#000000", dash: "6 4")]
        if m > lo, m < hi {
            overlays.append(Plot.Series(name: "min(N, P) = M", points: [
                Plot.Point(x: m, y: hi), Plot.Point(x: m, y: m), Plot.Point(x: hi, y: m),
            ], color: "#ff7f0e", dash: "2 3"))
        }
        if !path.isEmpty {
            overlays.append(Plot.Series(name: "compute-optimal (N, P) at fixed N P", points: path.map {
                Plot.Point(x: $0.featureCount, y: $0.sampleCount)
            }, style: .lineAndMarkers, color: "#d62728"))
        }
        return Heatmap(
            title: "Test loss over (N, P): regimes, contours and the compute-optimal path",
            subtitle: "\(FigureText.spectrum(spectrum)), \(FigureText.configuration(base, omitting: ["N", "P"])); theory",
            xLabel: "features N", yLabel: "samples P", valueLabel: "log₁₀ ⟨L⟩", xScale: scale, yScale: scale,
            x: grid.values, y: grid.values, values: values, valueRange: range, contourLevels: levels,
            overlays: overlays, infiniteLabel: "⟨L⟩ = +∞ (N = P, ridgeless)",
            minusInfiniteLabel: "⟨L⟩ = 0 (min(N, P) ≥ M, no ridge or noise)")
    }
}

/// One cell of `map`: the theory at (N, P), and for a power law the resource
/// whose next decade gains most (the bottleneck, as `exponents` names it).
struct MapCellRecord {
    var configuration: ModelConfiguration
    var prediction: Prediction
    var bottleneck: Resource?

    static let columns: [Column<MapCellRecord>] = [
        .number("N", "N") { $0.configuration.featureCount },
        .number("P", "P") { $0.configuration.sampleCount },
        .number("loss", "loss") { $0.prediction.loss },
        .number("log10Loss", "log10 loss") { log10($0.prediction.loss) },
        .number("relativeLoss", "relative loss") { $0.prediction.relativeLoss },
        .number("delta", "Delta") { $0.prediction.delta },
        .text("regime", "regime", allowed: Regime.allCases.map(\.rawValue)) { $0.prediction.regime.rawValue },
        .maybeText("bottleneck", "bottleneck", allowed: Resource.allCases.map(\.rawValue)) { $0.bottleneck?.rawValue },
    ]
}
