import Glibc

/// Exponents predicted by arXiv:2402.01092 (eqs. 14 and 17, Docs/Theory.md
/// section 10) for lambda_I ~ I^-b, lambda_I omega_I ~ I^-a, with b = 1 + alpha
/// and a = 1 + alpha + beta: L ~ s^-(a-1)/b, L ~ N^-m, L ~ P^-m, m = min(a - 1, 2b).
/// Compute-optimal from balancing the additive terms: with r = m b / (a - 1),
/// C = N s gives N* ~ C^(1/(1+r)) and C = N P s (N ~ P) gives N* ~ C^(1/(2+r)),
/// with s* ~ N*^r and L* ~ N*^-m. For beta = 0: N* ~ C^(1/(2+alpha)),
/// s* ~ C^((1+alpha)/(2+alpha)), L* ~ C^(-alpha/(2+alpha)) (Nt), as quoted.
public struct GradientFlowScaling: Sendable {
    public var alpha: Double
    public var teacherExponent: Double

    public init(alpha: Double, teacherExponent: Double = 0) {
        self.alpha = alpha
        self.teacherExponent = teacherExponent
    }

    var a: Double { 1 + alpha + teacherExponent }
    var b: Double { 1 + alpha }
    /// The exponent of L in s (steps): (a - 1) / b.
    public var timeExponent: Double { (a - 1) / b }
    /// The exponent m of L in N and in P: min(a - 1, 2b).
    public var sizeExponent: Double { min(a - 1, 2 * b) }
    var ratio: Double { sizeExponent / timeExponent }

    /// N* ~ C^e.
    public func featureExponent(_ budget: GradientFlowBudget) -> Double {
        budget == .featuresTimesSteps ? 1 / (1 + ratio) : 1 / (2 + ratio)
    }
    /// P* ~ C^e (NPt; equal to N*'s).
    public func sampleExponent(_ budget: GradientFlowBudget) -> Double {
        budget == .featuresTimesSteps ? 0 : featureExponent(budget)
    }
    /// s* ~ C^e.
    public func stepsExponent(_ budget: GradientFlowBudget) -> Double { ratio * featureExponent(budget) }
    /// L* ~ C^e (negative).
    public func lossExponent(_ budget: GradientFlowBudget) -> Double { -sizeExponent * featureExponent(budget) }
}
