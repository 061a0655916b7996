import Foundation
import ScalingFit
import SVGPlot

/// The figure of `fit`: the runs (loss against D, one colour per model size),
/// the fitted curve of each size (solid where there are runs, dashed beyond),
/// the extrapolation band of the largest size (dotted bounds out to 10 times
/// its largest D), and the compute-optimal frontier (L* against D*).
/// Chinchilla curves are solid, the model form's dash-dotted. `scaling-laws
/// fit` renders it as fit.svg; the demo's fit figure (`FitDemo`) adds the
/// forecast bands at larger sizes and the truth there. A forecast that runs
/// away is clipped at the top edge; it and its band's bounds peak at the
/// same last point and share one peak marker stating their range (`Plot`).
public struct FitFigure {
    public var report: FitReport
    /// D / N of a forecast path: when set, each form's forecast and band
    /// along N = D / ratio from the largest D of the runs to 100 times it.
    public var forecastRatio: Double?
    /// The true loss at (N, D), drawn as a grey line along the forecast path
    /// (the demo knows it; a user's runs do not).
    public var truth: ((Double, Double) -> Double)?

    public init(report: FitReport, forecastRatio: Double? = nil, truth: ((Double, Double) -> Double)? = nil) {
        self.report = report
        self.forecastRatio = forecastRatio
        self.truth = truth
    }

    /// At most this many model sizes get a colour and a curve; the runs of the others are grey.
    static let sizesDrawn = 7

    public func plot() -> Plot {
        let runs = report.fitted
        let sizes = Array(Set(runs.N)).sorted()
        let drawn = sizes.count <= Self.sizesDrawn ? sizes
            : (0..<Self.sizesDrawn).map { sizes[$0 * (sizes.count - 1) / (Self.sizesDrawn - 1)] }
        let allD = report.request.runs.D
        let dLow = allD.min()!, dHigh = allD.max()!
        var series: [Plot.Series] = []
        for (c, size) in drawn.enumerated() {
            let color = Plot.palette[c % Plot.palette.count]
            let own = runs.N.indices.filter { runs.N[$0] == size }
            series.append(Plot.Series(name: "N = \(FigureText.number(size))", points: own.map {
                Plot.Point(x: runs.D[$0], y: runs.loss[$0])
            }, style: .markers, color: color))
            let top = own.map { runs.D[$0] }.max() ?? dHigh
            for (f, form) in report.forms.enumerated() {
                let ridge = runs.ridge?[own.first ?? 0] ?? 0
                let inside = grid(dLow, top, 30).map { Plot.Point(x: $0, y: form.fit.form.loss(form.fit.theta, N: size, D: $0, ridge: ridge)) }
                let beyond = grid(top, 10 * top, 15).map { Plot.Point(x: $0, y: form.fit.form.loss(form.fit.theta, N: size, D: $0, ridge: ridge)) }
                series.append(Plot.Series(name: "\(form.name) fit", points: inside, color: color,
                                          dash: f == 0 ? nil : "8 3 2 3", inLegend: c == 0))
                series.append(Plot.Series(name: "extrapolated", points: beyond, color: color, dash: "6 4", inLegend: false))
                if size == drawn.last {
                    let band = grid(top, 10 * top, 15).map { form.fit.forecast(N: size, D: $0, ridge: ridge) }
                    if band.first?.lower != nil {
                        series.append(Plot.Series(name: "\(form.name) \(Int(100 * report.request.options.confidence)) % band, largest N",
                                                  points: zip(grid(top, 10 * top, 15), band).map { Plot.Point(x: $0, y: $1.lower!) },
                                                  color: color, dash: "2 3"))
                        series.append(Plot.Series(name: "band", points: zip(grid(top, 10 * top, 15), band).map { Plot.Point(x: $0, y: $1.upper!) },
                                                  color: color, dash: "2 3", inLegend: false))
                    }
                }
            }
        }
        if let ratio = forecastRatio {
            let xs = grid(dHigh, 100 * dHigh, 30)
            let label = "N = D/\(FigureText.number(ratio))"
            for (f, form) in report.forms.enumerated() {
                let band = xs.map { form.fit.forecast(N: $0 / ratio, D: $0) }
                series.append(Plot.Series(name: "\(form.name) forecast along \(label)", points: zip(xs, band).map {
                    Plot.Point(x: $0, y: $1.value)
                }, color: "#000000", dash: f == 0 ? "6 4" : "8 3 2 3"))
                if band.allSatisfy({ $0.lower != nil }) {
                    series.append(Plot.Series(name: "\(form.name) \(Int(100 * report.request.options.confidence)) % band",
                                              points: zip(xs, band).map { Plot.Point(x: $0, y: $1.lower!) },
                                              color: Plot.palette[(drawn.count + f) % Plot.palette.count], dash: "2 3"))
                    series.append(Plot.Series(name: "band", points: zip(xs, band).map { Plot.Point(x: $0, y: $1.upper!) },
                                              color: Plot.palette[(drawn.count + f) % Plot.palette.count], dash: "2 3",
                                              inLegend: false))
                }
            }
            if let truth {
                series.append(Plot.Series(name: "truth along \(label) (hidden parameters)",
                                          points: xs.map { Plot.Point(x: $0, y: truth($0 / ratio, $0)) }, color: "#999999"))
            }
        }
        let others = runs.N.indices.filter { !drawn.contains(runs.N[$0]) }
        if !others.isEmpty {
            series.append(Plot.Series(name: "other sizes", points: others.map { Plot.Point(x: runs.D[$0], y: runs.loss[$0]) },
                                      style: .markers, color: "#999999"))
        }
        let held = report.heldOut
        if !held.isEmpty {
            let all = report.request.runs
            series.append(Plot.Series(name: "held out", points: held.map { Plot.Point(x: all.D[$0], y: all.loss[$0]) },
                                      style: .markers, color: "#000000", shape: .diamond))
        }
        for (f, form) in report.forms.enumerated() {
            let frontier = form.frontier.filter { $0.D.value >= dLow && $0.D.value <= 10 * dHigh }
            if !frontier.isEmpty {
                series.append(Plot.Series(name: "\(form.name) compute-optimal (D*, L*)", points: frontier.map {
                    Plot.Point(x: $0.D.value, y: $0.loss.value)
                }, style: .lineAndMarkers, color: "#000000", dash: f == 0 ? nil : "8 3 2 3", shape: .square))
            }
        }
        let names = report.forms.map(\.name).joined(separator: " and ")
        let first = report.forms[0]
        let summary = zip(first.parameterNames, first.parameters).map { "\($0) \(String(format: "%.3g", $1.value))" }
            .joined(separator: ", ")
        // y follows the runs, a decade either side: a forecast that runs away (a fitted exponent that makes the
        // loss grow) is clipped at the top edge with its peak stated, instead of squeezing the runs into a sliver.
        let losses = report.request.runs.loss.filter { $0 > 0 && $0.isFinite }
        let yRange = losses.min().flatMap { low in losses.max().map { (low / 10)...($0 * 10) } }
        return Plot(title: "Fitted scaling law (\(names)) on \(runs.count) runs",
                    subtitle: "\(first.name): \(summary); C = \(FigureText.number(report.request.flopsPerToken)) N D",
                    xLabel: "training set size D", yLabel: "loss", series: series, yRange: yRange, xSymbol: "D")
    }

    private func grid(_ low: Double, _ high: Double, _ count: Int) -> [Double] {
        (0..<count).map { low * pow(high / low, Double($0) / Double(count - 1)) }
    }
}
