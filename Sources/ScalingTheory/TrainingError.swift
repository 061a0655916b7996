extension SelfConsistentSolver {
    /// The training error of Docs/Theory.md section 8,
    ///
    ///     E_train = 1/(2P) sum_mu (z(x_mu) - y_mu)^2 = (1 - df1/P)^2 (<L> + sigma_eps^2/2),
    ///
    /// for every teacher and regime. Where the ridgeless fit interpolates the
    /// training set (gamma = 0 and P <= min(N, M): df1 = P) it is exactly 0,
    /// including the interpolation peak N = P where <L> is +infinity and the
    /// formula would read 0 * infinity. Ridgeless with M < P, df1 = M.
    static func trainingError(loss: Double, df1: Double, configuration c: ModelConfiguration,
                              latentDimension m: Double) -> Double {
        let n = c.featureCount, p = c.sampleCount
        if c.ridge == 0 && p <= n && p <= m { return 0 }
        let slack = 1 - df1 / p
        return slack * slack * (loss + 0.5 * c.noiseVariance)
    }
}
