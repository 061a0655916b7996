import DenseAlgebra

/// How to evaluate the semi-analytic theory of nonlinear features.
public struct NonlinearTheoryOptions: Sendable {
    /// Number of independent draws of the feature weights U, >= 1.
    public var draws: Int
    /// Seed of the whole run; draw k uses the stream derived from (seed, k),
    /// as a Monte Carlo trial does.
    public var seed: UInt64
    /// Gauss-Hermite order per dimension for maps without closed-form moments.
    public var quadratureOrder: Int
    /// Number of worker threads running draws in parallel, >= 1; nil means
    /// one per active core. Results do not depend on it.
    public var threads: Int?
    /// Refuse configurations needing more bytes than this; nil means half
    /// the physical memory.
    public var memoryLimit: Double?

    public init(draws: Int = 12, seed: UInt64 = 0, quadratureOrder: Int = 40, threads: Int? = nil,
                memoryLimit: Double? = nil) {
        self.draws = draws
        self.seed = seed
        self.quadratureOrder = quadratureOrder
        self.threads = threads
        self.memoryLimit = memoryLimit
    }
}
