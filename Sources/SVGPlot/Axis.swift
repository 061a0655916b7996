import Foundation

/// How an axis maps data to the page.
public enum AxisScale: String, Sendable {
    case linear
    case log

    /// Whether a data value can be drawn on this scale.
    func admits(_ value: Double) -> Bool {
        value.isFinite && (self == .linear || value > 0)
    }
}

/// A tick: its data value and its label (SVG markup allowed).
struct Tick {
    var value: Double
    var label: String
}

/// A data range mapped onto a pixel range.
struct Axis {
    var scale: AxisScale
    var lower: Double
    var upper: Double

    /// The range spanning `values`, padded by 4 percent of the span on each
    /// side (of the logarithm on a log axis). A log range is widened to
    /// whole decades only when that adds at most a tenth of the span, so
    /// that the data fill the plot; degenerate ranges are opened up.
    init(scale: AxisScale, values: [Double]) {
        self.scale = scale
        let usable = values.filter(scale.admits)
        var lo = usable.min() ?? (scale == .log ? 1 : 0)
        var hi = usable.max() ?? (scale == .log ? 10 : 1)
        switch scale {
        case .log:
            var a = log10(lo), b = log10(hi)
            if b - a < 1e-9 { a -= 0.5; b += 0.5 }
            let span = b - a
            let outer = (floor(a + 1e-9), ceil(b - 1e-9))
            if (outer.1 - outer.0) - span <= 0.1 * span {
                a = outer.0
                b = outer.1
            } else {
                a -= 0.04 * span
                b += 0.04 * span
            }
            lo = pow(10, a)
            hi = pow(10, b)
        case .linear:
            if hi <= lo { lo -= 0.5; hi += 0.5 }
            let pad = 0.04 * (hi - lo)
            lo -= pad
            hi += pad
        }
        lower = lo
        upper = hi
    }

    /// An axis over exactly `lower...upper` (no padding).
    init(scale: AxisScale, exactly lower: Double, _ upper: Double) {
        self.scale = scale
        self.lower = lower
        self.upper = upper
    }

    /// Position in [0, 1] along the axis.
    func fraction(_ value: Double) -> Double {
        switch scale {
        case .log: return (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
        case .linear: return (value - lower) / (upper - lower)
        }
    }

    /// Whether `value` lies on the drawn range (with a little slack).
    func contains(_ value: Double) -> Bool {
        guard scale.admits(value) else { return false }
        let t = fraction(value)
        return t >= -1e-9 && t <= 1 + 1e-9
    }

    /// On a log axis: labelled decades (thinned to at most about eight) when
    /// three or more are in range; otherwise 1, 2 and 5 times each decade,
    /// then every whole multiple 1...9 of each decade, then evenly spaced
    /// round values, whichever first gives at least two labelled ticks (an
    /// axis from 0.206 to 0.376 gets 0.25, 0.3, 0.35). On a linear one: round
    /// steps of 1, 2 or 5 times a power of ten.
    var ticks: [Tick] {
        switch scale {
        case .log:
            let first = Int(ceil(log10(lower) - 1e-9)), last = Int(floor(log10(upper) + 1e-9))
            if last - first >= 2 {
                let stride = max(1, (last - first + 7) / 8)
                return Swift.stride(from: first, through: last, by: stride).map {
                    Tick(value: pow(10, Double($0)), label: Self.power($0))
                }
            }
            for mantissas in [[1.0, 2, 5], [1.0, 2, 3, 4, 5, 6, 7, 8, 9]] {
                var ticks: [Tick] = []
                for exponent in (first - 1)...(last + 1) {
                    for mantissa in mantissas {
                        let value = mantissa * pow(10, Double(exponent))
                        guard contains(value) else { continue }
                        ticks.append(Tick(value: value, label: logLabel(mantissa: mantissa, exponent: exponent)))
                    }
                }
                if ticks.count >= 2 { return ticks }
            }
            return roundTicks { value in
                let exponent = Int(floor(log10(value) + 1e-9))
                let mantissa = (value / pow(10, Double(exponent)) * 1e6).rounded() / 1e6
                return self.logLabel(mantissa: mantissa, exponent: exponent)
            }
        case .linear:
            return roundTicks { String(format: "%g", $0) }
        }
    }

    /// Values at round steps of 1, 2 or 5 times a power of ten, about six
    /// to the range (on a log axis, steps in the data's own units).
    private func roundTicks(_ label: (Double) -> String) -> [Tick] {
        let raw = (upper - lower) / 6
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var ticks: [Tick] = []
        var value = ceil(lower / step) * step
        while value <= upper + 1e-9 * step {
            let rounded = abs(value) < 1e-12 * step ? 0 : value
            ticks.append(Tick(value: rounded, label: label(rounded)))
            value += step
        }
        return ticks
    }

    /// A log-axis label: a plain number between 0.001 and 10^5, else
    /// mantissa · 10^exponent.
    private func logLabel(mantissa: Double, exponent: Int) -> String {
        if lower >= 1e-3 && upper <= 1e5 { return String(format: "%g", mantissa * pow(10, Double(exponent))) }
        return mantissa == 1 ? Self.power(exponent) : String(format: "%g", mantissa) + "·" + Self.power(exponent)
    }

    /// 10 to the power `exponent`, as SVG markup with a raised exponent.
    static func power(_ exponent: Int) -> String {
        "10<tspan dy=\"-6\" font-size=\"9\">\(exponent)</tspan>"
    }
}

/// The drawing area of a figure on the page, in pixels.
struct PlotFrame {
    var left: Double
    var top: Double
    var width: Double
    var height: Double
}

/// The text of a figure laid out so that none of it is clipped: widths are
/// estimated at 0.6 em a character (DejaVu Sans averages about 0.55 em).
enum TextFit {
    static let emPerCharacter = 0.6

    /// The characters a label shows (SVG markup such as `<tspan>` left out).
    static func visibleCount(_ markup: String) -> Int {
        markup.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression).count
    }

    /// The estimated width of `markup` at `fontSize`.
    static func width(_ markup: String, fontSize: Double) -> Double {
        Double(visibleCount(markup)) * emPerCharacter * fontSize
    }

    /// `fontSize`, or smaller so that `text` fits in `available` pixels.
    static func fontSize(_ text: String, _ fontSize: Double, available: Double) -> Double {
        let needed = width(text, fontSize: fontSize)
        return needed <= available ? fontSize : (fontSize * available / needed * 10).rounded(.down) / 10
    }

    /// The left margin that keeps the y-axis label (centred at x = 18,
    /// rotated) clear of the widest y tick label (right-aligned 8 px left
    /// of the axis): at least `minimum`.
    static func leftMargin(yTicks: [Tick], minimum: Double = 80) -> Double {
        let widest = yTicks.map { width($0.label, fontSize: 12) }.max() ?? 0
        return max(minimum, (widest + 8 + 28).rounded(.up))
    }

    /// A title or subtitle line centred on the page, its font shrunk to fit.
    static func centredLine(_ text: String, cssClass: String, y: Double, fontSize: Double, pageWidth: Double,
                            fill: String? = nil) -> String {
        let size = Self.fontSize(text, fontSize, available: pageWidth - 20)
        let fillAttribute = fill.map { " fill=\"\($0)\"" } ?? ""
        return "<text class=\"\(cssClass)\" x=\"\(String(format: "%.2f", pageWidth / 2))\" y=\"\(Int(y))\" text-anchor=\"middle\" font-size=\"\(String(format: "%g", size))\"\(fillAttribute)>\(escapeText(text))</text>"
    }
}

/// Text for SVG: &, <, > and " escaped.
func escapeText(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}

extension Axis {
    /// Which side of the frame an axis is drawn on.
    enum Side {
        case bottom, left
    }

    /// The one renderer of an axis for `Plot` and `Heatmap`: a group
    /// (`<g class="x-axis">` or `"y-axis"`) holding `baseline` (an axis line
    /// or the frame), a tick mark and label per tick, a grid line across
    /// the frame per tick when `grid`, and the axis label centred along the
    /// side (15 px above the page's bottom edge, or rotated at x = 18).
    func markup(side: Side, frame: PlotFrame, label: String, grid: Bool, baseline: String,
                pageHeight: Double) -> String {
        func f(_ v: Double) -> String { String(format: "%.2f", v) }
        let bottom = frame.top + frame.height
        var out = "<g class=\"\(side == .bottom ? "x" : "y")-axis\" data-scale=\"\(scale.rawValue)\">\n" + baseline
        for tick in ticks {
            switch side {
            case .bottom:
                let x = frame.left + frame.width * fraction(tick.value)
                out += "<line class=\"tick\" x1=\"\(f(x))\" y1=\"\(f(bottom))\" x2=\"\(f(x))\" y2=\"\(f(bottom + 5))\" stroke=\"black\"/>"
                if grid {
                    out += "<line class=\"grid\" x1=\"\(f(x))\" y1=\"\(f(frame.top))\" x2=\"\(f(x))\" y2=\"\(f(bottom))\" stroke=\"#e5e5e5\"/>"
                }
                out += "<text x=\"\(f(x))\" y=\"\(f(bottom + 20))\" text-anchor=\"middle\">\(tick.label)</text>\n"
            case .left:
                let y = frame.top + frame.height * (1 - fraction(tick.value))
                out += "<line class=\"tick\" x1=\"\(f(frame.left - 5))\" y1=\"\(f(y))\" x2=\"\(f(frame.left))\" y2=\"\(f(y))\" stroke=\"black\"/>"
                if grid {
                    out += "<line class=\"grid\" x1=\"\(f(frame.left))\" y1=\"\(f(y))\" x2=\"\(f(frame.left + frame.width))\" y2=\"\(f(y))\" stroke=\"#e5e5e5\"/>"
                }
                out += "<text x=\"\(f(frame.left - 8))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(tick.label)</text>\n"
            }
        }
        switch side {
        case .bottom:
            out += "<text class=\"label\" x=\"\(f(frame.left + frame.width / 2))\" y=\"\(f(pageHeight - 15))\" text-anchor=\"middle\">\(escapeText(label))</text>\n</g>\n"
        case .left:
            out += "<text class=\"label\" transform=\"translate(18 \(f(frame.top + frame.height / 2))) rotate(-90)\" text-anchor=\"middle\">\(escapeText(label))</text>\n</g>\n"
        }
        return out
    }
}
