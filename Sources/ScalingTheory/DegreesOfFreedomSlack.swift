import Glibc

/// The slack k - df1(Delta) of Docs/Theory.md section 3 (k = N, P or min(N, P)),
/// evaluated without cancellation for any dynamic range of the spectrum.
///
/// Written as k - sum lambda/(lambda + Delta), the slack cancels: with
/// eigenvalues 1e20 and 1e-20 and k = 1, df1(Delta) rounds to 1 for every
/// Delta between about 1e4 and 1e-4, and a root finder stops anywhere there.
/// Splitting the spectrum at Delta,
///
///     k - df1 = (k - K) + sum_{lambda > Delta} Delta/(lambda + Delta)
///                       - sum_{lambda <= Delta} lambda/(lambda + Delta),
///
/// with K the number of eigenvalues above Delta, every summand is below 1 and
/// formed to full relative precision, so the slack is resolved wherever it is
/// not an intrinsic difference of two equal sums.
extension SpectralSums {
    /// k - df1(Delta) over eigenvalues sorted smallest first, split at Delta.
    public static func exactSlack(ascending eigenvalues: [Double], delta: Double, from k: Double) -> Double {
        eigenvalues.withUnsafeBufferPointer { buffer in
            // First index whose eigenvalue is above Delta (binary search).
            var low = 0, high = buffer.count
            while low < high {
                let middle = low + (high - low) / 2
                if buffer[middle] > delta { high = middle } else { low = middle + 1 }
            }
            var below = 0.0, above = 0.0
            for i in 0..<low { below += buffer[i] / (buffer[i] + delta) }
            // Largest eigenvalues last: their terms are the smallest, so sum from the end.
            var i = buffer.count - 1
            while i >= low {
                above += delta / (buffer[i] + delta)
                i -= 1
            }
            return ((k - Double(buffer.count - low)) + above) - below
        }
    }
}

extension TabulatedSpectrum {
    public func checkedDf1Slack(_ delta: Double, from k: Double) throws -> Double {
        SpectralSums.exactSlack(ascending: ascending, delta: delta, from: k)
    }
}

extension PowerLawSpectrum {
    /// The exactly summed head by the split; an Euler-Maclaurin tail adds its
    /// own slack sum q (`PowerLawTail.complementSum`), or count - sum r where
    /// the tail reaches Delta.
    public func checkedDf1Slack(_ delta: Double, from k: Double) throws -> Double {
        guard let tail else { return SpectralSums.exactSlack(ascending: ascending, delta: delta, from: k) }
        // The tail's own slack count - sum r carries the tail's rounding, about
        // 1e-16 of its count: better than k - df1 only when k is near M (the
        // N = M corner), and exact in its count only below 2^53.
        guard latentDimension.isFinite, latentDimension < 0x1p53, k > latentDimension / 2 else {
            return k - (try checkedDf1(delta))
        }
        let tailCount = latentDimension - Double(ascending.count)
        let tailSlack = try tail.complementSum(at: delta) ?? tailCount - (try tail.df1(at: delta))
        return SpectralSums.exactSlack(ascending: ascending, delta: delta, from: k - tailCount) + tailSlack
    }
}

extension PowerLawTail {
    /// sum_{I = first}^{last} q(I), q = Delta/(lambda_I + Delta), by
    /// Euler-Maclaurin without forming count - sum r, for finite M with every
    /// tail eigenvalue at least Delta (q <= 1/2); nil otherwise.
    ///
    /// With z = c I^(1+alpha), s = 1/(1+alpha), the integral is
    ///
    ///     integral_a^b q dI = s/(1+s) [ b q_b S(q_b) - a q_a S(q_a) ],
    ///     S(x) = 2F1(1, 1; s + 2; x) = sum_k k! / (s+2)_k x^k
    ///
    /// (Pfaff's transformation of the integral of z^s/(1+z)); for x <= 1/2
    /// the series' terms fall by at least half each. The derivative terms are
    /// those of r = 1 - q with the sign turned.
    func complementSum(at delta: Double) throws -> Double? {
        guard last.isFinite else { return nil }
        let beta = 1 + alpha, s = 1 / (1 + alpha)
        let logC = log(delta / lambdaPlus)
        func ratios(_ index: Double) -> (r: Double, q: Double) {
            let logZ = logC + beta * log(index)
            if logZ > 0 {
                let inverse = exp(-logZ)
                return (inverse / (1 + inverse), 1 / (1 + inverse))
            }
            let z = exp(logZ)
            return (1 / (1 + z), z / (1 + z))
        }
        let start = ratios(first), end = ratios(last)
        guard end.q <= 0.5 else { return nil }
        func series(_ x: Double) -> Double {
            var term = 1.0, total = 1.0, k = 0.0
            while term > 1e-17 * total {
                term *= (k + 1) / (s + 2 + k) * x
                total += term
                k += 1
                if k > 200 { break }
            }
            return total
        }
        var total = s / (1 + s) * (last * end.q * series(end.q) - first * start.q * series(start.q))
        total += 0.5 * (start.q + end.q)
        // Derivatives of r: P_(j+1) = D P_j - j P_j from r itself (as in `sums`).
        var polynomial = RQPolynomial(m: 1, n: 0)
        let weights: [Double] = [1.0 / 12, -1.0 / 720, 1.0 / 30240, -1.0 / 1_209_600]
        var weightIndex = 0
        for order in 0..<7 {
            polynomial = polynomial.logDerivative(beta: beta, plus: -Double(order))
            guard order % 2 == 0 else { continue }
            let j = Double(order + 1)
            let atEnd = polynomial.evaluate(r: end.r, q: end.q) * pow(last, -j)
            let atStart = polynomial.evaluate(r: start.r, q: start.q) * pow(first, -j)
            total -= weights[weightIndex] * (atEnd - atStart)
            weightIndex += 1
        }
        guard total.isFinite else {
            throw ScalingError.noConvergence(routine: "Euler-Maclaurin tail of sum Delta/(lambda + Delta)",
                                             detail: "non-finite sum at Delta = \(delta)")
        }
        return total
    }
}

extension Spectrum {
    /// N - df1(Delta) and P - df1(Delta) from one split sum: the smaller
    /// slack by `checkedDf1Slack`, the larger as the smaller plus |N - P|, a
    /// sum of nonnegative terms on the branch df1 < min(N, P), so it keeps
    /// full precision and costs no second sum.
    package func checkedDf1Slacks(_ delta: Double, featureCount n: Double, sampleCount p: Double) throws
        -> (feature: Double, sample: Double) {
        let smaller = try checkedDf1Slack(delta, from: min(n, p))
        let larger = smaller + abs(n - p)
        return n <= p ? (smaller, larger) : (larger, smaller)
    }
}
