import Glibc

/// Solves the self-consistent equation of Docs/Theory.md section 3 and evaluates
/// the average test loss (section 3 for the isotropic teacher, section 8 for
/// any other) and the training error.
///
/// Delta solves
///
///     gamma M / (sigma_u^2 N P) = Delta (1 - df1/N) (1 - df1/P)        (SC)
///
/// on the branch df1(Delta) < min(N, P), where the right side increases from
/// 0 to infinity, so the root is unique. Ridgeless (gamma = 0), Delta is the
/// edge of that branch: df1(Delta) = min(N, P), or 0 when min(N, P) >= M.
///
/// Roots are found with GSL's Brent solver (`gsl_root_fsolver_brent`) in
/// logarithmic variables, to relative tolerance `relativeTolerance` in Delta.
public struct SelfConsistentSolver: Sendable {
    /// Relative tolerance on Delta.
    public var relativeTolerance: Double

    public init(relativeTolerance: Double = 1e-13) {
        self.relativeTolerance = relativeTolerance
    }

    /// Relative tolerance on the logarithmic root variables, a few ulps: for
    /// |ln Delta| above ~45 adjacent doubles are further apart than
    /// `relativeTolerance / 10`, and without it Brent could never stop.
    static let logResolution = 4 * Double.ulpOfOne

    /// Predicts <L> and the quantities behind it. At M = infinity the weight
    /// variances are per-component (see `Spectrum.normalizingDimension`).
    public func predict(spectrum: some Spectrum, configuration: ModelConfiguration) throws -> Prediction {
        let m = spectrum.latentDimension
        let n = configuration.featureCount, p = configuration.sampleCount
        let regime = Regime(featureCount: n, sampleCount: p, latentDimension: m)
        let teacher = configuration.teacher
        let zeroLoss = teacher.isIsotropic
            ? configuration.teacherVariance / (2 * spectrum.normalizingDimension) * spectrum.trace
            : 0.5 * (try teacher.signal(spectrum: spectrum, teacherVariance: configuration.teacherVariance))
        // Power laws first try safeguarded Newton (PowerLawNewtonSolution.swift);
        // a Newton root whose residual does not verify falls back to Brent.
        var fast = try (spectrum as? PowerLawSpectrum).flatMap {
            try powerLawNewtonSolution(spectrum: $0, configuration: configuration)
        }
        if let candidate = fast,
           (try? verifySolution(spectrum: spectrum, configuration: configuration, delta: candidate.delta)) == nil {
            fast = nil
        }
        let delta: Double
        if let fast {
            delta = fast.delta
        } else {
            delta = try solveDelta(spectrum: spectrum, configuration: configuration)
            // Whatever path found Delta, its residual is checked (RootVerification.swift).
            try verifySolution(spectrum: spectrum, configuration: configuration, delta: delta)
        }
        let loss: Double
        let df1: Double, df2: Double
        if delta == 0 {
            // Ridgeless with min(N, P) >= M: every latent direction is learned
            // exactly; only label noise is left, 1/2 sigma_eps^2 M / (P - M).
            df1 = m
            df2 = m
            let noise = configuration.noiseVariance
            if noise == 0 {
                loss = 0
            } else {
                loss = p > m ? 0.5 * noise * (m / (p - m)) : .infinity
            }
        } else {
            let sums = try fast ?? spectrum.checkedSums(at: delta)
            df1 = sums.df1
            df2 = sums.df2
            if teacher.isIsotropic {
                let slacks = try Self.slacks(spectrum: spectrum, configuration: configuration, delta: delta)
                loss = Self.loss(sums: sums, configuration: configuration,
                                 normalizingDimension: spectrum.normalizingDimension,
                                 featureSlack: slacks.feature, sampleSlack: slacks.sample)
            } else {
                let teacherSums = try teacher.sums(spectrum: spectrum, teacherVariance: configuration.teacherVariance,
                                                   at: delta)
                loss = Self.loss(sums: sums, teacherSums: teacherSums, configuration: configuration)
            }
        }
        let relativeLoss = Self.relativeLoss(loss, zeroLoss: zeroLoss, spectrum: spectrum, configuration: configuration)
        try Self.checkRepresentable(loss: loss, relativeLoss: relativeLoss, delta: delta, df1: df1, df2: df2,
                                    zeroLoss: zeroLoss, configuration: configuration)
        return Prediction(loss: loss, relativeLoss: relativeLoss, delta: delta, df1: df1, df2: df2,
                          regime: regime, zeroPredictorLoss: zeroLoss,
                          trainingError: Self.trainingError(loss: loss, df1: df1, configuration: configuration,
                                                            latentDimension: m),
                          summation: spectrum.summation)
    }

    /// The loss formula of Docs/Theory.md section 3 (the isotropic teacher) at the
    /// solution Delta > 0:
    ///
    ///     D = (N - df1)(P - df1) + (df1 - df2)(N + P - 2 df1)
    ///     <L> = 1/2 [ (sigma_w^2/M) Delta (df1 - df2) N P + sigma_eps^2 (N P - P df2) ] / D
    ///           - 1/2 sigma_eps^2
    ///
    /// with M the `normalizingDimension`. Returns +infinity where D = 0 (the
    /// ridgeless interpolation peak).
    /// `featureSlack` and `sampleSlack` are N - df1 and P - df1 from
    /// `checkedDf1Slack`, free of cancellation; nil subtracts.
    static func loss(sums: SpectralSums, configuration c: ModelConfiguration, normalizingDimension m: Double,
                     featureSlack: Double? = nil, sampleSlack: Double? = nil) -> Double {
        let n = c.featureCount, p = c.sampleCount
        // Ridgeless at N = P, D vanishes exactly (df1 = N = P); rounding in
        // df1 would leave a tiny D of either sign instead.
        if c.ridge == 0 && n == p { return .infinity }
        let d12 = sums.df1MinusDf2
        let nSlack = featureSlack ?? n - sums.df1, pSlack = sampleSlack ?? p - sums.df1
        let denominator = nSlack * pSlack + d12 * (nSlack + pSlack)
        guard denominator > 0 else { return .infinity }
        // N P / D in the form (N/nSlack)(P/pSlack) / (1 + d12/nSlack + d12/pSlack),
        // whose factors are moderate, so that huge N, P or variances do not
        // overflow on the way to a representable loss.
        let sizeRatio = nSlack > 0 && pSlack > 0
            ? (n / nSlack) * (p / pSlack) / (1 + d12 / nSlack + d12 / pSlack)
            : n * p / denominator
        let signal = 0.5 * c.teacherVariance * (sums.delta / m) * d12 * sizeRatio
        guard c.noiseVariance > 0 else { return signal }
        // N P - P df2 - D expands to df2 (N - df2) + (df1 - df2)^2: nonnegative
        // pieces, free of the cancellation of N P against D when df1 << N, P.
        let noise = 0.5 * c.noiseVariance * ((sums.df2 * (nSlack + d12) + d12 * d12) / denominator)
        return signal + noise
    }

    /// Delta for the configuration; 0 when ridgeless with min(N, P) >= M.
    public func solveDelta(spectrum: some Spectrum, configuration: ModelConfiguration) throws -> Double {
        let m = spectrum.latentDimension
        let n = configuration.featureCount, p = configuration.sampleCount
        let smaller = min(n, p)
        let edge = smaller < m ? try branchEdge(spectrum: spectrum, degreesOfFreedom: smaller) : 0
        guard configuration.ridge > 0 else { return edge }

        // Right side of (SC) minus left side, in logs, with Delta = edge + e^t:
        // increasing in t, -infinity as t -> -infinity, +infinity as t -> +infinity.
        let logTarget = log(configuration.ridge) + log(spectrum.normalizingDimension)
            - log(configuration.featureWeightVariance)
            - log(n) - log(p)
        let capture = FailureCapture()
        func h(_ t: Double) -> Double {
            let delta = edge + exp(t)
            guard let (nSlack, pSlack) = capture.attempt({
                try spectrum.checkedDf1Slacks(delta, featureCount: n, sampleCount: p)
            }) else { return .nan }
            // Within rounding of the edge df1 can reach min(N, P); the floor
            // keeps h finite and negative there, as it is mathematically.
            let floor = 1e-300
            return log(delta) + log(max(nSlack / n, floor)) + log(max(pSlack / p, floor)) - logTarget
        }
        // A ridge so small that Delta - edge < e^-40 edge leaves Delta equal
        // to the edge in double precision. Detect it here: near the edge
        // df1 = min(N, P) is only resolved to rounding, so h need not turn
        // negative as t -> -infinity and no lower bracket would be found.
        if edge > 0 && h(log(edge) - 40) >= 0 { return edge }
        // Start near the scale of the answer: the ridge term itself or the edge.
        let start = log(max(exp(logTarget), edge, Double.leastNormalMagnitude))
        let t = try capture.run {
            let (lower, upper) = try RootFinder.bracketIncreasing(h, from: start, routine: "self-consistent equation")
            let root = try RootFinder.brent("self-consistent equation (gsl_root_fsolver_brent)",
                                            lower: lower, upper: upper,
                                            absoluteTolerance: relativeTolerance / 10,
                                            relativeTolerance: Self.logResolution, h)
            // Delta = edge + e^t is what must be right (to 1e-9): where e^t is
            // far below the edge, t may move much more than that.
            try RootFinder.verifyIncreasingRoot("self-consistent equation", at: root,
                                                width: RootFinder.verificationWidth
                                                    * max(1, abs(root), edge * exp(-root)), h)
            return root
        }
        return edge + exp(t)
    }

    /// Delta0 with df1(Delta0) = `degreesOfFreedom` < M: the ridgeless solution
    /// and the lower end of the branch df1 < min(N, P).
    public func branchEdge(spectrum: some Spectrum, degreesOfFreedom target: Double) throws -> Double {
        // df1 decreases in Delta; g is increasing in x = ln Delta.
        let capture = FailureCapture()
        func g(_ x: Double) -> Double {
            capture.attempt({ try spectrum.checkedDf1Slack(exp(x), from: target) }) ?? .nan
        }
        // df1(Delta) <= trace / Delta, so g >= 0 at Delta = trace / target.
        let x = try capture.run {
            let (lower, upper) = try RootFinder.bracketIncreasing(g, from: log(spectrum.trace / target),
                                                                  routine: "df1(Delta) = min(N, P)")
            let root = try RootFinder.brent("df1(Delta) = min(N, P) (gsl_root_fsolver_brent)",
                                            lower: lower, upper: upper,
                                            absoluteTolerance: relativeTolerance / 10,
                                            relativeTolerance: Self.logResolution, g)
            try RootFinder.verifyIncreasingRoot("df1(Delta) = min(N, P)", at: root, g)
            return root
        }
        return exp(x)
    }
}

extension Spectrum {
    /// The theory prediction for this spectrum (see `SelfConsistentSolver`).
    public func predict(_ configuration: ModelConfiguration,
                        solver: SelfConsistentSolver = SelfConsistentSolver()) throws -> Prediction {
        try solver.predict(spectrum: self, configuration: configuration)
    }
}
