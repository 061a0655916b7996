/// Newton on f(x) = 0 over the complex numbers from `guess`, `function`
/// giving (f(x), f'(x)). Each step is shortened to at most half of
/// max(|x|, floor), so that it cannot jump to another branch of the root.
/// Converged when a step is at most `tolerance` |x|, or at most
/// `stallTolerance` |x| while no longer halving (Newton at the floor that
/// the rounding of f sets). nil when a step is not finite or after
/// `iterations` steps: the caller never gets an unconverged root.
func dampedComplexNewton(from guess: Complex, iterations: Int, tolerance: Double, stallTolerance: Double,
                         floor: Double = 0, _ function: (Complex) -> (value: Complex, derivative: Complex)) -> Complex? {
    var x = guess
    var previousStep = Double.infinity
    for _ in 0..<iterations {
        let (f, fPrime) = function(x)
        var step = f / fPrime
        guard step.isFinite else { return nil }
        let limit = 0.5 * max(x.magnitude, floor)
        if step.magnitude > limit { step = (limit / step.magnitude) * step }
        x = x - step
        let size = step.magnitude
        if size <= tolerance * x.magnitude { return x }
        if size <= stallTolerance * x.magnitude && size > 0.5 * previousStep { return x }
        previousStep = size
    }
    return nil
}
