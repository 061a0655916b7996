import Foundation
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingOutput
import ScalingTheory

/// `scaling-laws spectrum`: the eigenvalues of the feature covariance,
/// measured on a sample or, with `--exact`, from the exact moments of one
/// draw of U (Docs/Theory.md section 6). `--fit-below A:B` and `--fit-above C:D`
/// fit the power-law exponent -slope of ln(eigenvalue) against ln(index) on
/// those 1-based windows (B <= M <= C), to set against the latent 1 + alpha;
/// the lines format prints each fit as a leading `#` comment, so the output
/// still reads as a spectrum file.
enum SpectrumCommand: Command {
    static let name = "spectrum"
    static let summary = "Measure the eigenvalues of the N x N feature covariance for an activation (descending)."
    static let flags = ModelOptions.spectrumFlags + [
        .value("N", "N", "number of random features N >= 1 (whole number)"),
        .value("samples", "S", "latent samples used to estimate the covariance, >= 2 (default 20000)"),
        ModelOptions.flag("sigma-u2"),
        SimulationFlags.activation,
        .value("seed", "S", "seed, a whole number >= 0 (default 0)"),
        .toggle("exact", "the exact covariance S - m m^T of the draw of U (no sampling; --samples not used)"),
        .value("fit-below", "A:B", "fit the exponent on indices A..B, with B <= M"),
        .value("fit-above", "C:D", "fit the exponent on indices C..D, with C >= M"),
        .value("format", "lines|json|csv|table",
               "output format: one eigenvalue per line after # comments (a spectrum file), or JSON, CSV, a table (default lines)"),
    ]
    static let requiredFlags: Set<String> = ["N"]
    static let schema: OutputSchema? = OutputSchema(summary: SpectrumRecord.columns.map(\.spec), listKey: "eigenvalues",
                                                    list: SpectrumRecord.eigenvalueColumns.map(\.spec))

    static func run(_ arguments: Arguments) throws -> Int32 {
        let format = try arguments.choice("format", ["lines"] + OutputFormat.allCases.map(\.rawValue), default: "lines")
        let spectrum = try ModelOptions.spectrum(arguments)
        guard let n = try arguments.int("N") else { throw UsageError("missing --N") }
        let activation = try SimulationFlags.activation(arguments)
        if arguments.isOn("exact"), arguments.has("samples") {
            throw UsageError("--samples cannot be combined with --exact")
        }
        let weightVariance = try arguments.double("sigma-u2", default: 1)
        let samples = arguments.isOn("exact") ? 0 : Double(try arguments.int("samples", default: 20_000))
        if n >= 1 && weightVariance.isFinite && weightVariance > 0 {
            try FeatureCovarianceSpectrum.checkMemory(spectrum: spectrum, featureCount: n,
                                                      sampleCount: arguments.isOn("exact") ? nil : max(Int(samples), 2))
        }
        try WorkLimit.check(flops: WorkEstimate.spectrumFlops(featureCount: Double(n), latentDimension: spectrum.latentDimension,
                                                              samples: arguments.isOn("exact") ? nil : samples),
                            what: "this spectrum")
        let measured = arguments.isOn("exact")
            ? try FeatureCovarianceSpectrum(exactFor: spectrum, featureCount: n, activation: activation,
                                            featureWeightVariance: weightVariance, seed: try SimulationFlags.seed(arguments))
            : try FeatureCovarianceSpectrum(
                spectrum: spectrum, featureCount: n, sampleCount: try arguments.int("samples", default: 20_000),
                activation: activation, featureWeightVariance: weightVariance, seed: try SimulationFlags.seed(arguments))
        let m = measured.latentDimension
        var fits: [(String, PowerLawFit.Result)] = []
        if let window = try window(arguments, "fit-below") {
            guard window.upperBound <= m else { throw UsageError("--fit-below must end at or below M = \(m)") }
            fits.append(("below", try PowerLawFit.fit(measured.eigenvalues, indices: window)))
        }
        if let window = try window(arguments, "fit-above") {
            guard window.lowerBound >= m else { throw UsageError("--fit-above must start at or above M = \(m)") }
            fits.append(("above", try PowerLawFit.fit(measured.eigenvalues, indices: window)))
        }
        let latent = (spectrum as? PowerLawSpectrum).map { 1 + $0.alpha }
        let record = SpectrumRecord(featureCount: n, latentDimension: m, activation: activation.name,
                                    exact: arguments.isOn("exact"), below: fits.first { $0.0 == "below" }?.1,
                                    above: fits.first { $0.0 == "above" }?.1, latentExponent: fits.isEmpty ? nil : latent)
        let document = OutputDocument(
            command: name, inputs: arguments.inputs, summary: RecordTable(SpectrumRecord.columns, [record]),
            listKey: "eigenvalues",
            list: RecordTable(SpectrumRecord.eigenvalueColumns, Array(measured.eigenvalues.enumerated())))
        if let format = OutputFormat(rawValue: format) {
            document.emit(format)
            return 0
        }
        // A spectrum file `--spectrum-file` reads back: # comments, then one eigenvalue per line.
        let reference = latent.map { String(format: " (latent 1+alpha = %g)", $0) } ?? ""
        Console.write(document.numberLines(measured.eigenvalues, comments: fits.map { side, fit in
            String(format: "# fit %@ M on %d:%d: exponent %.4f +- %.4f", side, fit.indices.lowerBound,
                   fit.indices.upperBound, -fit.slope, fit.slopeStandardError) + reference
        }))
        return 0
    }

    /// A window `A:B` of 1-based indices with 1 <= A < B.
    static func window(_ arguments: Arguments, _ name: String) throws -> ClosedRange<Int>? {
        guard let text = arguments.string(name) else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a >= 1, a < b else {
            throw UsageError("--\(name) needs A:B with whole numbers 1 <= A < B, got '\(Arguments.quoted(text))'")
        }
        return a...b
    }
}
