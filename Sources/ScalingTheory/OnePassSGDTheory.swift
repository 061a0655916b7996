import Glibc

/// The expected learning curve <L>(r) of one-pass minibatch SGD (`SGDHyperparameters`)
/// on linear random features, without sampling U: the deterministic
/// equivalent of the exact conditional recursion (Docs/Theory.md,
/// "Training as it is done: one-pass SGD").
///
/// Conventions: features z = U x, u_iI ~ N(0, sigma_u^2 / M), teacher
/// E[w_I^2] = omega_I, labels y = w . x + eps; theta_0 = 0; the loss is
/// L = 1/2 E_x[(z . theta - w . x)^2] against the clean teacher, averaged over
/// w, U and the samples; r counts steps (B r samples seen).
///
/// Result. With K = U Lambda U^T, a(k) = 1 - 2 eta k + eta^2 (1 + 1/B) k^2,
/// L* the loss of the best theta and s^2 = 2 L* + sigma_eps^2, the excess
/// e(r) = <L>(r) - L* solves the discrete Volterra equation
///
///     e(r) = F(r) + sum_{s<r} Kern(r-1-s) [2 e(s) + s^2],
///     F(r) = 1/2 int a(x)^r dmu_F(x),   Kern(q) = (eta^2 / 2B) int a(x)^q dmu_K(x),
///
/// mu_F = sum_j k_j E[(v_j . theta*)^2] delta_{k_j} (teacher-weighted) and
/// mu_K = sum_j k_j^2 delta_{k_j}. Their Stieltjes transforms are those the
/// population gradient flow uses: with Delta(kappa) the root of
/// kappa = c Delta (1 - df1(Delta)/N), c = sigma_u^2 N / M,
/// q(kappa) = sum_I omega_I lambda_I^2 / (lambda_I + Delta),
///
///     int dmu_F / (x + kappa) = (q(0) - q(kappa)) / kappa,
///     int dmu_K / (x + kappa) = c sum_I lambda_I - kappa df1(Delta(kappa)).
///
/// The generating function E(t) = sum_r e(r) t^r is then closed-form,
/// E = [F(t) + t Kern(t) s^2 / (1 - t)] / (1 - 2 t Kern(t)), each
/// int dmu / (1 - t a(x)) a difference of two Stieltjes transforms at the two
/// roots of t a(x) = 1, and e(r) is its inverse z-transform: a fixed-Talbot
/// contour in u = -ln t for r >= 16, a circle |t| = 0.6 for r < 16.
public struct OnePassSGDTheory: Sendable {
    /// lambda_I (or the nodes of a compressed power law).
    public let eigenvalues: [Double]
    /// How many latent directions each eigenvalue stands for (1 for an exact list).
    public let multiplicities: [Double]
    /// omega_I = E[w_I^2], one per eigenvalue.
    public let teacherPower: [Double]
    /// N.
    public let featureCount: Double
    /// sigma_u^2.
    public let featureWeightVariance: Double
    /// sigma_eps^2.
    public let noiseVariance: Double
    /// The M of the 1/M normalizations (1 at M = infinity).
    public let normalizingDimension: Double
    /// B and eta.
    public let sgd: SGDHyperparameters
    /// Nodes of the fixed-Talbot rule per step r >= `talbotFrom`.
    public var talbotNodes = 24

    /// Steps below this come from the circle |t| = 0.6, the rest from Talbot.
    static let talbotFrom = 16.0

    /// The spectrum's eigenvalues (an exact list, finite M), the
    /// configuration's N, sigma_u^2, sigma_eps^2 and teacher (`teacherPower`,
    /// omega_I aligned with `spectrum.eigenvalues()`, overrides it); the
    /// configuration's P and ridge play no part (one pass, no ridge).
    public init(spectrum: some Spectrum, configuration: ModelConfiguration, sgd: SGDHyperparameters,
                teacherPower: [Double]? = nil) throws {
        let flow = try GradientFlowTheory(spectrum: spectrum, configuration: configuration, teacherPower: teacherPower,
                                          sampleCount: .infinity)
        try self.init(eigenvalues: flow.eigenvalues, multiplicities: flow.multiplicities, teacherPower: flow.teacherPower,
                      normalizingDimension: flow.latentDimension, configuration: configuration, sgd: sgd)
    }

    /// The power law lambda_I = lambdaPlus I^-(1+alpha) with the teacher
    /// omega_I = (sigma_w^2 / M) I^-beta (`teacherExponent` nil: the
    /// configuration's isotropic or power-law teacher), compressed as
    /// `GradientFlowTheory.powerLaw` does (exact head I <= 400, Gauss-Legendre in
    /// ln I beyond), for any whole M up to 1e12 or M = infinity. At M = infinity
    /// the 1/M normalizations read M = 1 (as `Spectrum.normalizingDimension`),
    /// the list runs to I = 1e12 and one more node carries the rest of
    /// sum lambda and sum omega lambda (their tails from I = 1e12, to first
    /// order in lambda / Delta); it needs alpha > 0 and alpha + beta > 0. At
    /// finite M any alpha > -1 (eigenvalues decaying slower than 1/I: Paquette
    /// et al.'s 2a < 1, below their high-dimensional line).
    public static func powerLaw(alpha: Double, lambdaPlus: Double = 1, latentDimension m: Double,
                                teacherExponent: Double? = nil, configuration: ModelConfiguration,
                                sgd: SGDHyperparameters) throws -> OnePassSGDTheory {
        if m.isFinite {
            guard teacherExponent != nil || configuration.teacher.kind != .tabulated else {
                throw ScalingError.unsupported("the compressed power law takes an isotropic or power-law teacher")
            }
            let flow = try GradientFlowTheory.compressedPowerLaw(alpha: alpha, lambdaPlus: lambdaPlus, latentDimension: m,
                                                                 teacherExponent: teacherExponent ?? configuration.teacher.exponent,
                                                                 configuration: configuration, sampleCount: .infinity)
            return try OnePassSGDTheory(eigenvalues: flow.eigenvalues, multiplicities: flow.multiplicities,
                                        teacherPower: flow.teacherPower, normalizingDimension: m,
                                        configuration: configuration, sgd: sgd)
        }
        guard m == .infinity else {
            throw ScalingError.invalidParameter(name: "latentDimension (M)", value: m,
                                                requirement: "must be a whole number in 1...1e12 or inf")
        }
        let beta = teacherExponent ?? configuration.teacher.exponent
        guard alpha + beta > 0 else {
            throw ScalingError.invalidParameter(name: "teacherExponent (beta)", value: beta,
                                                requirement: "must exceed -alpha at M = inf (sum omega lambda converges)")
        }
        let end = 1e12
        // The list to I = 1e12 with omega = sigma_w^2 I^-beta (M read as 1).
        let flow = try GradientFlowTheory.powerLaw(alpha: alpha, lambdaPlus: lambdaPlus, latentDimension: end,
                                                   teacherExponent: beta, configuration: configuration,
                                                   sampleCount: .infinity)
        var lambda = flow.eigenvalues, weight = flow.multiplicities
        var omega = flow.teacherPower.map { $0 * end }
        // Tails from I = end + 1/2: sum lambda ~ lambdaPlus I^-alpha / alpha,
        // sum omega lambda ~ sigma_w^2 lambdaPlus I^-(alpha+beta) / (alpha + beta).
        let start = end + 0.5
        let tailLambda = lambdaPlus * pow(start, -alpha) / alpha
        let tailSignal = configuration.teacherVariance * lambdaPlus * pow(start, -(alpha + beta)) / (alpha + beta)
        let node = lambdaPlus * pow(start, -(1 + alpha))
        lambda.append(node)
        weight.append(tailLambda / node)
        omega.append(tailSignal / tailLambda)
        return try OnePassSGDTheory(eigenvalues: lambda, multiplicities: weight, teacherPower: omega,
                                    normalizingDimension: 1, configuration: configuration, sgd: sgd)
    }

    init(eigenvalues: [Double], multiplicities: [Double], teacherPower: [Double], normalizingDimension: Double,
         configuration: ModelConfiguration, sgd: SGDHyperparameters) throws {
        self.eigenvalues = eigenvalues
        self.multiplicities = multiplicities
        self.teacherPower = teacherPower
        self.normalizingDimension = normalizingDimension
        featureCount = configuration.featureCount
        featureWeightVariance = configuration.featureWeightVariance
        noiseVariance = configuration.noiseVariance
        self.sgd = sgd
    }

    /// c = sigma_u^2 N / M, the scale of K = U Lambda U^T: eta c is the
    /// learning rate in units of the normalized kernel (the rate that
    /// `SGDComputeOptimizer` holds fixed across N).
    public var kernelScale: Double { featureWeightVariance * featureCount / normalizingDimension }

    /// sum_I lambda_I over the list (with multiplicities): E[tr K] = c sum_I lambda_I.
    public var eigenvalueSum: Double {
        zip(multiplicities, eigenvalues).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The same model under other SGD hyperparameters.
    public func with(sgd: SGDHyperparameters) -> OnePassSGDTheory {
        var copy = OnePassSGDTheory(copying: self, sgd: sgd)
        copy.talbotNodes = talbotNodes
        return copy
    }

    private init(copying t: OnePassSGDTheory, sgd: SGDHyperparameters) {
        eigenvalues = t.eigenvalues
        multiplicities = t.multiplicities
        teacherPower = t.teacherPower
        featureCount = t.featureCount
        featureWeightVariance = t.featureWeightVariance
        noiseVariance = t.noiseVariance
        normalizingDimension = t.normalizingDimension
        self.sgd = sgd
    }

    /// L0 = 1/2 sum_I omega_I lambda_I, the loss at r = 0.
    public var zeroPredictorLoss: Double {
        var sum = 0.0
        for i in eigenvalues.indices { sum += multiplicities[i] * teacherPower[i] * eigenvalues[i] }
        return 0.5 * sum
    }

    /// The largest stable learning rate at this batch size: below it <L>(r)
    /// converges to a finite limit; at and above it the loss grows without bound.
    /// It is the smaller of 2 / ((1 + 1/B) k_max) (every mode contracts, k_max the top
    /// of the spectrum of K) and the rate where the SGD noise feedback
    /// (eta / B) sum_j k_j / (2 - eta (1 + 1/B) k_j) reaches 1.
    public func largestStableLearningRate() throws -> Double {
        try SGDContext(self).largestStableLearningRate()
    }

    /// The loss <L>(r) at each step count r (whole numbers >= 0, or +infinity for
    /// the limit). Throws `UnstableLearningRate` at or past the stability edge.
    public func losses(atSteps steps: [Double]) throws -> [Double] {
        for r in steps where !(r == .infinity || (r.isFinite && r >= 0 && r.rounded() == r)) {
            throw ScalingError.invalidParameter(name: "steps (R)", value: r, requirement: "must be a whole number >= 0 or inf")
        }
        let context = try SGDContext(self)
        try context.checkStable()
        var small: [Double]? = nil
        return try steps.map { r in
            if r == .infinity { return context.lStar + (try context.limitExcess()) }
            if r < Self.talbotFrom {
                if small == nil { small = try context.circleExcesses() }
                return context.lStar + small![Int(r)]
            }
            return context.lStar + (try context.talbotExcess(steps: r))
        }
    }

    /// <L>(r) at one step count.
    public func loss(atStep steps: Double) throws -> Double { try losses(atSteps: [steps])[0] }

    /// <L>(r) at a real r >= 16 (the Talbot rule is smooth in r), or a whole
    /// r below: for searches over continuous allocations.
    func loss(atRealSteps r: Double) throws -> Double {
        guard r >= Self.talbotFrom else { return try loss(atStep: r.rounded()) }
        let context = try SGDContext(self)
        try context.checkStable()
        return context.lStar + (try context.talbotExcess(steps: r))
    }

    /// <L>(r) for r = 0, 1, ..., `steps`: exact (to the contour rules'
    /// accuracy) for r < 16 and at Chebyshev nodes in ln r, one decade per
    /// panel, interpolated between them.
    public func curve(steps: Int) throws -> [Double] {
        guard steps >= 0 else {
            throw ScalingError.invalidParameter(name: "steps (R)", value: Double(steps), requirement: "must be >= 0")
        }
        let context = try SGDContext(self)
        try context.checkStable()
        let small = try context.circleExcesses()
        var out = [Double](repeating: 0, count: steps + 1)
        for r in 0...min(steps, Int(Self.talbotFrom) - 1) { out[r] = context.lStar + small[r] }
        var lo = Self.talbotFrom
        while lo <= Double(steps) {
            let hi = min(10 * lo, Double(steps))
            let panel = try SGDContext.Panel(from: log(lo), to: log(max(hi, lo + 1)), count: 12) {
                try context.talbotExcess(steps: exp($0))
            }
            let first = Int(lo), last = Int(hi)
            for r in first...last { out[r] = context.lStar + panel.value(at: log(Double(r))) }
            lo = hi + 1
        }
        return out
    }

    /// L*, the loss of the best predictor in the span of the N features
    /// (r -> infinity at eta -> 0): 1/2 (sum omega lambda - q(0)).
    public func representableLoss() throws -> Double { try SGDContext(self).lStar }
}

/// What every evaluation needs: the weighted sums, the static point, the top
/// of the spectrum of K.
struct SGDContext {
    let theory: OnePassSGDTheory
    let lambda: [Double], weight: [Double], weightLambda: [Double], omegaLambda2: [Double]
    let n: Double, c: Double
    let eta: Double, batch: Double, beta: Double
    /// E tr K = c sum lambda.
    let trace: Double
    /// sum omega lambda.
    let signal: Double
    /// Delta(0), q(0), L* and s^2 = 2 L* + sigma_eps^2.
    let delta0: Double, q0: Double, lStar: Double, s2: Double
    /// The top of the support of K's spectrum, k_max, and Delta there.
    let top: (x: Double, delta: Double)
    /// Delta is written Delta0 + eps, so that small kappa (large r) keeps
    /// its digits: lambda + Delta0, w lambda / (lambda + Delta0),
    /// omega lambda^2 / (lambda + Delta0), and A0 = N - df1(Delta0)
    /// (0 for N < M, N - M for N >= M).
    let shifted: [Double], weightShifted: [Double], omegaShifted: [Double]
    let slack0: Double

    init(_ t: OnePassSGDTheory) throws {
        theory = t
        let l = t.eigenvalues, w = t.multiplicities
        lambda = l
        weight = w
        weightLambda = zip(l, w).map { $0 * $1 }
        omegaLambda2 = l.indices.map { w[$0] * t.teacherPower[$0] * l[$0] * l[$0] }
        n = t.featureCount
        c = t.kernelScale
        eta = t.sgd.learningRate
        batch = Double(t.sgd.batchSize)
        beta = 1 + 1 / batch
        trace = c * weightLambda.reduce(0, +)
        var sig = 0.0
        for i in lambda.indices { sig += weight[i] * t.teacherPower[i] * lambda[i] }
        signal = sig
        let d0 = try SelfConsistentRoot.realDelta(kappa: 0, lambda: lambda, weight: weight, n: n, p: .infinity, c: c)
        delta0 = d0
        var q = 0.0
        for i in lambda.indices {
            q += d0 == 0 ? weight[i] * t.teacherPower[i] * lambda[i] : omegaLambda2[i] / (lambda[i] + d0)
        }
        q0 = q
        lStar = 0.5 * max(sig - q, 0)
        s2 = 2 * lStar + t.noiseVariance
        top = try Self.topEdge(lambda: lambda, weightLambda: weightLambda, n: n, c: c)
        let a = l.map { $0 + d0 }
        shifted = a
        let wl = weightLambda, ol = omegaLambda2
        weightShifted = l.indices.map { d0 == 0 ? w[$0] : wl[$0] / a[$0] }
        omegaShifted = l.indices.map { ol[$0] / a[$0] }
        slack0 = d0 == 0 ? max(n - w.reduce(0, +), 0) : 0
    }

    // MARK: the real axis beyond the spectrum

    /// f(Delta) = c Delta (1 - df1/N) and f' on Delta < -lambda_max, written in
    /// y = -lambda_max - Delta > 0.
    static func phi(y: Double, lambda: [Double], weightLambda: [Double], n: Double, c: Double)
        -> (f: Double, fPrime: Double, df: Double) {
        let top = lambda.max() ?? 0
        let delta = -top - y
        var df = 0.0, dfPrime = 0.0
        for i in lambda.indices {
            let inv = 1 / (lambda[i] + delta)
            df += weightLambda[i] * inv
            dfPrime -= weightLambda[i] * inv * inv
        }
        return (c * delta * (1 - df / n), c * ((1 - df / n) - delta * dfPrime / n), df)
    }

    /// k_max = -max f over Delta < -lambda_max (the top edge of the
    /// deterministic-equivalent spectrum of K), by bisection on the sign of f'.
    static func topEdge(lambda: [Double], weightLambda: [Double], n: Double, c: Double) throws
        -> (x: Double, delta: Double) {
        let lmax = lambda.max() ?? 0
        var lo = log(lmax * 1e-14 + 1e-300), hi = log(lmax + 1)
        func slope(_ x: Double) -> Double { phi(y: exp(x), lambda: lambda, weightLambda: weightLambda, n: n, c: c).fPrime }
        var tries = 0
        while slope(lo) > 0 && tries < 200 { lo -= 4; tries += 1 }
        while slope(hi) <= 0 && tries < 400 { hi += 4; tries += 1 }
        guard slope(lo) <= 0, slope(hi) > 0 else {
            throw ScalingError.noConvergence(routine: "SGD spectral edge", detail: "no bracket for the top of the spectrum of K")
        }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if slope(mid) > 0 { hi = mid } else { lo = mid }
            if hi - lo < 1e-14 { break }
        }
        let y = exp(0.5 * (lo + hi))
        let at = phi(y: y, lambda: lambda, weightLambda: weightLambda, n: n, c: c)
        return (-at.f, -lmax - y)
    }

    /// The physical real root Delta < Delta_top of f(Delta) = kappa for
    /// kappa < -k_max (bisection in ln y), and df1 there.
    func rootBeyondTop(kappa: Double) throws -> (delta: Double, df: Double) {
        let lmax = lambda.max() ?? 0
        let yTop = -lmax - top.delta
        var lo = log(yTop), hi = log(max(2 * yTop, -kappa / c) + lmax)
        func f(_ x: Double) -> Double { Self.phi(y: exp(x), lambda: lambda, weightLambda: weightLambda, n: n, c: c).f }
        var tries = 0
        while f(hi) > kappa && tries < 200 { hi += 2; tries += 1 }
        guard f(lo) >= kappa, f(hi) <= kappa else {
            throw ScalingError.noConvergence(routine: "SGD real root", detail: "no bracket at kappa = \(kappa)")
        }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if f(mid) > kappa { lo = mid } else { hi = mid }
            if hi - lo < 1e-15 * max(1, abs(hi)) { break }
        }
        let y = exp(0.5 * (lo + hi))
        let at = Self.phi(y: y, lambda: lambda, weightLambda: weightLambda, n: n, c: c)
        return (-lmax - y, at.df)
    }

    // MARK: stability

    /// -df1 at kappa = -x for x > k_max: sum_j k_j / (x - k_j).
    func noiseSum(x: Double) throws -> Double { -(try rootBeyondTop(kappa: -x).df) }

    func largestStableLearningRate() throws -> Double {
        // Every mode contracts iff x_e = 2 / (eta beta) > k_max; the noise
        // feedback 2 Kern(1) = -df1(-x_e) / (B + 1) < 1. The feedback
        // decreases in x_e, so the edge is x_e* = the larger of k_max and its root.
        let edge = top.x
        let atEdge = try noiseSum(x: edge * (1 + 1e-12))
        var xe = edge
        if atEdge >= batch + 1 {
            var lo = log(edge), hi = log(edge) + 1
            while try noiseSum(x: exp(hi)) >= batch + 1 { hi += 1 }
            for _ in 0..<100 {
                let mid = 0.5 * (lo + hi)
                if try noiseSum(x: exp(mid)) >= batch + 1 { lo = mid } else { hi = mid }
                if hi - lo < 1e-13 { break }
            }
            xe = exp(hi)
        }
        return 2 / (beta * xe)
    }

    /// Stable iff x_e = 2 / (eta beta) > k_max and the noise feedback is below
    /// B + 1 there (one root); the edge itself is found only to name it.
    func checkStable() throws {
        let xe = 2 / (eta * beta)
        if xe > top.x * (1 + 1e-12), try noiseSum(x: xe) < batch + 1 { return }
        let largest = try largestStableLearningRate()
        guard eta < largest else {
            throw UnstableLearningRate(learningRate: eta, edge: largest, context: "deterministic-equivalent theory")
        }
    }

    /// e(infinity) = s^2 Kern(1) / (1 - 2 Kern(1)), the SGD noise floor above L*.
    func limitExcess() throws -> Double {
        let kern1 = (try noiseSum(x: 2 / (eta * beta))) / (2 * (batch + 1))
        return s2 * kern1 / (1 - 2 * kern1)
    }

    // MARK: the generating function

    /// Delta at the two roots of t a(x) = 1, tracked along a contour.
    struct Point {
        var d: Complex          // D = sqrt(1 - beta + beta / t), continuous along the contour
        var delta1: Complex     // eps = Delta - Delta0 at kappa1 = -x1, x1 = (1 - D) / (beta eta)
        var delta2: Complex     // eps at kappa2 = -x2, x2 = (1 + D) / (beta eta)
    }

    /// The roots x1, x2 of t a(x) = 1 for this t and D, each from the form
    /// without cancellation (x1 x2 = (t - 1) / (t beta eta^2)).
    func roots(t: Complex, oneMinusT: Complex, d: Complex) -> (Complex, Complex) {
        let one = Complex(1)
        let plus = one + d, minus = one - d
        let tMinusOne = -oneMinusT
        let x1 = plus.magnitude >= minus.magnitude ? tMinusOne / (t * plus) / eta : minus / (beta * eta)
        let x2 = minus.magnitude > plus.magnitude ? tMinusOne / (t * minus) / eta : plus / (beta * eta)
        return (x1, x2)
    }

    static func sqrt(_ z: Complex) -> Complex {
        let m = z.magnitude
        if m == 0 { return Complex(0) }
        let re = Glibc.sqrt(0.5 * (m + z.re))
        let im = Glibc.sqrt(0.5 * (m - z.re))
        return Complex(re, z.im < 0 ? -im : im)
    }

    /// The physical branch at kappa from `guess` (Im Delta has the sign of Im kappa):
    /// solved in the upper half-plane and conjugated back.
    func physical(kappa: Complex, guess: Complex) -> Complex? {
        let flip = kappa.im < 0
        let k = flip ? kappa.conjugate : kappa
        let g = flip ? guess.conjugate : guess
        guard let d = newtonShifted(kappa: k, guess: g), d.im >= -1e-12 * d.magnitude else { return nil }
        guard (d - g).magnitude <= 0.5 * g.magnitude + 1e-300 else { return nil }
        return flip ? d.conjugate : d
    }

    /// The contour point for t = e^-u: D continued from `previous`, both Deltas
    /// tracked by Newton, the step halved (in the contour parameter) when
    /// Newton fails.
    func track(from start: Point, startParameter: Double, to parameter: Double,
               contour: (Double) -> (t: Complex, oneMinusT: Complex), depth: Int = 0) throws -> Point {
        let (t, oneMinusT) = contour(parameter)
        let one = Complex(1)
        var d = Self.sqrt(Complex(1 - beta) + beta * (one / t))
        if (d - start.d).magnitude > (d + start.d).magnitude { d = -d }
        let (x1, x2) = roots(t: t, oneMinusT: oneMinusT, d: d)
        if let delta1 = physical(kappa: -x1, guess: start.delta1),
           let delta2 = physical(kappa: -x2, guess: start.delta2) {
            return Point(d: d, delta1: delta1, delta2: delta2)
        }
        guard depth < 40 else {
            throw ScalingError.noConvergence(routine: "one-pass SGD generating function",
                                             detail: "no root tracked at t = \(t.re) + \(t.im) i")
        }
        let middle = 0.5 * (startParameter + parameter)
        let half = try track(from: start, startParameter: startParameter, to: middle, contour: contour, depth: depth + 1)
        return try track(from: half, startParameter: middle, to: parameter, contour: contour, depth: depth + 1)
    }

    /// The contour's starting point at real t in (0, 1): x1 < 0 (kappa1 > 0,
    /// the usual root) and x2 > 2 / (beta eta) > k_max (kappa2 below the spectrum).
    func realPoint(t: Double, oneMinusT: Double) throws -> Point {
        let d = Glibc.sqrt(1 - beta + beta / t)
        let x1 = -oneMinusT / (t * eta * (1 + d)), x2 = (1 + d) / (beta * eta)
        let eps1 = try realShifted(kappa: -x1)
        let eps2 = try rootBeyondTop(kappa: -x2).delta - delta0
        return Point(d: Complex(d), delta1: Complex(eps1), delta2: Complex(eps2))
    }

    /// sum w lambda / ((lambda + Delta0)(lambda + Delta)), the same with the
    /// denominator squared, and sum omega lambda^2 / ((lambda + Delta0)(lambda + Delta)),
    /// Delta = Delta0 + eps.
    func shiftedSums(_ eps: Complex) -> (g: Complex, gPrime: Complex, h: Complex) {
        let sums = complexResolventSums(shifted, first: weightShifted, second: omegaShifted, at: eps, derivative: true)
        return (sums.first, sums.firstPrime, sums.second)
    }

    /// Newton on c (Delta0 + eps)(A0 + eps G(eps)) / N = kappa, the population
    /// equation kappa = c Delta (1 - df1/N) written without the cancellation in
    /// 1 - df1/N near Delta0; nil unless it converges.
    func newtonShifted(kappa: Complex, guess: Complex) -> Complex? {
        let a0 = Complex(slack0), d0 = Complex(delta0)
        return dampedComplexNewton(from: guess, iterations: 80, tolerance: 1e-14, stallTolerance: 1e-11,
                                   floor: 1e-300) { eps in
            let s = shiftedSums(eps)
            let inner = a0 + eps * s.g
            let delta = d0 + eps
            let f = (c / n) * (delta * inner) - kappa
            let fPrime = (c / n) * (inner + delta * (s.g + eps * s.gPrime))
            return (f, fPrime)
        }
    }

    /// The real eps > 0 at real kappa > 0 (bisection in ln eps, Newton to finish).
    func realShifted(kappa: Double) throws -> Double {
        func h(_ x: Double) -> Double {
            let eps = exp(x)
            var g = 0.0
            for i in shifted.indices { g += weightShifted[i] / (shifted[i] + eps) }
            return c * (delta0 + eps) * (slack0 + eps * g) / n - kappa
        }
        var lo = log(max(kappa / c, 1e-300)) - 4, hi = lo + 8
        var tries = 0
        while h(lo) >= 0 && tries < 400 { lo -= 4; tries += 1 }
        while h(hi) < 0 && tries < 800 { hi += 4; tries += 1 }
        guard h(lo) < 0, h(hi) >= 0 else {
            throw ScalingError.noConvergence(routine: "SGD real root", detail: "no bracket at kappa = \(kappa)")
        }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if h(mid) < 0 { lo = mid } else { hi = mid }
            if hi - lo < 1e-13 { break }
        }
        let guess = exp(0.5 * (lo + hi))
        if let polished = newtonShifted(kappa: Complex(kappa), guess: Complex(guess)), polished.re > 0 {
            return polished.re
        }
        return guess
    }

    /// df1(Delta0 + eps) = N - A0 - eps G, or, where eps G cancels more than
    /// half of N - A0 (Delta far from Delta0: the root beyond the spectrum,
    /// where df1 is O(tr K / |Delta|) against N), the sum
    /// sum w lambda / (lambda + Delta0 + eps) itself, which keeps its digits
    /// there (the difference loses a factor N / |df1|, ~1e9 at N = 3e9).
    func degreesOfFreedom(eps: Complex, g: Complex) -> Complex {
        let base = Complex(n - slack0)
        let shift = eps * g
        guard shift.magnitude > 0.5 * base.magnitude else { return base - shift }
        return complexResolventSums(shifted, first: weightLambda, second: weightLambda, at: eps, derivative: false).first
    }

    /// E(t) = sum_r e(r) t^r at a tracked point.
    func generating(_ p: Point, t: Complex, oneMinusT: Complex) -> Complex {
        let (x1, x2) = roots(t: t, oneMinusT: oneMinusT, d: p.d)
        let k1 = -x1, k2 = -x2
        let s1 = shiftedSums(p.delta1), s2sums = shiftedSums(p.delta2)
        // (q0 - q(kappa)) / kappa = eps H / kappa and kappa df1, df1 = N - A0 - eps G, per root.
        let sf1 = p.delta1 * s1.h / k1, sf2 = p.delta2 * s2sums.h / k2
        let kd1 = k1 * degreesOfFreedom(eps: p.delta1, g: s1.g), kd2 = k2 * degreesOfFreedom(eps: p.delta2, g: s2sums.g)
        let denominator = 2 * eta * (t * p.d)                      // 2 t eta D
        let fHat = 0.5 * ((sf1 - sf2) / denominator)
        let tKern = (eta * eta / (2 * batch)) * (t * (-(kd1 - kd2)) / denominator)
        let one = Complex(1)
        return (fHat + tKern * Complex(s2) / oneMinusT) / (one - 2 * tKern)
    }

    // MARK: inverse z-transforms

    /// e(r) for r = 0..15 from the circle |t| = 0.6 (64 nodes, half by symmetry).
    func circleExcesses() throws -> [Double] {
        let count = 64, radius = 0.6
        let contour: (Double) -> (t: Complex, oneMinusT: Complex) = { theta in
            let t = Complex(radius * cos(theta), radius * sin(theta))
            return (t, Complex(1) - t)
        }
        var values = [Complex]()
        var point = try realPoint(t: radius, oneMinusT: 1 - radius)
        values.append(generating(point, t: Complex(radius), oneMinusT: Complex(1 - radius)))
        var previous = 0.0
        for k in 1...(count / 2) {
            let theta = 2 * Double.pi * Double(k) / Double(count)
            point = try track(from: point, startParameter: previous, to: theta, contour: contour)
            previous = theta
            let (t, omt) = contour(theta)
            values.append(generating(point, t: t, oneMinusT: omt))
        }
        var out = [Double]()
        for r in 0..<Int(OnePassSGDTheory.talbotFrom) {
            var sum = 0.0
            for k in 0...(count / 2) {
                let theta = 2 * Double.pi * Double(k) / Double(count)
                // E(t_k) t_k^-r = E(t_k) radius^-r e^{-i r theta}
                let phase = Complex(cos(Double(r) * theta), -sin(Double(r) * theta))
                let term = (values[k] * phase).re
                sum += (k == 0 || k == count / 2) ? term : 2 * term
            }
            out.append(sum * pow(radius, -Double(r)) / Double(count))
        }
        return out
    }

    /// e(r) for real r >= 16 by the fixed-Talbot rule in u = -ln t.
    func talbotExcess(steps r: Double) throws -> Double {
        let m = theory.talbotNodes
        let nu = 2 * Double(m) / (5 * r)
        let contour: (Double) -> (t: Complex, oneMinusT: Complex) = { theta in
            let u = theta == 0 ? Complex(nu) : Complex(nu * theta / tan(theta), nu * theta)
            let t = Complex.exp(-u)
            return (t, Self.oneMinusExpMinus(u))
        }
        var point = try realPoint(t: exp(-nu), oneMinusT: -expm1(-nu))
        var sum = 0.5 * exp(r * nu) * generating(point, t: Complex(exp(-nu)), oneMinusT: Complex(-expm1(-nu))).re
        var previous = 0.0
        for j in 1..<m {
            let theta = Double(j) * Double.pi / Double(m)
            let cot = 1 / tan(theta)
            let u = Complex(nu * theta * cot, nu * theta)
            let sigma = theta + (theta * cot - 1) * cot
            point = try track(from: point, startParameter: previous, to: theta, contour: contour)
            previous = theta
            let (t, omt) = contour(theta)
            let factor = Complex.exp(Complex(r * u.re, r * u.im)) * Complex(1, sigma)
            sum += (factor * generating(point, t: t, oneMinusT: omt)).re
        }
        return nu / Double(m) * sum
    }

    /// 1 - e^-u without cancellation at small |u|.
    static func oneMinusExpMinus(_ u: Complex) -> Complex {
        // e^-u - 1 = expm1(-x) cos y - 2 sin^2(y/2) + i e^-x sin(-y)... with z = -u.
        let x = -u.re, y = -u.im
        let s = sin(0.5 * y)
        let re = expm1(x) * cos(y) - 2 * s * s
        let im = exp(x) * sin(y)
        return Complex(-re, -im)
    }

    /// A Chebyshev interpolant (first-kind nodes, barycentric) of one function on [a, b].
    struct Panel {
        let a: Double, b: Double
        let x: [Double]
        let values: [Double]

        init(from a: Double, to b: Double, count: Int, _ f: (Double) throws -> Double) throws {
            self.a = a
            self.b = b
            x = (0..<count).map { cos(Double.pi * (Double($0) + 0.5) / Double(count)) }
            values = try x.map { try f(0.5 * (a + b) + 0.5 * (b - a) * $0) }
        }

        func value(at z: Double) -> Double {
            let y = (2 * z - a - b) / (b - a)
            var numerator = 0.0, denominator = 0.0
            for j in x.indices {
                let d = y - x[j]
                if d == 0 { return values[j] }
                let w = (j % 2 == 0 ? 1.0 : -1.0) * sin(Double.pi * (Double(j) + 0.5) / Double(x.count)) / d
                numerator += w * values[j]
                denominator += w
            }
            return numerator / denominator
        }
    }
}
