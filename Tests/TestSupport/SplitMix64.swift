import Foundation

/// SplitMix64 (Steele, Lea and Flood 2014) with Box-Muller normals: the tests'
/// own tiny, fixed stream, so that generated inputs never change and stay
/// independent of the package's generators (GSL's mt19937 in DenseAlgebra).
public struct SplitMix64 {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw from [0, 1) on the grid k / 2^53.
    public mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A uniform draw from (0, 1) on the grid (k + 1/2) / 2^53: never 0, so safe under log.
    public mutating func openUniform() -> Double { (Double(next() >> 11) + 0.5) / Double(1 << 53) }

    /// A standard normal draw by Box-Muller from two `openUniform` draws.
    public mutating func gaussian() -> Double {
        let radius = (-2 * log(openUniform())).squareRoot()
        return radius * cos(2 * Double.pi * openUniform())
    }

    /// exp of a uniform draw between log(low) and log(high).
    public mutating func logUniform(_ low: Double, _ high: Double) -> Double {
        exp(log(low) + uniform() * (log(high) - log(low)))
    }

    /// A draw from 0..<n (n >= 1), by the remainder (slightly uneven for huge n, which tests do not use).
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// An element of a non-empty list.
    public mutating func pick<T>(_ list: [T]) -> T { list[below(list.count)] }

    /// true with probability p.
    public mutating func chance(_ p: Double) -> Bool { uniform() < p }
}
