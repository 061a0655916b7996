import Glibc

/// The compute-optimal allocation of any fitted form, numerically: at compute
/// C = k N D, the N minimizing L(N, C / (k N)). A scan of 241 log-spaced N
/// over [1, C/k] finds the best bracket (the `model` form can have a
/// double-descent peak, so the loss need not be unimodal in N), then a
/// golden-section search refines it to a relative 1e-10 in N
/// (`scanComputeOptimum`).
extension FitForm {
    public func adapted(to data: FitData) -> any FitForm { self }

    public func minimizer(from base: GradientMinimizer) -> GradientMinimizer { base }

    public func computeOptimum(_ theta: [Double], compute: Double, flopsPerToken k: Double, ridge: Double)
        -> (N: Double, D: Double)? {
        numericComputeOptimum(theta, compute: compute, flopsPerToken: k, ridge: ridge)
    }

    public func numericComputeOptimum(_ theta: [Double], compute: Double, flopsPerToken k: Double, ridge: Double)
        -> (N: Double, D: Double)? {
        scanComputeOptimum(compute: compute, flopsPerToken: k) { $0.map { loss(theta, N: $0.N, D: $0.D, ridge: ridge) } }
    }

    /// (N*, D*, L*) at several budgets for one theta: `computeOptimum` and
    /// `loss` per budget.
    public func computeOptima(_ theta: [Double], computes: [Double], flopsPerToken k: Double, ridge: Double)
        -> [(N: Double, D: Double, loss: Double)?] {
        computes.map { c in
            computeOptimum(theta, compute: c, flopsPerToken: k, ridge: ridge).map { ($0.N, $0.D, loss(theta, N: $0.N, D: $0.D, ridge: ridge)) }
        }
    }

    /// The loss at several points: `loss` per point.
    public func losses(_ theta: [Double], points: [(N: Double, D: Double, ridge: Double)]) -> [Double] {
        points.map { loss(theta, N: $0.N, D: $0.D, ridge: $0.ridge) }
    }

    /// d log N* / d log C and d log D* / d log C at C, as the slope between
    /// C / 10 and 10 C.
    public func allocationExponents(_ theta: [Double], compute: Double, flopsPerToken k: Double, ridge: Double)
        -> (a: Double, b: Double)? {
        let optima = computeOptima(theta, computes: [compute / 10, compute * 10], flopsPerToken: k, ridge: ridge)
        guard let low = optima[0], let high = optima[1] else { return nil }
        return (log(high.N / low.N) / log(100), log(high.D / low.D) / log(100))
    }

    /// Whether reported parameter j is an exponent (compared in absolute terms).
    public func isExponent(_ j: Int) -> Bool {
        let name = parameterNames[j]
        return name.hasPrefix("alpha") || name.hasPrefix("beta") || name.contains("Exponent")
    }
}

/// The N minimizing `loss(N, C / (k N))` at compute C = k N D (see the
/// extension above): a scan of 241 log-spaced N over [1, C/k], then golden
/// section to a relative 1e-10 in ln N. Nil when C/k <= 1 or the loss is
/// nowhere finite. `losses` evaluates a list of (N, D) at once: the scan's
/// points come in pairs (N, D) and (D, N), exactly, so that a form that
/// solves the theory once per distinct min(N, D) (`LossPartsEvaluator`,
/// ridgeless) solves it once per pair.
func scanComputeOptimum(compute: Double, flopsPerToken k: Double, _ losses: ([(N: Double, D: Double)]) -> [Double])
    -> (N: Double, D: Double)? {
    let total = log(compute / k)
    guard total.isFinite, total > 0 else { return nil }
    func clean(_ value: Double) -> Double { value.isNaN ? .infinity : value }
    func f(_ u: Double) -> Double { clean(losses([(exp(u), exp(total - u))])[0]) }
    let steps = 240
    // (ln N, ln D) on the grid; past the middle, the mirror images of the first half.
    let half = (0...steps / 2).map { total * Double($0) / Double(steps) }
    let logs = half.map { ($0, total - $0) } + half.dropLast().reversed().map { (total - $0, $0) }
    let grid = logs.map(\.0)
    let values = losses(logs.map { (exp($0.0), exp($0.1)) }).map(clean)
    guard let best = values.indices.min(by: { values[$0] < values[$1] }), values[best].isFinite else { return nil }
    var lo = grid[max(0, best - 1)], hi = grid[min(steps, best + 1)]
    let ratio = (sqrt(5.0) - 1) / 2
    var x1 = hi - ratio * (hi - lo), x2 = lo + ratio * (hi - lo)
    var f1 = f(x1), f2 = f(x2)
    while hi - lo > 1e-10 * max(1, abs(hi)) {
        if f1 <= f2 {
            hi = x2; x2 = x1; f2 = f1
            x1 = hi - ratio * (hi - lo); f1 = f(x1)
        } else {
            lo = x1; x1 = x2; f1 = f2
            x2 = lo + ratio * (hi - lo); f2 = f(x2)
        }
    }
    if values[best] < min(f1, f2) { return (exp(logs[best].0), exp(logs[best].1)) }
    let u = f1 <= f2 ? x1 : x2
    return (exp(u), exp(total - u))
}

extension ChinchillaForm {
    public func computeOptimum(_ theta: [Double], compute: Double, flopsPerToken k: Double, ridge: Double)
        -> (N: Double, D: Double)? {
        let p = reported(theta)
        return ChinchillaAllocation.optimum(E: p[0], A: p[1], B: p[2], alpha: p[3], beta: p[4], compute: compute,
                                            flopsPerToken: k)
    }

    public func allocationExponents(_ theta: [Double], compute: Double, flopsPerToken k: Double, ridge: Double)
        -> (a: Double, b: Double)? {
        guard theta[3] > 0, theta[4] > 0 else { return nil }
        return ChinchillaAllocation.exponents(alpha: theta[3], beta: theta[4])
    }
}
