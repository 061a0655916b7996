import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingTheory

// One output model per result kind: the fields every command writes for it,
// in order. Adding a field to a kind is one line here (and regenerating
// Docs/schemas/ with `make schemas`); every command that writes the kind gets
// it in JSON, CSV and tables alike.

private let regimes = Regime.allCases.map(\.rawValue)
private let summations = SpectralSummation.allCases.map(\.rawValue)

/// A theory prediction at one configuration: linear (Docs/Theory.md section 3) or
/// the semi-analytic nonlinear theory (section 6, averaged over draws).
package struct PredictionRecord {
    package init(linear: Prediction? = nil, nonlinear: NonlinearPrediction? = nil, noise: Double = 0) {
        (self.linear, self.nonlinear, self.noise) = (linear, nonlinear, noise)
    }

    package var linear: Prediction?
    package var nonlinear: NonlinearPrediction?
    /// sigma_eps^2, for the test error against noisy labels.
    package var noise = 0.0
    package var loss: Double { linear?.loss ?? nonlinear!.loss }
    package var relativeLoss: Double { linear?.relativeLoss ?? nonlinear!.relativeLoss }
    package var regime: Regime { linear?.regime ?? nonlinear!.regime }

    package static let columns: [Column<PredictionRecord>] = [
        .number("loss", "loss <L>") { $0.loss },
        .number("testError", "test error <L> + sigma_eps^2/2") { $0.loss + $0.noise / 2 },
        .statistic("standardError", "standard error") { $0.nonlinear?.standardError },
        .number("relativeLoss", "relative loss <L>/L0") { $0.relativeLoss },
        .maybeNumber("delta", "Delta") { $0.linear?.delta },
        .maybeNumber("df1", "df1(Delta)") { $0.linear?.df1 },
        .maybeNumber("df2", "df2(Delta)") { $0.linear?.df2 },
        .maybeNumber("trainingError", "training error E_train") { $0.linear?.trainingError },
        .text("regime", "regime", allowed: regimes) { $0.regime.rawValue },
        .maybeText("summation", "summation", allowed: summations) { $0.linear?.summation.rawValue },
    ]
}

/// A Monte Carlo estimate of <L> over independent trials, next to the theory
/// (`loss`, linear features only).
package struct SimulationRecord {
    package init(result: SimulationResult, theory: Double?, theoryTrainingError: Double? = nil,
                 shape: TrialDistribution? = nil, warning: String? = nil) {
        (self.result, self.theory, self.theoryTrainingError, self.shape, self.warning) = (result, theory,
            theoryTrainingError, shape, warning)
    }

    package var result: SimulationResult
    package var theory: Double?
    /// The theory's E_train (linear features only).
    package var theoryTrainingError: Double? = nil
    /// The shape of the per-trial losses (nil only when a loss is not finite).
    package var shape: TrialDistribution? = nil
    /// Why the standard error cannot be trusted, if it cannot.
    package var warning: String? = nil

    package static let columns: [Column<SimulationRecord>] = [
        .number("mean", "mean loss") { $0.result.mean },
        .statistic("standardError", "standard error") { $0.result.standardError },
        .maybeNumber("loss", "theory <L>") { $0.theory },
        .statistic("zScore", "z-score") { r in r.theory.map { r.result.zScore(against: $0) } }.formatted("%.3f"),
        .statistic("testStandardError", "test-sample error") { $0.result.testStandardError },
        .number("trainingError", "training error") { $0.result.trainingError },
        .statistic("trainingErrorStandardError", "its standard error") { $0.result.trainingErrorStandardError },
        .maybeNumber("theoryTrainingError", "theory training error") { $0.theoryTrainingError },
        .maybeNumber("gcv", "GCV (test error estimate)") { $0.result.gcv },
        .statistic("gcvStandardError", "its standard error") { $0.result.gcvStandardError },
        .integer("trials", "trials") { $0.result.trials },
        .seconds { $0.result.seconds },
        .text("sampler", "sampler", allowed: Sampler.allCases.map(\.rawValue)) { $0.result.sampler.rawValue },
        .text("form", "form", allowed: ["primal", "dual"]) { $0.result.form.rawValue },
        .integer("rankDeficientTrials", "rank-deficient trials") { $0.result.rankDeficientTrials },
        .numbers("losses") { $0.result.losses },
        .maybeNumber("median", "median") { $0.shape?.median },
        .maybeNumber("quantile10", "10% quantile") { $0.shape?.quantile10 },
        .maybeNumber("quantile25", "25% quantile") { $0.shape?.quantile25 },
        .maybeNumber("quantile75", "75% quantile") { $0.shape?.quantile75 },
        .maybeNumber("quantile90", "90% quantile") { $0.shape?.quantile90 },
        .maybeNumber("minimum", "minimum") { $0.shape?.minimum },
        .maybeNumber("maximum", "maximum") { $0.shape?.maximum },
        .maybeNumber("skewness", "skewness") { $0.shape?.skewness.finiteOrNil },
        .maybeNumber("kurtosis", "kurtosis (Gaussian: 3)") { $0.shape.map { $0.excessKurtosis + 3 }?.finiteOrNil },
        .maybeText("standardErrorWarning", "warning") { $0.warning }.hiddenInTable(),
    ]
}

/// One point of a sweep: the grid value, the configuration there, the theory,
/// and (simulated sweeps) the Monte Carlo estimate.
package struct SweepPointRecord {
    package init(value: Double, configuration: ModelConfiguration, prediction: Prediction,
                 simulation: SimulationResult?) {
        (self.value, self.configuration, self.prediction, self.simulation) = (value, configuration, prediction,
            simulation)
    }

    package var value: Double
    package var configuration: ModelConfiguration
    package var prediction: Prediction
    package var simulation: SimulationResult?

    package static let simulationFields: Set<String> = ["mean", "standardError", "trials", "zScore"]

    package static let columns = Column<SweepPointRecord>.gridPoint(\.value, \.configuration) + [
        .number("loss", "loss") { $0.prediction.loss },
        .number("relativeLoss", "relative loss") { $0.prediction.relativeLoss },
        .number("delta", "Delta") { $0.prediction.delta },
        .text("regime", "regime", allowed: regimes) { $0.prediction.regime.rawValue },
        .number("mean", "mean", optional: true) { $0.simulation!.mean },
        .statistic("standardError", "stderr", optional: true) { $0.simulation!.standardError },
        .integer("trials", "trials", optional: true) { $0.simulation!.trials },
        .statistic("zScore", "z", optional: true) { $0.simulation!.zScore(against: $0.prediction.loss) },
    ]
}

/// One row of `compare`: theory against simulation at a grid point.
package struct ComparisonRecord {
    package init(point: SimulatedSweepPoint, maxZ: Double, check: PointCheck) {
        (self.point, self.maxZ, self.check) = (point, maxZ, check)
    }

    package var point: SimulatedSweepPoint
    package var maxZ: Double
    /// The distribution check of the point's trials (CompareCommand's PointCheck).
    package var check: PointCheck
    package var pass: Bool { check.status == "ok" }

    package static let columns = Column<ComparisonRecord>.gridPoint(\.point.value, \.point.configuration) + [
        .number("loss", "theory") { $0.point.theory.loss },
        .number("mean", "mean") { $0.point.simulation.mean },
        .statistic("standardError", "stderr") { $0.point.simulation.standardError },
        .integer("trials", "trials") { $0.point.simulation.trials },
        .statistic("zScore", "z") { $0.point.zScore }.formatted("%+.2f"),
        .maybeNumber("median", "median") { $0.check.distribution?.median },
        .maybeNumber("kurtosis", "kurtosis") { $0.check.distribution.map { $0.excessKurtosis + 3 }?.finiteOrNil }
            .shown { r in r.check.distribution.map { String(format: "%.1f", $0.excessKurtosis + 3) } ?? "n/a" },
        .maybeNumber("bootstrapLower", "95% bootstrap") { $0.check.bootstrap?.lowerBound },
        .maybeNumber("bootstrapUpper", "interval") { $0.check.bootstrap?.upperBound },
        .text("status", "status", allowed: ["ok", "fail", "unreliable"]) { $0.check.status }.hiddenInTable(),
        .maybeText("warning", "warning") { $0.check.warning }.hiddenInTable(),
        .boolean("pass", "") { $0.pass }.shown { $0.pass ? "ok" : $0.check.status.uppercased() },
    ]
}

/// Local exponents, the bottleneck and the asymptotic law at one configuration.
package enum ExponentsRecord {
    package static let columns: [Column<ExponentsReport>] = [
        .number("loss", "loss <L>") { $0.exponents.prediction.loss },
        .number("relativeLoss", "relative loss <L>/L0") { $0.exponents.prediction.relativeLoss },
        .number("featureExponent", "d ln L / d ln N") { $0.exponents.featureExponent },
        .number("sampleExponent", "d ln L / d ln P") { $0.exponents.sampleExponent },
        .number("ridgeExponent", "d ln L / d ln gamma") { $0.exponents.ridgeExponent },
        .text("regime", "regime", allowed: regimes) { $0.exponents.prediction.regime.rawValue },
        .text("summation", "summation", allowed: summations) { $0.exponents.prediction.summation.rawValue },
        .maybeText("bottleneck", "bottleneck", allowed: Resource.allCases.map(\.rawValue)) {
            $0.bottleneck?.bottleneck?.rawValue
        },
        .maybeNumber("gainN", "gain L(N)/L(10 N)") { $0.bottleneck?.featureGain },
        .maybeNumber("gainP", "gain L(P)/L(10 P)") { $0.bottleneck?.sampleGain },
        .maybeNumber("gainM", "gain (L/L0)(M)/(L/L0)(10 M)") { $0.bottleneck?.latentDimensionGain },
        .maybeNumber("gainGamma", "gain L(gamma)/L(gamma/10)") { $0.bottleneck?.ridgeGain },
        .maybeNumber("asymptoticCoefficient", "asymptotic coefficient") { $0.law?.coefficient },
        .maybeNumber("asymptoticExponent", "asymptotic exponent") { $0.law?.exponent },
        .maybeNumber("asymptoticLoss", "asymptotic loss") { $0.lawLoss },
        .maybeNumber("asymptoticRelativeError", "asymptotic rel. error (gamma = 0)") { $0.lawError },
    ]
}

/// The ridge gamma* minimizing <L> at one N, P.
package struct OptimalRidgeRecord {
    package init(best: OptimalRidge, summation: SpectralSummation) {
        (self.best, self.summation) = (best, summation)
    }

    package var best: OptimalRidge
    package var summation: SpectralSummation

    package static let columns: [Column<OptimalRidgeRecord>] = [
        .number("gamma", "optimal ridge gamma*") { $0.best.ridge },
        .text("optimum", "optimum", allowed: RidgeOptimum.allCases.map(\.rawValue)) { $0.best.optimum.rawValue },
        .number("loss", "loss <L> at gamma*") { $0.best.loss },
        .number("relativeLoss", "relative loss at gamma*") { $0.best.relativeLoss },
        .number("ridgelessLoss", "ridgeless loss") { $0.best.ridgelessLoss },
        .text("summation", "summation", allowed: summations) { $0.summation.rawValue },
    ]
}

/// The loss-minimizing split of one compute budget C = N P, at the fixed
/// ridge or at the optimal ridge (`ridgeOptimum` says which: nil when fixed).
package enum ComputeOptimalRecord {
    package static let columns: [Column<ComputeOptimalAllocation>] = [
        .number("C", "C") { $0.compute },
        .text("ridge", "ridge", allowed: ["fixed", "optimal"]) { $0.ridgeOptimum == nil ? "fixed" : "optimal" },
        .number("N", "N") { $0.featureCount },
        .number("P", "P") { $0.sampleCount },
        .number("ratio", "N/P") { $0.ratio },
        .number("gamma", "gamma") { $0.ridge },
        .number("loss", "loss") { $0.loss },
        .number("relativeLoss", "relative loss") { $0.relativeLoss },
        .maybeText("optimum", "optimum", allowed: RidgeOptimum.allCases.map(\.rawValue)) {
            $0.ridgeOptimum?.rawValue
        },
    ]
}

/// A measured feature-covariance spectrum: its summary (sizes and power-law
/// fits) and one row per eigenvalue.
package struct SpectrumRecord {
    package init(featureCount: Int, latentDimension: Int, activation: String, exact: Bool,
                 below: PowerLawFit.Result?, above: PowerLawFit.Result?, latentExponent: Double?) {
        (self.featureCount, self.latentDimension, self.activation, self.exact, self.below, self.above,
            self.latentExponent) = (featureCount, latentDimension, activation, exact, below, above, latentExponent)
    }

    package var featureCount: Int
    package var latentDimension: Int
    package var activation: String
    package var exact: Bool
    package var below: PowerLawFit.Result?
    package var above: PowerLawFit.Result?
    package var latentExponent: Double?

    package static let columns: [Column<SpectrumRecord>] = [
        .number("N", "N") { Double($0.featureCount) },
        .number("M", "M") { Double($0.latentDimension) },
        .text("activation", "activation") { $0.activation },
        .boolean("exact", "exact") { $0.exact },
        .maybeNumber("fitBelowExponent", "exponent below M") { $0.below.map { -$0.slope } },
        .statistic("fitBelowStandardError", "its standard error") { $0.below?.slopeStandardError },
        .maybeNumber("fitAboveExponent", "exponent above M") { $0.above.map { -$0.slope } },
        .statistic("fitAboveStandardError", "its standard error") { $0.above?.slopeStandardError },
        .maybeNumber("latentExponent", "latent 1 + alpha") { $0.latentExponent },
    ]

    /// One row per eigenvalue of the list, largest first: its 1-based index.
    package static let eigenvalueColumns: [Column<(offset: Int, element: Double)>] = [
        .integer("index", "index") { $0.offset + 1 },
        .number("eigenvalue", "eigenvalue") { $0.element },
    ]
}

extension Double {
    /// The value, or nil (JSON null: "does not exist") where a statistic is
    /// undefined, e.g. the skewness of fewer than 3 trials or of equal trials.
    package var finiteOrNil: Double? { isFinite ? self : nil }
}
