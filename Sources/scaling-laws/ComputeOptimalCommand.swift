import Foundation
import ScalingTheory

/// `scaling-laws compute-optimal`: the loss-minimizing split of C = N P over
/// a range of C, at a fixed ridge and at the optimal ridge.
enum ComputeOptimalCommand: Command {
    static let name = "compute-optimal"
    static let summary = "The N, P = C/N minimizing <L> at fixed compute C = N P, over log-spaced C (fixed and optimal ridge)."
    static let flags = ModelOptions.spectrumFlags
        + ModelOptions.configurationFlags.filter { $0.name != "N" && $0.name != "P" } + [
            .value("C-from", "C", "smallest compute C = N P >= 1 (default 1e4)"),
            .value("C-to", "C", "largest compute C >= C-from (default 1e10)"),
            .value("points", "K", "number of log-spaced values of C, 1..100 (default 7)"),
            .value("ridge", "fixed|optimal|both", "at the fixed --gamma, at gamma*(N, P), or both (default both)"),
            ModelOptions.formatFlag,
        ]

    static func run(_ arguments: Arguments) throws -> Int32 {
        let format = try arguments.choice("format", ["json", "table"], default: "table")
        let mode = try arguments.choice("ridge", ["fixed", "optimal", "both"], default: "both")
        let from = try arguments.double("C-from", default: 1e4)
        let to = try arguments.double("C-to", default: 1e10)
        let points = try arguments.int("points", default: 7)
        guard from.isFinite, from >= 1 else { throw UsageError("--C-from must be a finite number >= 1, got \(from)") }
        guard to.isFinite, to >= from else { throw UsageError("--C-to must be finite and >= --C-from, got \(to)") }
        guard (1...100).contains(points) else { throw UsageError("--points must be in 1...100, got \(points)") }
        let spectrum = try ModelOptions.spectrum(arguments)
        // Per C: ~50 splits N, each a solve (~100 evaluations), or an optimal-ridge search (~4000).
        try WorkLimit.check(flops: WorkLimit.theoryFlops(
            spectrum: spectrum, evaluations: Double(points) * 50 * ((mode == "fixed" ? 0 : 4000) + (mode == "optimal" ? 0 : 100))),
                            what: "this compute-optimal table")
        let template = try ModelConfiguration(featureCount: 1, sampleCount: 1,
                                              ridge: try arguments.double("gamma", default: 0),
                                              teacherVariance: try arguments.double("sigma-w2", default: 1),
                                              featureWeightVariance: try arguments.double("sigma-u2", default: 1),
                                              noiseVariance: try arguments.double("noise", default: 0))
        // Log-spaced, with both ends exactly as given; one point needs --C-to = --C-from.
        let computes = try ParameterGrid(from: from, to: to, count: points).values
        let solver = SelfConsistentSolver()
        var rows: [(Double, ComputeOptimalAllocation?, ComputeOptimalAllocation?)] = []
        for compute in computes {
            let fixed = mode == "optimal" ? nil : try solver.computeOptimalAllocation(
                spectrum: spectrum, compute: compute, configuration: template, optimizeRidge: false)
            let optimal = mode == "fixed" ? nil : try solver.computeOptimalAllocation(
                spectrum: spectrum, compute: compute, configuration: template, optimizeRidge: true)
            rows.append((compute, fixed, optimal))
        }
        switch format {
        case "json":
            func object(_ a: ComputeOptimalAllocation?) -> JSONValue {
                guard let a else { return .null }
                var fields: [(String, JSONValue)] = [
                    ("N", .number(a.featureCount)), ("P", .number(a.sampleCount)), ("ratio", .number(a.ratio)),
                    ("gamma", .number(a.ridge)), ("loss", .number(a.loss)), ("relativeLoss", .number(a.relativeLoss)),
                ]
                if let optimum = a.ridgeOptimum { fields.append(("optimum", .string(optimum.rawValue))) }
                return .object(fields)
            }
            let list = JSONValue.array(rows.map { row in
                .object([("C", .number(row.0)), ("fixedRidge", object(row.1)), ("optimalRidge", object(row.2))])
            })
            let fields: [(String, JSONValue)] = [("points", list), ("summation", .string(spectrum.summation.rawValue))]
                + ModelOptions.spectrumEcho(arguments, spectrum: spectrum) + ModelOptions.varianceEcho(template)
            print(JSONValue.object(fields).text)
        default:
            var header = ["C"]
            if mode != "optimal" { header += ["N", "P", "N/P", "loss"] }
            if mode != "fixed" { header += ["N*", "P*", "N*/P*", "gamma*", "loss*"] }
            let table = rows.map { row -> [String] in
                var cells = [TableFormat.number(row.0)]
                if let a = row.1 {
                    cells += [a.featureCount, a.sampleCount, a.ratio, a.loss].map(TableFormat.number)
                }
                if let b = row.2 {
                    cells += [b.featureCount, b.sampleCount, b.ratio, b.ridge, b.loss].map(TableFormat.number)
                }
                return cells
            }
            var notes: [String] = []
            if mode != "optimal" { notes.append("fixed ridge gamma = \(TableFormat.number(template.ridge))") }
            if mode != "fixed" { notes.append("* = at the optimal ridge gamma*(N, P)") }
            if template.noiseVariance == 0 { notes.append("noiseless runs report the N <= P member of each mirror pair") }
            print(notes.joined(separator: "; "))
            print(TableFormat.grid(header: header, rows: table), terminator: "")
        }
        return 0
    }
}
