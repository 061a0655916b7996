import Foundation
import ScalingFigures
import ScalingOutput
import ScalingTheory

/// `scaling-laws map`: the theory on an (N, P) grid, written as a table
/// (CSV, JSON) and drawn as a heatmap of log10 <L> with contour lines, the
/// regime boundaries N = P and min(N, P) = M, and the compute-optimal path.
/// For a power law each cell also names its bottleneck (the resource whose
/// next decade gains most), so the table is the bottleneck phase diagram.
/// `map --phases`: the one-pass SGD phase diagram instead.
enum MapCommand: Command {
    static let name = "map"
    static let summary = "Theory on an (N, P) grid: CSV, JSON and a heatmap of log10 <L> with regime boundaries, contours and the compute-optimal path."
    static let flags = ModelOptions.spectrumFlags
        + ModelOptions.configurationFlags.filter { $0.name != "N" && $0.name != "P" } + [
        .value("from", "A", "smallest N and P"),
        .value("to", "B", "largest N and P"),
        .value("points", "K", "grid points along each of N and P, 2 to 201 (default 41)"),
        .value("spacing", "log|linear", "grid spacing of both axes (default log)"),
    ] + OutputDestination.flags(stdout: "the cells") + [
        .toggle("phases", "one-pass SGD phase diagram: N* exponent over alpha in [--from, --to] and beta in "
                + "[--teacher-from, --teacher-to] at M = inf (Docs/Theory.md, section 12)"),
        .value("teacher-from", "BETA", "with --phases: smallest teacher exponent beta (default 0)"),
        .value("teacher-to", "BETA", "with --phases: largest teacher exponent beta (default 3)"),
        .value("batch-size", "B", "with --phases: samples per SGD step (default 1)"),
        .value("latent-ratio", "R", "with --phases: M = R N instead of M = inf (R >= 1), alpha > -1, the rate per unit "
               + "of trace (below Paquette et al.'s high-dimensional line when alpha <= 0)"),
    ]
    static let requiredFlags: Set<String> = ["from", "to"]
    static let schema: OutputSchema? = OutputSchema(listKey: "cells", list: MapCellRecord.columns,
                                                    variants: [pathVariant, phasesVariant])
    /// map-N-P-path.json, written next to the cells: the compute-optimal path.
    static let pathVariant = OutputVariant(title: "map: map-N-P-path.json (the compute-optimal path)", selector: nil,
                                           shape: OutputSchema(list: ComputeOptimalRecord.columns))

    static let largestGrid = 201

    static func run(_ arguments: Arguments) throws -> Int32 {
        if arguments.has("phases") { return try phases(arguments) }
        for flag in ["teacher-from", "teacher-to", "batch-size", "latent-ratio"] where arguments.has(flag) {
            throw UsageError("--\(flag) needs --phases")
        }
        let spacing = try GridOptions.spacing(arguments)
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
        _ = try destination.figureFiles(stem, also: ["\(stem)-path"])

        let map = try LossMap(spectrum: spectrum, base: base, grid: grid)
        let cells = OutputDocument(command: name, inputs: arguments.inputs, listKey: "cells",
                                   list: RecordTable(MapCellRecord.columns, map.cells.joined().map { $0 }))
        let path = OutputDocument(command: name, inputs: arguments.inputs, list: RecordTable(
            ComputeOptimalRecord.columns, map.path))
        return try destination.write(cells, stem: stem, count: "\(count) x \(count) cells",
                                     also: [("\(stem)-path", path, "\(map.path.count) compute-optimal points")]) {
            map.heatmap().svg(width: 1040, height: 640)
        }
    }

    /// `map --phases`: the compute-optimal exponent of N* under one-pass SGD
    /// over a grid of (alpha, beta) at M = infinity (`SGDPhaseDiagram`),
    /// written as a table (CSV, JSON) and drawn as a heatmap with the phase
    /// boundaries of arXiv:2405.15074 (Docs/Theory.md, section 12).
    static let phasesVariant = OutputVariant(title: "map --phases", selector: nil,
                                             shape: OutputSchema(listKey: "phaseCells", list: SGDPhaseCellRecord.columns))

    static func phases(_ arguments: Arguments) throws -> Int32 {
        for flag in ["N", "P", "gamma", "M", "spectrum-file", "teacher-exponent", "teacher-file", "noise"]
            where arguments.has(flag) {
            throw UsageError("--\(flag) does not apply to map --phases (M = inf, beta on the grid, no noise)")
        }
        let count = try arguments.int("points", default: 5)
        guard (2...21).contains(count) else { throw UsageError("--points must be in 2...21 with --phases, got \(count)") }
        let batch = try arguments.int("batch-size", default: 1)
        guard batch >= 1 else { throw UsageError("--batch-size must be >= 1, got \(batch)") }
        let ratio = try SGDFlags.latentRatio(arguments)
        let alphaFrom = try arguments.requiredDouble("from"), alphaTo = try arguments.requiredDouble("to")
        guard alphaFrom.isFinite, alphaFrom > (ratio == nil ? 0 : -1), alphaTo.isFinite, alphaTo >= alphaFrom else {
            throw UsageError("--from and --to are the alpha range with --phases: \(ratio == nil ? "0" : "-1 (--latent-ratio)") "
                             + "< from <= to, finite")
        }
        let betaFrom = try arguments.double("teacher-from", default: 0), betaTo = try arguments.double("teacher-to", default: 3)
        guard betaFrom.isFinite, betaTo.isFinite, betaTo >= betaFrom, alphaFrom + betaFrom > 0,
              abs(betaFrom) <= Teacher.maximumExponent, abs(betaTo) <= Teacher.maximumExponent else {
            throw UsageError("--teacher-from <= --teacher-to must be finite, within +-\(Teacher.maximumExponent), "
                             + "with alpha + beta > 0")
        }
        let alphas = try ParameterGrid(from: alphaFrom, to: alphaTo, count: count, spacing: .linear).values
        let betas = try ParameterGrid(from: betaFrom, to: betaTo, count: count, spacing: .linear).values
        let destination = try OutputDestination(arguments, defaultFormat: .csv)
        _ = try destination.figureFiles("map-phases")
        let progress = Progress("cell", total: count * count)
        let diagram = try SGDPhaseDiagram(alphas: alphas, teacherExponents: betas, batchSize: batch, latentRatio: ratio,
                                          progress: { progress.advance() })
        let cells = OutputDocument(command: name, inputs: arguments.inputs, listKey: "phaseCells",
                                   list: RecordTable(SGDPhaseCellRecord.columns, diagram.points.joined().map { $0 }))
        return try destination.write(cells, stem: "map-phases", count: "\(count) x \(count) cells") {
            diagram.heatmap(batchSize: batch).svg(width: 1040, height: 640)
        }
    }
}
