import Foundation
import ScalingMonteCarlo
import ScalingTheory

/// Time to predict one point of the learning curve L(t) of gradient flow, and
/// one Monte Carlo trial's whole curve. No peer computes these.
struct GradientFlowBenchmarks {
    var runs: Int

    static let times = [1.0, 1e2, 1e4, 1e6, 1e8]

    func perPoint(_ name: String, _ theory: GradientFlowTheory) throws -> Measurement {
        _ = try theory.loss(at: 10)
        var seconds: [Double] = []
        for _ in 0..<runs {
            seconds.append(try Timing.seconds { _ = try theory.losses(at: Self.times) })
        }
        return Measurement(name: name, unit: "L(t) point", ours: Timing.median(seconds) / Double(Self.times.count),
                           note: "t = 1 ... 1e8")
    }

    func run(quick: Bool) throws -> [Measurement] {
        var results: [Measurement] = []
        let small = try PowerLawSpectrum(alpha: 1, latentDimension: 400)
        let peak = try ModelConfiguration(featureCount: 200, sampleCount: 200)
        results.append(try perPoint("L(t) M=400 exact list, N=P=200", GradientFlowTheory(spectrum: small, configuration: peak)))
        let large = try ModelConfiguration(featureCount: 1000, sampleCount: 4000, ridge: 1e-3)
        results.append(try perPoint("L(t) power law M=1e6 (compressed), N<P",
                                    GradientFlowTheory.powerLaw(alpha: 1, latentDimension: 1e6, configuration: large)))
        results.append(try perPoint("L(t) population flow P=inf, M=1e6",
                                    GradientFlowTheory.powerLaw(alpha: 1, latentDimension: 1e6, configuration: large,
                                                                sampleCount: .infinity)))
        let trials = quick ? 4 : 16
        let simulation = try GradientFlowSimulation(
            spectrum: small, configuration: peak, times: (0..<20).map { pow(10, Double($0) * 0.4) },
            options: SimulationOptions(trials: trials, seed: 1, threads: 1))
        var seconds: [Double] = []
        for _ in 0..<runs { seconds.append(try Timing.seconds { _ = try simulation.run() }) }
        results.append(Measurement(name: "MC curve N=P=200, M=400, 20 times", unit: "trial",
                                   ours: Timing.median(seconds) / Double(trials), note: "1 thread"))
        return results
    }
}
