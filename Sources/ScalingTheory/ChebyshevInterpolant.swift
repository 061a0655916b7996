import Glibc

/// Chebyshev interpolation of the pair (Kt, Qt) on [a, b] (barycentric form,
/// first-kind nodes).
struct ChebyshevInterpolant {
    let a: Double, b: Double
    let x: [Double]
    let values: [(k: Double, q: Double)]

    init(from a: Double, to b: Double, count: Int,
         _ evaluate: ([Double]) throws -> [(k: Double, q: Double)]) throws {
        self.a = a
        self.b = b
        x = (0..<count).map { cos(Double.pi * (Double($0) + 0.5) / Double(count)) }
        values = try evaluate(x.map { 0.5 * (a + b) + 0.5 * (b - a) * $0 })
    }

    func value(at tau: Double) -> (k: Double, q: Double) {
        let y = (2 * tau - a - b) / (b - a)
        var numeratorK = 0.0, numeratorQ = 0.0, denominator = 0.0
        for j in x.indices {
            let d = y - x[j]
            if d == 0 { return values[j] }
            // First-kind barycentric weights: (-1)^j sin((2j+1) pi / 2n).
            let w = (j % 2 == 0 ? 1.0 : -1.0) * sin(Double.pi * (Double(j) + 0.5) / Double(x.count)) / d
            numeratorK += w * values[j].k
            numeratorQ += w * values[j].q
            denominator += w
        }
        return (numeratorK / denominator, numeratorQ / denominator)
    }
}
