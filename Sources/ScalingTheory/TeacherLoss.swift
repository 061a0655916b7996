extension SelfConsistentSolver {
    /// The loss formula of Docs/Theory.md section 8 for a teacher with any power
    /// omega_I per direction, at the solution Delta > 0:
    ///
    ///     D = (N - df1)(P - df1) + (df1 - df2)(N + P - 2 df1)
    ///     <L> = 1/2 (P / D) [(N - df2) bias + (df1 - df2) cross]
    ///           + 1/2 sigma_eps^2 (df1^2 + N df2 - 2 df1 df2) / D
    ///
    /// with bias and cross the `TeacherSums` (the teacher sum of section 8
    /// times N). The noise term is section 3's, written as
    /// (df2 (N - df2) + (df1 - df2)^2) / D without cancellation. Returns
    /// +infinity where D = 0 (the ridgeless interpolation peak).
    static func loss(sums: SpectralSums, teacherSums t: TeacherSums, configuration c: ModelConfiguration) -> Double {
        let n = c.featureCount, p = c.sampleCount
        if c.ridge == 0 && n == p { return .infinity }
        let d1 = sums.df1, d12 = sums.df1MinusDf2
        let denominator = (n - d1) * (p - d1) + d12 * (n + p - 2 * d1)
        guard denominator > 0 else { return .infinity }
        let signal = p * ((n - sums.df2) * t.bias + d12 * t.cross) / denominator
        guard c.noiseVariance > 0 else { return 0.5 * signal }
        let noise = c.noiseVariance * (sums.df2 * (n - sums.df2) + d12 * d12) / denominator
        return 0.5 * (signal + noise)
    }
}
