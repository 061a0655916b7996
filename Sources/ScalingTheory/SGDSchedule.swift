import Foundation

/// One-pass minibatch SGD with a constant learning rate (Docs/Theory.md,
/// "Training as it is done: one-pass SGD").
///
/// Convention: from theta = 0, each step draws B fresh samples and updates
///
///     theta <- theta - (eta / B) sum_{b=1..B} z_b (z_b . theta - y_b),
///
/// so after r steps the model has seen B r samples, each once. eta is the
/// learning rate of this update on the features z = U x as they are
/// (u_iI ~ N(0, sigma_u^2 / M)); `OnePassSGDTheory.kernelScale` converts it
/// to the normalized rate eta sigma_u^2 N / M used by compute budgets.
public struct SGDSchedule: Sendable, Equatable, Codable {
    /// B >= 1, the samples per step.
    public let batchSize: Int
    /// eta > 0.
    public let learningRate: Double

    /// Throws `ScalingError.invalidParameter` for B < 1 or eta not positive and finite.
    public init(batchSize: Int, learningRate: Double) throws {
        guard batchSize >= 1 else {
            throw ScalingError.invalidParameter(name: "batchSize (B)", value: Double(batchSize), requirement: "must be >= 1")
        }
        try Check.positive(learningRate, "learningRate (eta)")
        self.batchSize = batchSize
        self.learningRate = learningRate
    }

    /// The same batch size at another learning rate (validated again).
    public func with(learningRate: Double) throws -> SGDSchedule {
        try SGDSchedule(batchSize: batchSize, learningRate: learningRate)
    }

    private enum CodingKeys: String, CodingKey { case batchSize, learningRate }

    /// Decodes and validates.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(batchSize: try c.decode(Int.self, forKey: .batchSize),
                      learningRate: try c.decode(Double.self, forKey: .learningRate))
    }
}
