import ScalingData
import ScalingMonteCarlo
import ScalingTheory

// The result kinds of the real-data commands (`dataset`, and `simulate`,
// `sweep`, `compare` with `--data`), in the output model of ResultKinds.swift.
// Sizes (n, d, M, N, P) are numbers, as everywhere; the test error is
// 1/2 E[(z - y)^2] against the real labels (Docs/Theory.md section 9).

/// What `dataset` measured: sizes, trace, target variance, residual noise
/// and the fitted exponents; one row per eigenvalue in the list.
package struct DataSetRecord {
    package init(analysis: DataSetAnalysis, noise: ResidualNoise, spectrumFit: PowerLawFit.Result,
                 teacherFit: PowerLawFit.Result, readSeconds: Double, analysisSeconds: Double) {
        (self.analysis, self.noise, self.spectrumFit, self.teacherFit, self.readSeconds, self.analysisSeconds) = (analysis,
            noise, spectrumFit, teacherFit, readSeconds, analysisSeconds)
    }

    package var analysis: DataSetAnalysis
    package var noise: ResidualNoise
    package var spectrumFit: PowerLawFit.Result
    package var teacherFit: PowerLawFit.Result
    package var readSeconds: Double
    package var analysisSeconds: Double

    package static let columns: [Column<DataSetRecord>] = [
        .number("n", "samples n") { Double($0.analysis.sampleCount) },
        .number("d", "dimension d") { Double($0.analysis.dimension) },
        .number("M", "eigenvalues kept M") { Double($0.analysis.latentDimension) },
        .integer("dropped", "dropped (<= cutoff)") { $0.analysis.droppedCount },
        .number("cutoff", "relative cutoff") { $0.analysis.relativeCutoff },
        .number("trace", "trace") { $0.analysis.trace },
        .number("targetMean", "mean of y") { $0.analysis.targetMean },
        .number("targetVariance", "Var(y)") { $0.analysis.targetVariance },
        .number("explainedVariance", "explained sum lambda w^2") { $0.analysis.explainedVariance },
        .number("noise", "sigma_eps^2 (the chosen estimate)") { $0.analysis.residualVariance },
        .number("noiseInSample", "in-sample sum eps^2 / n") { $0.analysis.inSampleResidualVariance },
        .number("noiseUnbiased", "unbiased sum eps^2 / (n-M-1)") { $0.analysis.unbiasedResidualVariance },
        .number("noiseStandardError", "its standard error") { $0.analysis.residualVarianceStandardError },
        .maybeNumber("noiseHeldOut", "held-out (10-fold)") { $0.noise.heldOutResidualVariance },
        .number("noisePowerMean", "mean of nu_I") { r in r.noise.noisePower.reduce(0, +) / Double(r.noise.noisePower.count) },
        .number("noisePowerWeightedMean", "lambda-weighted mean of nu_I") { r in
            zip(r.analysis.eigenvalues, r.noise.noisePower).reduce(0) { $0 + $1.0 * $1.1 } / r.analysis.trace
        },
        .integer("fitFrom", "fit window from") { $0.spectrumFit.indices.lowerBound },
        .integer("fitTo", "fit window to") { $0.spectrumFit.indices.upperBound },
        .number("spectralExponent", "spectral exponent 1+alpha") { -$0.spectrumFit.slope }.formatted("%.4f"),
        .statistic("spectralExponentStandardError", "its standard error") { $0.spectrumFit.slopeStandardError }
            .formatted("%.4f"),
        .number("alpha", "alpha") { -$0.spectrumFit.slope - 1 }.formatted("%.4f"),
        .number("teacherExponent", "teacher exponent beta") { -$0.teacherFit.slope }.formatted("%.4f"),
        .statistic("teacherExponentStandardError", "its standard error") { $0.teacherFit.slopeStandardError }
            .formatted("%.4f"),
        .number("readSeconds", "seconds reading") { $0.readSeconds }.formatted("%.2f"),
        .number("analysisSeconds", "seconds analysing") { $0.analysisSeconds }.formatted("%.2f"),
    ]

    package struct Direction {
        package init(index: Int, eigenvalue: Double, teacherPower: Double, noisePower: Double,
                     projectionKurtosis: Double) {
            (self.index, self.eigenvalue, self.teacherPower, self.noisePower, self.projectionKurtosis) = (index,
                eigenvalue, teacherPower, noisePower, projectionKurtosis)
        }

        package var index: Int
        package var eigenvalue: Double
        package var teacherPower: Double
        package var noisePower: Double
        package var projectionKurtosis: Double
    }

    package static let directionColumns: [Column<Direction>] = [
        .integer("index", "index") { $0.index },
        .number("eigenvalue", "eigenvalue") { $0.eigenvalue },
        .number("teacherPower", "teacher power omega") { $0.teacherPower },
        .number("noisePower", "noise power nu") { $0.noisePower },
        .number("projectionKurtosis", "kurtosis of v.x") { $0.projectionKurtosis },
    ]
}

/// Random-feature ridge regression on a data set's rows, next to the
/// theory's test error (linear features).
package struct DataSimulationRecord {
    package init(result: DataSimulationResult, theory: AlignedTeacherPrediction?, analysis: DataSetAnalysis,
                 testRows: Int, activation: String) {
        (self.result, self.theory, self.analysis, self.testRows, self.activation) = (result, theory, analysis,
            testRows, activation)
    }

    package var result: DataSimulationResult
    package var theory: AlignedTeacherPrediction?
    package var analysis: DataSetAnalysis
    package var testRows: Int
    package var activation: String

    /// Measured over theory test error, and the z-score of the difference.
    var ratio: Double? { theory.map { result.testError.mean / $0.testError } }
    var zScore: Double? { theory.map { (result.testError.mean - $0.testError) / result.testError.standardError } }

    package static let columns: [Column<DataSimulationRecord>] = [
        .number("testError", "test error") { $0.result.testError.mean },
        .statistic("testErrorStandardError", "its standard error") { $0.result.testError.standardError },
        .maybeNumber("theoryTestError", "theory test error") { $0.theory?.testError },
        .statistic("ratio", "measured / theory") { $0.ratio }.formatted("%.4f"),
        .statistic("zScore", "z-score") { $0.zScore }.formatted("%.3f"),
        .maybeNumber("loss", "theory <L>") { $0.theory?.loss },
        .number("trainingError", "training error") { $0.result.trainingError.mean },
        .statistic("trainingErrorStandardError", "its standard error") { $0.result.trainingError.standardError },
        .maybeNumber("theoryTrainingError", "theory training error") { $0.theory?.trainingError },
        .number("gcv", "GCV") { $0.result.gcv.mean },
        .statistic("gcvStandardError", "its standard error") { $0.result.gcv.standardError },
        .integer("trials", "trials") { $0.result.trialResults.count },
        .integer("testRows", "test rows") { $0.testRows },
        .seconds { $0.result.seconds },
        .text("activation", "activation") { $0.activation },
        .number("n", "samples n") { Double($0.analysis.sampleCount) },
        .number("d", "dimension d") { Double($0.analysis.dimension) },
        .number("M", "eigenvalues kept M") { Double($0.analysis.latentDimension) },
        .number("noise", "sigma_eps^2") { $0.analysis.residualVariance },
        .numbers("testErrors") { $0.result.trialResults.map(\.testError) },
    ]
}

/// One grid point of `sweep --data` or `compare --data`.
package struct DataSweepRecord {
    package init(point: DataSweepPoint, maxZ: Double? = nil) {
        (self.point, self.maxZ) = (point, maxZ)
    }

    package var point: DataSweepPoint
    package var maxZ: Double?

    package var pass: Bool { abs(point.zScore ?? .nan) <= (maxZ ?? .infinity) }

    package static let simulationFields: Set<String> = ["measured", "standardError", "measuredTrainingError", "gcv", "trials",
                                                "ratio", "zScore"]

    package static let columns = Column<DataSweepRecord>.gridPoint(\.point.value, \.point.configuration) + [
        .number("testError", "theory") { $0.point.theory.testError }.formatted("%.5f"),
        .number("loss", "theory <L>") { $0.point.theory.loss },
        .number("trainingError", "theory train") { $0.point.theory.trainingError },
        .number("measured", "measured", optional: true) { $0.point.simulation!.testError.mean }.formatted("%.5f"),
        .statistic("standardError", "stderr", optional: true) { $0.point.simulation!.testError.standardError }
            .formatted("%.5f"),
        .number("measuredTrainingError", "measured train", optional: true) { $0.point.simulation!.trainingError.mean },
        .number("gcv", "GCV", optional: true) { $0.point.simulation!.gcv.mean },
        .integer("trials", "trials", optional: true) { $0.point.simulation!.trialResults.count },
        .statistic("ratio", "ratio", optional: true) { $0.point.ratio }.formatted("%.4f"),
        .statistic("zScore", "z", optional: true) { $0.point.zScore }.formatted("%+.2f"),
        .boolean("pass", "", optional: true) { $0.pass }.shown { $0.pass ? "ok" : "FAIL" },
    ]
}
