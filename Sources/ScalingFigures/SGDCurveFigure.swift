import ScalingMonteCarlo
import ScalingTheory
import SVGPlot

/// The figure of `sweep --vary steps`: the theory's <L>(R) of one-pass SGD
/// and, when simulated, the Monte Carlo points with error bars (on a log axis
/// the step counts R > 0 only).
public enum SGDCurveFigure {
    public static func plot(steps: [Int], theory: [Double], simulated: SGDSimulationResult?, sgd: SGDHyperparameters,
                            spacing: ParameterGrid.Spacing) -> Plot {
        let shown = steps.indices.filter { steps[$0] > 0 || spacing == .linear }
        var series = [Plot.Series(name: "theory", points: shown.map { Plot.Point(x: Double(steps[$0]), y: theory[$0]) })]
        if let simulated {
            series.append(Plot.Series(name: "simulation", points: shown.map {
                Plot.Point(x: Double(steps[$0]), y: simulated.meanLoss[$0], error: simulated.lossStandardError[$0])
            }, style: .markers))
        }
        return Plot(title: "test loss along one-pass SGD (B = \(sgd.batchSize), η = \(FigureText.number(sgd.learningRate)))",
                    xLabel: "steps R", yLabel: "test loss <L>(R)", xScale: spacing == .log ? .log : .linear,
                    series: series)
    }
}
