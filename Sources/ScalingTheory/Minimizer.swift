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
    /// Non-finite values count as the greatest finite double, so a pole (the
    /// interpolation peak) is avoided, not fatal; the first error f throws is
    /// rethrown.
    static func brent(
        _ routine: String,
        lower: Double, guess: Double, upper: Double,
        absoluteTolerance: Double, maxIterations: Int = 200,
        _ f: @escaping (Double) throws -> Double
    ) throws -> (x: Double, value: Double) {
        let capture = FailureCapture()
        return try capture.run {
            try minimize(routine, lower: lower, guess: guess, upper: upper, absoluteTolerance: absoluteTolerance,
                         maxIterations: maxIterations) { x in
                capture.attempt({ try f(x) }).map { $0.isFinite ? $0 : .greatestFiniteMagnitude } ?? .nan
            }
        }
    }

    /// The GSL iteration behind `brent`, for a function that cannot throw.
    private static func minimize(
        _ routine: String,
        lower: Double, guess: Double, upper: Double,
        absoluteTolerance: Double, maxIterations: Int,
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
    /// `brent` between its neighbours (non-finite values as there).
    /// `index` is the best grid point's: at 0 or the last index the minimum
    /// may lie beyond the grid, and `x` is that end point unrefined.
    static func gridThenBrent(
        _ routine: String, grid: [Double], absoluteTolerance: Double,
        _ f: @escaping (Double) throws -> Double
    ) throws -> (x: Double, value: Double, index: Int) {
        let values = try grid.map { x in try f(x) }.map { $0.isFinite ? $0 : .greatestFiniteMagnitude }
        let best = values.indices.min { values[$0] < values[$1] }!
        guard best > 0, best < grid.count - 1 else { return (grid[best], values[best], best) }
        // Brent needs f(guess) strictly below both ends; equal values on a
        // flat stretch mean the grid point is already as good as it gets.
        guard values[best] < values[best - 1], values[best] < values[best + 1] else {
            return (grid[best], values[best], best)
        }
        let refined = try brent(routine, lower: grid[best - 1], guess: grid[best], upper: grid[best + 1],
                                absoluteTolerance: absoluteTolerance, f)
        return refined.value <= values[best] ? (refined.x, refined.value, best) : (grid[best], values[best], best)
    }
}
