import Foundation
import ScalingTheory
import SVGPlot

/// Titles, parameter lists and y ranges shared by the figures of `demo`,
/// `sweep` and `map`: every fixed parameter is stated with the paper's
/// symbols (α, γ, σ), and a ridgeless peak is clipped, not drawn at a
/// height chosen by the grid.
public enum FigureText {
    /// A number for a figure: powers of ten at or below 10⁻³ or at or above 10⁵ as 10⁻⁶, other
    /// numbers below 10⁻³ or at or above 10³ (not whole numbers below 10⁶) as 1.67·10⁻⁹, the rest
    /// in three significant digits; ∞ for infinity, − for negatives.
    public static func number(_ x: Double) -> String {
        // The minus sign (U+2212), not a hyphen, as in the axis labels.
        if x < 0 { return "−" + number(-x) }
        if x == .infinity { return "∞" }
        if x == 0 { return "0" }
        let exponent = log10(abs(x))
        if exponent == exponent.rounded(), exponent <= -3 || exponent >= 5 {
            return "10" + superscript(Int(exponent))
        }
        if x == x.rounded(), abs(x) < 1e6 { return String(format: "%.0f", x) }
        if exponent < -3 || exponent >= 3 {
            // 4.64·10⁴ rather than 4.64e+04, as the axis ticks write them.
            let power = Int(exponent.rounded(.down))
            let mantissa = String(format: "%.3g", x / pow(10, Double(power)))
            return mantissa == "10" ? "10" + superscript(power + 1) : mantissa + "·10" + superscript(power)
        }
        return String(format: "%.3g", x)
    }

    public static func superscript(_ n: Int) -> String {
        let digits: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶",
                                              "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
        return String(String(n).map { digits[$0] ?? $0 })
    }

    /// "α = 1, M = 1000" for a power law, "M = 1000 (tabulated)" otherwise.
    public static func spectrum(_ spectrum: any Spectrum) -> String {
        if let power = spectrum as? PowerLawSpectrum {
            let lambda = power.lambdaPlus == 1 ? "" : ", λ₊ = \(number(power.lambdaPlus))"
            return "α = \(number(power.alpha)), M = \(number(power.latentDimension))" + lambda
        }
        return "M = \(number(spectrum.latentDimension)) (tabulated spectrum)"
    }

    /// The fixed parameters of a configuration, leaving out the varied ones.
    public static func configuration(_ c: ModelConfiguration, omitting varied: Set<String> = []) -> String {
        var parts: [String] = []
        if !varied.contains("N") { parts.append("N = \(number(c.featureCount))") }
        if !varied.contains("P") { parts.append("P = \(number(c.sampleCount))") }
        if !varied.contains("gamma") { parts.append("γ = \(number(c.ridge))") }
        parts.append("σ_w² = \(number(c.teacherVariance))")
        parts.append("σ_u² = \(number(c.featureWeightVariance))")
        parts.append("σ_ε² = \(number(c.noiseVariance))")
        switch c.teacher.kind {
        case .isotropic: break
        case .powerLaw: parts.append("teacher ω_I ∝ I^\(number(-c.teacher.exponent))")
        case .tabulated: parts.append("tabulated teacher")
        }
        return parts.joined(separator: ", ")
    }

    /// "16 trials per point (mean ± standard error), seed 0".
    public static func trials(_ trials: Int, seed: UInt64) -> String {
        "\(trials) trials per point (mean ± standard error), seed \(seed)"
    }

    /// A log y range that keeps the figure about the data away from the
    /// interpolation peaks at `peaks` (x values): the range of the finite
    /// values farther than 15 percent from every peak, widened by a factor
    /// 3 at the top. The lines near a peak run off the top edge and the
    /// peak's value is stated there (Plot's peak markers). Nil when no
    /// peak is in the data.
    public static func yRange(excludingPeaksAt peaks: [Double], series: [Plot.Series]) -> ClosedRange<Double>? {
        let xs = series.flatMap { $0.points.map(\.x) }
        guard let lo = xs.min(), let hi = xs.max(), peaks.contains(where: { $0 >= lo && $0 <= hi }) else { return nil }
        var values: [Double] = []
        for point in series.flatMap(\.points) where point.y.isFinite && point.y > 0 {
            guard peaks.allSatisfy({ abs(log(point.x / $0)) > 0.15 }) else { continue }
            values.append(point.y)
            if let e = point.error, e.isFinite { values.append(point.y + e) }
        }
        guard let low = values.min(), let high = values.max(), high > low else { return nil }
        let span = log10(high) - log10(low)
        return pow(10, log10(low) - 0.04 * span)...(3 * high)
    }
}
