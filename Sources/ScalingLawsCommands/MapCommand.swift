import Foundation
import ScalingFigures
import ScalingOutput
import ScalingTheory

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
    ] + SGDPhaseMap.flags
    static let requiredFlags: Set<String> = ["from", "to"]
    static let schema: OutputSchema? = OutputSchema(listKey: "cells", list: MapCellRecord.columns.map(\.spec),
                                                    variants: [pathVariant, SGDPhaseMap.variant])
    /// map-N-P-path.json, written next to the cells: the compute-optimal path.
    static let pathVariant = OutputVariant(
        title: "map: map-N-P-path.json (the compute-optimal path)", selector: nil,
        shape: OutputSchema(listKey: "points", list: ComputeOptimalRecord.columns.map(\.spec)))

    static let largestGrid = 201

    static func run(_ arguments: Arguments) throws -> Int32 {
        if arguments.has("phases") { return try SGDPhaseMap.run(arguments) }
        for flag in ["teacher-from", "teacher-to", "batch-size", "latent-ratio"] where arguments.has(flag) {
            throw UsageError("--\(flag) needs --phases")
        }
        let spacing = ParameterGrid.Spacing(rawValue: try arguments.choice("spacing", ["log", "linear"], default: "log"))!
        let count = try arguments.int("points", default: 41)
        guard count >= 2, count <= largestGrid else {
            throw UsageError("--points must be between 2 and \(largestGrid), got \(count)")
        }
        let grid = try ParameterGrid(from: arguments.requiredDouble("from"), to: arguments.requiredDouble("to"),
                                     count: count, spacing: spacing)
        let spectrum = try ModelOptions.spectrum(arguments)
        let base = try ModelOptions.configuration(arguments, featureCount: grid.lower, sampleCount: grid.lower)
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
