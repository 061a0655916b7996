import Foundation
import ScalingOutput
import ScalingTheory

/// The spectrum and model flags shared by every command that evaluates the
/// model: `--alpha/--lambda-plus/--M` or `--spectrum-file`, and
/// `--N/--P/--gamma/--sigma-w2/--sigma-u2/--noise`.
enum ModelOptions {
    static let spectrumFlags: [Flag] = [
        .value("alpha", "A", "power-law exponent alpha > 0: lambda_I = lambda_plus I^-(1+alpha)"),
        .value("lambda-plus", "X", "largest eigenvalue lambda_plus (default 1)"),
        .value("M", "M", "latent dimension M (whole number >= 1, or inf: per-component weight variances, Docs/PowerLaw.md)"),
        .value("summation", "auto|exact|euler-maclaurin",
               "power-law sums: exact O(M), or Euler-Maclaurin O(1) (default auto: exact for M <= 1e5)"),
        .value("spectrum-file", "PATH", "instead of a power law: eigenvalues, one per line, # comments"),
    ]
    static let configurationFlags: [Flag] = [
        .value("N", "N", "number of random features N >= 1"),
        .value("P", "P", "number of training samples P >= 1"),
        .value("gamma", "G", "ridge gamma >= 0 on the unnormalized squared loss (default 0)"),
        .value("sigma-w2", "V", "teacher variance sigma_w^2 > 0, w_I ~ N(0, sigma_w^2/M) (default 1)"),
        .value("sigma-u2", "V", "feature-weight variance sigma_u^2 > 0, u_iI ~ N(0, sigma_u^2/M) (default 1)"),
        .value("noise", "V", "label-noise variance sigma_eps^2 >= 0 (default 0)"),
        .value("teacher-exponent", "BETA",
               "teacher power omega_I = (sigma_w^2/M) I^-beta per direction, |beta| <= 10 (default 0: isotropic)"),
        .value("teacher-file", "PATH",
               "with --spectrum-file: omega_I / sigma_w^2 per direction, one per line in the spectrum file's order, # comments"),
    ]
    /// The model flag `name`, for a command that takes it alone.
    static func flag(_ name: String) -> Flag { (spectrumFlags + configurationFlags).first { $0.name == name }! }
    static let formatFlag: Flag = .value("format", "json|csv|table", "output format (default table)")

    /// The spectrum named by the flags.
    static func spectrum(_ arguments: Arguments) throws -> any Spectrum {
        if let path = arguments.string("spectrum-file") {
            for name in ["alpha", "lambda-plus", "M", "summation"] where arguments.has(name) {
                throw UsageError("--spectrum-file cannot be combined with --\(name)")
            }
            // Recorded as an absolute path, so that `rerun` finds it from anywhere.
            arguments.log.record("spectrum-file", .string(URL(fileURLWithPath: path).standardizedFileURL.path))
            return try TabulatedSpectrum(contentsOfFile: path)
        }
        guard arguments.has("alpha") || arguments.has("M") else {
            throw UsageError("give a spectrum: --alpha A --M M [--lambda-plus X], or --spectrum-file PATH")
        }
        let summation = try arguments.choice("summation", ["auto"] + SpectralSummation.allCases.map(\.rawValue),
                                             default: "auto")
        return try PowerLawSpectrum(alpha: try arguments.requiredDouble("alpha"),
                                    lambdaPlus: try arguments.double("lambda-plus", default: 1),
                                    latentDimension: try arguments.requiredDouble("M"),
                                    summation: SpectralSummation(rawValue: summation))
    }

    /// `--format`, the spectrum and the configuration of a command that
    /// evaluates the model at one (N, P).
    static func point(_ arguments: Arguments) throws -> (format: OutputFormat, spectrum: any Spectrum,
                                                         configuration: ModelConfiguration) {
        (try arguments.format(), try spectrum(arguments), try configuration(arguments))
    }

    /// The model configuration named by the flags.
    static func configuration(_ arguments: Arguments) throws -> ModelConfiguration {
        try configuration(arguments, featureCount: try arguments.requiredDouble("N"),
                          sampleCount: try arguments.requiredDouble("P"))
    }

    /// The configuration at this N and P, the other parameters from the flags
    /// (for commands that set N and P themselves: grids, compute budgets).
    static func configuration(_ arguments: Arguments, featureCount: Double, sampleCount: Double) throws
        -> ModelConfiguration {
        try ModelConfiguration(featureCount: featureCount, sampleCount: sampleCount,
                               ridge: try arguments.double("gamma", default: 0),
                               teacherVariance: try arguments.double("sigma-w2", default: 1),
                               featureWeightVariance: try arguments.double("sigma-u2", default: 1),
                               noiseVariance: try arguments.double("noise", default: 0),
                               teacher: try teacher(arguments))
    }

    /// The configuration of one-pass SGD at this N: no P (it sees B R fresh
    /// samples) and no ridge; the variances, noise and teacher from the flags.
    static func configuration(_ arguments: Arguments, featureCount: Double) throws -> ModelConfiguration {
        try ModelConfiguration(featureCount: featureCount, sampleCount: 1,
                               teacherVariance: try arguments.double("sigma-w2", default: 1),
                               featureWeightVariance: try arguments.double("sigma-u2", default: 1),
                               noiseVariance: try arguments.double("noise", default: 0), teacher: try teacher(arguments))
    }

    /// The teacher named by `--teacher-exponent` or `--teacher-file` (which
    /// needs `--spectrum-file`, whose order its lines follow); the isotropic
    /// one (beta = 0) when neither is given. A file of the wrong length is
    /// reported when the spectrum and the teacher first meet
    /// (`ScalingError.teacherMismatch`).
    static func teacher(_ arguments: Arguments) throws -> Teacher {
        if arguments.has("teacher-file") {
            guard !arguments.has("teacher-exponent") else {
                throw UsageError("--teacher-file cannot be combined with --teacher-exponent")
            }
            guard arguments.has("spectrum-file") else {
                throw UsageError("--teacher-file needs --spectrum-file (its lines follow the spectrum file's order)")
            }
            let path = arguments.string("teacher-file")!
            // Recorded as an absolute path, like the spectrum file, so that `rerun` finds it.
            arguments.log.record("teacher-file", .string(URL(fileURLWithPath: path).standardizedFileURL.path))
            return try Teacher(contentsOfFile: path)
        }
        return try Teacher.powerLaw(exponent: try arguments.double("teacher-exponent", default: 0))
    }

    /// `predict --noise-file PATH`: a per-direction noise power nu_I (one per
    /// line in the spectrum file's order, as `dataset` writes `noise.txt`) in
    /// the variance term in place of sigma_eps^2 (Docs/Theory.md section 13).
    /// `--noise` stays the irreducible sigma_eps^2 of the test error and must
    /// be given with it.
    static let noiseFileFlag: Flag = .value(
        "noise-file", "PATH",
        "with --spectrum-file and --noise: noise power nu_I per direction in the spectrum file's order (dataset's noise.txt), in the variance term in place of sigma_eps^2")

    /// The noise power of `--noise-file`, or nil when it is not given.
    static func noisePower(_ arguments: Arguments) throws -> NoisePower? {
        guard let path = arguments.string("noise-file") else { return nil }
        guard arguments.has("spectrum-file") else {
            throw UsageError("--noise-file needs --spectrum-file (its lines follow the spectrum file's order)")
        }
        guard arguments.has("noise") else {
            throw UsageError("--noise-file needs --noise (sigma_eps^2 of the test error: dataset.json's noise)")
        }
        for name in ["time", "activation", "optimizer"] where arguments.has(name) {
            throw UsageError("--noise-file cannot be combined with --\(name) (the static theory of linear features only)")
        }
        // Recorded as an absolute path, like the spectrum file, so that `rerun` finds it.
        arguments.log.record("noise-file", .string(URL(fileURLWithPath: path).standardizedFileURL.path))
        return try NoisePower(contentsOfFile: path)
    }
}
