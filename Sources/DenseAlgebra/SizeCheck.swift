import ScalingErrors

/// Conversions of sizes to `Int` that cannot trap, and the bytes of the
/// per-item bookkeeping that grows with trials, draws or points.
package enum SizeCheck {
    /// The largest latent dimension whose eigenvalues can be listed: that of
    /// an exact power law, `PowerLawSpectrum.maximumExactLatentDimension`
    /// (spelled again here because this module sits beside the theory, not
    /// above it; a test checks the two agree).
    package static let maximumListedDimension: Double = 2e8

    /// M as an `Int`, refused with `ScalingError.tooLarge` above
    /// `maximumListedDimension` before any conversion or allocation.
    package static func latentDimension(_ m: Double, what: String) throws -> Int {
        guard m.isFinite, m >= 1 else {
            throw ScalingError.unsupported("\(what) needs a finite latent dimension M >= 1")
        }
        guard m <= maximumListedDimension else {
            throw ScalingError.tooLarge(what: "\(what) at M = \(m) (its eigenvalue list)", bytes: 8 * m,
                                        limit: 8 * maximumListedDimension)
        }
        return Int(m)
    }

    /// Bytes kept per trial or draw besides its working arrays: its result
    /// (an optional record of a few numbers), its loss in the summary, and
    /// its printed form.
    package static let bytesPerResult: Double = 128
}
