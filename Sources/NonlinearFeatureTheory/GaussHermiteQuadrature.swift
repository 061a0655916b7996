import Glibc
import ScalingTheory
import DenseAlgebra

/// Gauss-Hermite quadrature for expectations over a standard normal variable:
/// `E[f(z)] ~ sum_k weights[k] f(nodes[k])`, z ~ N(0, 1), exact for
/// polynomials of degree < 2 `order`.
///
/// Convention: the probabilists' form. The weights sum to 1 and the nodes are
/// sqrt(2) times the roots of the physicists' Hermite polynomial H_order,
/// whose weight function is exp(-x^2). The roots are found by Newton's method
/// on the orthonormal three-term recurrence (the classic `gauher` scheme),
/// which, unlike the eigenvalues of the Jacobi matrix, gives the tiny weights
/// of the outer nodes to full relative precision.
public struct GaussHermiteQuadrature: Sendable {
    /// The nodes z_k, ascending.
    public let nodes: [Double]
    /// The weights, positive, summing to 1.
    public let weights: [Double]

    /// The rule with `order` nodes. Throws `ScalingError.invalidParameter`
    /// for an order outside 1...200 and `.noConvergence` if Newton's method
    /// fails on a root.
    public init(order n: Int) throws {
        guard (1...200).contains(n) else {
            throw ScalingError.invalidParameter(name: "quadratureOrder", value: Double(n),
                                                requirement: "must be in 1...200")
        }
        var x = [Double](repeating: 0, count: n)
        var w = [Double](repeating: 0, count: n)
        let piToMinusQuarter = pow(Double.pi, -0.25)
        let dn = Double(n)
        var z = 0.0
        for i in 0..<((n + 1) / 2) {
            // Starting guesses for the largest roots first (Numerical Recipes, section 4.6).
            switch i {
            case 0: z = (2 * dn + 1).squareRoot() - 1.85575 * pow(2 * dn + 1, -0.16667)
            case 1: z -= 1.14 * pow(dn, 0.426) / z
            case 2: z = 1.86 * z - 0.86 * x[0]
            case 3: z = 1.91 * z - 0.91 * x[1]
            default: z = 2 * z - x[i - 2]
            }
            var derivative = 0.0
            var converged = false
            for _ in 0..<100 {
                // The orthonormal Hermite polynomials p_j at z; p1 = p_n, p2 = p_{n-1}.
                var p1 = piToMinusQuarter, p2 = 0.0
                for j in 1...n {
                    let p3 = p2
                    p2 = p1
                    let dj = Double(j)
                    p1 = z * (2 / dj).squareRoot() * p2 - ((dj - 1) / dj).squareRoot() * p3
                }
                derivative = (2 * dn).squareRoot() * p2
                let step = p1 / derivative
                z -= step
                if abs(step) <= 1e-15 * max(1, abs(z)) { converged = true; break }
            }
            guard converged else {
                throw ScalingError.noConvergence(routine: "Gauss-Hermite nodes",
                                                 detail: "Newton's method failed on root \(i + 1) of order \(n)")
            }
            x[i] = z
            x[n - 1 - i] = -z
            w[i] = 2 / (derivative * derivative)
            w[n - 1 - i] = w[i]
        }
        if n % 2 == 1 { x[n / 2] = 0 }
        let root2 = 2.0.squareRoot(), rootPi = Double.pi.squareRoot()
        nodes = x.reversed().map { $0 * root2 }
        weights = w.reversed().map { $0 / rootPi }
    }

    /// Number of nodes.
    public var order: Int { nodes.count }

    /// E[f(z)] for z ~ N(0, 1) by the rule.
    public func expectation(_ f: (Double) -> Double) -> Double {
        var sum = 0.0
        for k in nodes.indices { sum += weights[k] * f(nodes[k]) }
        return sum
    }
}
