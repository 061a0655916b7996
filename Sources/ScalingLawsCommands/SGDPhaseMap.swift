import Foundation
import ScalingOutput
import ScalingTheory
import SVGPlot

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
    ]

    static let columns: [Column<SGDPhasePoint>] = [
        .number("alpha", "alpha") { $0.alpha },
        .number("teacherExponent", "beta") { $0.teacherExponent },
        .maybeText("phase", "phase", allowed: SGDPhase.allCases.map(\.rawValue)) { $0.phase?.rawValue },
        .number("featureExponentFitted", "N* exponent, fitted") { $0.featureExponent },
        .maybeNumber("featureExponentPredicted", "N* exponent, phase table") {
            $0.phase?.exponents(alpha: $0.alpha, teacherExponent: $0.teacherExponent).featureCount
        },
        .number("stepsExponentFitted", "R* exponent, fitted") { $0.stepsExponent },
        .number("lossExponentFitted", "L* exponent, fitted") { $0.lossExponent },
        .maybeNumber("lossExponentPredicted", "L* exponent, phase table") {
            $0.phase?.exponents(alpha: $0.alpha, teacherExponent: $0.teacherExponent).loss
        },
        .number("normalizedLearningRate", "normalized eta") { $0.normalizedLearningRate },
    ]

    static let variant = OutputVariant(title: "map --phases", selector: nil,
                                       shape: OutputSchema(listKey: "phaseCells", list: columns.map(\.spec)))

    static func run(_ arguments: Arguments) throws -> Int32 {
        for flag in ["N", "P", "gamma", "M", "spectrum-file", "teacher-exponent", "teacher-file", "noise"]
            where arguments.has(flag) {
            throw UsageError("--\(flag) does not apply to map --phases (M = inf, beta on the grid, no noise)")
        }
        let count = try arguments.int("points", default: 5)
        guard (2...21).contains(count) else { throw UsageError("--points must be in 2...21 with --phases, got \(count)") }
        let batch = try arguments.int("batch-size", default: 1)
        guard batch >= 1 else { throw UsageError("--batch-size must be >= 1, got \(batch)") }
        let alphaFrom = try arguments.requiredDouble("from"), alphaTo = try arguments.requiredDouble("to")
        guard alphaFrom.isFinite, alphaFrom > 0, alphaTo.isFinite, alphaTo >= alphaFrom else {
            throw UsageError("--from and --to are the alpha range with --phases: 0 < from <= to, finite")
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
        let diagram = try SGDPhaseDiagram(alphas: alphas, teacherExponents: betas, batchSize: batch,
                                          progress: { progress.advance() })
        let cells = OutputDocument(command: MapCommand.name, inputs: arguments.inputs, listKey: "phaseCells",
                                   list: RecordTable(columns, diagram.points.joined().map { $0 }))
        guard let directory = destination.directory else {
            cells.emit(destination.format)
            return 0
        }
        try AtomicFile.write(cells.csv, to: files[0])
        try AtomicFile.write(cells.rendered(.json), to: files[1])
        try AtomicFile.write(cells.svg(heatmap(diagram, batch: batch).svg(width: 1040, height: 640)), to: files[2])
        Console.write("wrote \(directory.path)/\(stem).{csv,json,svg} (\(count) x \(count) cells)\n")
        return 0
    }

    static func heatmap(_ d: SGDPhaseDiagram, batch: Int) -> Heatmap {
        let lo = d.alphas.first ?? 0, hi = d.alphas.last ?? 1
        var overlays = [Plot.Series(name: "beta = 1 (phase I | II)", points: [Plot.Point(x: lo, y: 1), Plot.Point(x: hi, y: 1)],
                                    color: "#000000", dash: "6 4")]
        overlays.append(Plot.Series(name: "beta = 1 + alpha (phase II | III)",
                                    points: [Plot.Point(x: lo, y: 1 + lo), Plot.Point(x: hi, y: 1 + hi)],
                                    color: "#d62728", dash: "2 3"))
        return Heatmap(title: "Compute-optimal N* ~ C^e under one-pass SGD",
                       subtitle: "C = N B R, B = \(batch), M = inf, fitted over C = 1e8 ... 1e12; lines: phase boundaries of arXiv:2405.15074",
                       xLabel: "alpha (lambda_I ~ I^-(1+alpha))", yLabel: "beta (omega_I ~ I^-beta)",
                       valueLabel: "exponent e of N*", xScale: .linear, yScale: .linear, x: d.alphas, y: d.teacherExponents,
                       values: d.points.map { $0.map(\.featureExponent) },
                       contourLevels: [0.3, 0.35, 0.4, 0.45, 0.5], overlays: overlays)
    }
}
