import ScalingMonteCarlo
import ScalingTheory

/// One one-pass SGD configuration of the SGD tests (Docs/Theory.md section
/// 12): a power-law spectrum and teacher, label noise, batch size B, eta as a
/// fraction of a stability edge, the recorded steps, the sampler and the trials.
struct SGDCase {
    var name = ""
    var m: Double, n: Double
    var batch: Int
    /// eta as a fraction of a largest stable learning rate (which one: the test says).
    var edgeFraction: Double
    var noise = 0.0, alpha = 1.0
    /// omega_I proportional to I^-beta.
    var beta = 0.0
    var sampler: Sampler = .conditional
    var steps: [Int]
    var trials = 40

    func spectrum() throws -> PowerLawSpectrum { try PowerLawSpectrum(alpha: alpha, latentDimension: m) }

    /// N, noise and the power-law teacher; P is unused by one-pass SGD.
    func configuration() throws -> ModelConfiguration {
        try ModelConfiguration(featureCount: n, sampleCount: 1, noiseVariance: noise,
                               teacher: try Teacher.powerLaw(exponent: beta))
    }

    /// The theory at eta = edgeFraction times the theory's own largest stable learning rate, and that schedule.
    func theoryAtEdgeFraction() throws -> (OnePassSGDTheory, SGDHyperparameters) {
        let probe = try OnePassSGDTheory(spectrum: spectrum(), configuration: configuration(),
                                         sgd: try SGDHyperparameters(batchSize: batch, learningRate: 1e-9))
        let sgd = try SGDHyperparameters(batchSize: batch, learningRate: edgeFraction * (try probe.largestStableLearningRate()))
        return (try probe.with(sgd: sgd), sgd)
    }
}
