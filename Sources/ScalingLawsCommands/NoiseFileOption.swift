import Foundation
import ScalingOutput
import ScalingTheory

/// `predict --noise-file PATH`: a per-direction noise power nu_I (one per
/// line in the spectrum file's order, as `dataset` writes `noise.txt`) in
/// the variance term in place of sigma_eps^2 (Docs/Theory.md
/// section 13). `--noise` stays the irreducible sigma_eps^2 of the test
/// error and must be given with it.
enum NoiseFileOption {
    static let flag: Flag = .value(
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
