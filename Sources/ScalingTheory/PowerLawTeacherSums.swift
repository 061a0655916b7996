import Glibc

/// The teacher sums (`TeacherSums`) of a power-law teacher
/// omega_I = (sigma_w^2/M) I^-beta on a power-law spectrum
/// lambda_I = lambda_plus I^-(1+alpha), in O(1) work in M, valid at
/// M = infinity: the Euler-Maclaurin path of `PowerLawSpectrum`, applied to
/// v_I = lambda_I omega_I = S I^-g with S = (sigma_w^2/M) lambda_plus and
/// g = 1 + alpha + beta.
///
/// The first K = `PowerLawSpectrum.headCount` terms are summed exactly. For
/// the tail I = K+1..M each summand is S I^-g P(r, q) with P = q^2 (bias),
/// r q (cross) or 1 (signal), r = 1/(1+z), q = z/(1+z), z = c I^(1+alpha),
/// c = Delta/lambda_plus (as in `PowerLawTail`). Since
/// I^-g = c^kappa r^kappa q^-kappa with kappa = g/(1+alpha), the substitution
/// t = q gives, with s = 1/(1+alpha) and nu = kappa - s = (alpha+beta)/(1+alpha),
///
///     integral I^-g r^m q^n dI = s c^nu integral t^(n-nu-1) (1-t)^(m+nu-1) dt,
///
/// an incomplete beta integral between t(K+1) and t(M) whose first parameter
/// n - nu
/// is <= 0 whenever beta >= 1 (cross) or nu >= 2 (bias): the summand is fine
/// but the integral from t = 0 diverges, so GSL's regularized incomplete beta
/// does not apply. It is evaluated instead by its hypergeometric series on
/// [t_a, t_b], split at t = 1/2 so that both halves are series in a variable
/// <= 1/2 (t below, 1 - t above): for x <= 1/2,
///
///     integral_lo^hi t^(p-1) (1-t)^(q-1) dt = sum_k (1-q)_k / k! (hi^(p+k) - lo^(p+k)) / (p+k),
///
/// each difference formed as hi^(p+k) (-expm1((p+k) ln(lo/hi))) / (p+k)
/// (ln(hi/lo) when p+k = 0), which converges at least as 2^-k and loses at
/// most a factor 3^(q-1) to cancellation (q - 1 <= nu < |beta| + 1).
/// At M = infinity the upper end is t = 1, where the series in 1 - t needs
/// m + nu > 0, i.e. alpha + beta > 0 (for the bias, m = 0): exactly the condition for the
/// signal sum_I lambda_I omega_I to converge. The end corrections are those
/// of `PowerLawTail` with D = d/d(ln I) acting on I^-g P as
/// I^-g (D - g) P, i.e. f^(j) = S I^-(g+j) P_j with P_(j+1) = D P_j - (g + j) P_j.
struct PowerLawTeacherSums: Sendable {
    let alpha: Double
    let lambdaPlus: Double
    /// beta, the teacher exponent.
    let exponent: Double
    let latentDimension: Double
    /// S = (sigma_w^2 / M) lambda_plus: v_I = S I^-g.
    let scale: Double
    /// g = 1 + alpha + beta.
    let decay: Double
    /// Terms summed exactly: min(M, headCount).
    let headCount: Int

    /// B_2k / (2k)! for k = 1...4 (derivative orders 1, 3, 5, 7).
    private static let bernoulliWeights: [Double] = [1.0 / 12, -1.0 / 720, 1.0 / 30240, -1.0 / 1_209_600]

    init(spectrum: PowerLawSpectrum, exponent beta: Double, teacherVariance: Double) throws {
        alpha = spectrum.alpha
        lambdaPlus = spectrum.lambdaPlus
        exponent = beta
        latentDimension = spectrum.latentDimension
        if !latentDimension.isFinite && !(alpha + beta > 0) {
            throw ScalingError.invalidParameter(
                name: "teacher exponent (beta)", value: beta,
                requirement: "needs alpha + beta > 0 at M = inf (alpha = \(alpha)): otherwise sum_I lambda_I omega_I diverges")
        }
        scale = teacherVariance / spectrum.normalizingDimension * spectrum.lambdaPlus
        decay = 1 + alpha + beta
        headCount = Int(min(latentDimension, Double(PowerLawSpectrum.headCount)))
        // Everything that does not depend on Delta, built once: a fit evaluates
        // the sums at thousands of Delta per teacher.
        let lambdaPlus = lambdaPlus, alpha = alpha, scale = scale, decay = decay
        headTerms = stride(from: headCount, through: 1, by: -1).map { index in
            let i = Double(index)
            return (lambda: lambdaPlus * pow(i, -(1 + alpha)), v: scale * pow(i, -decay))
        }
        var polynomials: [[RQPolynomial]] = []
        for (m, n) in Self.tailMonomials {
            var polynomial = RQPolynomial(m: m, n: n)
            var list = [polynomial]
            for order in 0..<7 {
                // P_(j+1) = D P_j - (g + j) P_j.
                polynomial = polynomial.logDerivative(beta: 1 + alpha, plus: -(decay + Double(order)))
                if order % 2 == 0 { list.append(polynomial) }
            }
            polynomials.append(list)
        }
        tailPolynomials = polynomials
    }

    /// (lambda_I, v_I) for I = K...1, smallest first (the order of the head sums).
    private let headTerms: [(lambda: Double, v: Double)]
    /// The tail summands r^m q^n: bias, cross, r q^2, r^2 q.
    private static let tailMonomials = [(0, 2), (1, 1), (1, 2), (2, 1)]
    /// Per tail summand, P_0 = r^m q^n and P_j for the derivative orders j = 1, 3, 5, 7.
    private let tailPolynomials: [[RQPolynomial]]

    private var hasTail: Bool { Double(headCount) < latentDimension }

    func sums(at delta: Double) throws -> TeacherSums {
        var signal = 0.0, bias = 0.0, cross = 0.0, rqq = 0.0, rrq = 0.0
        // Smallest terms first.
        for (lambda, v) in headTerms {
            let t = 1 / (lambda + delta)
            let q = delta * t, r = lambda * t
            signal += v
            bias += v * q * q
            cross += v * r * q
            rqq += v * r * q * q
            rrq += v * r * r * q
        }
        if hasTail {
            let tail = try tailSums(at: delta)
            signal += scale * (try signalTail())
            bias += scale * tail[0]
            cross += scale * tail[1]
            rqq += scale * tail[2]
            rrq += scale * tail[3]
        }
        let sums = TeacherSums(delta: delta, signal: signal, bias: bias, cross: cross, biasSlope: 2 * rqq,
                               crossSlope: rrq - rqq)
        guard signal.isFinite, bias.isFinite, cross.isFinite, rqq.isFinite, rrq.isFinite else {
            throw ScalingError.invalidParameter(name: "teacher exponent (beta)", value: exponent,
                                                requirement: "gives teacher sums that overflow at M = \(latentDimension)")
        }
        return sums
    }

    func signal() throws -> Double {
        var total = 0.0
        for index in stride(from: headCount, through: 1, by: -1) { total += scale * pow(Double(index), -decay) }
        if hasTail { total += scale * (try signalTail()) }
        guard total.isFinite else {
            throw ScalingError.invalidParameter(name: "teacher exponent (beta)", value: exponent,
                                                requirement: "gives a teacher signal that overflows at M = \(latentDimension)")
        }
        return total
    }

    // MARK: - Tail

    private var first: Double { Double(headCount + 1) }

    /// sum_{I=K+1}^{M} I^-g by Euler-Maclaurin with the integral in closed form.
    private func signalTail() throws -> Double {
        let a = first, b = latentDimension, g = decay
        let e = 1 - g
        let integral: Double
        if b.isFinite {
            let l = log(b / a)
            integral = exp(e * log(a)) * (e == 0 ? l : expm1(e * l) / e)
        } else {
            integral = -exp(e * log(a)) / e   // e < 0, checked in init
        }
        func power(_ i: Double, _ order: Int) -> Double { exp(-(g + Double(order)) * log(i)) }
        var total = integral + 0.5 * (power(a, 0) + (b.isFinite ? power(b, 0) : 0))
        // d^j/dI^j I^-g = (-g)(-g-1)...(-g-j+1) I^-(g+j).
        var falling = 1.0
        var order = 0
        for (j, weight) in Self.bernoulliWeights.enumerated() {
            while order < 2 * j + 1 {
                falling *= -(g + Double(order))
                order += 1
            }
            let atEnd = b.isFinite ? falling * power(b, order) : 0
            total += weight * (atEnd - falling * power(a, order))
        }
        return total
    }

    /// r and q at index I from ln z, without overflow or cancellation.
    private func ratios(at index: Double, logC: Double) -> (r: Double, q: Double) {
        let logZ = logC + (1 + alpha) * log(index)
        if logZ > 0 {
            let inverse = exp(-logZ)
            return (inverse / (1 + inverse), 1 / (1 + inverse))
        }
        let z = exp(logZ)
        return (1 / (1 + z), z / (1 + z))
    }

    /// The tails of bias (P = q^2), cross (P = r q), and of r q^2 and r^2 q
    /// (for the slopes), in units of S.
    private func tailSums(at delta: Double) throws -> [Double] {
        let logC = log(delta / lambdaPlus)
        let a = first, b = latentDimension
        let start = ratios(at: a, logC: logC)
        let end = b.isFinite ? ratios(at: b, logC: logC) : (r: 0, q: 1)
        let s = 1 / (1 + alpha)
        let nu = (alpha + exponent) / (1 + alpha)
        var results: [Double] = []
        for ((m, n), polynomials) in zip(Self.tailMonomials, tailPolynomials) {
            // Integral: s c^nu * integral_{t_a}^{t_b} t^(p-1) (1-t)^(q-1) dt.
            let p = Double(n) - nu, q = Double(m) + nu
            var integral = 0.0
            for piece in try Self.betaIntegral(p: p, q: q, start: start, end: end) where piece.value != 0 {
                integral += s * exp(nu * logC + piece.logScale) * piece.value
            }
            // End terms and Bernoulli corrections of f(I) = I^-g P(r, q).
            func endValue(_ p: RQPolynomial, _ i: Double, _ at: (r: Double, q: Double), _ order: Int) -> Double {
                p.evaluate(r: at.r, q: at.q) * exp(-(decay + Double(order)) * log(i))
            }
            let value = polynomials[0]
            var total = integral + 0.5 * (endValue(value, a, start, 0) + (b.isFinite ? endValue(value, b, end, 0) : 0))
            for (weightIndex, weight) in Self.bernoulliWeights.enumerated() {
                let derivative = 2 * weightIndex + 1
                let polynomial = polynomials[weightIndex + 1]
                let atEnd = b.isFinite ? endValue(polynomial, b, end, derivative) : 0
                total += weight * (atEnd - endValue(polynomial, a, start, derivative))
            }
            results.append(total)
        }
        return results
    }

    /// integral_{t_a}^{t_b} t^(p-1) (1-t)^(q-1) dt for 0 < t_a < t_b <= 1, given
    /// t and 1 - t at both ends, as pieces exp(logScale) * value (see the type's
    /// documentation).
    static func betaIntegral(p: Double, q: Double, start: (r: Double, q: Double), end: (r: Double, q: Double))
        throws -> [(logScale: Double, value: Double)] {
        if end.q <= 0.5 {
            return [try series(lower: start.q, upper: end.q, p: p, q: q)]
        }
        if start.q >= 0.5 {
            return [try series(lower: end.r, upper: start.r, p: q, q: p)]
        }
        return [try series(lower: start.q, upper: 0.5, p: p, q: q), try series(lower: end.r, upper: 0.5, p: q, q: p)]
    }

    /// integral_lower^upper x^(p-1) (1-x)^(q-1) dx for 0 <= lower <= upper <= 1/2
    /// (lower = 0 needs p > 0), as exp(p ln upper) * value, by the series
    /// sum_k (1-q)_k/k! upper^k (1 - (lower/upper)^(p+k)) / (p+k).
    static func series(lower: Double, upper: Double, p: Double, q: Double) throws -> (logScale: Double, value: Double) {
        guard upper > lower, upper > 0 else { return (0, 0) }
        let l = lower > 0 ? log(lower / upper) : -Double.infinity
        var coefficient = 1.0, power = 1.0, total = 0.0
        let settled = 2 * abs(q) + 2
        for k in 0..<4000 {
            let e = p + Double(k)
            let difference: Double
            if l == -.infinity {
                guard e > 0 else {
                    throw ScalingError.invalidParameter(name: "incomplete beta parameter", value: p,
                                                        requirement: "must be > 0 for an integral from 0")
                }
                difference = 1 / e
            } else {
                difference = e == 0 ? -l : -expm1(e * l) / e
            }
            let term = coefficient * power * difference
            total += term
            // Past k = 2|q| + 2 the terms shrink at least as (3/4)^k, so the
            // rest is below a few times the last term.
            if Double(k) >= settled && e > 0 && abs(term) <= 1e-17 * abs(total) { break }
            coefficient *= (Double(k) + 1 - q) / Double(k + 1)
            if coefficient == 0 { break }   // q a positive integer: a polynomial
            power *= upper
            if k == 3999 {
                throw ScalingError.noConvergence(routine: "power-law teacher tail series",
                                                 detail: "p = \(p), q = \(q), upper = \(upper)")
            }
        }
        return (p * log(upper), total)
    }
}
