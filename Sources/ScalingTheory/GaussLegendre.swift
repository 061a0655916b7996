import Glibc

/// Gauss-Legendre nodes and weights on [-1, 1] (Newton on the Legendre recurrence).
enum GaussLegendre {
    static func rule(_ count: Int) -> (nodes: [Double], weights: [Double]) {
        var nodes = [Double](repeating: 0, count: count), weights = nodes
        let n = Double(count)
        for i in 0..<count {
            var x = cos(Double.pi * (Double(i) + 0.75) / (n + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                var p0 = 1.0, p1 = x
                for k in 2...max(count, 2) {
                    let pk = ((2 * Double(k) - 1) * x * p1 - (Double(k) - 1) * p0) / Double(k)
                    p0 = p1
                    p1 = pk
                }
                if count == 1 { p1 = x; p0 = 1 }
                derivative = n * (x * p1 - p0) / (x * x - 1)
                let dx = p1 / derivative
                x -= dx
                if abs(dx) < 1e-16 { break }
            }
            nodes[i] = x
            weights[i] = 2 / ((1 - x * x) * derivative * derivative)
        }
        return (nodes, weights)
    }
}
