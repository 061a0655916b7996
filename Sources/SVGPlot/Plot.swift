import Foundation

/// A line chart written as a standalone SVG document: axes with labelled
/// ticks, series drawn as lines (solid or dashed) and/or markers with
/// optional error bars, vertical reference lines, and a legend.
///
/// Points that cannot be drawn (NaN, or non-positive on a log axis) are left
/// out and break a line; every coordinate written is finite. A line that
/// leaves the y range at the top (a point above `yRange`, or +infinity, such
/// as the ridgeless interpolation peak) is clipped at the top edge, and the
/// highest value of each clipped stretch is stated there by a peak marker
/// (`<g class="peak">`: a triangle and "+∞ at N = 400" or "peak 3.1e-2 at
/// N = 100"). Peaks of several lines at one x (a forecast and its band's
/// bounds) share one triangle and one label, "3 peaks 7.08e+08 to 2.23e+32
/// at D = 2.05e+05", right-aligned when it would run into the legend; each
/// keeps its own `<g class="peak">` with its value.
public struct Plot: Sendable {
    /// How a series is drawn.
    public enum Style: String, Sendable {
        case line
        case markers
        case lineAndMarkers
    }

    /// The shape of a series' point markers.
    public enum Shape: String, Sendable {
        case circle
        case square
        case triangle
        case diamond
    }

    /// One point; `error` is a symmetric error bar in data units.
    public struct Point: Sendable {
        public var x: Double
        public var y: Double
        public var error: Double?
        public init(x: Double, y: Double, error: Double? = nil) {
            self.x = x
            self.y = y
            self.error = error
        }
    }

    public struct Series: Sendable {
        public var name: String
        public var points: [Point]
        public var style: Style
        /// A CSS colour; nil picks from the palette by position.
        public var color: String?
        /// An SVG stroke-dasharray for the line ("6 4"); nil draws it solid.
        public var dash: String?
        public var shape: Shape
        /// Whether the series has an entry in the legend.
        public var inLegend: Bool
        public init(name: String, points: [Point], style: Style = .line, color: String? = nil,
                    dash: String? = nil, shape: Shape = .circle, inLegend: Bool = true) {
            self.name = name
            self.points = points
            self.style = style
            self.color = color
            self.dash = dash
            self.shape = shape
            self.inLegend = inLegend
        }
    }

    /// A dashed vertical line at `x` with a label, e.g. a regime boundary.
    public struct Marker: Sendable {
        public var x: Double
        public var label: String
        public init(x: Double, label: String) {
            self.x = x
            self.label = label
        }
    }

    public var title: String
    /// A second, smaller title line (for example the fixed parameters).
    public var subtitle: String?
    public var xLabel: String
    public var yLabel: String
    public var xScale: AxisScale
    public var yScale: AxisScale
    public var series: [Series]
    public var markers: [Marker]
    /// The y range drawn; nil fits it to the finite data. Lines above it are
    /// clipped at the top edge with a peak marker.
    public var yRange: ClosedRange<Double>?
    /// The symbol of x in peak labels ("N" gives "+∞ at N = 400").
    public var xSymbol: String

    public init(title: String, subtitle: String? = nil, xLabel: String, yLabel: String, xScale: AxisScale = .log,
                yScale: AxisScale = .log, series: [Series] = [], markers: [Marker] = [],
                yRange: ClosedRange<Double>? = nil, xSymbol: String = "x") {
        self.title = title
        self.subtitle = subtitle
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.series = series
        self.markers = markers
        self.yRange = yRange
        self.xSymbol = xSymbol
    }

    public static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

    /// The highest value of each stretch of a line above the drawn y range:
    /// its x and value (+infinity for an infinite point).
    public struct Peak: Sendable, Equatable {
        public var x: Double
        public var value: Double
        public init(x: Double, value: Double) {
            self.x = x
            self.value = value
        }
    }

    /// The SVG document.
    public func svg(width: Double = 720, height: Double = 480) -> String {
        // The legend column is as wide as its longest entry (about 7 px a character).
        let legendEntries = series.filter(\.inLegend)
        let longest = legendEntries.map(\.name.count).max() ?? 0
        let (xAxis, yAxis) = axes()
        let left = TextFit.leftMargin(yTicks: yAxis.ticks), right = max(120.0, 50 + 7 * Double(longest))
        let top = subtitle == nil ? 40.0 : 56.0, bottom = 60.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let frame = PlotFrame(left: left, top: top, width: plotWidth, height: plotHeight)
        func px(_ x: Double) -> Double { left + plotWidth * xAxis.fraction(x) }
        func py(_ y: Double) -> Double { top + plotHeight * (1 - yAxis.fraction(y)) }
        func clampY(_ y: Double) -> Double { min(max(y, top), top + plotHeight) }
        func f(_ v: Double) -> String { String(format: "%.2f", v) }

        var out = SVGDocument.opening(width: width, height: height, title: title, subtitle: subtitle)
        let axisLine = { (x2: Double, y1: Double) in
            "<line x1=\"\(f(left))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(top + plotHeight))\" stroke=\"black\"/>\n"
        }
        out += xAxis.markup(side: .bottom, frame: frame, label: xLabel, grid: true,
                            baseline: axisLine(left + plotWidth, top + plotHeight), pageHeight: height)
        out += yAxis.markup(side: .left, frame: frame, label: yLabel, grid: true, baseline: axisLine(left, top),
                            pageHeight: height)

        // Regime boundaries.
        for marker in markers where xAxis.contains(marker.x) {
            let x = px(marker.x)
            out += "<g class=\"marker\"><line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(top + plotHeight))\" stroke=\"#777\" stroke-dasharray=\"5 4\"/>"
            out += "<text x=\"\(f(x + 3))\" y=\"\(f(top + plotHeight - 6))\" font-size=\"10\" fill=\"#555\">\(escape(marker.label))</text></g>\n"
        }

        // Series, clipped to the plotting area; +infinity goes to the top edge.
        out += "<clipPath id=\"plot-area\"><rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\"/></clipPath>\n"
        for (index, s) in series.enumerated() {
            let color = s.color ?? Self.palette[index % Self.palette.count]
            out += "<g class=\"series\" data-name=\"\(escape(s.name))\" clip-path=\"url(#plot-area)\">\n"
            if s.style != .markers {
                var runs: [[String]] = [[]]
                for p in s.points {
                    if xScale.admits(p.x) && (yScale.admits(p.y) || p.y == .infinity) {
                        let y = p.y == .infinity ? top : py(p.y)
                        runs[runs.count - 1].append("\(f(px(p.x))),\(f(max(y, top - 2 * plotHeight)))")
                    } else if !runs[runs.count - 1].isEmpty {
                        runs.append([])
                    }
                }
                let dash = s.dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
                for run in runs where run.count > 1 {
                    out += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash) points=\"\(run.joined(separator: " "))\"/>\n"
                }
            }
            if s.style != .line {
                for p in s.points where xScale.admits(p.x) && yScale.admits(p.y) {
                    let x = px(p.x), y = py(p.y)
                    if let e = p.error, e.isFinite, e > 0 {
                        let high = clampY(py(p.y + e))
                        let low = yScale.admits(p.y - e) ? clampY(py(p.y - e)) : top + plotHeight
                        out += "<line class=\"error-bar\" x1=\"\(f(x))\" y1=\"\(f(low))\" x2=\"\(f(x))\" y2=\"\(f(high))\" stroke=\"\(color)\"/>"
                    }
                    out += shapeMarkup(s.shape, x: x, y: min(max(y, top - 10), top + plotHeight + 10), color: color,
                                       cssClass: "point") + "\n"
                }
            }
            out += "</g>\n"
        }

        // Peaks above the drawn range, stated at the top edge. Peaks at one x
        // (a forecast and its band, clipped at the same last point) share one
        // marker and one label with their range, instead of stacking
        // triangles and labels on each other.
        var atTop: [(index: Int, color: String, peak: Peak)] = []
        for (index, s) in series.enumerated() where s.style != .markers {
            let color = s.color ?? Self.palette[index % Self.palette.count]
            for peak in peaks(of: s, yAxis: yAxis) where xAxis.contains(peak.x) { atTop.append((index, color, peak)) }
        }
        var placed = Set<String>()
        for (index, color, peak) in atTop {
            let x = px(peak.x)
            let shared = atTop.filter { f(px($0.peak.x)) == f(x) }
            out += "<g class=\"peak\" data-x=\"\(peak.x)\" data-value=\"\(peak.value == .infinity ? "inf" : "\(peak.value)")\">"
            if shared.count == 1 {
                let value = peak.value == .infinity ? "+∞" : "peak " + Self.format(peak.value)
                out += "<polygon points=\"\(f(x - 6)),\(f(top + 9)) \(f(x + 6)),\(f(top + 9)) \(f(x)),\(f(top - 1))\" fill=\"\(color)\"/>"
                out += "<text x=\"\(f(x + 9))\" y=\"\(f(top + 12 + 12 * Double(index % 3)))\" font-size=\"11\" fill=\"\(color)\">\(escape("\(value) at \(xSymbol) = \(Self.format(peak.x))"))</text>"
            } else if placed.insert(f(x)).inserted {
                let values = shared.map(\.peak.value)
                let low = values.min()!, high = values.max()!
                let range = high == .infinity && low == .infinity ? "+∞"
                    : "\(shared.count) peaks " + Self.format(low) + " to " + (high == .infinity ? "+∞" : Self.format(high))
                // Right-aligned when the label would run past the plotting area into the legend.
                let text = "\(range) at \(xSymbol) = \(Self.format(peak.x))"
                let fits = x + 9 + 6.2 * Double(text.count) <= left + plotWidth
                out += "<polygon points=\"\(f(x - 6)),\(f(top + 9)) \(f(x + 6)),\(f(top + 9)) \(f(x)),\(f(top - 1))\" fill=\"#000000\"/>"
                out += "<text x=\"\(f(fits ? x + 9 : x - 9))\" y=\"\(f(top + 12))\" font-size=\"11\" fill=\"#000000\"\(fits ? "" : " text-anchor=\"end\"")>\(escape(text))</text>"
            }
            out += "</g>\n"
        }

        // Legend.
        out += "<g class=\"legend\">\n"
        for (row, (index, s)) in series.enumerated().filter({ $0.element.inLegend }).enumerated() {
            let color = s.color ?? Self.palette[index % Self.palette.count]
            let y = top + 10 + 20 * Double(row), x = left + plotWidth + 15
            if s.style != .markers {
                let dash = s.dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
                out += "<line x1=\"\(f(x))\" y1=\"\(f(y))\" x2=\"\(f(x + 24))\" y2=\"\(f(y))\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>"
            }
            if s.style != .line {
                out += shapeMarkup(s.shape, x: x + 12, y: y, color: color, cssClass: "legend-point")
            }
            out += "<text x=\"\(f(x + 30))\" y=\"\(f(y + 4))\">\(escape(s.name))</text>\n"
        }
        out += "</g>\n</svg>\n"
        return out
    }

    /// The axes as drawn: x fitted to the data, y to `yRange` or the data.
    func axes() -> (x: Axis, y: Axis) {
        let xs = series.flatMap { $0.points.map(\.x) }
        var ys: [Double] = []
        for point in series.flatMap(\.points) {
            ys.append(point.y)
            if let error = point.error {
                ys.append(point.y + error)
                ys.append(point.y - error)
            }
        }
        let yAxis: Axis
        if let yRange, yScale.admits(yRange.lowerBound), yScale.admits(yRange.upperBound),
           yRange.upperBound > yRange.lowerBound {
            yAxis = Axis(scale: yScale, exactly: yRange.lowerBound, yRange.upperBound)
        } else {
            yAxis = Axis(scale: yScale, values: ys)
        }
        return (Axis(scale: xScale, values: xs), yAxis)
    }

    /// The x and y ranges as drawn (fitted to the data, or `yRange`).
    public var drawnRanges: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let (x, y) = axes()
        return (x.lower...x.upper, y.lower...y.upper)
    }

    /// The stretches of the drawn lines that leave the y range at the top,
    /// each with its highest value, in series order.
    public var clippedPeaks: [Peak] {
        let yAxis = axes().y
        return series.filter { $0.style != .markers }.flatMap { peaks(of: $0, yAxis: yAxis) }
    }

    private func peaks(of s: Series, yAxis: Axis) -> [Peak] {
        var peaks: [Peak] = []
        var current: Peak?
        for p in s.points where xScale.admits(p.x) && !p.y.isNaN {
            let above = p.y == .infinity || (yScale.admits(p.y) && yAxis.fraction(p.y) > 1 + 1e-9)
            if above {
                if current == nil || p.y > current!.value { current = Peak(x: p.x, value: p.y) }
            } else if let peak = current {
                peaks.append(peak)
                current = nil
            }
        }
        if let current { peaks.append(current) }
        return peaks
    }

    private func shapeMarkup(_ shape: Shape, x: Double, y: Double, color: String, cssClass: String) -> String {
        func f(_ v: Double) -> String { String(format: "%.2f", v) }
        switch shape {
        case .circle:
            return "<circle class=\"\(cssClass)\" cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"3.5\" fill=\"\(color)\"/>"
        case .square:
            return "<rect class=\"\(cssClass)\" x=\"\(f(x - 3.5))\" y=\"\(f(y - 3.5))\" width=\"7.00\" height=\"7.00\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\"/>"
        case .triangle:
            return "<polygon class=\"\(cssClass)\" points=\"\(f(x - 4)),\(f(y + 3.5)) \(f(x + 4)),\(f(y + 3.5)) \(f(x)),\(f(y - 4.5))\" fill=\"\(color)\"/>"
        case .diamond:
            return "<polygon class=\"\(cssClass)\" points=\"\(f(x - 4.5)),\(f(y)) \(f(x)),\(f(y - 4.5)) \(f(x + 4.5)),\(f(y)) \(f(x)),\(f(y + 4.5))\" fill=\"\(color)\"/>"
        }
    }

    /// A number in at most four significant digits ("400", "3.1e-02" style as %.3g).
    static func format(_ value: Double) -> String {
        String(format: "%.3g", value)
    }

    private func escape(_ text: String) -> String { escapeText(text) }
}
