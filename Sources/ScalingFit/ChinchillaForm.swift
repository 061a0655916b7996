import Glibc

/// The parametric form of Hoffmann et al. (2022, "Training compute-optimal
/// large language models", eq. 2): `L(N, D) = E + A / N^alpha + B / D^beta`.
///
/// Fitted in their log-sum-exp coordinates theta = (e, a, b, alpha, beta)
/// with E = exp(e), A = exp(a), B = exp(b), so that
/// `log L = LSE(e, a - alpha log N, b - beta log D)` and the scales stay
/// positive without constraints. The objective is the Huber loss of the
/// residual `log L_pred - log L_run`, summed over runs, with an analytic
/// gradient.
///
/// The minimizer itself moves centred coordinates (e, a - alpha c_N,
/// b - beta c_D, alpha, beta), with c_N and c_D the mean log N and log D of
/// the runs (`adapted(to:)`): the same function and optimum, but without the
/// near-collinearity of a and alpha (log N ~ 20 makes the valley of
/// a - alpha log N very long and narrow), which slows BFGS by an order of
/// magnitude. Starts are given, and reported, in Hoffmann's coordinates.
public struct ChinchillaForm: FitForm {
    public let name = "chinchilla"
    public let coordinateNames = ["e", "a", "b", "alpha", "beta"]
    public let parameterNames = ["E", "A", "B", "alpha", "beta"]
    /// The starts in the minimizer's coordinates.
    public private(set) var starts: [[Double]]
    /// The starts as given, in Hoffmann's coordinates (e, a, b, alpha, beta).
    public let givenStarts: [[Double]]
    /// c_N, c_D: the centres of log N and log D in the minimizer's coordinates.
    public private(set) var logCenterN = 0.0
    public private(set) var logCenterD = 0.0

    public func adapted(to data: FitData) -> any FitForm {
        var copy = self
        copy.logCenterN = data.logN.reduce(0, +) / Double(max(1, data.count))
        copy.logCenterD = data.logD.reduce(0, +) / Double(max(1, data.count))
        copy.starts = givenStarts.map { copy.centred($0) }
        return copy
    }

    /// Hoffmann's coordinates -> the minimizer's.
    func centred(_ t: [Double]) -> [Double] { [t[0], t[1] - t[3] * logCenterN, t[2] - t[4] * logCenterD, t[3], t[4]] }

    /// Hoffmann et al.'s grid of 4500 starts: alpha, beta in {0, 0.5, ..., 2},
    /// e in {-1, -0.5, ..., 1}, a, b in {0, 5, ..., 25}.
    public static let hoffmannGrid: [[Double]] = grid(
        e: stride(from: -1.0, through: 1.0, by: 0.5).map { $0 }, a: stride(from: 0.0, through: 25, by: 5).map { $0 },
        b: stride(from: 0.0, through: 25, by: 5).map { $0 }, alpha: stride(from: 0.0, through: 2, by: 0.5).map { $0 },
        beta: stride(from: 0.0, through: 2, by: 0.5).map { $0 })

    /// A small grid (2 x 3 x 3 x 2 x 2 = 72 starts) for quick fits and tests.
    public static let smallGrid: [[Double]] = grid(e: [-0.5, 0.5], a: [0, 5, 10], b: [0, 5, 10], alpha: [0.25, 0.75],
                                                   beta: [0.25, 0.75])

    /// Every combination of the values, e varying slowest.
    public static func grid(e: [Double], a: [Double], b: [Double], alpha: [Double], beta: [Double]) -> [[Double]] {
        var out: [[Double]] = []
        for e in e { for a in a { for b in b { for al in alpha { for be in beta { out.append([e, a, b, al, be]) } } } } }
        return out
    }

    public init(starts: [[Double]] = ChinchillaForm.hoffmannGrid) {
        self.starts = starts
        givenStarts = starts
    }

    /// theta for given E, A, B, alpha, beta.
    public static func coordinates(E: Double, A: Double, B: Double, alpha: Double, beta: Double) -> [Double] {
        [log(E), log(A), log(B), alpha, beta]
    }

    public func reported(_ t: [Double]) -> [Double] {
        [exp(t[0]), exp(t[1] + t[3] * logCenterN), exp(t[2] + t[4] * logCenterD), t[3], t[4]]
    }

    @inline(__always)
    public func logLoss(_ t: [Double], _ data: FitData, _ i: Int) -> Double {
        let x1 = t[0], x2 = t[1] - t[3] * (data.logN[i] - logCenterN), x3 = t[2] - t[4] * (data.logD[i] - logCenterD)
        let m = max(x1, x2, x3)
        return m + log(exp(x1 - m) + exp(x2 - m) + exp(x3 - m))
    }

    public func loss(_ t: [Double], N: Double, D: Double, ridge: Double) -> Double {
        exp(t[0]) + exp(t[1] - t[3] * (log(N) - logCenterN)) + exp(t[2] - t[4] * (log(D) - logCenterD))
    }

    public func objective(_ t: [Double], _ data: FitData, targets y: [Double], weights w: [Double], huber: HuberLoss,
                          gradient: UnsafeMutableBufferPointer<Double>?) -> Double {
        let e = t[0], a = t[1], b = t[2], alpha = t[3], beta = t[4], cN = logCenterN, cD = logCenterD
        var f = 0.0
        var g0 = 0.0, g1 = 0.0, g2 = 0.0, g3 = 0.0, g4 = 0.0
        data.logN.withUnsafeBufferPointer { logN in
            data.logD.withUnsafeBufferPointer { logD in
                let bigE = exp(e)
                for i in 0..<logN.count where w[i] != 0 {
                    let x2 = a - alpha * (logN[i] - cN), x3 = b - beta * (logD[i] - cD)
                    // L = E + e^x2 + e^x3 directly (two exponentials) unless a
                    // term could overflow or all underflow; then shifted by the
                    // largest exponent.
                    var m = max(e, x2, x3), p1 = bigE, p2 = 0.0, p3 = 0.0
                    if abs(m) < 700 {
                        m = 0
                        p2 = exp(x2)
                        p3 = exp(x3)
                    } else {
                        p1 = exp(e - m)
                        p2 = exp(x2 - m)
                        p3 = exp(x3 - m)
                    }
                    let s = p1 + p2 + p3
                    let r = m + log(s) - y[i]
                    f += w[i] * huber.value(r)
                    guard gradient != nil else { continue }
                    let h = w[i] * huber.derivative(r) / s
                    g0 += h * p1
                    g1 += h * p2
                    g2 += h * p3
                    g3 -= h * p2 * (logN[i] - cN)
                    g4 -= h * p3 * (logD[i] - cD)
                }
            }
        }
        if let gradient {
            gradient[0] = g0; gradient[1] = g1; gradient[2] = g2; gradient[3] = g3; gradient[4] = g4
        }
        return f
    }
}

/// The compute-optimal allocation of a Chinchilla-form law in closed form
/// (Hoffmann et al., eq. 4): at compute C = k N D (k FLOPs per parameter and
/// token, 6 by default), minimizing E + A N^-alpha + B D^-beta gives
/// `N* = G (C/k)^(beta/(alpha+beta))`, `D* = (C/k)^(alpha/(alpha+beta)) / G`,
/// `G = (alpha A / (beta B))^(1/(alpha+beta))`.
public enum ChinchillaAllocation {
    /// (N*, D*) at compute C, or nil where the law has no interior optimum
    /// (alpha or beta not positive).
    public static func optimum(E: Double, A: Double, B: Double, alpha: Double, beta: Double, compute: Double,
                               flopsPerToken k: Double) -> (N: Double, D: Double)? {
        guard alpha > 0, beta > 0 else { return nil }
        let g = pow(alpha * A / (beta * B), 1 / (alpha + beta))
        let n = g * pow(compute / k, beta / (alpha + beta))
        return (n, compute / (k * n))
    }

    /// The exponents a = beta/(alpha+beta) of N* and b = alpha/(alpha+beta) of D* in C.
    public static func exponents(alpha: Double, beta: Double) -> (a: Double, b: Double) {
        (beta / (alpha + beta), alpha / (alpha + beta))
    }
}
