import ScalingTheory
import SVGPlot

extension SGDPhaseDiagram {
    /// The heatmap `map --phases` draws: the fitted exponent of N* over
    /// (alpha, beta) with the phase boundaries of `SGDPhaseDiagram.boundaries`
    /// that fall inside the grid.
    public func heatmap(batchSize: Int) -> Heatmap {
        let lo = alphas.first ?? 0, hi = alphas.last ?? 1
        let palette = ["#000000", "#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#8c564b"]
        let dashes = ["6 4", "2 3", "8 3 2 3", "4 4", "1 3", "10 4"]
        let lines = Self.boundaries(alphaFrom: lo, alphaTo: hi, betaFrom: teacherExponents.first ?? 0,
                                    betaTo: teacherExponents.last ?? 1)
        let overlays = lines.enumerated().map { index, line in
            Plot.Series(name: line.name, points: [Plot.Point(x: line.alpha0, y: line.beta0), Plot.Point(x: line.alpha1, y: line.beta1)],
                        color: palette[index % palette.count], dash: dashes[index % dashes.count])
        }
        let setup = latentRatio.map { "M = \($0) N, rate per unit of trace" } ?? "M = inf"
        return Heatmap(title: "Compute-optimal N* ~ C^e under one-pass SGD",
                       subtitle: "C = N B R, B = \(batchSize), \(setup), fitted over C = 1e8 ... 1e12; lines: phase boundaries (Docs/Theory.md section 12)",
                       xLabel: "alpha (lambda_I ~ I^-(1+alpha))", yLabel: "beta (omega_I ~ I^-beta)",
                       valueLabel: "exponent e of N*", xScale: .linear, yScale: .linear, x: alphas, y: teacherExponents,
                       values: points.map { $0.map(\.featureExponent) },
                       contourLevels: [0.3, 0.35, 0.4, 0.45, 0.5], overlays: overlays)
    }
}
