import Foundation

/// A 2-D map written as a standalone SVG document: a value sampled on a
/// grid drawn as coloured cells (`<g class="cells">`), contour lines at
/// given levels (`<g class="contours">`), lines drawn on top (`overlays`,
/// for example regime boundaries or an optimal path, with a legend), and a
/// colour bar. Cells at +infinity are drawn white and named in the legend
/// (`<g class="infinite-cells">`); values outside `valueRange` take the
/// end colours and the bar says so.
public struct Heatmap: Sendable {
    public var title: String
    public var subtitle: String?
    public var xLabel: String
    public var yLabel: String
    /// What the colour shows, under the colour bar (e.g. "log₁₀ ⟨L⟩").
    public var valueLabel: String
    public var xScale: AxisScale
    public var yScale: AxisScale
    /// Column centres, increasing.
    public var x: [Double]
    /// Row centres, increasing.
    public var y: [Double]
    /// `values[row][column]`, the value at (x[column], y[row]).
    public var values: [[Double]]
    /// The coloured range; nil spans the finite values.
    public var valueRange: ClosedRange<Double>?
    public var contourLevels: [Double]
    public var overlays: [Plot.Series]
    /// Legend text for +infinity cells.
    public var infiniteLabel: String
    /// Legend text for -infinity cells (light grey; for a map of log L, L = 0).
    public var minusInfiniteLabel: String

    public init(title: String, subtitle: String? = nil, xLabel: String, yLabel: String, valueLabel: String,
                xScale: AxisScale = .log, yScale: AxisScale = .log, x: [Double], y: [Double], values: [[Double]],
                valueRange: ClosedRange<Double>? = nil, contourLevels: [Double] = [], overlays: [Plot.Series] = [],
                infiniteLabel: String = "+∞", minusInfiniteLabel: String = "−∞") {
        self.title = title
        self.subtitle = subtitle
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.valueLabel = valueLabel
        self.xScale = xScale
        self.yScale = yScale
        self.x = x
        self.y = y
        self.values = values
        self.valueRange = valueRange
        self.contourLevels = contourLevels
        self.overlays = overlays
        self.infiniteLabel = infiniteLabel
        self.minusInfiniteLabel = minusInfiniteLabel
    }

    /// The coloured range as drawn.
    public var colorScale: ColorScale {
        if let valueRange { return ColorScale(lower: valueRange.lowerBound, upper: valueRange.upperBound) }
        let finite = values.joined().filter(\.isFinite)
        return ColorScale(lower: finite.min() ?? 0, upper: finite.max() ?? 1)
    }

    /// The cell edges along one axis: midpoints between centres (in the
    /// axis' scale), and the outer edges half a step beyond the ends.
    public static func edges(_ centres: [Double], scale: AxisScale) -> [Double] {
        guard centres.count >= 2 else {
            let c = centres.first ?? 1
            return scale == .log ? [c / 1.5, c * 1.5] : [c - 0.5, c + 0.5]
        }
        let t = centres.map { scale == .log ? log10($0) : $0 }
        var e = [t[0] - (t[1] - t[0]) / 2]
        for i in 0..<(t.count - 1) { e.append((t[i] + t[i + 1]) / 2) }
        e.append(t[t.count - 1] + (t[t.count - 1] - t[t.count - 2]) / 2)
        return e.map { scale == .log ? pow(10, $0) : $0 }
    }

    public func svg(width: Double = 900, height: Double = 640) -> String {
        func f(_ v: Double) -> String { String(format: "%.2f", v) }
        let legend = overlays.filter(\.inLegend)
        let hasInfinite = values.joined().contains(.infinity)
        let hasMinusInfinite = values.joined().contains(-.infinity)
        let longest = (legend.map(\.name.count) + [hasInfinite ? infiniteLabel.count : 0,
                                                    hasMinusInfinite ? minusInfiniteLabel.count : 0, 27]).max() ?? 0
        let xEdges = Self.edges(x, scale: xScale), yEdges = Self.edges(y, scale: yScale)
        let xAxis = Axis(scale: xScale, exactly: xEdges.first!, xEdges.last!)
        let yAxis = Axis(scale: yScale, exactly: yEdges.first!, yEdges.last!)
        let left = TextFit.leftMargin(yTicks: yAxis.ticks), top = subtitle == nil ? 40.0 : 56.0, bottom = 60.0
        let right = 100.0 + max(0, 40 + 7 * Double(longest))
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let frame = PlotFrame(left: left, top: top, width: plotWidth, height: plotHeight)
        func px(_ v: Double) -> Double { left + plotWidth * xAxis.fraction(v) }
        func py(_ v: Double) -> Double { top + plotHeight * (1 - yAxis.fraction(v)) }
        // Fractional grid coordinates to the page, between neighbouring centres.
        func gx(_ c: Double) -> Double {
            let i = min(max(Int(c.rounded(.down)), 0), max(x.count - 2, 0))
            guard x.count >= 2 else { return px(x[0]) }
            return px(x[i]) + (c - Double(i)) * (px(x[i + 1]) - px(x[i]))
        }
        func gy(_ r: Double) -> Double {
            let j = min(max(Int(r.rounded(.down)), 0), max(y.count - 2, 0))
            guard y.count >= 2 else { return py(y[0]) }
            return py(y[j]) + (r - Double(j)) * (py(y[j + 1]) - py(y[j]))
        }
        let scale = colorScale

        var out = SVGDocument.opening(width: width, height: height, title: title, subtitle: subtitle)

        // Cells; the infinite ones in a group of their own.
        var infinite = "", minusInfinite = ""
        out += "<g class=\"cells\">\n"
        for (j, row) in values.enumerated() where j < y.count {
            for (i, value) in row.enumerated() where i < x.count {
                guard !value.isNaN else { continue }
                let x0 = px(xEdges[i]), x1 = px(xEdges[i + 1]), y0 = py(yEdges[j + 1]), y1 = py(yEdges[j])
                let rect = "<rect x=\"\(f(x0))\" y=\"\(f(y0))\" width=\"\(f(x1 - x0 + 0.4))\" height=\"\(f(y1 - y0 + 0.4))\""
                if value == .infinity {
                    infinite += rect + " fill=\"white\" stroke=\"#c00\" stroke-width=\"0.6\"/>\n"
                } else if value == -.infinity {
                    minusInfinite += rect + " fill=\"#e0e0e0\"/>\n"
                } else {
                    out += rect + " fill=\"\(scale.color(value))\"/>\n"
                }
            }
        }
        out += "</g>\n<g class=\"infinite-cells\">\n\(infinite)</g>\n<g class=\"minus-infinite-cells\">\n\(minusInfinite)</g>\n"

        // Contours.
        out += "<g class=\"contours\" fill=\"none\" stroke=\"white\" stroke-opacity=\"0.8\" stroke-width=\"1\">\n"
        for level in contourLevels {
            let segments = ContourLines.segments(values: values, level: level)
            guard !segments.isEmpty else { continue }
            let path = segments.map {
                "M\(f(gx($0.from.column))),\(f(gy($0.from.row)))L\(f(gx($0.to.column))),\(f(gy($0.to.row)))"
            }.joined()
            out += "<path class=\"contour\" data-level=\"\(level)\" d=\"\(path)\"/>\n"
        }
        out += "</g>\n"

        // Axes: the frame, ticks and labels, no grid lines over the cells.
        out += xAxis.markup(side: .bottom, frame: frame, label: xLabel, grid: false,
                            baseline: "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" fill=\"none\" stroke=\"black\"/>\n",
                            pageHeight: height)
        out += yAxis.markup(side: .left, frame: frame, label: yLabel, grid: false, baseline: "", pageHeight: height)

        // Overlays, clipped to the map.
        out += "<clipPath id=\"map-area\"><rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\"/></clipPath>\n"
        for (index, s) in overlays.enumerated() {
            let color = s.color ?? Plot.palette[index % Plot.palette.count]
            let points = s.points.filter { xScale.admits($0.x) && yScale.admits($0.y) }
            out += "<g class=\"overlay\" data-name=\"\(escape(s.name))\" clip-path=\"url(#map-area)\">\n"
            if s.style != .markers, points.count > 1 {
                let dash = s.dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
                out += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2.5\"\(dash) points=\"\(points.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " "))\"/>\n"
            }
            if s.style != .line {
                for p in points {
                    out += "<circle class=\"point\" cx=\"\(f(px(p.x)))\" cy=\"\(f(py(p.y)))\" r=\"3\" fill=\"\(color)\" stroke=\"white\" stroke-width=\"0.8\"/>\n"
                }
            }
            out += "</g>\n"
        }

        // Colour bar with ticks at whole numbers (or halves) and the contour levels marked.
        let barX = left + plotWidth + 20, barWidth = 16.0
        func by(_ v: Double) -> Double { top + plotHeight * (1 - scale.fraction(v)) }
        out += "<g class=\"colorbar\">\n"
        for k in 0..<64 {
            let v = scale.lower + (Double(k) + 0.5) / 64 * (scale.upper - scale.lower)
            let y0 = top + plotHeight * (1 - Double(k + 1) / 64)
            out += "<rect x=\"\(f(barX))\" y=\"\(f(y0))\" width=\"\(f(barWidth))\" height=\"\(f(plotHeight / 64 + 0.4))\" fill=\"\(scale.color(v))\"/>"
        }
        out += "\n<rect x=\"\(f(barX))\" y=\"\(f(top))\" width=\"\(f(barWidth))\" height=\"\(f(plotHeight))\" fill=\"none\" stroke=\"black\"/>\n"
        let barAxis = Axis(scale: .linear, exactly: scale.lower, scale.upper)
        for tick in barAxis.ticks {
            out += "<line x1=\"\(f(barX + barWidth))\" y1=\"\(f(by(tick.value)))\" x2=\"\(f(barX + barWidth + 4))\" y2=\"\(f(by(tick.value)))\" stroke=\"black\"/>"
            out += "<text x=\"\(f(barX + barWidth + 6))\" y=\"\(f(by(tick.value) + 4))\" font-size=\"11\">\(tick.label)</text>\n"
        }
        for level in contourLevels where level >= scale.lower && level <= scale.upper {
            out += "<line class=\"contour-level\" x1=\"\(f(barX))\" y1=\"\(f(by(level)))\" x2=\"\(f(barX + barWidth))\" y2=\"\(f(by(level)))\" stroke=\"white\"/>\n"
        }
        let finite = values.joined().filter(\.isFinite)
        if let high = finite.max(), high > scale.upper {
            out += "<text class=\"clipped\" x=\"\(f(barX))\" y=\"\(f(top - 4))\" font-size=\"10\">▲ above: top colour</text>\n"
        }
        if let low = finite.min(), low < scale.lower {
            out += "<text class=\"clipped\" x=\"\(f(barX))\" y=\"\(f(top + plotHeight + 14))\" font-size=\"10\">▼ below: bottom colour</text>\n"
        }
        out += "<text class=\"label\" transform=\"translate(\(f(barX + barWidth + 48)) \(f(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(valueLabel))</text>\n</g>\n"

        // Legend: overlays and the infinite cells.
        out += "<g class=\"legend\">\n"
        let legendX = barX + barWidth + 62
        var row = 0
        for (index, s) in overlays.enumerated() where s.inLegend {
            let color = s.color ?? Plot.palette[index % Plot.palette.count]
            let yl = top + 10 + 20 * Double(row)
            let dash = s.dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
            out += "<line x1=\"\(f(legendX))\" y1=\"\(f(yl))\" x2=\"\(f(legendX + 24))\" y2=\"\(f(yl))\" stroke=\"\(color)\" stroke-width=\"2.5\"\(dash)/>"
            out += "<text x=\"\(f(legendX + 30))\" y=\"\(f(yl + 4))\">\(escape(s.name))</text>\n"
            row += 1
        }
        if hasInfinite {
            let yl = top + 10 + 20 * Double(row)
            out += "<rect x=\"\(f(legendX + 6))\" y=\"\(f(yl - 6))\" width=\"12\" height=\"12\" fill=\"white\" stroke=\"#c00\"/>"
            out += "<text x=\"\(f(legendX + 30))\" y=\"\(f(yl + 4))\">\(escape(infiniteLabel))</text>\n"
            row += 1
        }
        if hasMinusInfinite {
            let yl = top + 10 + 20 * Double(row)
            out += "<rect x=\"\(f(legendX + 6))\" y=\"\(f(yl - 6))\" width=\"12\" height=\"12\" fill=\"#e0e0e0\"/>"
            out += "<text x=\"\(f(legendX + 30))\" y=\"\(f(yl + 4))\">\(escape(minusInfiniteLabel))</text>\n"
            row += 1
        }
        let yl = top + 10 + 20 * Double(row)
        out += "<line x1=\"\(f(legendX))\" y1=\"\(f(yl))\" x2=\"\(f(legendX + 24))\" y2=\"\(f(yl))\" stroke=\"#888\" stroke-width=\"1\"/>"
        out += "<text x=\"\(f(legendX + 30))\" y=\"\(f(yl + 4))\">contours (white on the map)</text>\n"
        out += "</g>\n</svg>\n"
        return out
    }

    private func escape(_ text: String) -> String { escapeText(text) }
}
