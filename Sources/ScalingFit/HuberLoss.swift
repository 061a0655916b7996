/// The Huber loss of Hoffmann et al. (2022) on a residual r of log L:
/// `r^2 / 2` for |r| <= delta, `delta (|r| - delta / 2)` beyond: quadratic
/// near zero, linear in the tails, so that a few bad runs do not pull the fit.
/// With delta = 1e-3 (the default, theirs) it is close to the absolute
/// deviation for residuals of a percent.
public struct HuberLoss: Sendable, Equatable {
    /// delta > 0, where the quadratic part ends (in units of log L).
    public let delta: Double

    public init(delta: Double = 1e-3) throws {
        guard delta.isFinite, delta > 0 else {
            throw FitError.invalidOption(name: "huber delta", value: "\(delta)", requirement: "must be a positive finite number")
        }
        self.delta = delta
    }

    @inline(__always)
    public func value(_ r: Double) -> Double {
        let a = abs(r)
        return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta)
    }

    /// d/dr of `value`: r clipped to [-delta, delta].
    @inline(__always)
    public func derivative(_ r: Double) -> Double {
        min(max(r, -delta), delta)
    }
}
