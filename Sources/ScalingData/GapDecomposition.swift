import ScalingMonteCarlo
import ScalingTheory

/// Which assumption of the theory breaks on a data set, measured
/// (Docs/YourData.md, "The gap, decomposed").
///
/// The labels split exactly into the best linear teacher's part and the
/// residual, y = x . w + eps (`DataSetAnalysis`). Ridge regression is linear
/// in the labels, so with the same draws of U and of the rows (the same
/// seed) the fitted model splits the same way, z = z_w + z_eps, and
///
///     testError = teacherTerm + residualTerm + cross,
///
/// each measured on the real rows:
/// - (a) `teacher`: labels x . w only; its test error 1/2 E[(z_w - x . w)^2]
///   is the theory's bias term, <L> with no noise;
/// - (b) `residual`: labels eps only; its test error minus the held-out
///   rows' 1/2 mean eps^2 (per trial) is the variance term, which the theory
///   gives as <L>_noise(sigma_eps^2), and the per-direction theory with nu_I
///   (`NoisePower`, `ResidualNoise`);
/// - `full`: the real labels, the demo's measurement;
/// - (c) `gaussian`: Gaussian rows with the data's spectrum, teacher power
///   and sigma_eps^2 (`Simulation` of the theory's own model, exact loss
///   against the teacher): its <L>, and its teacher-only <L>, against the
///   theory; what is left here is the theory's finite-size error, not the data's.
///
/// The measured-to-theory ratio of (a) says whether non-Gaussian rows bend
/// the bias term, of (b) whether the residual (heteroscedastic, heavy-tailed,
/// not independent of x) bends the variance term.
public struct GapDecomposition: Sendable {
    /// A measured term against its theory.
    public struct Term: Sendable {
        public var measured: TrialMean
        public var theory: Double
        /// measured / theory.
        public var ratio: Double { measured.mean / theory }
        /// (measured - theory) / standard error.
        public var zScore: Double { (measured.mean - theory) / measured.standardError }
    }

    public var configuration: ModelConfiguration
    /// The real labels: measured test error against the theory's testError.
    public var full: Term
    /// (a) Labels x . w: measured test error against the theory's bias term.
    public var teacher: Term
    /// (b) Labels eps: measured test error minus the test rows' 1/2 mean
    /// eps^2, against the theory's variance term with sigma_eps^2.
    public var residual: Term
    /// (b)'s theory with the per-direction noise power nu_I; nil when not given.
    public var residualPerDirection: Double?
    /// The measured cross term: the full test error minus the test errors of
    /// (a) and (b), per trial (E[(z_w - x . w)(z_eps - eps)]; the theory's is 0).
    public var cross: TrialMean
    /// The row-scale theory (`RowScale`, rows of varying size): its test
    /// error and its variance term; nil when not asked for.
    public var rowScale: RowScalePrediction?
    /// (c) Gaussian rows, all labels: measured <L> against the theory's <L>.
    public var gaussian: Term?
    /// (c) Gaussian rows, teacher only: measured <L> against the bias term.
    public var gaussianTeacher: Term?

    /// Measures the decomposition at one configuration (N, P whole numbers;
    /// `noiseVariance` is replaced by the analysis' sigma_eps^2). Every
    /// real-row part uses `options` (the same seed: the same U and rows);
    /// the Gaussian part runs `gaussianTrials` trials of the synthetic
    /// simulation (0 skips it). Throws what `DataSimulation` and `Simulation`
    /// throw.
    public static func measure(data: CentredDataSet, analysis: DataSetAnalysis, configuration: ModelConfiguration,
                               options: DataSimulationOptions, noisePower: [Double]? = nil,
                               rowScale: RowScale? = nil, gaussianTrials: Int = 0) throws -> GapDecomposition {
        let sigma2 = analysis.residualVariance
        let c = try configuration.with(noiseVariance: sigma2)
        let spectrum = try TabulatedSpectrum(eigenvalues: analysis.eigenvalues)
        let omega = analysis.teacherPower
        let theory = try AlignedTeacherPrediction(spectrum: spectrum, teacherPower: omega, configuration: c)
        let bias = try AlignedTeacherPrediction(spectrum: spectrum, teacherPower: omega,
                                                configuration: c.with(noiseVariance: 0)).loss
        let variance = theory.loss - bias
        let perDirection = try noisePower.map {
            try AlignedTeacherPrediction(spectrum: spectrum, teacherPower: omega, configuration: c, noisePower: $0).loss - bias
        }

        func run(_ targets: [Double]?) throws -> DataSimulationResult {
            let rows = targets.map { data.replacingTargets($0) } ?? data
            return try DataSimulation(data: rows, latentDimension: analysis.latentDimension, configuration: c,
                                      options: options).run()
        }
        let residuals = analysis.residuals
        let fitted = zip(data.targets, residuals).map { $0 - $1 }
        let full = try run(nil), teacherRun = try run(fitted), residualRun = try run(residuals)
        let excess = residualRun.trialResults.map { $0.testError - $0.testLabelPower }
        let cross = (0..<full.trialResults.count).map {
            full.trialResults[$0].testError - teacherRun.trialResults[$0].testError - residualRun.trialResults[$0].testError
        }

        var gaussian: Term? = nil, gaussianTeacher: Term? = nil
        if gaussianTrials > 0 {
            let synthetic = try c.with(teacherVariance: 1, teacher: Teacher(power: omega))
            let simulationOptions = SimulationOptions(trials: gaussianTrials, seed: options.seed, threads: options.threads)
            let all = try Simulation(spectrum: spectrum, configuration: synthetic, options: simulationOptions).run()
            let clean = try Simulation(spectrum: spectrum, configuration: synthetic.with(noiseVariance: 0),
                                       options: simulationOptions).run()
            gaussian = Term(measured: TrialMean(all.losses), theory: theory.loss)
            gaussianTeacher = Term(measured: TrialMean(clean.losses), theory: bias)
        }
        return GapDecomposition(
            configuration: c, full: Term(measured: full.testError, theory: theory.testError),
            teacher: Term(measured: teacherRun.testError, theory: bias),
            residual: Term(measured: TrialMean(excess), theory: variance), residualPerDirection: perDirection,
            cross: TrialMean(cross),
            rowScale: try rowScale.map { try $0.predict(teacherPower: omega, configuration: c) }, gaussian: gaussian, gaussianTeacher: gaussianTeacher)
    }
}
