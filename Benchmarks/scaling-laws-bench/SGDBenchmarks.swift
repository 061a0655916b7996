import Foundation
import ScalingTheory

/// One-pass SGD: the deterministic-equivalent theory's whole learning curve
/// (`OnePassSGDTheory.curve`, every step to R = 1e4) at M = 1e6. No peer
/// computes it (the target: under 50 ms).
struct SGDBenchmarks {
    var runs: Int

    func run(quick: Bool) throws -> [Measurement] {
        let configuration = try ModelConfiguration(featureCount: 1000, sampleCount: 1, noiseVariance: 1e-4,
                                                   teacher: try .powerLaw(exponent: 0.5))
        let probe = try OnePassSGDTheory.powerLaw(alpha: 1, latentDimension: 1e6, configuration: configuration,
                                                  sgd: try SGDHyperparameters(batchSize: 8, learningRate: 1e-9))
        let theory = probe.with(sgd: try SGDHyperparameters(batchSize: 8,
                                                            learningRate: 0.5 * (try probe.largestStableLearningRate())))
        _ = try theory.curve(steps: 100)
        var curve: [Double] = [], points: [Double] = []
        for _ in 0..<runs {
            curve.append(try Timing.seconds { _ = try theory.curve(steps: 10_000) })
            points.append(try Timing.seconds { _ = try theory.losses(atSteps: [10, 100, 1000, 10_000, 1e6]) })
        }
        return [
            Measurement(name: "SGD theory curve, every step to 1e4, M=1e6", unit: "curve", ours: Timing.median(curve),
                        note: "N = 1000, B = 8, eta = half the edge (compressed power law)"),
            Measurement(name: "SGD theory point <L>(r), M=1e6", unit: "point", ours: Timing.median(points) / 5,
                        note: "r = 10 ... 1e6"),
        ]
    }
}
