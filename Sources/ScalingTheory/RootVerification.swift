import Glibc

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
                detail: String(cFormat: "the root at %.17g is not verified (residual %.3g just below, %.3g just above): "
                               + "the equation is not resolved in double precision there", x, below, above))
        }
    }
}

extension SelfConsistentSolver {
    /// Verifies a solution Delta > 0 of (SC), however it was found (Brent,
    /// a Newton fast path, the ridgeless edge): the cancellation-free residual
    /// must change sign within `RootFinder.verificationWidth` of Delta
    /// (relative). Ridgeless, the residual is min(N, P) - df1; with a ridge,
    /// ln Delta + ln((N - df1)/N) + ln((P - df1)/P) - ln(gamma M/(sigma_u^2 N P)).
    /// Throws `ScalingError.noConvergence` otherwise.
    func verifySolution(spectrum: some Spectrum, configuration c: ModelConfiguration, delta: Double) throws {
        guard delta > 0 else { return }
        let n = c.featureCount, p = c.sampleCount
        let width = RootFinder.verificationWidth * delta
        if c.ridge == 0 {
            let k = min(n, p)
            try RootFinder.verifyIncreasingRoot("df1(Delta) = min(N, P)", at: delta, width: width) { x in
                (try? spectrum.checkedDf1Slack(x, from: k)) ?? .nan
            }
            return
        }
        let logTarget = log(c.ridge) + log(spectrum.normalizingDimension) - log(c.featureWeightVariance) - log(n) - log(p)
        try RootFinder.verifyIncreasingRoot("self-consistent equation", at: delta, width: width) { x in
            guard let (nSlack, pSlack) = try? spectrum.checkedDf1Slacks(x, featureCount: n, sampleCount: p)
            else { return .nan }
            return log(x) + log(max(nSlack / n, 1e-300)) + log(max(pSlack / p, 1e-300)) - logTarget
        }
    }
}
