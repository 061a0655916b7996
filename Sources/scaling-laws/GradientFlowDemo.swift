import Foundation
import ScalingMonteCarlo
import ScalingTheory
import SVGPlot

/// The gradient-flow figures of `scaling-laws demo` (Docs/Theory.md,
/// "Training time"): L(t) for several N at P = 200, M = 400, ridgeless, with
/// Monte Carlo points (the N = P curve has an early-stopping optimum and then
/// grows without bound); and the compute-optimal frontier of population
/// gradient flow with the predicted slope.
struct GradientFlowDemo {
    var options: SimulationOptions

    /// Returns the two plots and the largest |z| of the simulated points.
    func figures() throws -> (curves: Plot, frontier: Plot, largestZ: Double, points: Int) {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 400)
        let lineTimes = (0...48).map { pow(10, -1 + Double($0) / 6) }
        let pointTimes = (0...8).map { pow(10, Double($0)) }
        var series: [Plot.Series] = []
        var worst = 0.0, count = 0
        var markers: [Plot.Marker] = []
        for (index, n) in [100.0, 200.0, 300.0].enumerated() {
            let configuration = try ModelConfiguration(featureCount: n, sampleCount: 200)
            let theory = try GradientFlowTheory(spectrum: spectrum, configuration: configuration)
            let line = try theory.losses(at: lineTimes)
            var pointOptions = options
            pointOptions.seed = options.seed &+ 7000 &+ UInt64(index)
            // Early losses are dominated by a few top teacher components (a
            // skewed distribution): at least 64 trials, cheap here (one
            // eigendecomposition each).
            pointOptions.trials = max(options.trials, 64)
            let result = try GradientFlowSimulation(spectrum: spectrum, configuration: configuration, times: pointTimes,
                                                    options: pointOptions).run()
            let predicted = try theory.losses(at: pointTimes)
            for j in pointTimes.indices {
                worst = max(worst, abs(result.meanLoss[j] - predicted[j]) / result.lossStandardError[j])
                count += 1
            }
            let color = Plot.palette[index % Plot.palette.count]
            series.append(Plot.Series(name: "N = \(Int(n)), theory", points: zip(lineTimes, line).map {
                Plot.Point(x: $0.0, y: $0.1) }, color: color))
            series.append(Plot.Series(name: "N = \(Int(n)), simulation", points: pointTimes.indices.map {
                Plot.Point(x: pointTimes[$0], y: result.meanLoss[$0], error: result.lossStandardError[$0]) },
                style: .markers, color: color))
            if n == 200, let best = line.indices.min(by: { line[$0] < line[$1] }) {
                markers.append(Plot.Marker(x: lineTimes[best], label: "early-stopping optimum, N = P"))
            }
        }
        let curves = Plot(title: "gradient flow: L(t), P = 200, M = 400, alpha = 1, gamma = 0",
                          xLabel: "time t", yLabel: "test loss <L(t)>", series: series, markers: markers)

        let optimizer = GradientFlowComputeOptimizer(alpha: 1, latentDimension: 1e6,
                                                     configuration: try ModelConfiguration(featureCount: 1, sampleCount: 1),
                                                     budget: .featuresTimesSteps)
        let computes = (0...12).map { pow(10, 3 + Double($0) / 2) }
        let frontier = try optimizer.frontier(computes: computes)
        let exponent = GradientFlowScaling(alpha: 1).lossExponent(.featuresTimesSteps)
        let anchor = frontier[0]
        let frontierPlot = Plot(
            title: "compute-optimal gradient flow, C = N s (P = inf), alpha = 1, M = 1e6",
            xLabel: "compute C = N s", yLabel: "loss at the optimal N*, s*",
            series: [
                Plot.Series(name: "theory optimum L*(C)", points: frontier.map { Plot.Point(x: $0.compute, y: $0.loss) },
                            style: .markers),
                Plot.Series(name: String(format: "C^%.3f (arXiv:2402.01092)", exponent), points: computes.map {
                    Plot.Point(x: $0, y: anchor.loss * pow($0 / anchor.compute, exponent)) }),
            ])
        return (curves, frontierPlot, worst, count)
    }
}
