import ScalingFit

// The result kinds of `scaling-laws fit` (Docs/Fitting.md): one row per
// parameter, per start, per frontier budget, per forecast point, per
// held-out run, and one per fitted form. Intervals are bootstrap percentile
// intervals (`lower`, `upper`; null without resamples).

private let fitForms = FitRequest.formNames

/// The whole run: what was fitted and how.
package struct FitSummaryRecord {
    package init(report: FitReport) { self.report = report }
    package var report: FitReport

    package static let columns: [Column<FitSummaryRecord>] = [
        .integer("runs", "runs") { $0.report.request.runs.count },
        .integer("fittedRuns", "runs fitted") { $0.report.fitted.count },
        .integer("heldOutRuns", "runs held out") { $0.report.heldOut.count },
        .text("bootstrap", "bootstrap", allowed: BootstrapMethod.allCases.map(\.rawValue)) { $0.report.request.options.bootstrap.rawValue },
        .integer("resamples", "resamples") { $0.report.request.options.resamples },
        .number("confidence", "interval coverage") { $0.report.request.options.confidence },
        .number("huberDelta", "Huber delta (log L)") { $0.report.request.options.huberDelta },
        .number("flopsPerToken", "FLOPs per parameter and token") { $0.report.request.flopsPerToken },
    ]
}

/// One fitted form: its objective, start and resample counts, held-out error and warnings.
package struct FitFormRecord {
    package init(form: FormReport) { self.form = form }
    package var form: FormReport

    package static let columns: [Column<FitFormRecord>] = [
        .text("fitForm", "form", allowed: fitForms) { $0.form.name },
        .number("objective", "Huber objective") { $0.form.fit.objective },
        .integer("startCount", "starts") { $0.form.fit.starts.count },
        .integer("rivalStarts", "starts at a rival optimum") { $0.form.fit.rivalOptima.count },
        .integer("failedResamples", "failed refits") { $0.form.fit.failedResamples },
        .number("exponentCompute", "compute of the exponents") { $0.form.exponentCompute },
        .maybeNumber("holdoutError", "mean |relative error| held out") { $0.form.holdoutError },
        .text("warnings", "warnings") { $0.form.warnings.joined(separator: "; ") }.hiddenInTable(),
    ]
}

/// One parameter (or compute-optimal exponent) with its interval.
package struct FitParameterRecord {
    package init(form: String, name: String, estimate: Estimate) { (self.form, self.name, self.estimate) = (form, name, estimate) }
    package var form: String
    package var name: String
    package var estimate: Estimate

    package static func rows(_ form: FormReport) -> [FitParameterRecord] {
        var rows = zip(form.parameterNames, form.parameters).map { FitParameterRecord(form: form.name, name: $0, estimate: $1) }
        if let e = form.exponents {
            rows.append(FitParameterRecord(form: form.name, name: "a (N* ~ C^a)", estimate: e.a))
            rows.append(FitParameterRecord(form: form.name, name: "b (D* ~ C^b)", estimate: e.b))
        }
        return rows
    }

    package static let columns: [Column<FitParameterRecord>] = [
        .text("fitForm", "form", allowed: fitForms) { $0.form },
        .text("parameter", "parameter") { $0.name },
        .number("value", "value") { $0.estimate.value },
        .maybeNumber("lower", "lower") { $0.estimate.lower },
        .maybeNumber("upper", "upper") { $0.estimate.upper },
        .boolean("wide", "interval wider than value") { $0.estimate.isWide },
    ]
}

/// The optimum one start reached; the parameters of the other form are null.
package struct FitStartRecord {
    package init(form: FormReport, index: Int) { (self.form, self.index) = (form, index) }
    package var form: FormReport
    package var index: Int
    package var start: StartOptimum { form.fit.starts[index] }

    package static let parameterNames = ["E", "A", "B", "alpha", "beta", "teacherExponent", "scale", "noiseFloor"]

    package static let columns: [Column<FitStartRecord>] = [
        .text("fitForm", "form", allowed: fitForms) { $0.form.name },
        .integer("start", "start") { $0.index },
        .number("objective", "objective") { $0.start.objective },
        .integer("iterations", "iterations") { $0.start.iterations },
        .text("stop", "stop", allowed: ["converged", "stalled", "iteration limit"]) { $0.start.stop.rawValue },
    ] + parameterNames.map { name in
        .maybeNumber(name, name) { r in r.form.parameterNames.firstIndex(of: name).map { r.start.parameters[$0] } }
    }
}

/// The compute-optimal allocation at one budget C = k N D.
package struct FitFrontierRecord {
    package init(form: String, point: FrontierPoint) { (self.form, self.point) = (form, point) }
    package var form: String
    package var point: FrontierPoint

    package static let columns: [Column<FitFrontierRecord>] = [
        .text("fitForm", "form", allowed: fitForms) { $0.form },
        .number("compute", "compute C") { $0.point.compute },
        .number("N", "N*") { $0.point.N.value },
        .maybeNumber("NLower", "lower") { $0.point.N.lower },
        .maybeNumber("NUpper", "upper") { $0.point.N.upper },
        .number("D", "D*") { $0.point.D.value },
        .maybeNumber("DLower", "lower") { $0.point.D.lower },
        .maybeNumber("DUpper", "upper") { $0.point.D.upper },
        .number("loss", "L*") { $0.point.loss.value },
        .maybeNumber("lossLower", "lower") { $0.point.loss.lower },
        .maybeNumber("lossUpper", "upper") { $0.point.loss.upper },
    ]
}

/// The fitted loss at one requested point.
package struct FitForecastRecord {
    package init(form: String, N: Double, D: Double, ridge: Double, estimate: Estimate) {
        (self.form, self.N, self.D, self.ridge, self.estimate) = (form, N, D, ridge, estimate)
    }
    package var form: String
    package var N: Double, D: Double, ridge: Double
    package var estimate: Estimate

    package static let columns: [Column<FitForecastRecord>] = [
        .text("fitForm", "form", allowed: fitForms) { $0.form },
        .number("N", "N") { $0.N },
        .number("D", "D") { $0.D },
        .number("gamma", "gamma") { $0.ridge },
        .number("loss", "loss") { $0.estimate.value },
        .maybeNumber("lossLower", "lower") { $0.estimate.lower },
        .maybeNumber("lossUpper", "upper") { $0.estimate.upper },
    ]
}

/// A held-out run against the fit to the runs below the cut.
package struct FitHoldoutRecord {
    package init(form: String, point: HoldoutPoint) { (self.form, self.point) = (form, point) }
    package var form: String
    package var point: HoldoutPoint

    package static let columns: [Column<FitHoldoutRecord>] = [
        .text("fitForm", "form", allowed: fitForms) { $0.form },
        .integer("row", "row") { $0.point.row },
        .number("N", "N") { $0.point.N },
        .number("D", "D") { $0.point.D },
        .number("gamma", "gamma") { $0.point.ridge },
        .number("measuredLoss", "measured") { $0.point.measured },
        .number("loss", "predicted") { $0.point.predicted.value },
        .maybeNumber("lossLower", "lower") { $0.point.predicted.lower },
        .maybeNumber("lossUpper", "upper") { $0.point.predicted.upper },
        .number("relativeError", "predicted/measured - 1") { $0.point.relativeError },
    ]
}
