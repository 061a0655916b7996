import Foundation

/// A line chart written as a standalone SVG document: axes with labelled
/// ticks (decades on log axes), series drawn as lines and/or markers with
/// optional error bars, vertical reference lines, and a legend.
///
/// Points that cannot be drawn (non-finite, or non-positive on a log axis)
/// are left out and break a line; every coordinate written is finite.
public struct Plot: Sendable {
    /// How a series is drawn.
    public enum Style: String, Sendable {
        case line
        case markers
        case lineAndMarkers
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
        public init(name: String, points: [Point], style: Style = .line, color: String? = nil) {
            self.name = name
            self.points = points
            self.style = style
            self.color = color
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
    public var xLabel: String
    public var yLabel: String
    public var xScale: AxisScale
    public var yScale: AxisScale
    public var series: [Series]
    public var markers: [Marker]

    public init(title: String, xLabel: String, yLabel: String, xScale: AxisScale = .log,
                yScale: AxisScale = .log, series: [Series] = [], markers: [Marker] = []) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.series = series
        self.markers = markers
    }

    public static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

    /// The SVG document.
    public func svg(width: Double = 720, height: Double = 480) -> String {
        // The legend column is as wide as its longest entry (about 7 px a character).
        let longest = series.map(\.name.count).max() ?? 0
        let left = 80.0, right = max(120.0, 50 + 7 * Double(longest)), top = 40.0, bottom = 60.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        // Markers do not widen the axes: one outside the data range is left out.
        let xs = series.flatMap { $0.points.map(\.x) }
        var ys: [Double] = []
        for point in series.flatMap(\.points) {
            ys.append(point.y)
            if let error = point.error {
                ys.append(point.y + error)
                ys.append(point.y - error)
            }
        }
        let xAxis = Axis(scale: xScale, values: xs), yAxis = Axis(scale: yScale, values: ys)
        func px(_ x: Double) -> Double { left + plotWidth * xAxis.fraction(x) }
        func py(_ y: Double) -> Double { top + plotHeight * (1 - yAxis.fraction(y)) }
        func clampY(_ y: Double) -> Double { min(max(y, top), top + plotHeight) }
        func f(_ v: Double) -> String { String(format: "%.2f", v) }

        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text class="title" x="\(f(width / 2))" y="24" text-anchor="middle" font-size="15">\(escape(title))</text>

        """
        // Axes and ticks.
        out += "<g class=\"x-axis\">\n"
        out += "<line x1=\"\(f(left))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(top + plotHeight))\" stroke=\"black\"/>\n"
        for tick in xAxis.ticks {
            let x = px(tick.value)
            out += "<line class=\"tick\" x1=\"\(f(x))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(x))\" y2=\"\(f(top + plotHeight + 5))\" stroke=\"black\"/>"
            out += "<line class=\"grid\" x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(top + plotHeight))\" stroke=\"#e5e5e5\"/>"
            out += "<text x=\"\(f(x))\" y=\"\(f(top + plotHeight + 20))\" text-anchor=\"middle\">\(tick.label)</text>\n"
        }
        out += "<text class=\"label\" x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 15))\" text-anchor=\"middle\">\(escape(xLabel))</text>\n</g>\n"
        out += "<g class=\"y-axis\">\n"
        out += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + plotHeight))\" stroke=\"black\"/>\n"
        for tick in yAxis.ticks {
            let y = py(tick.value)
            out += "<line class=\"tick\" x1=\"\(f(left - 5))\" y1=\"\(f(y))\" x2=\"\(f(left))\" y2=\"\(f(y))\" stroke=\"black\"/>"
            out += "<line class=\"grid\" x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y))\" stroke=\"#e5e5e5\"/>"
            out += "<text x=\"\(f(left - 8))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(tick.label)</text>\n"
        }
        out += "<text class=\"label\" transform=\"translate(18 \(f(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(yLabel))</text>\n</g>\n"

        // Regime boundaries.
        for marker in markers where xScale.admits(marker.x) {
            let x = px(marker.x)
            guard x >= left - 0.01, x <= left + plotWidth + 0.01 else { continue }
            out += "<g class=\"marker\"><line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(top + plotHeight))\" stroke=\"#777\" stroke-dasharray=\"5 4\"/>"
            out += "<text x=\"\(f(x + 3))\" y=\"\(f(top + 12))\" font-size=\"10\" fill=\"#555\">\(escape(marker.label))</text></g>\n"
        }

        // Series, clipped to the plotting area.
        out += "<clipPath id=\"plot-area\"><rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\"/></clipPath>\n"
        for (index, s) in series.enumerated() {
            let color = s.color ?? Self.palette[index % Self.palette.count]
            out += "<g class=\"series\" data-name=\"\(escape(s.name))\" clip-path=\"url(#plot-area)\">\n"
            if s.style != .markers {
                var runs: [[String]] = [[]]
                for p in s.points {
                    if xScale.admits(p.x) && yScale.admits(p.y) {
                        runs[runs.count - 1].append("\(f(px(p.x))),\(f(py(p.y)))")
                    } else if !runs[runs.count - 1].isEmpty {
                        runs.append([])
                    }
                }
                for run in runs where run.count > 1 {
                    out += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(run.joined(separator: " "))\"/>\n"
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
                    out += "<circle class=\"point\" cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"3.5\" fill=\"\(color)\"/>\n"
                }
            }
            out += "</g>\n"
        }

        // Legend.
        out += "<g class=\"legend\">\n"
        for (index, s) in series.enumerated() {
            let color = s.color ?? Self.palette[index % Self.palette.count]
            let y = top + 10 + 20 * Double(index), x = left + plotWidth + 15
            if s.style == .markers {
                out += "<circle cx=\"\(f(x + 12))\" cy=\"\(f(y))\" r=\"3.5\" fill=\"\(color)\"/>"
            } else {
                out += "<line x1=\"\(f(x))\" y1=\"\(f(y))\" x2=\"\(f(x + 24))\" y2=\"\(f(y))\" stroke=\"\(color)\" stroke-width=\"2\"/>"
            }
            out += "<text x=\"\(f(x + 30))\" y=\"\(f(y + 4))\">\(escape(s.name))</text>\n"
        }
        out += "</g>\n</svg>\n"
        return out
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
