import CGSLMultimin
import Glibc
import ScalingErrors

/// One local minimization by GSL's vector BFGS (gsl_multimin_fdfminimizer_vector_bfgs2)
/// from one starting point, with the gradient the caller supplies.
///
/// Stops when the gradient's Euclidean norm falls below `gradientTolerance`
/// or an iteration lowers the objective by less than `valueTolerance` times
/// its magnitude ("converged": the Huber loss with a small delta is nearly
/// an absolute deviation, whose gradient need not vanish at the optimum), when the line search can make no more progress at double
/// precision (GSL_ENOPROG: "stalled", which on the kinks of a Huber loss is
/// the usual way to reach the optimum), or after `maxIterations`
/// ("iteration limit"). Other GSL statuses are thrown.
public struct GradientMinimizer: Sendable {
    public var maxIterations = 1000
    public var gradientTolerance = 1e-10
    /// Relative decrease of the objective in one iteration below which it has converged.
    public var valueTolerance = 1e-10
    /// The first trial step of the line search (in theta's units).
    public var initialStep = 0.1
    /// The line-search tolerance; GSL recommends 0.1 for bfgs2.
    public var lineTolerance = 0.1

    public init() {}

    public enum Stop: String, Sendable, Codable {
        case converged, stalled
        case iterationLimit = "iteration limit"
    }

    public struct Result: Sendable {
        public var x: [Double]
        public var value: Double
        public var gradientNorm: Double
        public var iterations: Int
        public var stop: Stop
    }

    /// `evaluate(theta, gradient)` returns f(theta) and, when `gradient` is
    /// non-nil, writes the gradient into it.
    public func minimize(from start: [Double],
                         _ evaluate: @escaping ([Double], UnsafeMutableBufferPointer<Double>?) -> Double) throws -> Result {
        // A BFGS that stalled, or stopped on a small decrease, is restarted
        // from where it stopped (a fresh Hessian estimate) while that still
        // lowers the objective: on the kinks of a Huber loss with a small
        // delta one run often stops short, and where it stops would add
        // optimization noise to the bootstrap's spread.
        var result = try run(from: start, evaluate)
        var restarts = 0
        while result.stop != .iterationLimit, result.gradientNorm > gradientTolerance, restarts < maxRestarts {
            restarts += 1
            let again = try run(from: result.x, evaluate)
            let gained = result.value - again.value
            if again.value <= result.value {
                let iterations = result.iterations + again.iterations
                result = again
                result.iterations = iterations
            }
            if !(gained > 1e-15 * abs(result.value)) { break }
        }
        return result
    }

    /// Restarts after a stall (see `minimize`).
    public var maxRestarts = 5

    private func run(from start: [Double],
                     _ evaluate: @escaping ([Double], UnsafeMutableBufferPointer<Double>?) -> Double) throws -> Result {
        GSLRuntime.prepare()
        let n = start.count
        let context = Context(n: n, evaluate: evaluate)
        let parameters = Unmanaged.passUnretained(context).toOpaque()
        var function = gsl_multimin_function_fdf(
            f: { x, p in
                let c = Unmanaged<Context>.fromOpaque(p!).takeUnretainedValue()
                return c.evaluate(c.read(x!), nil)
            },
            df: { x, p, g in
                let c = Unmanaged<Context>.fromOpaque(p!).takeUnretainedValue()
                c.write(g!) { c.evaluate(c.read(x!), $0) }
            },
            fdf: { x, p, f, g in
                let c = Unmanaged<Context>.fromOpaque(p!).takeUnretainedValue()
                c.write(g!) { f!.pointee = c.evaluate(c.read(x!), $0) }
            },
            n: n, params: parameters)
        guard let x0 = gsl_vector_alloc(n) else { throw ScalingError.tooLarge(what: "a minimizer vector", bytes: Double(8 * n), limit: 0) }
        defer { gsl_vector_free(x0) }
        for i in 0..<n { gsl_vector_set(x0, i, start[i]) }
        guard let state = gsl_multimin_fdfminimizer_alloc(scaling_gsl_multimin_vector_bfgs2(), n) else {
            throw ScalingError.gsl(routine: "gsl_multimin_fdfminimizer_alloc", status: Int32(GSL_ENOMEM), message: "out of memory")
        }
        defer { gsl_multimin_fdfminimizer_free(state) }
        let result: Result = try withExtendedLifetime(context) {
            try GSLRuntime.check(gsl_multimin_fdfminimizer_set(state, &function, x0, initialStep, lineTolerance),
                                 "gsl_multimin_fdfminimizer_set")
            var stop = Stop.iterationLimit
            var iterations = 0
            var previous = gsl_multimin_fdfminimizer_minimum(state)
            while iterations < maxIterations {
                iterations += 1
                let status = gsl_multimin_fdfminimizer_iterate(state)
                if status == Int32(GSL_ENOPROG) {
                    stop = .stalled
                    break
                }
                try GSLRuntime.check(status, "gsl_multimin_fdfminimizer_iterate")
                let value = gsl_multimin_fdfminimizer_minimum(state)
                if gsl_multimin_test_gradient(gsl_multimin_fdfminimizer_gradient(state), gradientTolerance) == Int32(GSL_SUCCESS)
                    || previous - value <= valueTolerance * abs(value) {
                    stop = .converged
                    break
                }
                previous = value
            }
            let x = context.read(gsl_multimin_fdfminimizer_x(state))
            return Result(x: x, value: gsl_multimin_fdfminimizer_minimum(state), gradientNorm: context.read(gsl_multimin_fdfminimizer_gradient(state)).reduce(0) { $0 + $1 * $1 }.squareRoot(),
                          iterations: iterations, stop: stop)
        }
        return result
    }

    /// The callbacks' state: the caller's closure and the dimension.
    private final class Context {
        let n: Int
        let evaluate: ([Double], UnsafeMutableBufferPointer<Double>?) -> Double
        init(n: Int, evaluate: @escaping ([Double], UnsafeMutableBufferPointer<Double>?) -> Double) {
            self.n = n
            self.evaluate = evaluate
        }
        func read(_ x: UnsafePointer<gsl_vector>) -> [Double] {
            (0..<n).map { gsl_vector_get(x, $0) }
        }
        func write(_ g: UnsafeMutablePointer<gsl_vector>, _ body: (UnsafeMutableBufferPointer<Double>) -> Void) {
            var buffer = [Double](repeating: 0, count: n)
            buffer.withUnsafeMutableBufferPointer { body($0) }
            for i in 0..<n { gsl_vector_set(g, i, buffer[i]) }
        }
    }
}
