import Foundation
import ScalingData
import ScalingMonteCarlo
import ScalingTheory
import SVGPlot

/// `scaling-laws dataset`: a data matrix and its labels as the solvable
/// model sees them (THEORY.md section 9). Writes to `--output DIR`:
/// `spectrum.txt` and `teacher.txt` (for `--spectrum-file` and
/// `--teacher-file`, in the same order, largest eigenvalue first),
/// `dataset.json` (sizes, trace, sigma_eps^2, fitted exponents) and
/// `dataset.svg` (spectrum and teacher power against the eigen-index).
enum DatasetCommand: Command {
    static let name = "dataset"
    static let summary = "Measure a data set's spectrum, teacher power and residual noise for the theory (writes files)."
    static let flags = DataOptions.flags + [
        .value("output", "DIR", "directory for spectrum.txt, teacher.txt, dataset.json and dataset.svg (required)"),
        .value("cutoff", "R", "drop eigenvalues at or below R times the largest (default 1e-10)"),
        .value("fit-window", "A:B", "1-based eigen-indices of the power-law fits (default 10:M/2)"),
        ModelOptions.formatFlag,
    ]

    static func run(_ arguments: Arguments) throws -> Int32 {
        let format = try arguments.choice("format", ["json", "table"], default: "table")
        guard let outputPath = arguments.string("output") else { throw UsageError("missing --output DIR") }
        let cutoff = try arguments.double("cutoff", default: DataSetAnalysis.defaultCutoff)
        guard cutoff >= 0, cutoff < 1 else { throw UsageError("--cutoff must be in [0, 1), got \(cutoff)") }
        let requestedWindow = try SpectrumCommand.window(arguments, "fit-window")
        let output = try AtomicFile.directory(outputPath)
        let start = DispatchTime.now().uptimeNanoseconds
        func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        guard let dataSet = try DataOptions.load(arguments) else { throw UsageError("missing --data PATH") }
        let readSeconds = seconds()
        note("read \(dataSet.data.rows) x \(dataSet.data.columns) in \(String(format: "%.1f", readSeconds)) s")
        let analysis = try DataSetAnalysis(CentredDataSet(dataSet), relativeCutoff: cutoff)
        let analysisSeconds = seconds() - readSeconds
        let m = analysis.latentDimension
        let window = requestedWindow ?? analysis.defaultFitWindow
        guard window.upperBound <= m else { throw UsageError("--fit-window must end at or below M = \(m)") }
        let spectrumFit = try analysis.spectrumFit(window)
        let teacherFit = try analysis.teacherFit(window)

        let spectrumText = "# eigenvalues of the data covariance, largest first (scaling-laws dataset)\n"
            + analysis.eigenvalues.map { "\($0)\n" }.joined()
        let teacherText = "# teacher power omega_I = w_I^2 per eigendirection, aligned with spectrum.txt\n"
            + analysis.teacherPower.map { "\($0)\n" }.joined()
        try AtomicFile.write(spectrumText, to: output.appendingPathComponent("spectrum.txt"))
        try AtomicFile.write(teacherText, to: output.appendingPathComponent("teacher.txt"))
        let json = JSONValue.object(fields(analysis, spectrumFit: spectrumFit, teacherFit: teacherFit,
                                           arguments: arguments, seconds: (readSeconds, analysisSeconds)))
        try AtomicFile.write(json.text + "\n", to: output.appendingPathComponent("dataset.json"))
        try AtomicFile.write(plot(analysis, spectrumFit: spectrumFit, teacherFit: teacherFit).svg(),
                             to: output.appendingPathComponent("dataset.svg"))

        switch format {
        case "json":
            print(json.text)
        default:
            print(TableFormat.keyValue([
                ("samples n", "\(analysis.sampleCount)"),
                ("dimension d", "\(analysis.dimension)"),
                ("eigenvalues kept M", "\(m)"),
                ("dropped (<= cutoff)", "\(analysis.droppedCount) (cutoff \(TableFormat.number(cutoff)) x largest)"),
                ("trace", TableFormat.number(analysis.trace)),
                ("Var(y)", TableFormat.number(analysis.targetVariance)),
                ("sigma_eps^2", TableFormat.number(analysis.residualVariance)),
                ("spectral exponent 1+alpha", String(format: "%.4f +- %.4f on %d:%d", -spectrumFit.slope,
                                                     spectrumFit.slopeStandardError, window.lowerBound, window.upperBound)),
                ("teacher exponent beta", String(format: "%.4f +- %.4f on %d:%d", -teacherFit.slope,
                                                 teacherFit.slopeStandardError, window.lowerBound, window.upperBound)),
                ("seconds (read, analysis)", String(format: "%.2f, %.2f", readSeconds, analysisSeconds)),
                ("wrote", output.path + "/{spectrum.txt,teacher.txt,dataset.json,dataset.svg}"),
            ]), terminator: "")
        }
        return 0
    }

    static func fields(_ a: DataSetAnalysis, spectrumFit: PowerLawFit.Result, teacherFit: PowerLawFit.Result,
                       arguments: Arguments, seconds: (Double, Double)) -> [(String, JSONValue)] {
        func fit(_ f: PowerLawFit.Result) -> JSONValue {
            .object([("from", .integer(f.indices.lowerBound)), ("to", .integer(f.indices.upperBound)),
                     ("exponent", .number(-f.slope)), ("standardError", .number(f.slopeStandardError))])
        }
        return [
            ("n", .integer(a.sampleCount)),
            ("d", .integer(a.dimension)),
            ("M", .integer(a.latentDimension)),
            ("dropped", .integer(a.droppedCount)),
            ("cutoff", .number(a.relativeCutoff)),
            ("trace", .number(a.trace)),
            ("targetMean", .number(a.targetMean)),
            ("targetVariance", .number(a.targetVariance)),
            ("explainedVariance", .number(a.explainedVariance)),
            ("noise", .number(a.residualVariance)),
            ("spectralExponent", fit(spectrumFit)),
            ("alpha", .number(-spectrumFit.slope - 1)),
            ("teacherExponent", fit(teacherFit)),
            ("readSeconds", .number(seconds.0)),
            ("analysisSeconds", .number(seconds.1)),
        ] + DataOptions.echo(arguments)
    }

    /// Eigenvalues and teacher power against the index, with the fitted lines over their window.
    static func plot(_ a: DataSetAnalysis, spectrumFit: PowerLawFit.Result, teacherFit: PowerLawFit.Result) -> Plot {
        let indices = Array(1...a.latentDimension)
        func line(_ f: PowerLawFit.Result) -> [Plot.Point] {
            [f.indices.lowerBound, f.indices.upperBound].map {
                Plot.Point(x: Double($0), y: exp(f.intercept + f.slope * log(Double($0))))
            }
        }
        return Plot(
            title: "Data covariance spectrum and teacher power per eigendirection (n = \(a.sampleCount), d = \(a.dimension))",
            xLabel: "eigen-index I", yLabel: "lambda_I, omega_I",
            series: [
                Plot.Series(name: "lambda_I", points: zip(indices, a.eigenvalues).map { Plot.Point(x: Double($0), y: $1) },
                            color: Plot.palette[0]),
                Plot.Series(name: String(format: "fit: 1+alpha = %.3f", -spectrumFit.slope), points: line(spectrumFit),
                            color: "#000000"),
                Plot.Series(name: "omega_I = w_I^2", points: zip(indices, a.teacherPower).map { Plot.Point(x: Double($0), y: $1) },
                            style: .markers, color: Plot.palette[1]),
                Plot.Series(name: String(format: "fit: beta = %.3f", -teacherFit.slope), points: line(teacherFit),
                            color: "#777777"),
            ])
    }

    /// A line on stderr when it is a terminal (logs and pipes stay clean).
    static func note(_ text: String) {
        if StandardError.isTerminal { StandardError.write(text + "\n") }
    }
}
