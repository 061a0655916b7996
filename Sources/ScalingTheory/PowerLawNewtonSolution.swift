import Glibc

extension SelfConsistentSolver {
    /// The solution of (SC) for a power-law spectrum by safeguarded Newton
    /// steps on the analytic derivative, with the sums at the root: the fast
    /// path of `predict`. Nil when it does not apply (Delta = 0 ridgeless
    /// beyond M) or does not converge; `predict` then takes the bracketing
    /// route (`solveDelta`), which is slower and never gives up silently.
    ///
    /// Ridgeless edge: x = ln Delta solves ln min(N, P) - ln df1(e^x) = 0,
    /// increasing with slope (df1 - df2)/df1, nearly linear for a power law
    /// (df1 ~ Delta^-1/(1+alpha)); it starts from the M = infinity asymptotics
    /// df1 ~ Gamma(1+s) Gamma(1-s) (Delta/lambda_plus)^-s, s = 1/(1+alpha).
    /// Ridge: t = ln(Delta - Delta0) solves
    /// ln Delta + ln(1 - df1/N) + ln(1 - df1/P) = ln(gamma M / (sigma_u^2 N P)),
    /// slope (e^t/Delta) [1 + (df1 - df2)/(N - df1) + (df1 - df2)/(P - df1)],
    /// nearly linear in t at both ends. Both stop at the tolerance or at the
    /// rounding noise of the residual, whichever is reached first.
    func powerLawNewtonSolution(spectrum: PowerLawSpectrum, configuration: ModelConfiguration) throws
        -> SpectralSums? {
        let m = spectrum.latentDimension
        let n = configuration.featureCount, p = configuration.sampleCount
        let smaller = min(n, p)
        var edge = 0.0
        var edgeSums: SpectralSums?
        if smaller < m {
            let s = 1 / (1 + spectrum.alpha)
            let g = try spectrum.degreesOfFreedomScale ?? SpecialFunctions.gamma(1 + s) * SpecialFunctions.gamma(1 - s)
            let guess = log(spectrum.lambdaPlus) - (1 + spectrum.alpha) * log(smaller / g)
            let logTarget = log(smaller)
            var last: SpectralSums?
            guard let x = try SafeguardedNewton.solve(from: guess, tolerance: relativeTolerance, { x in
                let sums = try spectrum.checkedSums(at: exp(x))
                last = sums
                // Rounding: a few ulps of the logarithms and of df1.
                return (logTarget - log(sums.df1), sums.df1MinusDf2 / sums.df1,
                        8 * Double.ulpOfOne * (abs(logTarget) + 1))
            }) else { return nil }
            edge = exp(x)
            edgeSums = last
        }
        guard configuration.ridge > 0 else { return edgeSums }

        let logTarget = log(configuration.ridge) + log(spectrum.normalizingDimension)
            - log(configuration.featureWeightVariance) - log(n) - log(p)
        // Start from the linearization about the edge: with u = Delta - Delta0,
        // 1 - df1/n ~ a u and 1 - df1/n' ~ b0 + a' u (a = e12/(n Delta0),
        // a' = e12/(n' Delta0), b0 = 1 - n/n'), so Delta0 a u (b0 + a' u) ~ target;
        // when that u exceeds Delta0 the ridge dominates and Delta ~ target.
        let target = exp(logTarget)
        var start = logTarget
        if let edgeSums, edge > 0 {
            let larger = max(n, p)
            let a = edgeSums.df1MinusDf2 / (smaller * edge), a2 = edgeSums.df1MinusDf2 / (larger * edge)
            let c1 = edge * a * (1 - smaller / larger), c2 = edge * a * a2
            let u = 2 * target / (c1 + (c1 * c1 + 4 * c2 * target).squareRoot())
            if u.isFinite, u > 0, u < edge { start = log(u) }
        }
        var last: SpectralSums?
        guard let t = try SafeguardedNewton.solve(from: start, tolerance: relativeTolerance, { t in
            let growth = exp(t)
            let delta = edge + growth
            let sums = try spectrum.checkedSums(at: delta)
            last = sums
            let d1 = sums.df1, e12 = sums.df1MinusDf2
            // Within rounding of the edge df1 can reach min(N, P); the floor
            // keeps the residual finite and negative there, as it is.
            let floor = 1e-300
            let value = log(delta) + log(max((n - d1) / n, floor)) + log(max((p - d1) / p, floor)) - logTarget
            let slope = growth / delta * (1 + e12 / max(n - d1, floor * n) + e12 / max(p - d1, floor * p))
            // Rounding: a few ulps of each logarithm, and of df1 against the
            // slacks N - df1 and P - df1, which cancel near the edge.
            let noise = 8 * Double.ulpOfOne * (abs(log(delta)) + abs(logTarget) + 2
                + d1 / max(n - d1, floor * n) + d1 / max(p - d1, floor * p))
            return (value, slope, noise)
        }) else { return nil }
        guard let sums = last, sums.delta == edge + exp(t) else { return nil }
        return sums
    }
}
