import Foundation
import ScalingMonteCarlo
import ScalingTheory
import SVGPlot

/// The gradient-flow figures of `scaling-laws demo` (Docs/Theory.md,
/// "Training time"): L(t) for several N at P = 200, M = 400, ridgeless, with
/// Monte Carlo points (the N = P curve has an early-stopping optimum and then
/// grows without bound); and the compute-optimal frontier of population
/// gradient flow with the predicted slope.
public struct GradientFlowDemo {
    public var options: SimulationOptions

    public init(options: SimulationOptions) {
        self.options = options
    }

    public static let alpha = 1.0
    public static let latentDimension = 400.0
    public static let sampleCount = 200.0
    public static let featureCounts = [100.0, 200.0, 300.0]
    /// Figure (7): population flow (P = infinity) on a power law of this size.
    public static let frontierLatentDimension = 1e6

    /// Returns the two plots and the largest |z| of the simulated points.
    /// Titles and subtitles state every fixed parameter with the symbols of
    /// figures 1-5 (`FigureText`); lines and points share a colour per N
    /// (`DemoFigures.coloured`).
    public func figures() throws -> (curves: Plot, frontier: Plot, largestZ: Double, points: Int) {
        let spectrum = try PowerLawSpectrum(alpha: Self.alpha, latentDimension: Self.latentDimension)
        // The line runs to the last simulated time (1e8), so every point has theory under it.
        let lineTimes = (0...54).map { pow(10, -1 + Double($0) / 6) }
        let pointTimes = (0...8).map { pow(10, Double($0)) }
        // Early losses are dominated by a few top teacher components (a
        // skewed distribution): at least 64 trials, cheap here (one
        // eigendecomposition each).
        let trials = max(options.trials, 64)
        var curves: [(line: Plot.Series, points: Plot.Series)] = []
        var worst = 0.0, count = 0
        var markers: [Plot.Marker] = []
        for (index, n) in Self.featureCounts.enumerated() {
            let configuration = try ModelConfiguration(featureCount: n, sampleCount: Self.sampleCount)
            let theory = try GradientFlowTheory(spectrum: spectrum, configuration: configuration)
            let line = try theory.losses(at: lineTimes)
            var pointOptions = options
            pointOptions.seed = options.seed &+ 7000 &+ UInt64(index)
            pointOptions.trials = trials
            let result = try GradientFlowSimulation(spectrum: spectrum, configuration: configuration, times: pointTimes,
                                                    options: pointOptions).run()
            let predicted = try theory.losses(at: pointTimes)
            for j in pointTimes.indices {
                worst = max(worst, abs(result.meanLoss[j] - predicted[j]) / result.lossStandardError[j])
                count += 1
            }
            let name = "N = \(FigureText.number(n))"
            curves.append((Plot.Series(name: name, points: zip(lineTimes, line).map { Plot.Point(x: $0.0, y: $0.1) }),
                           Plot.Series(name: "\(name): simulation", points: pointTimes.indices.map {
                               Plot.Point(x: pointTimes[$0], y: result.meanLoss[$0], error: result.lossStandardError[$0])
                           }, style: .markers)))
            if n == Self.sampleCount, let best = line.indices.min(by: { line[$0] < line[$1] }) {
                markers.append(Plot.Marker(x: lineTimes[best],
                                           label: "early-stopping optimum of N = P, t ≈ \(FigureText.number(lineTimes[best]))"))
            }
        }
        let curvesPlot = Plot(
            title: "Gradient flow ⟨L(t)⟩: at N = P an early-stopping optimum, then growth to L(t → ∞) = +∞",
            subtitle: "α = \(FigureText.number(Self.alpha)), M = \(FigureText.number(Self.latentDimension)), P = \(FigureText.number(Self.sampleCount)), γ = 0, σ_w² = σ_u² = 1, σ_ε² = 0, θ(0) = 0; \(FigureText.trials(trials, seed: options.seed))",
            xLabel: "training time t", yLabel: "test loss ⟨L(t)⟩", series: DemoFigures.coloured(curves),
            markers: markers, xSymbol: "t")

        let optimizer = GradientFlowComputeOptimizer(alpha: Self.alpha, latentDimension: Self.frontierLatentDimension,
                                                     configuration: try ModelConfiguration(featureCount: 1, sampleCount: 1),
                                                     budget: .featuresTimesSteps)
        let computes = (0...12).map { pow(10, 3 + Double($0) / 2) }
        let frontier = try optimizer.frontier(computes: computes)
        let exponent = GradientFlowScaling(alpha: Self.alpha).lossExponent(.featuresTimesSteps)
        let anchor = frontier[0]
        let frontierPlot = Plot(
            title: "Compute-optimal gradient flow: L*(C) ∝ C^−α/(α+2) for compute C = N s",
            subtitle: "population flow (P = ∞), α = \(FigureText.number(Self.alpha)), M = \(FigureText.number(Self.frontierLatentDimension)), γ = 0, σ_w² = σ_u² = 1, σ_ε² = 0; s = t σ_u² N / M steps; theory only",
            xLabel: "compute C = N s", yLabel: "test loss at the optimal N*, s*", series: [
                Plot.Series(name: "theory optimum L*(C)", points: frontier.map { Plot.Point(x: $0.compute, y: $0.loss) },
                            style: .markers, color: Plot.palette[0]),
                Plot.Series(name: "∝ C^\(FigureText.number(exponent)) (arXiv:2402.01092)",
                            points: computes.map { Plot.Point(x: $0, y: anchor.loss * pow($0 / anchor.compute, exponent)) },
                            color: Plot.palette[1], dash: "3 4"),
            ], xSymbol: "C")
        return (curvesPlot, frontierPlot, worst, count)
    }
}
