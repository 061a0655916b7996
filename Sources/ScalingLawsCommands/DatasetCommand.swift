import Foundation
import ScalingData
import ScalingFigures
import ScalingMonteCarlo
import ScalingOutput
import ScalingTheory
import SVGPlot

/// `scaling-laws dataset`: a data matrix and its labels as the solvable
/// model sees them (Docs/Theory.md section 9). Writes to `--output DIR`:
/// `spectrum.txt`, `teacher.txt` and `noise.txt` (for `--spectrum-file`,
/// `--teacher-file` and `--noise-file`, in the same order, largest eigenvalue
/// first), `dataset.json` (sizes, trace, every sigma_eps^2 estimate, fitted
/// exponents, per direction lambda_I, omega_I, nu_I) and
/// `dataset.svg` (spectrum and teacher power against the eigen-index).
enum DatasetCommand: Command {
    static let name = "dataset"
    static let summary = "Measure a data set's spectrum, teacher power and residual noise for the theory (writes files)."
    static let flags = DataOptions.flags + [
        .value("output", "DIR", "directory for spectrum.txt, teacher.txt, noise.txt, dataset.json and dataset.svg (required)"),
        DataOptions.cutoffFlag(),
        .value("fit-window", "A:B", "1-based eigen-indices of the power-law fits (default 10:M/2)"),
        .value("format", "json|csv|table", "what is printed: the summary as a table, or JSON/CSV with the eigenvalue list (default table)"),
        OutputDestination.forceFlag,
    ]

    static let requiredFlags: Set<String> = ["data", "labels", "output"]
    static let schema: OutputSchema? = OutputSchema(summary: DataSetRecord.columns.map(\.spec), listKey: "eigenvalues",
                                                    list: DataSetRecord.directionColumns.map(\.spec))
    static let fileNames = ["spectrum.txt", "teacher.txt", "dataset.json", "dataset.svg", "noise.txt"]

    static func run(_ arguments: Arguments) throws -> Int32 {
        let format = try arguments.format()
        guard let outputPath = arguments.string("output") else { throw UsageError("missing --output DIR") }
        let output = try AtomicFile.directory(outputPath)
        let files = fileNames.map { output.appendingPathComponent($0) }
        if !arguments.isOn("force"), let existing = files.first(where: { FileManager.default.fileExists(atPath: $0.path) }) {
            throw UsageError("\(existing.path) exists; give --force to replace it, or another --output directory")
        }
        let requestedWindow = try SpectrumCommand.window(arguments, "fit-window")
        let start = DispatchTime.now().uptimeNanoseconds
        func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        // Reading and analysing are where bad data is found: no progress line before such a refusal.
        let (analysis, noise, readSeconds, analysisSeconds, spectrumFit, teacherFit) = try Heartbeat.whileChecking {
            guard let dataSet = try DataOptions.load(arguments) else { throw UsageError("missing --data PATH") }
            try WorkLimit.check(flops: DataSetAnalysis.estimatedFlops(sampleCount: dataSet.data.rows,
                                                                      dimension: dataSet.data.columns),
                                what: "analysing \(dataSet.data.rows) x \(dataSet.data.columns) data")
            let readSeconds = seconds()
            note("read \(dataSet.data.rows) x \(dataSet.data.columns) in \(String(format: "%.1f", readSeconds)) s")
            let centred = try CentredDataSet(dataSet)
            let analysis = try DataOptions.analysis(arguments, centred)
            let noise = try ResidualNoise(centred, analysis: analysis)
            let analysisSeconds = seconds() - readSeconds
            let m = analysis.latentDimension
            let window = requestedWindow ?? analysis.defaultFitWindow
            if requestedWindow != nil, window.upperBound > m {
                throw UsageError("--fit-window must end at or below M = \(m)")
            }
            return (analysis, noise, readSeconds, analysisSeconds, try analysis.spectrumFit(window),
                    try analysis.teacherFit(window))
        }

        let record = DataSetRecord(analysis: analysis, noise: noise, spectrumFit: spectrumFit, teacherFit: teacherFit,
                                   readSeconds: readSeconds, analysisSeconds: analysisSeconds)
        let omega = analysis.teacherPower
        let directions = analysis.eigenvalues.indices.map {
            DataSetRecord.Direction(index: $0 + 1, eigenvalue: analysis.eigenvalues[$0], teacherPower: omega[$0],
                                    noisePower: noise.noisePower[$0], projectionKurtosis: noise.projectionKurtosis[$0])
        }
        let document = OutputDocument(command: name, inputs: arguments.inputs,
                                      summary: RecordTable(DataSetRecord.columns, [record]), listKey: "eigenvalues",
                                      list: RecordTable(DataSetRecord.directionColumns, directions))
        let spectrumText = document.numberLines(analysis.eigenvalues, comments: ["# eigenvalues of the data covariance, largest first"])
        let teacherText = document.numberLines(analysis.teacherPower,
                                               comments: ["# teacher power omega_I = w_I^2 per eigendirection, aligned with spectrum.txt"])
        let noiseText = document.numberLines(noise.noisePower, comments: [
            "# noise power nu_I = E[eps^2 (v_I . x)^2] / lambda_I per eigendirection, aligned with spectrum.txt"])
        // The five files as one set: a failure leaves none of them replaced.
        try AtomicFile.writeSet([
            (spectrumText, files[0]),
            (noiseText, files[4]),
            (teacherText, files[1]),
            (document.rendered(.json), files[2]),
            (document.svg(analysis.plot(spectrumFit: spectrumFit, teacherFit: teacherFit).svg()), files[3]),
        ])
        var shown = document
        if format == .table {
            shown.list = nil
            shown.notes = ["wrote \(output.path)/{spectrum.txt,teacher.txt,noise.txt,dataset.json,dataset.svg}"]
        }
        shown.emit(format)
        return 0
    }

    /// A line on stderr when it is a terminal (logs and pipes stay clean).
    static func note(_ text: String) {
        if StandardError.isTerminal { StandardError.write(text + "\n") }
    }
}
