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

    /// The range spanning `values`, widened to whole decades (log) or padded
    /// by 5 percent (linear); degenerate ranges are opened up.
    init(scale: AxisScale, values: [Double]) {
        self.scale = scale
        let usable = values.filter(scale.admits)
        var lo = usable.min() ?? (scale == .log ? 1 : 0)
        var hi = usable.max() ?? (scale == .log ? 10 : 1)
        switch scale {
        case .log:
            lo = pow(10, floor(log10(lo)))
            hi = pow(10, ceil(log10(hi)))
            if hi <= lo { hi = lo * 10 }
        case .linear:
            if hi <= lo { lo -= 0.5; hi += 0.5 }
            let pad = 0.05 * (hi - lo)
            lo -= pad
            hi += pad
        }
        lower = lo
        upper = hi
    }

    /// Position in [0, 1] along the axis.
    func fraction(_ value: Double) -> Double {
        switch scale {
        case .log: return (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
        case .linear: return (value - lower) / (upper - lower)
        }
    }

    /// Labelled decades on a log axis (thinned to at most about eight), or
    /// round steps of 1, 2 or 5 times a power of ten on a linear one.
    var ticks: [Tick] {
        switch scale {
        case .log:
            let first = Int(log10(lower).rounded()), last = Int(log10(upper).rounded())
            let stride = max(1, (last - first + 7) / 8)
            return Swift.stride(from: first, through: last, by: stride).map {
                Tick(value: pow(10, Double($0)), label: "10<tspan dy=\"-6\" font-size=\"9\">\($0)</tspan>")
            }
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
}
