import Foundation

/// The tail I = K+1..M of the power-law sums of `SpectralSums`, in O(1) work
/// by the Euler-Maclaurin formula:
///
///     sum_{I=a}^{b} f(I) = integral_a^b f + (f(a) + f(b))/2
///                          + sum_k B_2k/(2k)! (f^(2k-1)(b) - f^(2k-1)(a)) + R
///
/// With lambda_I = lambda_plus I^-(1+alpha), c = Delta/lambda_plus and
/// z = c I^(1+alpha), each summand is a monomial r^m q^n of
/// r = lambda/(lambda + Delta) = 1/(1 + z) and q = Delta/(lambda + Delta) = z/(1 + z):
/// df1 = r, df2 = r^2, df1 - df2 = r q, df2 - df3 = r^2 q. The substitution
/// t = q turns the integral into an incomplete beta function,
///
///     integral r^m q^n dI = c^-s / (1+alpha) * B_t(n + s, m - s),   s = 1/(1+alpha),
///
/// evaluated with `gsl_sf_beta_inc_e`, always at an argument <= 1/2 (t or
/// 1 - t = r, both formed without cancellation), so that t near 1 (huge Delta
/// or index) loses nothing. Derivatives in I follow from d/d(ln I) acting on
/// monomials, D(r^m q^n) = (1+alpha)(n r^(m+1) q^n - m r^m q^(n+1)), and
/// d^j/dI^j = I^-j D(D-1)...(D-j+1). Every derivative of a summand is a
/// bounded polynomial in r, q times I^-j, so with a head of K ~ 10^3 exact terms
/// the remainder after the B_8 term is below 1e-15 of the sum for alpha <= 5.
struct PowerLawTail: Sendable {
    /// One summand r^m q^n and what its tail needs, precomputed.
    private struct Summand: Sendable {
        let m: Int, n: Int
        /// Beta-function parameters n + s and m - s.
        let a: Double, b: Double
        /// ln B(a, b).
        let logBeta: Double
        /// Polynomials P_j(r, q) with f^(j)(I) = I^-j P_j, for j = 1, 3, 5, 7.
        let derivatives: [RQPolynomial]
    }

    /// B_2k / (2k)! for k = 1...4, paired with the derivative orders 1, 3, 5, 7.
    private static let bernoulliWeights: [Double] = [1.0 / 12, -1.0 / 720, 1.0 / 30240, -1.0 / 1_209_600]

    let alpha: Double
    let lambdaPlus: Double
    /// First index of the tail, K + 1.
    let first: Double
    /// Last index M; may be +infinity.
    let last: Double
    private let beta: Double
    private let s: Double
    private let summands: [Summand]

    init(alpha: Double, lambdaPlus: Double, first: Double, last: Double) throws {
        self.alpha = alpha
        self.lambdaPlus = lambdaPlus
        self.first = first
        self.last = last
        beta = 1 + alpha
        s = 1 / (1 + alpha)
        var summands: [Summand] = []
        for (m, n) in [(1, 0), (2, 0), (1, 1), (2, 1)] {
            let a = Double(n) + s, b = Double(m) - s
            var polynomial = RQPolynomial(m: m, n: n)
            var derivatives: [RQPolynomial] = []
            for order in 0..<7 {
                // P_(j+1) = D P_j - j P_j.
                polynomial = polynomial.logDerivative(beta: beta).adding(polynomial, times: -Double(order))
                if order % 2 == 0 { derivatives.append(polynomial) }
            }
            summands.append(Summand(m: m, n: n, a: a, b: b, logBeta: try SpecialFunctions.logBeta(a, b),
                                    derivatives: derivatives))
        }
        self.summands = summands
    }

    /// r and q at index I (see the type's documentation), from ln z so that
    /// neither overflows nor cancels.
    private func ratios(at index: Double, logC: Double) -> (r: Double, q: Double) {
        let logZ = logC + beta * log(index)
        if logZ > 0 {
            let inverse = exp(-logZ)
            return (inverse / (1 + inverse), 1 / (1 + inverse))
        }
        let z = exp(logZ)
        return (1 / (1 + z), z / (1 + z))
    }

    /// The regularized incomplete beta I_t(a, b) and its complement 1 - I_t(a, b)
    /// at t = q, 1 - t = r, with GSL called at whichever argument is <= 1/2.
    private static func incompleteBetaPair(_ a: Double, _ b: Double, q: Double, r: Double) throws
        -> (lower: Double, upper: Double) {
        if q <= 0.5 {
            let lower = try SpecialFunctions.regularizedIncompleteBeta(a, b, q)
            return (lower, 1 - lower)
        }
        let upper = try SpecialFunctions.regularizedIncompleteBeta(b, a, r)
        return (1 - upper, upper)
    }

    /// The tail sums at `delta` > 0, in the order df1, df2, df1 - df2, df2 - df3.
    func sums(at delta: Double) throws -> SIMD4<Double> {
        let logC = log(delta / lambdaPlus)
        let start = ratios(at: first, logC: logC)
        let end = last.isFinite ? ratios(at: last, logC: logC) : (r: 0, q: 1)
        var result = SIMD4<Double>()
        for (k, summand) in summands.enumerated() {
            // Integral: the regularized beta between t_a and t_b, taken from
            // whichever side keeps both values small.
            let a = try Self.incompleteBetaPair(summand.a, summand.b, q: start.q, r: start.r)
            let b = last.isFinite
                ? try Self.incompleteBetaPair(summand.a, summand.b, q: end.q, r: end.r) : (lower: 1, upper: 0)
            let difference: Double
            if b.lower <= 0.5 {
                difference = b.lower - a.lower
            } else if a.upper <= 0.5 {
                difference = a.upper - b.upper
            } else {
                difference = 1 - a.lower - b.upper
            }
            let integral = difference > 0
                ? exp(summand.logBeta - s * logC + log(difference)) / beta : 0
            var total = integral + 0.5 * (RQPolynomial.monomial(summand.m, summand.n, r: start.r, q: start.q)
                + RQPolynomial.monomial(summand.m, summand.n, r: end.r, q: end.q))
            for (j, weight) in Self.bernoulliWeights.enumerated() {
                let order = Double(2 * j + 1)
                let atStart = summand.derivatives[j].evaluate(r: start.r, q: start.q) * pow(first, -order)
                let atEnd = last.isFinite
                    ? summand.derivatives[j].evaluate(r: end.r, q: end.q) * pow(last, -order) : 0
                total += weight * (atEnd - atStart)
            }
            result[k] = total
        }
        return result
    }
}

/// A polynomial sum_(m,n) c_mn r^m q^n in the two ratios of `PowerLawTail`.
struct RQPolynomial: Sendable {
    /// Dense coefficients, `coefficients[m][n]`.
    private(set) var coefficients: [[Double]]
    private static let size = 12

    /// The monomial r^m q^n.
    init(m: Int, n: Int) {
        coefficients = Array(repeating: Array(repeating: 0, count: Self.size), count: Self.size)
        coefficients[m][n] = 1
    }

    private init(coefficients: [[Double]]) { self.coefficients = coefficients }

    static func monomial(_ m: Int, _ n: Int, r: Double, q: Double) -> Double {
        pow(r, Double(m)) * pow(q, Double(n))
    }

    /// D = d/d(ln I), with dr/d(ln I) = -beta r q and dq/d(ln I) = +beta r q.
    func logDerivative(beta: Double) -> RQPolynomial {
        var out = Array(repeating: Array(repeating: 0.0, count: Self.size), count: Self.size)
        for m in 0..<Self.size - 1 {
            for n in 0..<Self.size - 1 where coefficients[m][n] != 0 {
                let c = coefficients[m][n]
                out[m][n + 1] -= beta * Double(m) * c
                out[m + 1][n] += beta * Double(n) * c
            }
        }
        return RQPolynomial(coefficients: out)
    }

    /// self + factor * other.
    func adding(_ other: RQPolynomial, times factor: Double) -> RQPolynomial {
        var out = coefficients
        for m in 0..<Self.size { for n in 0..<Self.size { out[m][n] += factor * other.coefficients[m][n] } }
        return RQPolynomial(coefficients: out)
    }

    func evaluate(r: Double, q: Double) -> Double {
        var total = 0.0
        var rPower = 1.0
        for m in 0..<Self.size {
            var qPower = 1.0
            for n in 0..<Self.size {
                if coefficients[m][n] != 0 { total += coefficients[m][n] * rPower * qPower }
                qPower *= q
            }
            rPower *= r
        }
        return total
    }
}
