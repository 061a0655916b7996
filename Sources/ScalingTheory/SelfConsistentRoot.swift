import Glibc

/// The root Delta of the self-consistent equation (SC) of Docs/Theory.md at a
/// complex ridge kappa,
///
///     kappa = c Delta (1 - df1(Delta)/N) (1 - df1(Delta)/P),   c = sigma_u^2 N / M,
///
/// over a weighted eigenvalue list (sum_I f(lambda_I) is
/// sum_j weight[j] f(lambda[j])), with q = sum_I omega_I lambda_I^2 / (lambda_I + Delta)
/// alongside. P = infinity drops the last factor (population: no training
/// set). Shared by the gradient-flow theory and the one-pass SGD theory.
struct SelfConsistentRoot: Sendable {
    let lambda: [Double]
    /// multiplicity, multiplicity * lambda, multiplicity * omega * lambda^2.
    let weight: [Double]
    let weightLambda: [Double]
    let omegaLambda2: [Double]
    let n: Double, p: Double
    let c: Double

    /// Newton on c Delta (1 - df/N)(1 - df/P) = kappa; nil unless it converges.
    /// Near a ridgeless edge 1 - df/min(N, P) is small and carries the
    /// rounding of df: Newton then stalls at a floor well below 1e-9.
    func newton(kappa: Complex, guess: Complex) -> Complex? {
        dampedComplexNewton(from: guess, iterations: 60, tolerance: 1e-15, stallTolerance: 1e-9) { delta in
            let sums = complexSums(delta, derivative: true)
            let a = Complex(1) - sums.df / Complex(n)
            let b = p.isFinite ? Complex(1) - sums.df / Complex(p) : Complex(1)
            let f = c * delta * a * b - kappa
            let bOverN = b / Complex(n)
            let aOverP = p.isFinite ? a / Complex(p) : Complex(0)
            let fPrime = c * (a * b - delta * sums.dfPrime * (bOverN + aOverP))
            return (f, fPrime)
        }
    }

    /// df1 = sum lambda/(lambda + Delta), its derivative -sum lambda/(lambda + Delta)^2
    /// and q = sum omega lambda^2/(lambda + Delta).
    func complexSums(_ delta: Complex, derivative: Bool = false) -> (df: Complex, dfPrime: Complex, q: Complex) {
        let sums = complexResolventSums(lambda, first: weightLambda, second: omegaLambda2, at: delta, derivative: derivative)
        return (sums.first, sums.firstPrime, sums.second)
    }

    /// The real root Delta >= edge of c Delta (1 - df/N)(1 - df/P) = kappa for
    /// kappa >= 0 on the branch df1 < min(N, P); kappa = 0 gives the edge.
    static func realDelta(kappa: Double, lambda: [Double], weight: [Double], n: Double, p: Double, c: Double,
                          guess: Double? = nil) throws -> Double {
        let smaller = min(n, p)
        let count = weight.reduce(0, +)
        func df(_ d: Double) -> Double {
            var s = 0.0
            for i in lambda.indices { s += weight[i] * lambda[i] / (lambda[i] + d) }
            return s
        }
        // Returns ln(Phi(Delta)) - ln(kappa), -infinity below the edge.
        func h(_ x: Double) -> Double {
            let d = exp(x)
            let f = df(d)
            let a = 1 - f / n, b = p.isFinite ? 1 - f / p : 1
            guard a > 0, b > 0 else { return -.infinity }
            if kappa == 0 { return f < smaller ? 1 : -1 }
            return log(c) + x + log(a) + log(b) - log(kappa)
        }
        if kappa == 0 && smaller >= count.rounded() { return 0 }
        var lo = log(guess ?? max(kappa / c, 1e-300)) - 2, hi = lo + 4
        var tries = 0
        while h(lo) >= 0 && tries < 400 { lo -= 4; tries += 1 }
        while h(hi) < 0 && tries < 800 { hi += 4; tries += 1 }
        guard h(lo) < 0, h(hi) >= 0 else {
            if kappa > 0 && smaller >= count.rounded() && h(lo) >= 0 { return 0 }
            throw ScalingError.noConvergence(routine: "gradient-flow real root", detail: "no bracket at kappa = \(kappa)")
        }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if h(mid) < 0 { lo = mid } else { hi = mid }
            if hi - lo < 1e-15 * max(1, abs(hi)) { break }
        }
        return exp(0.5 * (lo + hi))
    }
}
