import Glibc

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
/// bounded polynomial in r, q times I^-j, of size about ((1+alpha)/(2 pi I))^j
/// after the Bernoulli weights, so with a head of K = 100 exact terms the
/// remainder after the B_8 term is below 1e-13 of the sum for alpha <= 5
/// (the tests hold it to 1e-10 of exact sums; measured within 4e-14).
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

    /// The nonzero terms of every summand's derivative polynomials in one
    /// flat list (summand k, order index j at `termRanges[4 k + j]`), so that
    /// an evaluation walks contiguous memory and allocates nothing: `sums`
    /// runs several times per prediction.
    private let terms: [RQPolynomial.Term]
    private let termRanges: [Range<Int>]
    /// Each summand's (m, n) and ln B(a, b) (the `Summand`s built in `init`).
    private let exponents: [(m: Int, n: Int)]
    private let logBetas: SIMD4<Double>

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
    /// B(a, b) of each summand.
    private let betaValues: [Double]
    /// ln K+1 and ln M, and (K+1)^-j, M^-j for the derivative orders j = 1, 3, 5, 7.
    private let logFirst: Double, logLast: Double
    private let firstPowers: [Double], lastPowers: [Double]

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
                polynomial = polynomial.logDerivative(beta: beta, plus: -Double(order))
                if order % 2 == 0 { derivatives.append(polynomial) }
            }
            summands.append(Summand(m: m, n: n, a: a, b: b, logBeta: try SpecialFunctions.logBeta(a, b),
                                    derivatives: derivatives))
        }
        var terms: [RQPolynomial.Term] = [], termRanges: [Range<Int>] = []
        for summand in summands {
            for polynomial in summand.derivatives {
                let start = terms.count
                terms += polynomial.terms
                termRanges.append(start..<terms.count)
            }
        }
        self.terms = terms
        self.termRanges = termRanges
        exponents = summands.map { ($0.m, $0.n) }
        logBetas = SIMD4(summands.map(\.logBeta))
        betaValues = summands.map { exp($0.logBeta) }
        logFirst = log(first)
        logLast = log(last)
        firstPowers = [1.0, 3, 5, 7].map { pow(first, -$0) }
        lastPowers = [1.0, 3, 5, 7].map { last.isFinite ? pow(last, -$0) : 0 }
    }

    /// r and q at index I (see the type's documentation), from ln z so that
    /// neither overflows nor cancels.
    private func ratios(logIndex: Double, logC: Double) -> (r: Double, q: Double) {
        let logZ = logC + beta * logIndex
        if logZ > 0 {
            let inverse = exp(-logZ)
            return (inverse / (1 + inverse), 1 / (1 + inverse))
        }
        let z = exp(logZ)
        return (1 / (1 + z), z / (1 + z))
    }

    /// The regularized incomplete betas I_t(a_k, b_k) of the four summands
    /// (`lower`) and their complements (`upper`) at t = q, 1 - t = r, with one
    /// GSL call (`gsl_sf_beta_inc_e`) at whichever argument is <= 1/2. The
    /// four parameter pairs differ by 1 in a or b, so the other three follow
    /// from the recurrences
    ///
    ///     I_x(a, b) = I_x(a + 1, b) + x^a (1-x)^b / (a B(a, b))
    ///     I_x(a, b + 1) = I_x(a, b) + x^a (1-x)^b / (b B(a, b))
    ///
    /// used only in the direction that adds positive terms (no cancellation):
    /// GSL gives the pair with the largest a and smallest b at x = q <= 1/2,
    /// or the mirrored pair at x = r.
    private func incompleteBetas(q: Double, r: Double) throws -> (lower: SIMD4<Double>, upper: SIMD4<Double>) {
        // Summands in order: (a, b) = (s, 1-s), (s, 2-s), (1+s, 1-s), (1+s, 2-s).
        if q <= 0.5 {
            let i21 = try SpecialFunctions.regularizedIncompleteBeta(1 + s, 1 - s, q)
            // x^s (1-x)^(1-s) with x = q.
            let power = q > 0 && r > 0 ? exp(s * log(q) + (1 - s) * log(r)) : 0
            let i11 = i21 + power / (s * betaValues[0])
            let i12 = i11 + power / ((1 - s) * betaValues[0])
            let i22 = i21 + power * q / ((1 - s) * betaValues[2])
            let lower = SIMD4(i11, i12, i21, i22)
            return (lower, 1 - lower)
        }
        // Mirrored: 1 - I_q(a, b) = I_r(b, a); GSL gives I_r(2-s, s).
        let j12 = try SpecialFunctions.regularizedIncompleteBeta(2 - s, s, r)
        // r^(1-s) q^s.
        let power = r > 0 ? exp((1 - s) * log(r) + s * log(q)) : 0
        let j11 = j12 + power / ((1 - s) * betaValues[0])
        let j21 = j11 + power / (s * betaValues[0])
        let j22 = j12 + power * r / (s * betaValues[1])
        let upper = SIMD4(j11, j12, j21, j22)
        return (1 - upper, upper)
    }

    /// The tail sums at `delta` > 0, in the order df1, df2, df1 - df2, df2 - df3.
    func sums(at delta: Double) throws -> SIMD4<Double> {
        try sums(at: delta, count: 4)
    }

    /// The tail of df1 alone at `delta` > 0, bit for bit `sums(at:)[0]` at
    /// a quarter of its end-correction work: what the slack of the root
    /// verification needs.
    func df1(at delta: Double) throws -> Double {
        try sums(at: delta, count: 1)[0]
    }

    /// The first `count` tail sums (the rest 0).
    private func sums(at delta: Double, count: Int) throws -> SIMD4<Double> {
        let logC = log(delta / lambdaPlus)
        let start = ratios(logIndex: logFirst, logC: logC)
        let end = last.isFinite ? ratios(logIndex: logLast, logC: logC) : (r: 0, q: 1)
        guard last.isFinite else { return try sums(logC: logC, start: start, end: end, finite: false, count: count) }
        // Every summand r^m q^n is at most r <= lambda_I/Delta, and for I > M
        // that is below r_M (M/I)^(1+alpha): the terms past M add at most
        // r_M (M/alpha + 1). Each tail sum is at least its first term, r^m q^n
        // at K+1. Where the first bound is below rounding of the second, the
        // finite-M tail is the infinite one and the end point is skipped.
        let beyond = end.r * (last / alpha + 1)
        let smallestFirstTerm = start.r * start.r * start.q
        let finite = !(beyond <= 1e-17 * smallestFirstTerm)
        return try sums(logC: logC, start: start, end: finite ? end : (r: 0, q: 1), finite: finite, count: count)
    }

    private func sums(logC: Double, start: (r: Double, q: Double), end: (r: Double, q: Double), finite: Bool,
                      count: Int) throws -> SIMD4<Double> {
        // Integrals: the regularized betas between t_a and t_b, each
        // difference taken from whichever side keeps both values small.
        let a = try incompleteBetas(q: start.q, r: start.r)
        let b = finite ? try incompleteBetas(q: end.q, r: end.r)
            : (lower: SIMD4<Double>(repeating: 1), upper: SIMD4<Double>(repeating: 0))
        var result = SIMD4<Double>()
        let size = RQPolynomial.Powers.storageCount
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * size) { storage in
            let startPowers = RQPolynomial.Powers(r: start.r, q: start.q, storage: storage.baseAddress!)
            let endPowers = RQPolynomial.Powers(r: end.r, q: end.q, storage: storage.baseAddress! + size)
            terms.withUnsafeBufferPointer { terms in
                for k in 0..<count {
                    let difference: Double
                    if b.lower[k] <= 0.5 {
                        difference = b.lower[k] - a.lower[k]
                    } else if a.upper[k] <= 0.5 {
                        difference = a.upper[k] - b.upper[k]
                    } else {
                        difference = 1 - a.lower[k] - b.upper[k]
                    }
                    let integral = difference > 0 ? exp(logBetas[k] - s * logC + log(difference)) / beta : 0
                    let (m, n) = (exponents[k].m, exponents[k].n)
                    var total = integral + 0.5 * (startPowers.monomial(m, n) + endPowers.monomial(m, n))
                    for j in 0..<4 {
                        let range = termRanges[4 * k + j]
                        let atStart = RQPolynomial.evaluate(terms[range], startPowers) * firstPowers[j]
                        let atEnd = finite ? RQPolynomial.evaluate(terms[range], endPowers) * lastPowers[j] : 0
                        total += Self.bernoulliWeights[j] * (atEnd - atStart)
                    }
                    result[k] = total
                }
            }
        }
        return result
    }
}

/// A polynomial sum_(m,n) c_mn r^m q^n in the two ratios of `PowerLawTail`.
struct RQPolynomial: Sendable {
    /// One nonzero coefficient c_mn of r^m q^n.
    struct Term: Sendable {
        let m: Int, n: Int, c: Double
    }

    /// Dense coefficients, m-major: c_mn at `m * size + n` (one flat array:
    /// the polynomials are rebuilt for every spectrum and teacher a fit tries).
    private(set) var coefficients: [Double]
    /// The nonzero coefficients, m-major.
    let terms: [Term]
    /// At least the largest m + n of a nonzero coefficient.
    let degree: Int
    static let size = 12

    /// The monomial r^m q^n.
    init(m: Int, n: Int) {
        coefficients = Array(repeating: 0, count: Self.size * Self.size)
        coefficients[m * Self.size + n] = 1
        degree = m + n
        terms = Self.terms(coefficients, degree: degree)
    }

    private init(coefficients: [Double], degree: Int) {
        self.coefficients = coefficients
        self.degree = degree
        terms = Self.terms(coefficients, degree: degree)
    }

    static func monomial(_ m: Int, _ n: Int, r: Double, q: Double) -> Double {
        pow(r, Double(m)) * pow(q, Double(n))
    }

    /// D P + factor P, the recurrence of the Euler-Maclaurin derivatives, with
    /// D = d/d(ln I), dr/d(ln I) = -beta r q and dq/d(ln I) = +beta r q.
    func logDerivative(beta: Double, plus factor: Double) -> RQPolynomial {
        var out = logDerivativeCoefficients(beta: beta)
        // Over the nonzero coefficients only: elsewhere factor * 0 adds nothing.
        for term in terms { out[term.m * Self.size + term.n] += factor * term.c }
        return RQPolynomial(coefficients: out, degree: degree + 1)
    }

    /// The coefficients of D P: the nonzero terms in m-major order, those of
    /// degree 11 in r or q left out (they would leave the storage).
    private func logDerivativeCoefficients(beta: Double) -> [Double] {
        let size = Self.size
        var out = Array(repeating: 0.0, count: size * size)
        for term in terms where term.m < size - 1 && term.n < size - 1 {
            let (m, n, c) = (term.m, term.n, term.c)
            out[m * size + n + 1] -= beta * Double(m) * c
            out[(m + 1) * size + n] += beta * Double(n) * c
        }
        return out
    }

    /// Powers r^0...r^11 and q^0...q^11 at one point, shared by every
    /// polynomial evaluated there, in caller-provided storage of
    /// `storageCount` doubles (a stack buffer: `PowerLawTail.sums` runs
    /// several times per prediction and allocates nothing).
    struct Powers {
        static let storageCount = 2 * RQPolynomial.size
        private let base: UnsafeMutablePointer<Double>
        init(r x: Double, q y: Double, storage: UnsafeMutablePointer<Double>) {
            base = storage
            let size = RQPolynomial.size
            base[0] = 1
            base[size] = 1
            for k in 1..<size {
                base[k] = base[k - 1] * x
                base[size + k] = base[size + k - 1] * y
            }
        }
        @inline(__always) func r(_ m: Int) -> Double { base[m] }
        @inline(__always) func q(_ n: Int) -> Double { base[RQPolynomial.size + n] }
        func monomial(_ m: Int, _ n: Int) -> Double { r(m) * q(n) }
    }

    /// The polynomial with the nonzero `terms` at the point whose powers are given.
    static func evaluate(_ terms: Slice<UnsafeBufferPointer<Term>>, _ powers: Powers) -> Double {
        var total = 0.0
        for term in terms { total += term.c * powers.r(term.m) * powers.q(term.n) }
        return total
    }

    /// The nonzero coefficients, listed once for evaluation (those with
    /// m + n <= `degree`: there are no others).
    private static func terms(_ coefficients: [Double], degree: Int) -> [Term] {
        var list: [Term] = []
        list.reserveCapacity(min(size * size, (degree + 1) * (degree + 2) / 2))
        for m in 0..<min(size, degree + 1) {
            for n in 0..<min(size, degree - m + 1) where coefficients[m * size + n] != 0 {
                list.append(Term(m: m, n: n, c: coefficients[m * size + n]))
            }
        }
        return list
    }

    /// The polynomial at (r, q): the nonzero terms in m-major order, with
    /// powers formed by repeated multiplication.
    func evaluate(r: Double, q: Double) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Powers.storageCount) { storage in
            let powers = Powers(r: r, q: q, storage: storage.baseAddress!)
            var total = 0.0
            for term in terms { total += term.c * powers.r(term.m) * powers.q(term.n) }
            return total
        }
    }
}
