import Glibc

/// The compute-optimal frontier of gradient flow over a grid of computes,
/// with the exponents of N*, P*, steps* and L* in C fitted over all points
/// (least squares in ln C) next to the predicted ones of arXiv:2402.01092
/// eqs. 14/17 (`GradientFlowScaling`).
public struct GradientFlowFrontier: Sendable {
    /// One exponent: the quantity (`N*`, `P*`, `steps*`, `L*`), fitted and predicted.
    public struct Exponent: Sendable {
        public var name: String
        public var fitted: Double
        public var predicted: Double
    }

    public var budget: GradientFlowBudget
    public var points: [GradientFlowAllocation]
    /// N*, P* (budget N P s only), steps*, L*, in that order.
    public var exponents: [Exponent]

    /// Runs `optimizer` at every compute (increasing) and fits the exponents.
    public init(optimizer: GradientFlowComputeOptimizer, computes: [Double], progress: (() -> Void)? = nil) throws {
        budget = optimizer.budget
        points = try optimizer.frontier(computes: computes, progress: progress)
        let predicted = GradientFlowScaling(alpha: optimizer.alpha, teacherExponent: optimizer.teacherExponent)
        let cs = points.map(\.compute)
        func exponent(_ name: String, _ values: [Double], _ value: Double) -> Exponent {
            Exponent(name: name, fitted: Self.logLogSlope(cs, values), predicted: value)
        }
        exponents = [exponent("N*", points.map(\.featureCount), predicted.featureExponent(budget))]
        if budget == .featuresSamplesSteps {
            exponents.append(exponent("P*", points.map(\.sampleCount), predicted.sampleExponent(budget)))
        }
        exponents += [exponent("steps*", points.map(\.steps), predicted.stepsExponent(budget)),
                      exponent("L*", points.map(\.loss), predicted.lossExponent(budget))]
    }

    /// The exponent named `name`, nil when the budget has none.
    public func exponent(_ name: String) -> Exponent? { exponents.first { $0.name == name } }

    /// Least-squares slope of ln y against ln x (NaN for fewer than two distinct x).
    public static func logLogSlope(_ x: [Double], _ y: [Double]) -> Double {
        let lx = x.map { log($0) }, ly = y.map { log($0) }
        let mx = lx.reduce(0, +) / Double(lx.count), my = ly.reduce(0, +) / Double(ly.count)
        var sxy = 0.0, sxx = 0.0
        for i in lx.indices {
            sxy += (lx[i] - mx) * (ly[i] - my)
            sxx += (lx[i] - mx) * (lx[i] - mx)
        }
        return sxx > 0 ? sxy / sxx : .nan
    }
}
