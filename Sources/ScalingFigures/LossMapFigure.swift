import Foundation
import ScalingTheory
import SVGPlot

extension LossMap {
    /// The heatmap `map` draws: log10 <L> with contour lines, the regime
    /// boundaries N = P and min(N, P) = M, and the compute-optimal path.
    public func heatmap() -> Heatmap {
        let values = cells.map { row in row.map { cell -> Double in
            let loss = cell.prediction.loss
            return loss == .infinity ? .infinity : (loss > 0 ? log10(loss) : -.infinity)
        } }
        // The colour range leaves out the cells next to a ridgeless peak (the
        // top 3 percent), which would otherwise take the whole scale.
        let finite = values.joined().filter(\.isFinite).sorted()
        var range: ClosedRange<Double>?
        if let low = finite.first, finite.count > 10 {
            let high = finite[Int(0.97 * Double(finite.count - 1))]
            if high > low { range = low...high }
        }
        let span = (range?.upperBound ?? 1) - (range?.lowerBound ?? 0)
        let step = span > 6 ? 1.0 : (span > 3 ? 0.5 : 0.25)
        let levels = stride(from: ((range?.lowerBound ?? 0) / step).rounded(.up) * step,
                            through: range?.upperBound ?? 0, by: step).map { $0 }
        let scale: AxisScale = grid.spacing == .log ? .log : .linear
        let lo = grid.lower, hi = grid.upper, m = spectrum.latentDimension
        var overlays = [Plot.Series(name: "N = P", points: [Plot.Point(x: lo, y: lo), Plot.Point(x: hi, y: hi)],
                                    color: "#000000", dash: "6 4")]
        if m > lo, m < hi {
            overlays.append(Plot.Series(name: "min(N, P) = M", points: [
                Plot.Point(x: m, y: hi), Plot.Point(x: m, y: m), Plot.Point(x: hi, y: m),
            ], color: "#ff7f0e", dash: "2 3"))
        }
        if !path.isEmpty {
            overlays.append(Plot.Series(name: "compute-optimal (N, P) at fixed N P", points: path.map {
                Plot.Point(x: $0.featureCount, y: $0.sampleCount)
            }, style: .lineAndMarkers, color: "#d62728"))
        }
        return Heatmap(
            title: "Test loss over (N, P): regimes, contours and the compute-optimal path",
            subtitle: "\(FigureText.spectrum(spectrum)), \(FigureText.configuration(base, omitting: ["N", "P"])); theory",
            xLabel: "features N", yLabel: "samples P", valueLabel: "log₁₀ ⟨L⟩", xScale: scale, yScale: scale,
            x: grid.values, y: grid.values, values: values, valueRange: range, contourLevels: levels,
            overlays: overlays, infiniteLabel: "⟨L⟩ = +∞ (N = P, ridgeless)",
            minusInfiniteLabel: "⟨L⟩ = 0 (min(N, P) ≥ M, no ridge or noise)")
    }
}
