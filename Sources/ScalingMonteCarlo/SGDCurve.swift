import ScalingTheory

/// One step count of a one-pass SGD learning curve (Docs/Theory.md section
/// 12): the theory's <L>(R) and, when simulated, the Monte Carlo mean and
/// standard error after R steps of batch size B.
public struct SGDCurvePoint: Sendable {
    public var steps: Int
    public var batchSize: Int
    public var theory: Double
    public var mean: Double?
    public var standardError: Double?
    /// (mean - theory) / standard error; nil without a simulation.
    public var zScore: Double? { mean.map { ($0 - theory) / standardError! } }

    public init(steps: Int, batchSize: Int, theory: Double, mean: Double?, standardError: Double?) {
        (self.steps, self.batchSize, self.theory, self.mean, self.standardError) = (steps, batchSize, theory, mean,
            standardError)
    }

    /// The curve at `steps`: `theory[j]` the theory after `steps[j]` steps,
    /// and the simulation's values there when given.
    public static func curve(steps: [Int], batchSize: Int, theory: [Double], simulated: SGDSimulationResult?)
        -> [SGDCurvePoint] {
        steps.indices.map { j in
            SGDCurvePoint(steps: steps[j], batchSize: batchSize, theory: theory[j], mean: simulated?.meanLoss[j],
                          standardError: simulated?.lossStandardError[j])
        }
    }

    /// The step counts of a grid: its values rounded to whole numbers, in
    /// order, repeats dropped (a log grid from 1 repeats its small counts).
    public static func stepCounts(_ grid: ParameterGrid) -> [Int] {
        var steps: [Int] = []
        for value in grid.values.map({ Int($0.rounded()) }) where steps.last != value { steps.append(value) }
        return steps
    }
}
