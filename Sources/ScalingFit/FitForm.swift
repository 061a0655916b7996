/// A functional form L(N, D; theta) fitted by minimizing the Huber loss of
/// log L over the runs. `theta` are the form's internal coordinates (the ones
/// the minimizer moves: logs of scales, exponents); `reported` maps them to
/// the parameters people read.
public protocol FitForm: Sendable {
    /// `chinchilla`, `model`.
    var name: String { get }
    /// The names of the internal coordinates (in order).
    var coordinateNames: [String] { get }
    /// The names of the reported parameters (in order).
    var parameterNames: [String] { get }
    /// The reported parameters at `theta`.
    func reported(_ theta: [Double]) -> [Double]
    /// The predicted log L of run `i` of `data`.
    func logLoss(_ theta: [Double], _ data: FitData, _ i: Int) -> Double
    /// The predicted L at one new point (`ridge` is used by forms that have one).
    func loss(_ theta: [Double], N: Double, D: Double, ridge: Double) -> Double
    /// The Huber objective sum_i w_i huber(logLoss_i - y_i) and, when
    /// `gradient` is non-nil, its gradient in theta.
    func objective(_ theta: [Double], _ data: FitData, targets y: [Double], weights w: [Double], huber: HuberLoss,
                   gradient: UnsafeMutableBufferPointer<Double>?) -> Double
    /// The starting points of the multistart minimization (in theta).
    var starts: [[Double]] { get }
    /// The form the minimizer uses on these runs (default: itself); a form
    /// may re-centre its coordinates on the data (`ChinchillaForm`).
    func adapted(to data: FitData) -> any FitForm
    /// The minimizer settings this form needs (default: `base` unchanged).
    func minimizer(from base: GradientMinimizer) -> GradientMinimizer
    /// (N*, D*) minimizing the loss at compute C = k N D (default: numerically,
    /// `numericComputeOptimum`).
    func computeOptimum(_ theta: [Double], compute: Double, flopsPerToken k: Double, ridge: Double)
        -> (N: Double, D: Double)?
    /// (N*, D*) and the loss there at each budget (default: `computeOptimum`
    /// and `loss` per budget); a form whose loss is costly to set up at a
    /// theta (`TheoryForm`) sets it up once for every budget.
    func computeOptima(_ theta: [Double], computes: [Double], flopsPerToken k: Double, ridge: Double)
        -> [(N: Double, D: Double, loss: Double)?]
    /// The predicted L at several points (default: `loss` per point).
    func losses(_ theta: [Double], points: [(N: Double, D: Double, ridge: Double)]) -> [Double]
    /// The exponents of N* and D* in C at C (default: the slope from C/10 to 10 C).
    func allocationExponents(_ theta: [Double], compute: Double, flopsPerToken k: Double, ridge: Double)
        -> (a: Double, b: Double)?
}

/// The runs in the form the objectives read: logs precomputed.
public struct FitData: Sendable {
    public var logN: [Double]
    public var logD: [Double]
    public var logLoss: [Double]
    public var N: [Double]
    public var D: [Double]
    public var ridge: [Double]
    public var count: Int { logN.count }

    public init(_ runs: ScalingRuns) {
        N = runs.N
        D = runs.D
        logN = runs.N.map { Glibc.log($0) }
        logD = runs.D.map { Glibc.log($0) }
        logLoss = runs.loss.map { Glibc.log($0) }
        ridge = runs.ridge ?? Array(repeating: 0, count: runs.count)
    }
}

import Glibc
