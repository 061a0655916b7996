import Glibc

/// Points from `lower` to `upper` inclusive, evenly spaced on a logarithmic
/// or a linear scale.
public struct ParameterGrid: Sendable, Equatable {
    public enum Spacing: String, Sendable, CaseIterable {
        case log
        case linear
    }

    public let lower: Double
    public let upper: Double
    public let count: Int
    public let spacing: Spacing
    /// The most points a grid may have: every point of a sweep keeps a
    /// prediction (a few hundred bytes with its output), so this bounds a
    /// sweep's memory near 1 GB.
    public static let maximumCount = 1_000_000

    /// Throws for non-finite ends, `count` < 1, `lower` > `upper`, a
    /// non-positive end on a log grid, or a one-point grid with distinct ends.
    public init(from lower: Double, to upper: Double, count: Int, spacing: Spacing = .log) throws {
        try Check.finite(lower, "grid start")
        try Check.finite(upper, "grid end")
        guard count >= 1 else {
            throw ScalingError.invalidParameter(name: "grid points", value: Double(count), requirement: "must be >= 1")
        }
        guard count <= Self.maximumCount else {
            throw ScalingError.invalidParameter(name: "grid points", value: Double(count),
                                                requirement: "must be at most \(Self.maximumCount)")
        }
        guard lower <= upper else {
            throw ScalingError.invalidParameter(name: "grid end", value: upper,
                                                requirement: "must be >= the start \(lower)")
        }
        guard count > 1 || lower == upper else {
            throw ScalingError.invalidParameter(name: "grid points", value: 1,
                                                requirement: "must be >= 2 when the start and end differ")
        }
        if spacing == .log {
            try Check.positive(lower, "grid start (log spacing)")
        }
        self.lower = lower
        self.upper = upper
        self.count = count
        self.spacing = spacing
    }

    /// The grid values; the ends are exactly `lower` and `upper`.
    public var values: [Double] {
        guard count > 1 else { return [lower] }
        return (0..<count).map { i in
            if i == 0 { return lower }
            if i == count - 1 { return upper }
            let t = Double(i) / Double(count - 1)
            switch spacing {
            case .log: return exp(log(lower) + t * (log(upper) - log(lower)))
            case .linear: return lower + t * (upper - lower)
            }
        }
    }
}
