import ScalingTheory
import SVGPlot

extension SGDPhaseDiagram {
    /// The heatmap `map --phases` draws: the fitted exponent of N* over
    /// (alpha, beta) with the phase boundaries beta = 1 and beta = 1 + alpha.
    public func heatmap(batchSize: Int) -> Heatmap {
        let lo = alphas.first ?? 0, hi = alphas.last ?? 1
        let overlays = [
            Plot.Series(name: "beta = 1 (phase I | II)", points: [Plot.Point(x: lo, y: Self.capacityBoundary(alpha: lo)),
                                                                   Plot.Point(x: hi, y: Self.capacityBoundary(alpha: hi))],
                        color: "#000000", dash: "6 4"),
            Plot.Series(name: "beta = 1 + alpha (phase II | III)",
                        points: [Plot.Point(x: lo, y: Self.noiseBoundary(alpha: lo)), Plot.Point(x: hi, y: Self.noiseBoundary(alpha: hi))],
                        color: "#d62728", dash: "2 3"),
        ]
        return Heatmap(title: "Compute-optimal N* ~ C^e under one-pass SGD",
                       subtitle: "C = N B R, B = \(batchSize), M = inf, fitted over C = 1e8 ... 1e12; lines: phase boundaries of arXiv:2405.15074",
                       xLabel: "alpha (lambda_I ~ I^-(1+alpha))", yLabel: "beta (omega_I ~ I^-beta)",
                       valueLabel: "exponent e of N*", xScale: .linear, yScale: .linear, x: alphas, y: teacherExponents,
                       values: points.map { $0.map(\.featureExponent) },
                       contourLevels: [0.3, 0.35, 0.4, 0.45, 0.5], overlays: overlays)
    }
}
