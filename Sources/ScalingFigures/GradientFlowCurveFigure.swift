import ScalingMonteCarlo
import ScalingTheory
import SVGPlot

extension GradientFlowCurvePoint {
    /// The figure of `sweep --vary time`: the theory's <L(t)> and, when
    /// simulated, the Monte Carlo points with error bars, at the times t > 0
    /// (a log axis has no t = 0).
    public static func plot(_ points: [GradientFlowCurvePoint], spacing: ParameterGrid.Spacing) -> Plot {
        let drawn = points.filter { $0.time > 0 }
        var series = [Plot.Series(name: "theory", points: drawn.map { Plot.Point(x: $0.time, y: $0.theory) })]
        if points.contains(where: { $0.mean != nil }) {
            series.append(Plot.Series(name: "simulation", points: drawn.map {
                Plot.Point(x: $0.time, y: $0.mean!, error: $0.standardError!) }, style: .markers))
        }
        return Plot(title: "test loss along gradient flow", xLabel: "time t", yLabel: "test loss <L(t)>",
                    xScale: spacing == .log ? .log : .linear, series: series)
    }
}
