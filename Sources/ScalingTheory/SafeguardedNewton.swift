/// Newton's method for an increasing function of one variable, safeguarded:
/// it keeps a bracket [lower, upper] with f(lower) < 0 < f(upper) as soon as
/// the signs are seen, bisects whenever a Newton step would leave it, limits
/// every step to `maximumStep`, and returns only a point whose residual it
/// evaluated: x with |f(x) / f'(x)| <= `tolerance` (the Newton correction,
/// i.e. the distance to the root to first order), x with |f(x)| within the
/// rounding noise of f's evaluation there (`noise`, an estimate the caller
/// gives: no point is then distinguishably closer to the root), or an end of
/// a bracket narrower than `tolerance`.
///
/// Meant for the smooth, monotone equations of the solver in logarithmic
/// variables, where it needs a handful of evaluations against Brent's dozens
/// (Docs/Theory.md section 5: d df1/dDelta = -(df1 - df2)/Delta is analytic).
/// Returns nil, rather than a doubtful root, when the function is not finite
/// or the iteration does not settle: the caller then falls back to a
/// bracketing solver.
package enum SafeguardedNewton {
    package static func solve(from start: Double, tolerance: Double, maximumStep: Double = 8,
                              maximumIterations: Int = 60,
                              _ f: (Double) throws -> (value: Double, slope: Double, noise: Double)) rethrows -> Double? {
        var lower = -Double.infinity, upper = Double.infinity
        var x = start
        for _ in 0..<maximumIterations {
            let (value, slope, noise) = try f(x)
            guard value.isFinite else { return nil }
            if abs(value) <= noise { return x }
            if value < 0 { lower = x } else { upper = x }
            let correction = slope > 0 && slope.isFinite ? value / slope : .nan
            if abs(correction) <= tolerance { return x }
            if upper - lower <= tolerance { return x }
            var next = x - correction
            if !next.isFinite || abs(next - x) > maximumStep {
                next = value < 0 ? x + maximumStep : x - maximumStep
            }
            if next <= lower || next >= upper {
                // Both ends are finite here: a step towards the root from
                // an end of the bracket cannot cross the other, infinite end.
                next = 0.5 * (lower + upper)
            }
            x = next
        }
        return nil
    }
}
