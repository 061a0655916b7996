import CGSLMultimin

/// The random numbers of one bootstrap resample: a GSL Mersenne twister
/// (mt19937) seeded from (seed, resample index) through SplitMix64, so that
/// resample r is the same whatever thread draws it (the scheme of the Monte
/// Carlo's trial streams).
final class ResampleStream {
    private let generator: UnsafeMutablePointer<gsl_rng>

    init(seed: UInt64, index: Int) {
        generator = gsl_rng_alloc(scaling_fit_rng_mt19937())!
        let mixed = Self.splitMix64(Self.splitMix64(seed) ^ UInt64(truncatingIfNeeded: index))
        let folded = UInt32(truncatingIfNeeded: mixed ^ (mixed >> 32))
        gsl_rng_set(generator, UInt(folded == 0 ? 1 : folded))
    }

    deinit { gsl_rng_free(generator) }

    /// Uniform on 0..<n.
    func index(below n: Int) -> Int { Int(gsl_rng_uniform_int(generator, UInt(n))) }

    /// A standard normal deviate (ziggurat).
    func gaussian() -> Double { gsl_ran_gaussian_ziggurat(generator, 1) }

    static func splitMix64(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
