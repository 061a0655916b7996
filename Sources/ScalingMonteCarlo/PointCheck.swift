import ScalingTheory

/// One point's verdict: "fail" when |z| > maxZ, "unreliable" when the
/// per-trial loss has an infinite variance (ridgeless, too close to N = P:
/// TrialDistribution.finiteMomentOrder < 2) so that the z-score means
/// nothing, otherwise "ok"; a significant sample kurtosis is reported in
/// `warning` without failing the point. The bootstrap
/// interval (95 percent, 2000 resamples, seeded with the point's seed) is
/// shown beside it.
public struct PointCheck {
    /// Nil when a trial loss is not finite (the point then fails).
    public var distribution: TrialDistribution?
    /// Nil with `distribution`.
    public var bootstrap: ClosedRange<Double>?
    public var warning: String?
    public var status: String

    public init(point: SimulatedSweepPoint, latentDimension: Double, maxZ: Double, seed: UInt64) throws {
        guard let shape = try? point.simulation.distribution else {
            distribution = nil
            bootstrap = nil
            warning = "a trial loss is not finite"
            status = "fail"
            return
        }
        distribution = shape
        bootstrap = try TrialDistribution.bootstrapInterval(losses: point.simulation.losses, seed: seed)
        let order = TrialDistribution.finiteMomentOrder(configuration: point.configuration,
                                                        latentDimension: latentDimension)
        warning = shape.standardErrorWarning(finiteMomentOrder: order)
        // An infinite per-trial variance leaves the z-score meaningless; a
        // high sample kurtosis only makes it rougher, so it is reported, not failed.
        let infiniteVariance = order.map { $0 < 2 } ?? false
        status = !(abs(point.zScore) <= maxZ) ? "fail" : (infiniteVariance ? "unreliable" : "ok")
    }
}
