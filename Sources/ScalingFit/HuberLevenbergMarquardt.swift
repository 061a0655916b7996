import Glibc

/// Minimizes a weighted Huber loss of residuals, F(theta) = sum_i w_i huber(r_i(theta)),
/// by Levenberg-Marquardt steps on its iteratively reweighted least-squares
/// majorizer: with J the Jacobian of the residuals, psi = huber' and
/// omega_i = psi(r_i) / r_i (1 inside the quadratic zone, delta / |r_i| beyond),
///
///     huber(r + J p) <= huber(r) + psi(r) J p + omega / 2 (J p)^2      (for a linear residual),
///
/// so each step solves (H + mu diag H) p = -g with g = sum w psi J (the exact
/// gradient of F) and H = sum w omega J^T J, and is kept only when it lowers F
/// (otherwise mu grows tenfold). Gauss-Newton curvature is what BFGS lacks on
/// a Huber loss with a small delta: nearly an absolute deviation, piecewise
/// linear between kinks, on which BFGS's secant estimate crawls (the `model`
/// form: up to 300 iterations, stopping short of the optimum; Docs/Fitting.md).
///
/// Stops ("converged") when two accepted steps in a row lower F by less than
/// `valueTolerance` of its value or the step is below `stepTolerance` in every
/// coordinate; "stalled" when no damping lowers F (mu above 1e12); at
/// `maxIterations` ("iteration limit"). A step is shortened to `maxStep` in
/// its largest coordinate.
public struct HuberLevenbergMarquardt: Sendable {
    public var maxIterations = 300
    public var valueTolerance = 1e-10
    public var stepTolerance = 1e-10
    /// The largest change of any coordinate in one step (theta's units: for
    /// logarithms, a factor e).
    public var maxStep = 1.0

    public init() {}

    /// The weighted runs' residuals and, when asked, their Jacobian (one row
    /// per residual); nil where they do not exist.
    public typealias Residuals = (_ theta: [Double], _ jacobian: Bool) -> (r: [Double], J: [[Double]]?)?

    public func minimize(from start: [Double], weights w: [Double], huber: HuberLoss,
                         _ residuals: Residuals) -> GradientMinimizer.Result {
        let n = start.count
        func value(_ r: [Double]) -> Double {
            var f = 0.0
            for i in r.indices { f += w[i] * huber.value(r[i]) }
            return f
        }
        // A start outside the residuals' domain gives an infinite value, which
        // `ScalingLawFit` leaves out (as a start or a failed resample).
        guard let first = residuals(start, true), let firstJacobian = first.J else {
            return GradientMinimizer.Result(x: start, value: .infinity, gradientNorm: .infinity, iterations: 0, stop: .stalled)
        }
        var current = (r: first.r, J: firstJacobian)
        var x = start
        var f = value(current.r)
        var mu = 1e-3
        var iterations = 0
        var slow = 0
        var stop = GradientMinimizer.Stop.iterationLimit
        var converged = false
        var gradient = [Double](repeating: 0, count: n)
        while true {
            // g and H at x (on the last pass: the gradient reported).
            let jacobian = current.J
            var h = [Double](repeating: 0, count: n * n)
            gradient = [Double](repeating: 0, count: n)
            for i in current.r.indices where w[i] != 0 {
                let r = current.r[i]
                let psi = huber.derivative(r)
                let omega = abs(r) <= huber.delta ? 1 : huber.delta / abs(r)
                let row = jacobian[i]
                for a in 0..<n {
                    gradient[a] += w[i] * psi * row[a]
                    for b in 0..<n { h[a * n + b] += w[i] * omega * row[a] * row[b] }
                }
            }
            if converged {
                stop = .converged
                break
            }
            guard iterations < maxIterations else { break }
            iterations += 1
            var accepted = false
            var step = [Double](repeating: 0, count: n)
            while mu <= 1e12 {
                var system = h
                for a in 0..<n { system[a * n + a] += mu * max(h[a * n + a], 1e-300) }
                if var p = Self.solve(system, gradient.map { -$0 }, n), p.allSatisfy(\.isFinite) {
                    // A coordinate the residuals barely depend on (the log floor
                    // far below the losses) has almost no curvature: cap the step.
                    let largest = p.map(abs).max() ?? 0
                    if largest > maxStep { p = p.map { $0 * (maxStep / largest) } }
                    let trial = zip(x, p).map { $0 + $1 }
                    if let next = residuals(trial, true), let nextJacobian = next.J {
                        let g = value(next.r)
                        if g.isFinite, g < f {
                            slow = (f - g) <= valueTolerance * abs(g) ? slow + 1 : 0
                            x = trial
                            f = g
                            current = (next.r, nextJacobian)
                            step = p
                            mu = max(mu / 3, 1e-12)
                            accepted = true
                            break
                        }
                    }
                }
                mu *= 10
            }
            if !accepted {
                stop = .stalled
                break
            }
            converged = slow >= 2 || step.indices.allSatisfy { abs(step[$0]) <= stepTolerance * max(1, abs(x[$0])) }
        }
        return GradientMinimizer.Result(x: x, value: f, gradientNorm: gradient.reduce(0) { $0 + $1 * $1 }.squareRoot(),
                                        iterations: iterations, stop: stop)
    }

    /// Solves A p = b (n x n, row-major) by Gaussian elimination with
    /// partial pivoting; nil when A is singular to working precision.
    static func solve(_ a: [Double], _ b: [Double], _ n: Int) -> [Double]? {
        var m = a, v = b
        for c in 0..<n {
            guard let pivot = (c..<n).max(by: { abs(m[$0 * n + c]) < abs(m[$1 * n + c]) }), m[pivot * n + c] != 0 else {
                return nil
            }
            if pivot != c {
                for k in 0..<n { m.swapAt(c * n + k, pivot * n + k) }
                v.swapAt(c, pivot)
            }
            for r in (c + 1)..<n {
                let factor = m[r * n + c] / m[c * n + c]
                for k in c..<n { m[r * n + k] -= factor * m[c * n + k] }
                v[r] -= factor * v[c]
            }
        }
        var p = [Double](repeating: 0, count: n)
        for c in stride(from: n - 1, through: 0, by: -1) {
            var s = v[c]
            for k in (c + 1)..<n { s -= m[c * n + k] * p[k] }
            p[c] = s / m[c * n + c]
        }
        return p
    }
}
