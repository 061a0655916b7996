import Glibc
import ScalingTheory
import DenseAlgebra

/// The deterministic equivalent of ridge regression on features of known
/// second moment S, with the teacher w averaged out in closed form
/// (Docs/Theory.md section 6), written in the eigenbasis of S.
///
/// With S = V diag(s) V^T, `E_w[b b^T] = (sigma_w^2 / M) G G^T` for
/// G = D U Lambda, and q_k = (V^T E_w[b b^T] V)_kk, the w-averages of the
/// section 6 terms are sums over eigenvalues:
///
///     E_w[beta^T S (S + kappa)^-2 beta] = sum_k q_k / (s_k (s_k + kappa)^2)
///     E_w[r] = T - sum_k q_k / s_k,            T = (sigma_w^2 / M) tr Lambda
///
/// and their combination in the loss needs no 1/s_k when kappa > 0:
/// `kappa^2 / (s (s + kappa)^2) - 1/s = -(s + 2 kappa) / (s + kappa)^2`.
///
/// Label noise: the training labels carry noise r + sigma_eps^2 against the
/// best linear predictor, the clean test target only r, so
///
///     L = 1/2 (T - sum_k q_k (s_k + 2 kappa) / (s_k + kappa)^2 + sigma_eps^2 df2 / P) / (1 - df2 / P),
///     df1 = sum_k s_k / (s_k + kappa),  df2 = sum_k s_k^2 / (s_k + kappa)^2,
///
/// the section 3 form `(... + sigma_eps^2) / (1 - df2/P) - sigma_eps^2` with
/// the subtraction done algebraically. kappa solves
/// `gamma / P = kappa (1 - df1 / P)` on the branch df1 < P; with gamma = 0 it
/// is 0 when rank(S) < P (least squares) and the root of df1 = P otherwise.
///
/// Eigenvalues at rounding level (<= 64 N eps max s) count as exactly zero:
/// S is singular for linear features with N > M, and then b lies in the
/// range of S (if v^T S v = 0 then v^T phi = 0, so v^T b = 0), so the null
/// directions carry neither df nor signal.
enum GaussianEquivalentRidge {
    /// kappa, the loss, and the numerical rank of S for one draw.
    struct Solution {
        var kappa: Double
        var loss: Double
        var rank: Int
    }

    /// `eigenvalues` s_k of S in any order, `projections` q_k as above,
    /// `signal` T = (sigma_w^2 / M) tr Lambda.
    static func solve(eigenvalues: [Double], projections: [Double], signal: Double,
                      configuration c: ModelConfiguration) throws -> Solution {
        precondition(eigenvalues.count == projections.count)
        let largest = eigenvalues.max() ?? 0
        let cutoff = 64 * Double(eigenvalues.count) * Double.ulpOfOne * largest
        var s: [Double] = [], q: [Double] = []
        for k in eigenvalues.indices where eigenvalues[k] > cutoff {
            s.append(eigenvalues[k])
            q.append(projections[k])
        }
        let rank = s.count
        let p = c.sampleCount, gamma = c.ridge, noise = c.noiseVariance

        func df1(_ kappa: Double) -> Double {
            var sum = 0.0
            for x in s { sum += x / (x + kappa) }
            return sum
        }

        let kappa: Double
        if gamma == 0 {
            if Double(rank) < p {
                kappa = 0
            } else if Double(rank) == p {
                // The interpolation peak: every sample is fitted exactly by a
                // square system; the ridgeless loss diverges.
                return Solution(kappa: 0, loss: .infinity, rank: rank)
            } else {
                kappa = try edge(s, df1, target: p)
            }
        } else {
            let lowest = Double(rank) > p ? try edge(s, df1, target: p) : 0
            let logTarget = log(gamma / p)
            // Increasing in t with kappa = lowest + e^t: -inf as t -> -inf, +inf as t -> +inf.
            let h: (Double) -> Double = { t in
                let kappa = lowest + exp(t)
                return log(kappa) + log(max(1 - df1(kappa) / p, 1e-300)) - logTarget
            }
            let (lower, upper) = try RootFinder.bracketIncreasing(h, from: log(max(gamma / p, lowest, Double.leastNormalMagnitude)),
                                             routine: "ridge equation gamma/P = kappa (1 - df1/P)")
            let t = try RootFinder.brent("ridge equation gamma/P = kappa (1 - df1/P) (gsl_root_fsolver_brent)",
                                         lower: lower, upper: upper,
                                         absoluteTolerance: 1e-14, relativeTolerance: 0, h)
            kappa = lowest + exp(t)
        }

        var df2 = 0.0, explained = 0.0
        for k in s.indices {
            let x = s[k], t = x / (x + kappa)
            df2 += t * t
            explained += kappa > 0 ? q[k] * (x + 2 * kappa) / ((x + kappa) * (x + kappa)) : q[k] / x
        }
        let denominator = 1 - df2 / p
        guard denominator > 0 else { return Solution(kappa: kappa, loss: .infinity, rank: rank) }
        // T - explained is a residual variance plus a bias, both >= 0; below 0 only by rounding.
        let numerator = max(signal - explained, 0) + noise * df2 / p
        return Solution(kappa: kappa, loss: 0.5 * numerator / denominator, rank: rank)
    }

    /// kappa > 0 with df1(kappa) = target < rank: the ridgeless kappa and the
    /// lower end of the branch df1 < P.
    private static func edge(_ s: [Double], _ df1: @escaping (Double) -> Double, target: Double) throws -> Double {
        let g: (Double) -> Double = { x in target - df1(exp(x)) }
        // df1(kappa) <= tr S / kappa, so g >= 0 at kappa = tr S / target.
        let (lower, upper) = try RootFinder.bracketIncreasing(g, from: log(s.reduce(0, +) / target), routine: "df1(kappa) = P")
        let x = try RootFinder.brent("df1(kappa) = P (gsl_root_fsolver_brent)", lower: lower, upper: upper,
                                     absoluteTolerance: 1e-14, relativeTolerance: 0, g)
        return exp(x)
    }
}
