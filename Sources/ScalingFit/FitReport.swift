import Glibc

/// Everything one fitting run asks for: the runs, which forms, the
/// forecasts, the compute-optimal frontier and the held-out check. The CLI
/// (`scaling-laws fit`), the C function and Python's `sl.fit` all build one
/// of these and read the `FitReport` it gives.
public struct FitRequest: Sendable {
    public var runs: ScalingRuns
    /// `chinchilla`, `model`, or both (in this order).
    public var forms: [String]
    public var options: FitOptions
    /// The Chinchilla form's starts (default: Hoffmann et al.'s 4500).
    public var chinchillaStarts = ChinchillaForm.hoffmannGrid
    /// The model form's M (default infinity) and teacher exponent (nil: fitted).
    public var latentDimension = Double.infinity
    public var teacherExponent: Double?
    /// k in C = k N D (6: the forward and backward pass of a transformer).
    public var flopsPerToken = 6.0
    /// Fit only runs with k N D < this compute; report the error on the rest.
    public var holdoutAbove: Double?
    /// Where to forecast: (N, D, gamma).
    public var forecastPoints: [(N: Double, D: Double, ridge: Double)] = []
    /// Compute budgets of the frontier: from the smallest run's compute to
    /// 100 times the largest's, log-spaced.
    public var frontierCount = 13

    public static let formNames = ["chinchilla", "model"]

    public init(runs: ScalingRuns, forms: [String] = ["chinchilla"], options: FitOptions = FitOptions()) {
        self.runs = runs
        self.forms = forms
        self.options = options
    }

    func validate() throws {
        guard !forms.isEmpty, forms.allSatisfy(Self.formNames.contains) else {
            throw FitError.invalidOption(name: "form", value: forms.joined(separator: ","), requirement: "must be chinchilla, model or both")
        }
        guard flopsPerToken.isFinite, flopsPerToken > 0 else {
            throw FitError.invalidOption(name: "flops per token", value: "\(flopsPerToken)", requirement: "must be a positive finite number")
        }
        if let holdoutAbove, !(holdoutAbove.isFinite && holdoutAbove > 0) {
            throw FitError.invalidOption(name: "holdout above", value: "\(holdoutAbove)", requirement: "must be a positive finite compute")
        }
        guard (2...1000).contains(frontierCount) else {
            throw FitError.invalidOption(name: "frontier points", value: "\(frontierCount)", requirement: "must be in 2...1000")
        }
        for (i, p) in forecastPoints.enumerated() {
            for (name, x, positive) in [("N", p.N, true), ("D", p.D, true), ("gamma", p.ridge, false)]
                where !(x.isFinite && (positive ? x > 0 : x >= 0)) {
                throw FitError.invalidValue(row: i + 1, column: name, text: "\(x)",
                                            requirement: positive ? "must be a positive finite number" : "must be a finite number >= 0")
            }
        }
    }
}

/// One compute budget of the frontier.
public struct FrontierPoint: Sendable {
    public var compute: Double
    public var N: Estimate
    public var D: Estimate
    public var loss: Estimate
}

/// One held-out run: measured against the fit to the runs below the cut.
public struct HoldoutPoint: Sendable {
    public var row: Int
    public var N: Double, D: Double, ridge: Double
    public var measured: Double
    public var predicted: Estimate
    /// predicted / measured - 1.
    public var relativeError: Double { predicted.value / measured - 1 }
}

/// The result of one form.
public struct FormReport: Sendable {
    public var fit: ScalingLawFit
    public var name: String { fit.form.name }
    public var parameterNames: [String] { fit.form.parameterNames }
    public var parameters: [Estimate]
    /// a, b in N* ~ C^a, D* ~ C^b, at `exponentCompute`.
    public var exponents: (a: Estimate, b: Estimate)?
    public var exponentCompute: Double
    public var frontier: [FrontierPoint]
    /// One per `FitRequest.forecastPoints`.
    public var forecasts: [Estimate]
    public var holdout: [HoldoutPoint]
    public var warnings: [String]

    /// The mean of |predicted / measured - 1| over the held-out runs (nil without).
    public var holdoutError: Double? {
        holdout.isEmpty ? nil : holdout.map { abs($0.relativeError) }.reduce(0, +) / Double(holdout.count)
    }
}

/// Every form's fit, forecasts, frontier and held-out errors.
public struct FitReport: Sendable {
    public var request: FitRequest
    /// The runs fitted (below the hold-out cut) and held out.
    public var fitted: ScalingRuns
    public var heldOut: [Int]
    public var forms: [FormReport]

    /// Runs the request. `progress(stage, done, total)` reports starts and resamples.
    public init(_ request: FitRequest, progress: ((String, Int, Int) -> Void)? = nil) throws {
        try request.validate()
        self.request = request
        let runs = request.runs
        let k = request.flopsPerToken
        var kept = Array(runs.N.indices)
        heldOut = []
        if let cut = request.holdoutAbove {
            kept = runs.N.indices.filter { k * runs.N[$0] * runs.D[$0] < cut }
            heldOut = runs.N.indices.filter { !(k * runs.N[$0] * runs.D[$0] < cut) }
        }
        fitted = try runs.subset(kept)
        let computes = runs.N.indices.map { k * runs.N[$0] * runs.D[$0] }
        let low = computes.min()!, high = computes.max()!
        let budgets = (0..<request.frontierCount).map {
            low * pow(100 * high / low, Double($0) / Double(request.frontierCount - 1))
        }
        let reference = kept.map { computes[$0] }.max() ?? high
        var reports: [FormReport] = []
        for name in request.forms {
            let form: any FitForm = name == "chinchilla"
                ? ChinchillaForm(starts: request.chinchillaStarts)
                : try TheoryForm(runs: fitted, latentDimension: request.latentDimension,
                                 teacherExponent: request.teacherExponent)
            let fit = try ScalingLawFit(runs: fitted, form: form, options: request.options) { stage, done, total in
                progress?("\(name) \(stage)", done, total)
            }
            let frontier = zip(budgets, fit.computeOptimalFrontier(computes: budgets, flopsPerToken: k)).compactMap { c, o in
                o.map { FrontierPoint(compute: c, N: $0.N, D: $0.D, loss: $0.loss) }
            }
            let predicted = fit.forecasts(heldOut.map { (N: runs.N[$0], D: runs.D[$0], ridge: runs.ridge?[$0] ?? 0) })
            let holdout = zip(heldOut, predicted).map { i, p in
                HoldoutPoint(row: runs.rows[i], N: runs.N[i], D: runs.D[i], ridge: runs.ridge?[i] ?? 0,
                             measured: runs.loss[i], predicted: p)
            }
            let exponents = fit.computeOptimalExponents(at: reference, flopsPerToken: k)
            let forecasts = fit.forecasts(request.forecastPoints)
            var warnings = fit.warnings
            let percent = "\(short(100 * request.options.confidence)) %"
            for (label, e) in [("a (N* ~ C^a)", exponents?.a), ("b (D* ~ C^b)", exponents?.b)] {
                if let e, e.isWide {
                    warnings.append("\(label): the \(percent) interval [\(short(e.lower!)), \(short(e.upper!))] is wider than the value \(short(e.value))")
                }
            }
            let wide = forecasts.indices.filter { forecasts[$0].isWide }
            if let i = wide.first {
                warnings.append("\(wide.count) forecasts have an interval wider than their value (first: row \(i + 1), loss \(short(forecasts[i].value)) in [\(short(forecasts[i].lower!)), \(short(forecasts[i].upper!))])")
            }
            reports.append(FormReport(
                fit: fit, parameters: fit.parameters, exponents: exponents, exponentCompute: reference,
                frontier: frontier, forecasts: forecasts, holdout: holdout, warnings: warnings))
        }
        forms = reports
    }
}
