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

    /// On a log axis: labelled decades (thinned to at most about eight), and
    /// 2 and 5 times each decade when fewer than three decades are in range.
    /// On a linear one: round steps of 1, 2 or 5 times a power of ten.
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
            // Plain numbers between 0.001 and 10^5, powers of ten outside.
            let plain = lower >= 1e-3 && upper <= 1e5
            var ticks: [Tick] = []
            for exponent in (first - 1)...(last + 1) {
                for mantissa in [1.0, 2, 5] {
                    let value = mantissa * pow(10, Double(exponent))
                    guard contains(value) else { continue }
                    let label = plain ? String(format: "%g", value)
                        : (mantissa == 1 ? Self.power(exponent) : "\(Int(mantissa))·" + Self.power(exponent))
                    ticks.append(Tick(value: value, label: label))
                }
            }
            return ticks
        case .linear:
            let raw = (upper - lower) / 6
            let magnitude = pow(10, floor(log10(raw)))
            let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
            var ticks: [Tick] = []
            var value = ceil(lower / step) * step
            while value <= upper + 1e-9 * step {
                let rounded = abs(value) < 1e-12 * step ? 0 : value
                ticks.append(Tick(value: rounded, label: String(format: "%g", rounded)))
                value += step
            }
            return ticks
        }
    }

    /// 10 to the power `exponent`, as SVG markup with a raised exponent.
    static func power(_ exponent: Int) -> String {
        "10<tspan dy=\"-6\" font-size=\"9\">\(exponent)</tspan>"
    }
}
