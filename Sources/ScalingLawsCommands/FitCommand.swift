import Foundation
import ScalingFigures
import ScalingFit
import ScalingOutput

/// `scaling-laws fit`: a scaling law fitted to measured runs (Docs/Fitting.md),
/// with bootstrap intervals, forecasts, the compute-optimal frontier and a
/// held-out check. The work is ScalingFit's `FitReport`; this file reads the
/// flags and writes the files.
enum FitCommand: Command {
    static let name = "fit"
    static let summary = "Fit L(N, D) to measured runs (Chinchilla form and/or this package's theory) with bootstrap intervals, forecasts and the compute-optimal frontier."
    static let flags: [Flag] = [
        .value("data", "FILE", "CSV of runs: header with N, D (or P), loss, optional se and gamma"),
        .value("columns", "K=NAME,...", "the header's names for N, D, loss, se, gamma (e.g. N=params,D=tokens)"),
        .value("form", "chinchilla|model|both", "E + A/N^alpha + B/D^beta, the theory of Docs/Theory.md, or both (default chinchilla)"),
        .value("forecast", "FILE", "CSV of points to forecast at: N, D (or P), optional gamma"),
        .value("flops-per-token", "K", "compute C = K N D (default 6)"),
        .value("holdout-above", "C", "fit only runs with K N D < C; report the error on the rest"),
        .value("resamples", "B", "bootstrap refits, 0 to 100000 (default 1000)"),
        .value("bootstrap", "rows|parametric", "resample runs, or redraw losses from se (default: parametric with an se column)"),
        .value("seed", "S", "seed of the resamples, a whole number >= 0 (default 0)"),
        .value("confidence", "Q", "coverage of the intervals, in (0, 1) (default 0.95)"),
        .value("huber-delta", "DELTA", "Huber delta on log L (default 1e-3)"),
        .value("start-grid", "hoffmann|small", "chinchilla starts: Hoffmann et al.'s grid of 4500 or one of 72 (default hoffmann)"),
        .value("M", "M", "model form: the latent dimension, fixed (default inf)"),
        .value("teacher-exponent", "BETA", "model form: fix the teacher exponent (default: fitted)"),
        .value("threads", "T", "worker threads (default: one per core; results do not depend on it)"),
        .value("output", "DIR|-", "output directory (default ./scaling-laws-output/); - writes fit.json's content to stdout"),
        .value("format", "json|csv|table", "with --output -: the format on stdout (default table)"),
        .toggle("force", "replace existing output files (otherwise an existing file is an error)"),
    ]
    static let requiredFlags: Set<String> = ["data"]
    static let schema: OutputSchema? = OutputSchema(
        summary: FitSummaryRecord.columns.map(\.spec), listKey: "parameters", list: FitParameterRecord.columns.map(\.spec),
        moreLists: [("forms", FitFormRecord.columns.map(\.spec), false),
                    ("starts", FitStartRecord.columns.map(\.spec), false),
                    ("frontier", FitFrontierRecord.columns.map(\.spec), false),
                    ("forecast", FitForecastRecord.columns.map(\.spec), true),
                    ("holdout", FitHoldoutRecord.columns.map(\.spec), true)])

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard let path = arguments.string("data") else { throw UsageError("missing --data FILE") }
        let columns = try renames(arguments.string("columns"))
        let runs = try ScalingRuns(csv: try read(path, "--data"), columns: columns)
        let formWord = try arguments.choice("form", ["chinchilla", "model", "both"], default: "chinchilla")
        var request = FitRequest(runs: runs, forms: formWord == "both" ? FitRequest.formNames : [formWord])
        var options = FitOptions()
        options.resamples = try arguments.int("resamples", default: 1000)
        guard (0...100_000).contains(options.resamples) else {
            throw UsageError("--resamples must be in 0...100000, got \(options.resamples)")
        }
        options.bootstrap = BootstrapMethod(rawValue: try arguments.choice(
            "bootstrap", BootstrapMethod.allCases.map(\.rawValue),
            default: runs.standardError == nil ? "rows" : "parametric"))!
        options.seed = try SimulationFlags.seed(arguments)
        options.confidence = try arguments.double("confidence", default: 0.95)
        options.huberDelta = try arguments.double("huber-delta", default: 1e-3)
        options.threads = try arguments.int("threads")
        request.options = options
        request.chinchillaStarts = try arguments.choice("start-grid", ["hoffmann", "small"], default: "hoffmann") == "small"
            ? ChinchillaForm.smallGrid : ChinchillaForm.hoffmannGrid
        if request.forms.contains("model") {
            request.latentDimension = try arguments.double("M", default: .infinity)
            request.teacherExponent = try arguments.double("teacher-exponent")
        } else if arguments.has("M") || arguments.has("teacher-exponent") {
            throw UsageError("--M and --teacher-exponent apply to --form model or both")
        }
        request.flopsPerToken = try arguments.double("flops-per-token", default: 6)
        request.holdoutAbove = try arguments.double("holdout-above")
        if let forecast = arguments.string("forecast") {
            request.forecastPoints = try ScalingRuns.points(csv: try read(forecast, "--forecast"), columns: columns)
        }
        let destination = try OutputDestination(arguments, defaultFormat: .table)
        var names = ["fit.json", "fit.csv", "fit-starts.csv", "fit-frontier.csv", "fit.svg"]
        if !request.forecastPoints.isEmpty { names.append("fit-forecast.csv") }
        if request.holdoutAbove != nil { names.append("fit-holdout.csv") }
        let files = try destination.files(names)

        let counters = ProgressCounters()
        let report = try FitReport(request) { stage, _, total in counters.advance(stage, total: total) }
        let documents = FitDocuments(report: report, command: name, inputs: arguments.inputs)
        guard let directory = destination.directory else {
            documents.main.emit(destination.format)
            for warning in report.forms.flatMap({ f in f.warnings.map { "\(f.name): \($0)" } }) {
                StandardError.write("warning: \(warning)\n")
            }
            return 0
        }
        // Every file is rendered before the first is written, then each is
        // written whole (AtomicFile): a failure leaves no half-written set.
        var texts = [documents.main.rendered(.json), documents.main.csv, documents.starts.csv, documents.frontier.csv,
                     documents.main.svg(FitFigure(report: report).plot().svg(width: 900, height: 600))]
        if let forecast = documents.forecast { texts.append(forecast.csv) }
        if let holdout = documents.holdout { texts.append(holdout.csv) }
        for (text, url) in zip(texts, files) { try AtomicFile.write(text, to: url) }
        for warning in report.forms.flatMap({ f in f.warnings.map { "\(f.name): \($0)" } }) {
            StandardError.write("warning: \(warning)\n")
        }
        Console.write("wrote \(directory.path)/{\(names.joined(separator: ","))}: \(report.forms.map(\.name).joined(separator: " and ")) fitted to \(report.fitted.count) runs\n")
        return 0
    }

    /// `N=params,D=tokens` -> ["N": "params", "D": "tokens"].
    static func renames(_ text: String?) throws -> [String: String] {
        guard let text else { return [:] }
        var out: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[1].isEmpty, ScalingRuns.canonicalColumns.contains(parts[0]) else {
                throw UsageError("--columns takes KEY=NAME pairs with KEY one of \(ScalingRuns.canonicalColumns.joined(separator: ", ")), got '\(Arguments.quoted(String(pair)))'")
            }
            out[parts[0]] = parts[1]
        }
        return out
    }

    static func read(_ path: String, _ flag: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("\(flag): cannot read \(path)") }
        guard String(data: data, encoding: .utf8) != nil else { throw UsageError("\(flag): \(path) is not UTF-8 text") }
        // Decoded as is: a byte-order mark stays, for the reader to name.
        return String(decoding: data, as: UTF8.self)
    }
}

/// One `Progress` line per stage ("chinchilla starts", "model resamples").
private final class ProgressCounters: @unchecked Sendable {
    private let lock = NSLock()
    private var counters: [String: Progress] = [:]
    func advance(_ stage: String, total: Int) {
        lock.lock()
        let counter = counters[stage] ?? Progress(stage, total: total)
        counters[stage] = counter
        lock.unlock()
        counter.advance()
    }
}

/// The documents of one fit: fit.json holds them all (the parameters as its
/// list, the others as further lists); each list is also a CSV of its own.
struct FitDocuments {
    var main: OutputDocument
    var starts: OutputDocument
    var frontier: OutputDocument
    var forecast: OutputDocument?
    var holdout: OutputDocument?

    init(report: FitReport, command: String, inputs: [(String, JSONValue)]) {
        let summary = RecordTable(FitSummaryRecord.columns, [FitSummaryRecord(report: report)])
        let forms = RecordTable(FitFormRecord.columns, report.forms.map { FitFormRecord(form: $0) })
        let parameters = RecordTable(FitParameterRecord.columns, report.forms.flatMap(FitParameterRecord.rows))
        let startTable = RecordTable(FitStartRecord.columns, report.forms.flatMap { f in
            f.fit.starts.indices.map { FitStartRecord(form: f, index: $0) } })
        let frontierTable = RecordTable(FitFrontierRecord.columns, report.forms.flatMap { f in
            f.frontier.map { FitFrontierRecord(form: f.name, point: $0) } })
        let points = report.request.forecastPoints
        let forecastTable = points.isEmpty ? nil : RecordTable(FitForecastRecord.columns, report.forms.flatMap { f in
            zip(points, f.forecasts).map { FitForecastRecord(form: f.name, N: $0.N, D: $0.D, ridge: $0.ridge, estimate: $1) } })
        let holdoutTable = report.request.holdoutAbove == nil ? nil : RecordTable(FitHoldoutRecord.columns, report.forms.flatMap { f in
            f.holdout.map { FitHoldoutRecord(form: f.name, point: $0) } })
        var more: [(String, RecordTable)] = [("forms", forms), ("starts", startTable), ("frontier", frontierTable)]
        if let forecastTable { more.append(("forecast", forecastTable)) }
        if let holdoutTable { more.append(("holdout", holdoutTable)) }
        let warnings = report.forms.flatMap { f in f.warnings.map { "warning (\(f.name)): \($0)" } }
        main = OutputDocument(command: command, inputs: inputs, summary: summary, listKey: "parameters", list: parameters,
                              moreLists: more, notes: warnings)
        starts = OutputDocument(command: command, inputs: inputs, summary: summary, listKey: "starts", list: startTable)
        frontier = OutputDocument(command: command, inputs: inputs, summary: summary, listKey: "frontier", list: frontierTable)
        forecast = forecastTable.map { OutputDocument(command: command, inputs: inputs, summary: summary, listKey: "forecast", list: $0) }
        holdout = holdoutTable.map { OutputDocument(command: command, inputs: inputs, summary: summary, listKey: "holdout", list: $0) }
    }
}
