import DenseAlgebra
import NonlinearFeatureTheory

/// How a trial draws its training set of linear features (Docs/Theory.md sections 1-2).
public enum Sampler: String, Sendable, CaseIterable {
    /// Draw U (N x M) and X (M x P, row I scaled by sqrt(lambda_I)) and form
    /// Phi = U X with one matrix product: about 2 N M P flops. Works for every
    /// feature map and every size.
    case direct
    /// Given U and w, each pair (phi(x), y) is an (N+1)-dimensional Gaussian
    /// with covariance blocks K = U Lambda U^T, U Lambda w and w^T Lambda w
    /// (+ sigma_eps^2 for y); one Cholesky factor of K samples all P pairs:
    /// about N^2 (M + P) flops. Exact, for linear features with N < M only
    /// (K must be positive definite).
    case conditional

    /// Whether the sampler can draw this configuration.
    public static func isAvailable(_ sampler: Sampler, featureCount n: Int, latentDimension m: Int,
                                   activation: Activation) -> Bool {
        switch sampler {
        case .direct: return true
        case .conditional: return activation.isLinear && n < m
        }
    }

    /// Cost of one Gaussian draw (mt19937 + ziggurat, with the writes) in units
    /// of one flop of a single-threaded dgemm, measured (the sampling phase of a direct trial against `cblas_dgemm`) on the
    /// 2-core x86-64 build machine (about 15 ns against about 50 GFLOP/s);
    /// only the ratio matters.
    static let gaussianCost = 750.0

    /// Estimated cost of sampling one training set, in flops: the products
    /// and factorizations plus the Gaussian draws weighted by `gaussianCost`.
    public static func estimatedCost(_ sampler: Sampler, featureCount n: Int, sampleCount p: Int,
                                     latentDimension m: Int) -> Double {
        let (n, p, m) = (Double(n), Double(p), Double(m))
        switch sampler {
        case .direct:
            return 2 * n * m * p + gaussianCost * (n * m + m * p)
        case .conditional:
            return n * n * m + n * n * p + n * n * n / 3 + gaussianCost * (n * m + n * p)
        }
    }

    /// The cheaper available sampler by `estimatedCost`.
    public static func fastest(featureCount n: Int, sampleCount p: Int, latentDimension m: Int,
                               activation: Activation) -> Sampler {
        guard isAvailable(.conditional, featureCount: n, latentDimension: m, activation: activation) else {
            return .direct
        }
        let direct = estimatedCost(.direct, featureCount: n, sampleCount: p, latentDimension: m)
        let conditional = estimatedCost(.conditional, featureCount: n, sampleCount: p, latentDimension: m)
        return conditional < direct ? .conditional : .direct
    }
}

/// Written by its raw value (`direct`, `conditional`) in shard files.
extension Sampler: Codable {}
