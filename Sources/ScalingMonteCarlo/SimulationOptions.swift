import DenseAlgebra
import NonlinearFeatureTheory

/// How to run a Monte Carlo simulation of the random-feature model.
public struct SimulationOptions: Sendable {
    /// Number of independent trials (draws of w, U and the training set), >= 1.
    public var trials: Int
    /// Seed of the whole run; trial k uses the stream derived from (seed, k).
    public var seed: UInt64
    /// The feature map sigma.
    public var activation: Activation
    /// Size of the fresh test sample per trial for nonlinear features (>= 2);
    /// unused for linear features, whose loss is exact.
    public var testSampleCount: Int
    /// Number of worker threads running trials in parallel, >= 1; nil means
    /// one per active core. Results do not depend on it. Threads beyond the
    /// trials go to direct SGD's conditional sampler (`SGDSimulation.threadsPerTrial`).
    public var threads: Int?
    /// Forces a sampler for linear features; nil picks the cheaper one.
    public var sampler: Sampler?
    /// Refuse configurations needing more bytes than this; nil means half
    /// the physical memory.
    public var memoryLimit: Double?

    public init(trials: Int = 32, seed: UInt64 = 0, activation: Activation = .linear,
                testSampleCount: Int = 10_000, threads: Int? = nil, sampler: Sampler? = nil,
                memoryLimit: Double? = nil) {
        self.trials = trials
        self.seed = seed
        self.activation = activation
        self.testSampleCount = testSampleCount
        self.threads = threads
        self.sampler = sampler
        self.memoryLimit = memoryLimit
    }
}
