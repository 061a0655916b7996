import Foundation
import ScalingFigures
import ScalingOutput
import ScalingTheory

/// `map --phases`: the compute-optimal exponent of N* under one-pass SGD over
/// a grid of (alpha, beta) at M = infinity (`SGDPhaseDiagram`), written as a
/// table (CSV, JSON) and drawn as a heatmap with the phase boundaries of
/// arXiv:2405.15074 (Docs/Theory.md, section 12).
enum SGDPhaseMap {
    static let flags: [Flag] = [
        .toggle("phases", "one-pass SGD phase diagram: N* exponent over alpha in [--from, --to] and beta in "
                + "[--teacher-from, --teacher-to] at M = inf (Docs/Theory.md, section 12)"),
        .value("teacher-from", "BETA", "with --phases: smallest teacher exponent beta (default 0)"),
        .value("teacher-to", "BETA", "with --phases: largest teacher exponent beta (default 3)"),
        .value("batch-size", "B", "with --phases: samples per SGD step (default 1)"),
        .value("latent-ratio", "R", "with --phases: M = R N instead of M = inf (R >= 1), alpha > -1, the rate per unit "
               + "of trace (below Paquette et al.'s high-dimensional line when alpha <= 0)"),
    ]

    static let variant = OutputVariant(title: "map --phases", selector: nil,
                                       shape: OutputSchema(listKey: "phaseCells", list: SGDPhaseCellRecord.columns.map(\.spec)))

    static func run(_ arguments: Arguments) throws -> Int32 {
        for flag in ["N", "P", "gamma", "M", "spectrum-file", "teacher-exponent", "teacher-file", "noise"]
            where arguments.has(flag) {
            throw UsageError("--\(flag) does not apply to map --phases (M = inf, beta on the grid, no noise)")
        }
        let count = try arguments.int("points", default: 5)
        guard (2...21).contains(count) else { throw UsageError("--points must be in 2...21 with --phases, got \(count)") }
        let batch = try arguments.int("batch-size", default: 1)
        guard batch >= 1 else { throw UsageError("--batch-size must be >= 1, got \(batch)") }
        let ratio = try arguments.double("latent-ratio")
        if let ratio, !(ratio.isFinite && ratio >= 1) { throw UsageError("--latent-ratio must be finite and >= 1, got \(ratio)") }
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
        let stem = "map-phases"
        let files = try destination.files(["\(stem).csv", "\(stem).json", "\(stem).svg"])
        let progress = Progress("cell", total: count * count)
        let diagram = try SGDPhaseDiagram(alphas: alphas, teacherExponents: betas, batchSize: batch, latentRatio: ratio,
                                          progress: { progress.advance() })
        let cells = OutputDocument(command: MapCommand.name, inputs: arguments.inputs, listKey: "phaseCells",
                                   list: RecordTable(SGDPhaseCellRecord.columns, diagram.points.joined().map { $0 }))
        guard let directory = destination.directory else {
            cells.emit(destination.format)
            return 0
        }
        try AtomicFile.write(cells.csv, to: files[0])
        try AtomicFile.write(cells.rendered(.json), to: files[1])
        try AtomicFile.write(cells.svg(diagram.heatmap(batchSize: batch).svg(width: 1040, height: 640)), to: files[2])
        Console.write("wrote \(directory.path)/\(stem).{csv,json,svg} (\(count) x \(count) cells)\n")
        return 0
    }
}
