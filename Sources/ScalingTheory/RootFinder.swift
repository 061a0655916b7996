import CGSL

/// One-dimensional bracketing root finding with GSL's Brent solver
/// (`gsl_root_fsolver_brent`). Package-visible, not public: the nonlinear
/// theory in ScalingMonteCarlo solves its own ridge equation with it.
package enum RootFinder {
    /// A Swift closure passed through GSL's `void *params`.
    private final class Context {
        let function: (Double) -> Double
        var sawNonFinite = false
        init(_ function: @escaping (Double) -> Double) { self.function = function }
    }

    /// Finds x in [lower, upper] with f(x) = 0, where f(lower) and f(upper)
    /// have opposite signs. Stops when the bracket is narrower than
    /// `absoluteTolerance + relativeTolerance * |x|`.
    package static func brent(
        _ routine: String,
        lower: Double, upper: Double,
        absoluteTolerance: Double, relativeTolerance: Double,
        maxIterations: Int = 500,
        _ f: @escaping (Double) -> Double
    ) throws -> Double {
        GSLRuntime.prepare()
        let context = Context(f)
        let box = Unmanaged.passRetained(context)
        defer { box.release() }
        var function = gsl_function(
            function: { x, params in
                let context = Unmanaged<Context>.fromOpaque(params!).takeUnretainedValue()
                let value = context.function(x)
                if !value.isFinite { context.sawNonFinite = true }
                return value
            },
            params: box.toOpaque())
        guard let solver = gsl_root_fsolver_alloc(scaling_gsl_root_fsolver_brent()) else {
            throw ScalingError.gsl(routine: routine, status: Int32(GSL_ENOMEM), message: "cannot allocate root solver")
        }
        defer { gsl_root_fsolver_free(solver) }
        try GSLRuntime.check(gsl_root_fsolver_set(solver, &function, lower, upper), routine)
        for _ in 0..<maxIterations {
            try GSLRuntime.check(gsl_root_fsolver_iterate(solver), routine)
            if context.sawNonFinite {
                throw ScalingError.noConvergence(routine: routine, detail: "the function returned a non-finite value")
            }
            let lo = gsl_root_fsolver_x_lower(solver)
            let hi = gsl_root_fsolver_x_upper(solver)
            let status = gsl_root_test_interval(lo, hi, absoluteTolerance, relativeTolerance)
            if status == Int32(GSL_SUCCESS) { return gsl_root_fsolver_root(solver) }
            guard status == Int32(GSL_CONTINUE) else { try GSLRuntime.check(status, routine); break }
        }
        throw ScalingError.noConvergence(routine: routine, detail: "no root to tolerance after \(maxIterations) iterations")
    }

    /// Brackets the root of an increasing function of a logarithmic variable
    /// by stepping outwards from `start` in steps of 4 (a factor e^4), within
    /// the range of doubles.
    package static func bracketIncreasing(_ f: (Double) -> Double, from start: Double,
                                          routine: String) throws -> (Double, Double) {
        var lower = start, upper = start
        var fLower = f(lower), fUpper = fLower
        var steps = 0
        while !(fLower < 0) {
            upper = lower; fUpper = fLower
            lower -= 4
            fLower = f(lower)
            steps += 1
            guard steps < 200, lower > -745 else {
                throw ScalingError.noConvergence(routine: routine, detail: "no lower bracket down to e^-745: the root "
                                                 + "lies below the smallest double, outside double precision for these inputs (rescale them)")
            }
        }
        while !(fUpper > 0) {
            lower = upper; fLower = fUpper
            upper += 4
            fUpper = f(upper)
            steps += 1
            guard steps < 400, upper < 709 else {
                throw ScalingError.noConvergence(routine: routine, detail: "no upper bracket up to e^709: the root "
                                                 + "lies above the largest double, outside double precision for these inputs (rescale them)")
            }
        }
        return (lower, upper)
    }
}
