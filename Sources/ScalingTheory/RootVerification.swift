import Foundation

/// The check every returned root passes: an increasing function must change
/// sign across the root within a relative width well above the solver's
/// tolerance and well below any accuracy the caller relies on.
///
/// A root finder given a function that rounding has made flat (df1 of a
/// spectrum with a huge gap, computed by subtraction) stops anywhere on the
/// flat stretch, and a residual of exactly zero there proves nothing. The
/// sign change on both sides does: it shows that the function is resolved
/// at the root and that the root is where it crosses zero.
extension RootFinder {
    /// Relative width, in the root variable, of the verification: 1e-9
    /// (with at least that much absolute width around 0).
    package static let verificationWidth = 1e-9

    /// Throws `ScalingError.noConvergence` unless the increasing `f` is <= 0
    /// just below `x` and >= 0 just above it, not both zero.
    /// `width` (default `verificationWidth` relative to |x|, at least
    /// `verificationWidth`) is the half-width of the check in the root variable.
    package static func verifyIncreasingRoot(_ routine: String, at x: Double, width: Double? = nil,
                                             _ f: (Double) -> Double) throws {
        let width = width ?? verificationWidth * max(1, abs(x))
        let below = f(x - width), above = f(x + width)
        guard below <= 0, above >= 0, below < 0 || above > 0 else {
            throw ScalingError.noConvergence(
                routine: routine,
                detail: String(format: "the root at %.17g is not verified (residual %.3g just below, %.3g just above): "
                               + "the equation is not resolved in double precision there", x, below, above))
        }
    }
}
