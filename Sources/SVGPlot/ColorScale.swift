import Foundation

/// A perceptually ordered colour scale (the viridis anchors, linearly
/// interpolated in RGB) from a value range to CSS colours.
public struct ColorScale: Sendable {
    public var lower: Double
    public var upper: Double

    static let anchors: [(Double, Double, Double)] = [
        (68, 1, 84), (72, 40, 120), (62, 73, 137), (49, 104, 142), (38, 130, 142),
        (31, 158, 137), (53, 183, 121), (110, 206, 88), (181, 222, 43), (253, 231, 37),
    ]

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Position of `value` in [0, 1], clamped.
    public func fraction(_ value: Double) -> Double {
        guard upper > lower else { return 0.5 }
        return min(max((value - lower) / (upper - lower), 0), 1)
    }

    /// The colour of `value` as "#rrggbb"; values outside the range take the end colours.
    public func color(_ value: Double) -> String {
        let t = fraction(value) * Double(Self.anchors.count - 1)
        let i = min(Int(t), Self.anchors.count - 2), u = t - Double(i)
        let a = Self.anchors[i], b = Self.anchors[i + 1]
        func channel(_ x: Double, _ y: Double) -> Int { Int((x + u * (y - x)).rounded()) }
        return String(format: "#%02x%02x%02x", channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2))
    }
}
