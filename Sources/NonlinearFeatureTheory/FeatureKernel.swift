import Glibc
import ScalingTheory
import DenseAlgebra

/// The Gaussian moments of a feature map sigma that the semi-analytic theory
/// of nonlinear features needs (Docs/Theory.md section 6): for centred jointly
/// Gaussian pre-activations (h_i, h_j) with variances K_ii, K_jj and
/// covariance K_ij,
///
/// - the raw (uncentred) second moment `S_ij = E[sigma(h_i) sigma(h_j)]`,
/// - the mean `E[sigma(h_i)]`,
/// - the mean slope `E[sigma'(h_i)]`, which by Stein's lemma turns the
///   cross moment with a linear teacher into `b_i = E[sigma'(h_i)] (U Lambda w)_i`.
///
/// Closed forms where they exist: linear (S = K); ReLU (arc-cosine kernel,
/// slope 1/2); erf(h), the simulation's convention, i.e. erf(a h) with a = 1
/// (arcsine kernel `(2/pi) asin(2 K_ij / sqrt((1 + 2 K_ii)(1 + 2 K_jj)))`,
/// slope `(2/sqrt(pi)) / sqrt(1 + 2 K_ii)`); h + h^2 (Isserlis:
/// `K_ij + K_ii K_jj + 2 K_ij^2`, slope 1). Any other map (tanh, custom) goes
/// through Gauss-Hermite quadrature: two-dimensional for S with the Cholesky
/// parametrization `h_j = sqrt(K_jj) z1`, `h_i = (K_ij / sqrt(K_jj)) z1 +
/// sqrt(K_ii - K_ij^2 / K_jj) z2`, and the slope as `E[h sigma(h)] / K_ii`
/// (Stein's lemma again), which needs only sigma itself.
public struct FeatureKernel: Sendable {
    /// The feature map sigma.
    public let activation: Activation
    /// The rule used for maps without a closed form.
    public let quadrature: GaussHermiteQuadrature

    /// Throws `ScalingError.invalidParameter` for a quadrature order outside
    /// 1...200. Smooth maps converge fast (erf by quadrature matches its
    /// closed form to 1e-9 at order 64); a kink converges only algebraically
    /// (ReLU by quadrature is 1 to 2 percent off at order 64), which is why
    /// the built-in kinked map has its closed form.
    public init(activation: Activation, quadratureOrder: Int = 40) throws {
        self.activation = activation
        quadrature = try GaussHermiteQuadrature(order: quadratureOrder)
    }

    /// Whether the moments come from closed forms rather than quadrature.
    public var hasClosedForm: Bool {
        switch activation {
        case .linear, .relu, .erf, .quadratic: return true
        case .tanh, .custom: return false
        }
    }

    /// E[sigma(h_i) sigma(h_j)] for variances `kii`, `kjj` >= 0 and covariance `kij`.
    public func secondMoment(_ kii: Double, _ kjj: Double, _ kij: Double) -> Double {
        switch activation {
        case .linear:
            return kij
        case .relu:
            let scale = (kii * kjj).squareRoot()
            guard scale > 0 else { return 0 }
            let t = acos(min(1, max(-1, kij / scale)))
            return scale / (2 * Double.pi) * (sin(t) + (Double.pi - t) * cos(t))
        case .erf:
            let ratio = 2 * kij / ((1 + 2 * kii) * (1 + 2 * kjj)).squareRoot()
            return 2 / Double.pi * asin(min(1, max(-1, ratio)))
        case .quadratic:
            return kij + kii * kjj + 2 * kij * kij
        case .tanh, .custom:
            let sigma = activation
            let (a, c, v) = cholesky(kii, kjj, kij)
            let z = quadrature.nodes, weight = quadrature.weights
            var sum = 0.0
            for p in z.indices {
                let outer = weight[p] * sigma(a * z[p])
                let shift = c * z[p]
                var inner = 0.0
                for q in z.indices { inner += weight[q] * sigma(shift + v * z[q]) }
                sum += outer * inner
            }
            return sum
        }
    }

    /// E[sigma(h)] for h ~ N(0, variance).
    public func mean(variance k: Double) -> Double {
        switch activation {
        case .linear: return 0
        case .relu: return (k / (2 * Double.pi)).squareRoot()
        case .erf: return 0
        case .quadratic: return k
        case .tanh: return 0
        case .custom:
            let s = k.squareRoot()
            return quadrature.expectation { activation(s * $0) }
        }
    }

    /// E[sigma'(h)] for h ~ N(0, variance).
    public func meanSlope(variance k: Double) -> Double {
        switch activation {
        case .linear: return 1
        case .relu: return 0.5
        case .erf: return 2 / (Double.pi * (1 + 2 * k)).squareRoot()
        case .quadratic: return 1
        case .tanh, .custom:
            guard k > 0 else {
                // A degenerate pre-activation: the slope at 0 by a central difference.
                let step = 1e-6
                return (activation(step) - activation(-step)) / (2 * step)
            }
            let s = k.squareRoot()
            return quadrature.expectation { $0 * activation(s * $0) } / s
        }
    }

    /// The full N x N second-moment matrix S from K (lower triangles of
    /// both; the upper triangle of the result is left at zero). For maps
    /// without a closed form, sigma at the nodes of the outer variable is
    /// tabulated once per feature, so each pair costs order^2 evaluations.
    package func secondMoments(_ k: Matrix) -> Matrix {
        let n = k.rows
        var s = Matrix(rows: n, columns: n)
        if hasClosedForm {
            for j in 0..<n {
                let kjj = k[j, j]
                for i in j..<n { s[i, j] = secondMoment(k[i, i], kjj, k[i, j]) }
            }
            return s
        }
        let z = quadrature.nodes, weight = quadrature.weights
        let order = z.count
        let sigma = activation
        // outer[j][p] = w_p sigma(sqrt(K_jj) z_p)
        var outer = [Double](repeating: 0, count: n * order)
        for j in 0..<n {
            let root = k[j, j].squareRoot()
            for p in 0..<order { outer[j * order + p] = weight[p] * sigma(root * z[p]) }
        }
        for j in 0..<n {
            let kjj = k[j, j]
            for i in j..<n {
                let (_, c, v) = cholesky(kjj, k[i, i], k[i, j])
                var sum = 0.0
                for p in 0..<order {
                    let shift = c * z[p]
                    var inner = 0.0
                    for q in 0..<order { inner += weight[q] * sigma(shift + v * z[q]) }
                    sum += outer[j * order + p] * inner
                }
                s[i, j] = sum
            }
        }
        return s
    }

    /// For (h1, h2) with variances k11, k22 and covariance k12: h1 = a z1,
    /// h2 = c z1 + v z2 with independent standard normal z1, z2.
    private func cholesky(_ k11: Double, _ k22: Double, _ k12: Double) -> (a: Double, c: Double, v: Double) {
        let a = max(k11, 0).squareRoot()
        guard a > 0 else { return (0, 0, max(k22, 0).squareRoot()) }
        let c = k12 / a
        return (a, c, max(k22 - c * c, 0).squareRoot())
    }
}
