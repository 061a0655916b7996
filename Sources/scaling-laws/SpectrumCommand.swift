import Foundation
import ScalingMonteCarlo
import ScalingTheory

/// `scaling-laws spectrum`: the eigenvalues of the feature covariance,
/// measured on a sample (THEORY.md section 6).
enum SpectrumCommand: Command {
    static let name = "spectrum"
    static let summary = "Measure the eigenvalues of the N x N feature covariance for an activation (descending)."
    static let flags = ModelOptions.spectrumFlags + [
        .value("N", "N", "number of random features N >= 1 (whole number)"),
        .value("samples", "S", "latent samples used to estimate the covariance, >= 2 (default 20000)"),
        .value("sigma-u2", "V", "feature-weight variance sigma_u^2 > 0, u_iI ~ N(0, sigma_u^2/M) (default 1)"),
        SimulateCommand.activationFlag,
        .value("seed", "S", "seed, a whole number >= 0 (default 0)"),
        .value("format", "json|lines", "output format: one eigenvalue per line, or JSON (default lines)"),
    ]

    static func run(_ arguments: Arguments) throws -> Int32 {
        let format = try arguments.choice("format", ["json", "lines"], default: "lines")
        let spectrum = try ModelOptions.spectrum(arguments)
        guard let n = try arguments.int("N") else { throw UsageError("missing --N") }
        let activation = try SimulateCommand.activation(arguments)
        let measured = try FeatureCovarianceSpectrum(
            spectrum: spectrum, featureCount: n, sampleCount: try arguments.int("samples", default: 20_000),
            activation: activation, featureWeightVariance: try arguments.double("sigma-u2", default: 1),
            seed: try SimulateCommand.seed(arguments))
        switch format {
        case "json":
            let fields: [(String, JSONValue)] = [
                ("eigenvalues", .array(measured.eigenvalues.map { JSONValue.number($0) })),
                ("N", .integer(n)),
                ("M", .integer(measured.latentDimension)),
                ("activation", .string(activation.name)),
            ]
            print(JSONValue.object(fields).text)
        default:
            print(measured.eigenvalues.map { "\($0)" }.joined(separator: "\n"))
        }
        return 0
    }
}
