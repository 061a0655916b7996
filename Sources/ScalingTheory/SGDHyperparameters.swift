/// One-pass minibatch SGD on the random-feature model (Docs/Theory.md section 12): from theta = 0, each step draws B fresh samples and
///
///     theta <- theta - (eta / B) sum_{b=1..B} z_b (z_b . theta - y_b),
///
/// the gradient of the per-sample loss 1/2 (z . theta - y)^2 averaged over
/// the batch. After r steps the model has seen B r samples, once each. No
/// ridge: the one pass regularizes by stopping.
public struct SGDHyperparameters: Sendable, Equatable, Hashable {
    /// B, the samples per step, >= 1.
    public let batchSize: Int
    /// eta, the learning rate, > 0 and finite (the step multiplies the
    /// batch-mean gradient).
    public let learningRate: Double

    /// Throws `ScalingError.invalidParameter` for B < 1 or eta not positive and finite.
    public init(batchSize: Int, learningRate: Double) throws {
        guard batchSize >= 1 else {
            throw ScalingError.invalidParameter(name: "batchSize (B)", value: Double(batchSize), requirement: "must be >= 1")
        }
        guard learningRate.isFinite, learningRate > 0 else {
            throw ScalingError.invalidParameter(name: "learningRate (eta)", value: learningRate,
                                                requirement: "must be positive and finite")
        }
        self.batchSize = batchSize
        self.learningRate = learningRate
    }

    /// B r, the samples seen after `steps` steps (a Double: it may pass 2^53).
    public func samplesSeen(steps: Double) -> Double { Double(batchSize) * steps }

    /// Checks a list of step counts: each a whole number >= 0, at least one.
    public static func validate(steps: [Int]) throws {
        guard !steps.isEmpty else {
            throw ScalingError.invalidParameter(name: "steps", value: 0, requirement: "needs at least one step count")
        }
        for r in steps where r < 0 {
            throw ScalingError.invalidParameter(name: "steps", value: Double(r), requirement: "must be >= 0")
        }
    }

    /// The largest stable learning rate of SGD on features whose covariance
    /// has eigenvalues `eigenvalues` (k_j >= 0; zeros are ignored), at batch
    /// size B: the mean-square error stays bounded exactly when eta is below it.
    ///
    /// The second moments delta_j = E[(v_j . (theta - theta*))^2] evolve by
    /// delta(r+1) = A delta(r) + const with A = diag(a) + (eta^2/B) k k^T and
    /// a_j = 1 - 2 eta k_j + eta^2 (1 + 1/B) k_j^2 (Docs/Theory.md, "One-pass
    /// SGD"). A is positive, so its spectral radius is below 1 iff every a_j < 1,
    /// i.e. eta (1 + 1/B) k_max < 2, and
    ///
    ///     g(eta) = (eta / B) sum_j k_j / (2 - eta (1 + 1/B) k_j) < 1.
    ///
    /// g increases from 0 to infinity on (0, 2 / ((1 + 1/B) k_max)), so the
    /// edge is its unique root there, found by bisection to adjacent doubles.
    /// Throws `ScalingError.invalidParameter` for a negative or non-finite
    /// eigenvalue or B < 1, `.unsupported` when every eigenvalue is zero.
    public static func stabilityEdge(eigenvalues: [Double], batchSize: Int) throws -> Double {
        guard batchSize >= 1 else {
            throw ScalingError.invalidParameter(name: "batchSize (B)", value: Double(batchSize), requirement: "must be >= 1")
        }
        for k in eigenvalues where !(k.isFinite && k >= 0) {
            throw ScalingError.invalidParameter(name: "feature covariance eigenvalue", value: k,
                                                requirement: "must be finite and >= 0")
        }
        guard let largest = eigenvalues.max(), largest > 0 else {
            throw ScalingError.unsupported("SGD has no stability edge when every feature eigenvalue is zero")
        }
        let b = Double(batchSize), c = 1 + 1 / b
        let g = { (eta: Double) -> Double in
            var sum = 0.0
            for k in eigenvalues where k > 0 { sum += k / (2 - eta * c * k) }
            return eta / b * sum
        }
        var low = 0.0, high = 2 / (c * largest)
        // g(high) is infinite; bisect while the midpoint is a new double.
        while true {
            let middle = low + (high - low) / 2
            guard middle > low, middle < high else { break }
            let value = g(middle)
            if value < 1, value >= 0 { low = middle } else { high = middle }
        }
        // The bracket closes on a sign change of g - 1 at adjacent doubles: the residual check.
        guard g(low) < 1, !(g(high) < 1 && g(high) >= 0) else {
            throw ScalingError.noConvergence(routine: "SGD stability edge", detail: "no sign change of g - 1 at \(low)")
        }
        return low
    }
}

/// A learning rate at or past the stability edge: the expected loss of SGD
/// grows without bound, so no loss is reported.
public struct UnstableLearningRate: Error, Equatable, Sendable, CustomStringConvertible {
    /// eta as given.
    public var learningRate: Double
    /// The largest stable learning rate (`SGDHyperparameters.stabilityEdge`).
    public var edge: Double
    /// Where the edge comes from (the theory, or one trial's draw of U).
    public var context: String

    public init(learningRate: Double, edge: Double, context: String) {
        self.learningRate = learningRate
        self.edge = edge
        self.context = context
    }

    public var description: String {
        String(cFormat: "learning rate %.6g is at or past the SGD stability edge %.6g", learningRate, edge)
            + " (\(context)): the loss grows without bound; use a learning rate below "
            + String(cFormat: "%.6g", edge)
    }
}
