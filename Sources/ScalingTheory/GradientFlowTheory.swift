import Glibc

/// The theory of the learning curve L(t) of gradient flow on linear random
/// features at finite N, P and M, any ridge gamma >= 0, any teacher power and
/// label noise (Docs/Theory.md section 10; derivation in Docs/Theory.md).
///
/// Conventions: d theta/dt = -(1/P) [Phi (Phi^T theta - y) + gamma theta] from
/// theta = 0 (`GradientFlowTimes`); L = 1/2 E_x[(z(x) - w . x)^2] against the
/// clean teacher, averaged over w, U and the training set; E[w_I^2] = omega_I.
///
/// Result. With c = sigma_u^2 N / M and, for a complex ridge kappa, Delta(kappa)
/// the root of
///
///     kappa = c Delta (1 - df1(Delta)/N) (1 - df1(Delta)/P)
///
/// continued analytically from the real root of Docs/Theory.md section 3 (kappa =
/// gamma/P there), let kappaHat = c Delta (1 - df1/N) and
/// q = sum_I omega_I lambda_I^2 / (lambda_I + Delta). As functions of the
/// Laplace variable s (kappa = gamma/P + s), let k(s) = kappaHat - s, and
/// Kt, Qt the inverse Laplace transforms of (k(s) - k(0))/s and
/// (q(s) - q(0))/s. Then
///
///     L(t) = 1/2 [ sum_I omega_I lambda_I - q(0) - Qt(2t) + integral_0^t F(v) dv ],
///     F(v) = sigma^2 [Kt(v) - Kt(2t - v)] + k(0) [Qt(v) - Qt(2t - v)]
///            + Qt(v) Kt(2t - v) - Kt(v) Qt(2t - v),
///
/// with sigma^2 = sigma_eps^2 + sum_I omega_I lambda_I - q(0) (label noise plus
/// the part of the teacher the N features cannot represent). The single
/// inverse transforms are taken with the fixed-Talbot contour (each is a
/// function of one variable, analytic off the negative real axis), which is
/// uniformly accurate in t; the v integral is Gauss-Legendre in ln v.
/// P = infinity (population gradient flow) gives k = 0 and
/// L(t) = 1/2 [sum omega lambda - q(0) - Qt(2t)].
public struct GradientFlowTheory: Sendable {
    /// lambda_I, the latent spectrum (M entries).
    public let eigenvalues: [Double]
    /// omega_I = E[w_I^2], one per eigenvalue.
    public let teacherPower: [Double]
    /// How many latent directions each listed eigenvalue stands for: 1 for
    /// an exact list; quadrature weights for a compressed power law
    /// (`powerLaw`), whose sums over I are integrals beyond the head.
    public let multiplicities: [Double]
    /// N.
    public let featureCount: Double
    /// P; +infinity for population gradient flow (fresh data at every step).
    public let sampleCount: Double
    /// gamma >= 0; it enters the flow as gamma / P.
    public let ridge: Double
    /// sigma_u^2.
    public let featureWeightVariance: Double
    /// sigma_eps^2.
    public let noiseVariance: Double
    /// M.
    public let latentDimension: Double
    /// Nodes of the fixed-Talbot rule per inverse Laplace transform.
    public var talbotNodes = 24
    /// Gauss-Legendre nodes per decade of v in the time integral.
    public var nodesPerDecade = 10
    /// Chebyshev nodes for the transforms on [t, 2t].
    public var farNodes = 16

    /// The configuration's N, P, gamma, sigma_u^2, sigma_eps^2 with the
    /// spectrum's eigenvalues; `teacherPower` (omega_I, aligned with
    /// `spectrum.eigenvalues()`) nil means the configuration's `teacher`. `sampleCount` overrides P (pass .infinity for population flow).
    /// Throws for a spectrum that cannot be listed (infinite M) or a teacher
    /// power of the wrong length or with a negative or non-finite entry.
    public init(spectrum: some Spectrum, configuration: ModelConfiguration, teacherPower: [Double]? = nil,
                sampleCount: Double? = nil) throws {
        guard spectrum.latentDimension.isFinite else {
            throw ScalingError.unsupported("the gradient-flow theory needs a finite latent dimension M")
        }
        let lambda = try spectrum.eigenvalues()
        let m = lambda.count
        self.teacherPower = try GradientFlowTheory.teacherPower(teacherPower, spectrum: spectrum,
                                                                configuration: configuration, count: m)
        if let p = sampleCount {
            guard p >= 1 else {
                throw ScalingError.invalidParameter(name: "sampleCount (P)", value: p, requirement: "must be >= 1 or inf")
            }
        }
        eigenvalues = lambda
        multiplicities = [Double](repeating: 1, count: m)
        featureCount = configuration.featureCount
        self.sampleCount = sampleCount ?? configuration.sampleCount
        ridge = configuration.ridge
        featureWeightVariance = configuration.featureWeightVariance
        noiseVariance = configuration.noiseVariance
        latentDimension = Double(m)
    }

    /// L0 = 1/2 sum_I omega_I lambda_I, the loss at t = 0 (the zero predictor).
    public var zeroPredictorLoss: Double {
        var sum = 0.0
        for i in eigenvalues.indices { sum += multiplicities[i] * teacherPower[i] * eigenvalues[i] }
        return 0.5 * sum
    }

    /// The power-law spectrum lambda_I = lambdaPlus I^-(1+alpha), I = 1..M,
    /// with the teacher omega_I = (sigma_w^2 / M) I^-beta (Docs/Theory.md section
    /// 8; beta = 0 is the paper's teacher), for any finite M up to 1e12 at a
    /// cost independent of M: sums over I <= 400 are exact, the rest is the
    /// integral from I = 400.5 to M + 0.5 (midpoint Euler-Maclaurin: the error
    /// of a term is about f''/24 ~ f / (24 I^2), below 3e-7 of it) by
    /// Gauss-Legendre in ln I, 8 nodes per factor of 2.
    /// `teacherExponent` nil takes beta from the configuration's teacher
    /// (isotropic or power law; a tabulated teacher needs the exact list).
    public static func powerLaw(alpha: Double, lambdaPlus: Double = 1, latentDimension m: Double,
                                teacherExponent: Double? = nil, configuration: ModelConfiguration,
                                sampleCount: Double? = nil) throws -> GradientFlowTheory {
        guard teacherExponent != nil || configuration.teacher.kind != .tabulated else {
            throw ScalingError.unsupported("the compressed power law takes an isotropic or power-law teacher")
        }
        guard alpha.isFinite, alpha > 0 else {
            throw ScalingError.invalidParameter(name: "alpha", value: alpha, requirement: "must be positive and finite")
        }
        return try compressedPowerLaw(alpha: alpha, lambdaPlus: lambdaPlus, latentDimension: m,
                                      teacherExponent: teacherExponent ?? configuration.teacher.exponent,
                                      configuration: configuration, sampleCount: sampleCount)
    }

    /// The list of `powerLaw` for any alpha > -1: at finite M the sums are
    /// finite whatever alpha's sign (one-pass SGD below the high-dimensional
    /// line, `SGDComputeOptimizer` with M = r N; Docs/Theory.md section 12).
    static func compressedPowerLaw(alpha: Double, lambdaPlus: Double, latentDimension m: Double, teacherExponent beta: Double,
                                   configuration: ModelConfiguration, sampleCount: Double?) throws -> GradientFlowTheory {
        guard alpha.isFinite, alpha > -1 else {
            throw ScalingError.invalidParameter(name: "alpha", value: alpha, requirement: "must exceed -1 and be finite")
        }
        guard lambdaPlus.isFinite, lambdaPlus > 0 else {
            throw ScalingError.invalidParameter(name: "lambdaPlus", value: lambdaPlus, requirement: "must be positive and finite")
        }
        guard m.isFinite, m >= 1, m.rounded() == m, m <= 1e12 else {
            throw ScalingError.invalidParameter(name: "latentDimension (M)", value: m,
                                                requirement: "must be a whole number in 1...1e12")
        }
        guard beta.isFinite else {
            throw ScalingError.invalidParameter(name: "teacherExponent (beta)", value: beta, requirement: "must be finite")
        }
        var index = [Double](), weight = [Double]()
        let head = min(m, 400)
        for i in 1...Int(head) {
            index.append(Double(i))
            weight.append(1)
        }
        if m > head {
            let rule = GaussLegendre.rule(8)
            let a = log(head + 0.5), b = log(m + 0.5)
            let panels = max(1, Int(((b - a) / log(2.0)).rounded(.up)))
            let width = (b - a) / Double(panels)
            for k in 0..<panels {
                for (x, w) in zip(rule.nodes, rule.weights) {
                    let i = exp(a + width * (Double(k) + 0.5 * (x + 1)))
                    index.append(i)
                    weight.append(0.5 * width * w * i)
                }
            }
        }
        let lambda = index.map { lambdaPlus * pow($0, -(1 + alpha)) }
        let omega = index.map { configuration.teacherVariance / m * pow($0, -beta) }
        return try GradientFlowTheory(eigenvalues: lambda, multiplicities: weight, teacherPower: omega,
                                      latentDimension: m, configuration: configuration, sampleCount: sampleCount)
    }

    /// Any weighted list: sum_I f(lambda_I) is sum_j multiplicities[j] f(eigenvalues[j]).
    init(eigenvalues: [Double], multiplicities: [Double], teacherPower: [Double], latentDimension: Double,
         configuration: ModelConfiguration, sampleCount: Double?) throws {
        if let p = sampleCount, !(p >= 1) {
            throw ScalingError.invalidParameter(name: "sampleCount (P)", value: p, requirement: "must be >= 1 or inf")
        }
        self.eigenvalues = eigenvalues
        self.multiplicities = multiplicities
        self.teacherPower = teacherPower
        self.latentDimension = latentDimension
        featureCount = configuration.featureCount
        self.sampleCount = sampleCount ?? configuration.sampleCount
        ridge = configuration.ridge
        featureWeightVariance = configuration.featureWeightVariance
        noiseVariance = configuration.noiseVariance
    }

    /// <L(t)> for each time (validated by `GradientFlowTimes.validate`).
    public func losses(at times: [Double]) throws -> [Double] {
        try GradientFlowTimes.validate(times)
        let context = try Context(self)
        let losses = try times.map { try context.loss(at: $0) }
        // Finite inputs whose loss is not a finite number have overflowed
        // (sigma_w^2 or the noise near 1e308): an error, not a silent NaN.
        if let bad = losses.indices.first(where: { !losses[$0].isFinite }) {
            throw ScalingError.unsupported(
                "the gradient-flow loss at t = \(times[bad]) is not representable in double precision "
                    + "(noise \(noiseVariance), teacher power \(teacherPower.max() ?? 0) per direction at most); "
                    + "it is linear in the teacher variance and the noise: rescale them")
        }
        return losses
    }

    /// <L(t)> at one time t >= 0; t = infinity is the converged ridge fit.
    public func loss(at time: Double) throws -> Double {
        try losses(at: [time])[0]
    }
}

/// What one evaluation needs, solved once: the s = 0 point and the constants.
private struct Context {
    let theory: GradientFlowTheory
    /// Delta at complex ridge (newton, complexSums, realDelta), and the lists
    /// and constants it holds: lambda, multiplicity, multiplicity * lambda,
    /// multiplicity * omega * lambda^2, N, P and c.
    let root: SelfConsistentRoot
    /// multiplicity * omega * lambda.
    let omegaLambda: [Double]
    var lambda: [Double] { root.lambda }
    var weight: [Double] { root.weight }
    var weightLambda: [Double] { root.weightLambda }
    var omegaLambda2: [Double] { root.omegaLambda2 }
    var n: Double { root.n }
    var p: Double { root.p }
    var c: Double { root.c }
    let g: Double
    /// sum omega lambda.
    let signal: Double
    /// Delta, kappaHat and q at s = 0.
    let delta0: Double, k0: Double, q0: Double
    /// An upper bound on the spectrum of Phi Phi^T / P + g.
    let rateUpper: Double

    init(_ t: GradientFlowTheory) throws {
        theory = t
        let lambda = t.eigenvalues, weight = t.multiplicities
        let weightLambda = zip(lambda, weight).map { $0 * $1 }
        omegaLambda = lambda.indices.map { weight[$0] * t.teacherPower[$0] * lambda[$0] }
        let n = t.featureCount, p = t.sampleCount
        let c = t.featureWeightVariance * t.featureCount / t.latentDimension
        root = SelfConsistentRoot(lambda: lambda, weight: weight, weightLambda: weightLambda,
                                  omegaLambda2: zip(omegaLambda, lambda).map { $0 * $1 }, n: n, p: p, c: c)
        g = t.sampleCount.isFinite ? t.ridge / t.sampleCount : 0
        signal = omegaLambda.reduce(0, +)
        let trace = weightLambda.reduce(0, +)
        rateUpper = g + 4 * c * trace * (1 + (p.isFinite ? n / p : 0)) + 1e-300
        let d0 = try SelfConsistentRoot.realDelta(kappa: g, lambda: lambda, weight: weight, n: n, p: p, c: c)
        delta0 = d0
        var df = 0.0, q = 0.0
        for i in lambda.indices {
            df += d0 == 0 ? weight[i] : weightLambda[i] / (lambda[i] + d0)
            q += d0 == 0 ? omegaLambda[i] : root.omegaLambda2[i] / (lambda[i] + d0)
        }
        k0 = c * d0 * (1 - df / n)   // k(0) = kappaHat at s = 0
        q0 = q
    }

    // MARK: the loss

    func loss(at t: Double) throws -> Double {
        if t == 0 { return 0.5 * signal }
        if t == .infinity { return try staticLoss() }
        let sigma2 = theory.noiseVariance + max(signal - q0, 0)
        if !p.isFinite { return 0.5 * (signal - q0 - (try transforms(at: [2 * t])[0].q)) }

        // v in (0, t]: panels of one decade in ln v from vLow to t, plus
        // [0, vLow] by its end value (the integrand is smooth in v there).
        let vLow = 1e-7 * min(t, 1 / rateUpper)
        // The panels span t / vLow and the far interval ends at 2t: both must
        // be finite doubles (t near 1e308 is not), else the panel count is no Int.
        let span = log10(t / vLow).rounded(.up)
        guard span.isFinite, span <= 1e6, (2 * t).isFinite else {
            throw ScalingError.invalidParameter(
                name: "time", value: t,
                requirement: "must be below about 1e300 / (largest rate of the flow) (or inf for the converged fit)")
        }
        let decades = max(1, Int(span))
        let rule = GaussLegendre.rule(theory.nodesPerDecade)
        var nodes = [Double](), weights = [Double]()
        let a = log(vLow), b = log(t)
        let width = (b - a) / Double(decades)
        for d in 0..<decades {
            let lo = a + Double(d) * width
            for (x, w) in zip(rule.nodes, rule.weights) {
                let y = lo + 0.5 * width * (x + 1)
                nodes.append(exp(y))
                weights.append(0.5 * width * w * exp(y))
            }
        }
        nodes.append(vLow)
        weights.append(vLow)
        let near = try transforms(at: nodes)
        // The far arguments 2t - v all lie in [t, 2t], where the transforms
        // (mixtures of e^{-x tau}, x >= 0) are analytic: Chebyshev interpolation.
        let far = try ChebyshevInterpolant(from: t, to: 2 * t, count: theory.farNodes) { try transforms(at: $0) }
        var integral = 0.0
        for j in nodes.indices {
            let (farK, farQ) = far.value(at: 2 * t - nodes[j])
            let f = sigma2 * (near[j].k - farK) + k0 * (near[j].q - farQ) + near[j].q * farK - near[j].k * farQ
            integral += weights[j] * f
        }
        return 0.5 * (signal - q0 - far.value(at: 2 * t).q + integral)
    }

    /// t = infinity: 1/2 [sigma_r^2 + sigma^2 k'(0) + k(0) q'(0)], derivatives in s at s = 0.
    func staticLoss() throws -> Double {
        let sigmaR2 = max(signal - q0, 0)
        if !p.isFinite { return 0.5 * sigmaR2 }
        let d0 = delta0
        var df = 0.0, dfPrime = 0.0, qPrime = 0.0
        for i in lambda.indices {
            if d0 == 0 {
                df += weight[i]
                dfPrime -= weight[i] / lambda[i]
                qPrime -= omegaLambda[i] / lambda[i]
            } else {
                let inv = 1 / (lambda[i] + d0)
                df += weightLambda[i] * inv
                dfPrime -= weightLambda[i] * inv * inv
                qPrime -= omegaLambda2[i] * inv * inv
            }
        }
        let a = 1 - df / n, b = 1 - df / p
        let phiPrime = c * (a * b + d0 * dfPrime * (-b / n - a / p))
        let sigma2 = theory.noiseVariance + sigmaR2
        guard phiPrime > 0 else {
            // Ridgeless interpolation peak (N = P < M) or a boundary min(N, P) = M.
            return sigma2 > 0 ? .infinity : 0
        }
        let kappaHatPrime = c * (a - d0 * dfPrime / n) / phiPrime
        let kPrime = kappaHatPrime - 1
        return 0.5 * (sigmaR2 + sigma2 * kPrime + k0 * qPrime / phiPrime)
    }

    // MARK: inverse Laplace transforms

    /// For each tau > 0 the inverse Laplace transforms at tau of
    /// (k(s) - k(0))/s and (q(s) - q(0))/s, by the fixed-Talbot rule
    /// (Abate and Valko 2004). Taus are visited in increasing order so that
    /// each contour starts from the previous one's real solution.
    func transforms(at taus: [Double]) throws -> [(k: Double, q: Double)] {
        let order = taus.indices.sorted { taus[$0] < taus[$1] }
        var out = [(k: Double, q: Double)](repeating: (0, 0), count: taus.count)
        let m = theory.talbotNodes
        var guess: Double? = nil
        for index in order {
            let tau = taus[index]
            let r = 2 * Double(m) / (5 * tau)
            // theta = 0: s = r on the real axis.
            let realDelta = try solveReal(kappa: g + r, guess: guess)
            guess = realDelta
            var point = evaluate(Complex(realDelta))
            var sumK = 0.5 * exp(r * tau) * ((point.k - Complex(k0)) / Complex(r)).re
            var sumQ = 0.5 * exp(r * tau) * ((point.q - Complex(q0)) / Complex(r)).re
            var previousTheta = 0.0
            for j in 1..<m {
                let theta = Double(j) * Double.pi / Double(m)
                let cot = 1 / tan(theta)
                let s = Complex(r * theta * cot, r * theta)
                let sigma = theta + (theta * cot - 1) * cot
                point = try continueRoot(from: point, thetaFrom: previousTheta, to: theta, r: r, depth: 0)
                previousTheta = theta
                let factor = Complex.exp(Complex(tau * s.re, tau * s.im)) * Complex(1, sigma)
                sumK += (factor * ((point.k - Complex(k0)) / s)).re
                sumQ += (factor * ((point.q - Complex(q0)) / s)).re
            }
            out[index] = (r / Double(m) * sumK, r / Double(m) * sumQ)
        }
        return out
    }

    /// The real root for real kappa > 0: Newton from `guess` when it lands
    /// on the branch df1 < min(N, P), bisection otherwise.
    func solveReal(kappa: Double, guess: Double?) throws -> Double {
        if let guess, let found = root.newton(kappa: Complex(kappa), guess: Complex(guess)), found.re > 0 {
            var df = 0.0
            for i in lambda.indices { df += weightLambda[i] / (lambda[i] + found.re) }
            if df < n && (!p.isFinite || df < p) { return found.re }
        }
        return try SelfConsistentRoot.realDelta(kappa: kappa, lambda: lambda, weight: weight, n: n, p: p, c: c, guess: guess)
    }

    /// Delta and the derived k(s), q(s) at one point of the contour.
    struct Point {
        var delta: Complex
        var k: Complex
        var q: Complex
    }

    /// k = kappaHat - s = g + kappaHat df1 / P and q at this Delta.
    func evaluate(_ delta: Complex) -> Point {
        let sums = root.complexSums(delta)
        let kappaHat = c * delta * (Complex(1) - sums.df / Complex(n))
        let k = p.isFinite ? Complex(g) + kappaHat * sums.df / Complex(p) : Complex(0)
        return Point(delta: delta, k: k, q: sums.q)
    }

    /// The root at theta (on the Talbot contour of radius r), tracked from
    /// the root at thetaFrom by Newton's method, halving the step when Newton
    /// stalls or leaves the upper half-plane.
    func continueRoot(from start: Point, thetaFrom: Double, to theta: Double, r: Double, depth: Int) throws -> Point {
        let s: Complex = theta == 0 ? Complex(r) : Complex(r * theta / tan(theta), r * theta)
        let kappa = Complex(g) + s
        if let delta = root.newton(kappa: kappa, guess: start.delta), delta.im >= 0,
           (delta - start.delta).magnitude <= 0.5 * start.delta.magnitude + 1e-300 {
            return evaluate(delta)
        }
        guard depth < 30 else {
            throw ScalingError.noConvergence(routine: "gradient-flow self-consistent equation",
                                             detail: "no root tracked at kappa = \(kappa.re) + \(kappa.im) i")
        }
        let middle = 0.5 * (thetaFrom + theta)
        let half = try continueRoot(from: start, thetaFrom: thetaFrom, to: middle, r: r, depth: depth + 1)
        return try continueRoot(from: half, thetaFrom: middle, to: theta, r: r, depth: depth + 1)
    }

}

extension GradientFlowTheory {
    /// omega_I for the flow, theory and Monte Carlo alike: the given list
    /// (M entries, finite and >= 0) or else the configuration's teacher.
    package static func teacherPower(_ power: [Double]?, spectrum: some Spectrum, configuration: ModelConfiguration,
                                     count m: Int) throws -> [Double] {
        guard let power else {
            return try configuration.teacher.weightVariances(for: spectrum, teacherVariance: configuration.teacherVariance)
        }
        guard power.count == m else {
            throw ScalingError.invalidParameter(name: "teacherPower", value: Double(power.count),
                                                requirement: "must have M = \(m) entries")
        }
        for (i, v) in power.enumerated() where !(v.isFinite && v >= 0) {
            throw ScalingError.invalidParameter(name: "teacherPower[\(i)]", value: v, requirement: "must be finite and >= 0")
        }
        return power
    }
}
