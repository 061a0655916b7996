/// One time of a gradient-flow learning curve: the theory's <L(t)> and,
/// when simulated, the Monte Carlo mean and standard errors at that time.
public struct GradientFlowCurvePoint: Sendable {
    public var time: Double
    public var theory: Double
    public var mean: Double?
    public var standardError: Double?
    public var trainingError: Double?
    public var trainingStandardError: Double?
    /// (mean - theory) / standard error; nil without a simulation.
    public var zScore: Double? { mean.map { ($0 - theory) / standardError! } }

    /// The curve at `times`: `theory[j]` the theory at `times[j]`, and the
    /// simulation's values at the same times when given.
    public static func curve(times: [Double], theory: [Double], simulated: GradientFlowSimulationResult?)
        -> [GradientFlowCurvePoint] {
        times.indices.map { j in
            GradientFlowCurvePoint(time: times[j], theory: theory[j], mean: simulated?.meanLoss[j],
                                   standardError: simulated?.lossStandardError[j],
                                   trainingError: simulated?.meanTrainingError[j],
                                   trainingStandardError: simulated?.trainingStandardError[j])
        }
    }
}
