import XCTest
import ScalingMonteCarlo
import ScalingTheory

final class GradientFlowExploreTests: XCTestCase {
    func testExplore() throws {
        let env = ProcessInfo.processInfo.environment
        guard env["FLOW_EXPLORE"] != nil else { return }
        let n = Double(env["N"] ?? "100")!, p = Double(env["P"] ?? "300")!, m = Double(env["M"] ?? "400")!
        let gamma = Double(env["G"] ?? "0")!, noise = Double(env["NOISE"] ?? "0")!
        let alpha = Double(env["ALPHA"] ?? "1")!
        let beta = Double(env["BETA"] ?? "0")!
        let trials = Int(env["TRIALS"] ?? "32")!
        let times = (env["TIMES"] ?? "0.1,1,10,100,1000,10000,inf").split(separator: ",").map { Double(String($0))! }
        let spectrum = try PowerLawSpectrum(alpha: alpha, latentDimension: m)
        let c = try ModelConfiguration(featureCount: n, sampleCount: p, ridge: gamma, noiseVariance: noise)
        let omega = (1...Int(m)).map { pow(Double($0), -beta) / m }
        let theory = try GradientFlowTheory(spectrum: spectrum, configuration: c, teacherPower: omega)
        let clock = Date()
        let predicted = try theory.losses(at: times)
        let tt = Date().timeIntervalSince(clock)
        let sim = try GradientFlowSimulation(spectrum: spectrum, configuration: c, times: times, teacherPower: omega,
                                             options: SimulationOptions(trials: trials, seed: 7, threads: 1))
        let r = try sim.run()
        let stat = try spectrum.predict(c)
        print("static", stat.loss, "theory time", tt, "mc time", r.seconds, "L0", theory.zeroPredictorLoss)
        for (j, t) in times.enumerated() {
            let z = (r.meanLoss[j] - predicted[j]) / r.lossStandardError[j]
            print(String(format: "t=%-8g theory=%.6e mc=%.6e se=%.2e z=%+.2f train=%.4e", t, predicted[j], r.meanLoss[j], r.lossStandardError[j], z, r.meanTrainingError[j]))
        }
    }
}
