import CGSL

/// One-dimensional minimization with GSL's Brent minimizer
/// (`gsl_min_fminimizer_brent`).
enum Minimizer {
    /// A Swift closure passed through GSL's `void *params`.
    private final class Context {
        let function: (Double) -> Double
        init(_ function: @escaping (Double) -> Double) { self.function = function }
    }

    /// Finds a local minimum of f in [lower, upper], given `guess` with
    /// f(guess) below f(lower) and f(upper). Stops when the bracket is
    /// narrower than `absoluteTolerance`. Returns the minimizer and f there.
    static func brent(
        _ routine: String,
        lower: Double, guess: Double, upper: Double,
        absoluteTolerance: Double, maxIterations: Int = 200,
        _ f: @escaping (Double) -> Double
    ) throws -> (x: Double, value: Double) {
        GSLRuntime.prepare()
        let box = Unmanaged.passRetained(Context(f))
        defer { box.release() }
        var function = gsl_function(
            function: { x, params in Unmanaged<Context>.fromOpaque(params!).takeUnretainedValue().function(x) },
            params: box.toOpaque())
        guard let minimizer = gsl_min_fminimizer_alloc(scaling_gsl_min_fminimizer_brent()) else {
            throw ScalingError.gsl(routine: routine, status: Int32(GSL_ENOMEM), message: "cannot allocate minimizer")
        }
        defer { gsl_min_fminimizer_free(minimizer) }
        try GSLRuntime.check(gsl_min_fminimizer_set(minimizer, &function, guess, lower, upper), routine)
        for _ in 0..<maxIterations {
            try GSLRuntime.check(gsl_min_fminimizer_iterate(minimizer), routine)
            let lo = gsl_min_fminimizer_x_lower(minimizer)
            let hi = gsl_min_fminimizer_x_upper(minimizer)
            let status = gsl_min_test_interval(lo, hi, absoluteTolerance, 0)
            if status == Int32(GSL_SUCCESS) {
                return (gsl_min_fminimizer_x_minimum(minimizer), gsl_min_fminimizer_f_minimum(minimizer))
            }
            guard status == Int32(GSL_CONTINUE) else { try GSLRuntime.check(status, routine); break }
        }
        throw ScalingError.noConvergence(routine: routine, detail: "no minimum to tolerance after \(maxIterations) iterations")
    }

    /// Minimizes f over a grid, then refines the best interior grid point with
    /// Brent between its neighbours. Non-finite values count as +greatest
    /// finite, so a pole (the interpolation peak) is avoided, not fatal.
    /// `index` is the best grid point's: at 0 or the last index the minimum
    /// may lie beyond the grid, and `x` is that end point unrefined.
    static func gridThenBrent(
        _ routine: String, grid: [Double], absoluteTolerance: Double,
        _ f: @escaping (Double) throws -> Double
    ) throws -> (x: Double, value: Double, index: Int) {
        let capture = FailureCapture()
        func g(_ x: Double) -> Double {
            guard let value = capture.attempt({ try f(x) }) else { return .nan }
            return value.isFinite ? value : .greatestFiniteMagnitude
        }
        return try capture.run {
            let values = grid.map(g)
            let best = values.indices.min { values[$0] < values[$1] }!
            guard best > 0, best < grid.count - 1 else { return (grid[best], values[best], best) }
            // Brent needs f(guess) strictly below both ends; equal values on a
            // flat stretch mean the grid point is already as good as it gets.
            guard values[best] < values[best - 1], values[best] < values[best + 1] else {
                return (grid[best], values[best], best)
            }
            let refined = try brent(routine, lower: grid[best - 1], guess: grid[best], upper: grid[best + 1],
                                    absoluteTolerance: absoluteTolerance, g)
            return refined.value <= values[best] ? (refined.x, refined.value, best) : (grid[best], values[best], best)
        }
    }
}
