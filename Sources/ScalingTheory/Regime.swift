/// Which side of the model's thresholds a configuration sits on
/// (Docs/Theory.md section 3).
public enum Regime: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// The spelling the command line uses, e.g. `interpolation-threshold`.
    public var description: String { rawValue }

    /// N < P (and min(N, P) < M).
    case underparameterized
    /// N > P (and min(N, P) < M).
    case overparameterized
    /// N = P < M. With gamma = 0 the loss is +infinity (the interpolation
    /// peak); any gamma > 0 makes it finite.
    case interpolationThreshold = "interpolation-threshold"
    /// min(N, P) >= M: features or data exceed the latent dimension and the
    /// power law breaks down (ridgeless, the noiseless loss is 0).
    case beyondLatentDimension = "beyond-latent-dimension"

    /// Classifies N, P against each other and against M.
    public init(featureCount: Double, sampleCount: Double, latentDimension: Double) {
        if min(featureCount, sampleCount) >= latentDimension {
            self = .beyondLatentDimension
        } else if featureCount == sampleCount {
            self = .interpolationThreshold
        } else {
            self = featureCount < sampleCount ? .underparameterized : .overparameterized
        }
    }
}
