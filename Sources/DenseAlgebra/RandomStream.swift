import CGSL
import ScalingErrors

/// One stream of pseudo-random numbers for one Monte Carlo trial: a GSL
/// Mersenne twister (mt19937) seeded from the pair (seed, trial index).
///
/// The pair is hashed with SplitMix64 into the generator's 32-bit seed, so
/// trial k draws the same numbers whichever worker thread runs it and however
/// many workers there are. The class owns its `gsl_rng` and frees it on
/// deinit; it is not thread-safe (each trial makes its own).
package final class RandomStream {
    private let generator: UnsafeMutablePointer<gsl_rng>

    package convenience init(seed: UInt64, trial: Int) {
        self.init(generatorSeed: Self.generatorSeed(seed: seed, trial: trial))
    }

    /// Substream `substream` (>= 0) of trial `trial`: an mt19937 of its own,
    /// seeded by `generatorSeed(seed:trial:substream:)`, for draws that a
    /// trial splits over a fixed number of streams (`SubstreamGaussians`).
    package convenience init(seed: UInt64, trial: Int, substream: Int) {
        self.init(generatorSeed: Self.generatorSeed(seed: seed, trial: trial, substream: substream))
    }

    /// The generator (its `gsl_rng` and its state) in one block of whole cache
    /// lines of its own, not by gsl_rng_alloc: gsl_rng_alloc's two small
    /// mallocs put one stream's `gsl_rng` in the cache line of the previous
    /// stream's state, whose index mt19937 writes on every draw, so streams
    /// drawn at once on different threads (`SubstreamGaussians`) would fight
    /// over that line. gsl_rng_set fills the whole state, as after gsl_rng_alloc.
    private init(generatorSeed: UInt32) {
        GSLRuntime.prepare()
        let type = scaling_gsl_rng_mt19937()!
        let line = 64, header = MemoryLayout<gsl_rng>.stride
        let stateOffset = (header + line - 1) / line * line
        let bytes = stateOffset + (type.pointee.size + line - 1) / line * line
        let block = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: line)
        block.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        generator = block.bindMemory(to: gsl_rng.self, capacity: 1)
        generator.pointee = gsl_rng(type: type, state: block + stateOffset)
        gsl_rng_set(generator, UInt(generatorSeed))
    }

    deinit { UnsafeMutableRawPointer(generator).deallocate() }

    /// The 32-bit mt19937 seed of a (seed, trial) pair: SplitMix64 applied to
    /// the seed, then to that mixed with the trial index, folded to 32 bits
    /// (mt19937 reads only the low 32). Never 0, which GSL replaces by its default.
    package static func generatorSeed(seed: UInt64, trial: Int) -> UInt32 {
        folded(trialHash(seed: seed, trial: trial))
    }

    /// SplitMix64 of SplitMix64(seed) mixed with the trial index.
    private static func trialHash(seed: UInt64, trial: Int) -> UInt64 {
        splitMix64(splitMix64(seed) ^ UInt64(truncatingIfNeeded: trial))
    }

    /// A 64-bit hash folded to mt19937's 32-bit seed, never 0.
    private static func folded(_ mixed: UInt64) -> UInt32 {
        let folded = UInt32(truncatingIfNeeded: mixed ^ (mixed >> 32))
        return folded == 0 ? 1 : folded
    }

    /// The 32-bit mt19937 seed of substream s of (seed, trial): SplitMix64 of
    /// the trial's 64-bit hash mixed with a tag and s, folded as above. The
    /// tag keeps substream s of trial k apart from the stream of trial k ^ s.
    package static func generatorSeed(seed: UInt64, trial: Int, substream: Int) -> UInt32 {
        folded(splitMix64(trialHash(seed: seed, trial: trial) ^ substreamTag ^ UInt64(truncatingIfNeeded: substream)))
    }

    /// "substrm" in ASCII: mixed into substream seeds only.
    private static let substreamTag: UInt64 = 0x7375_6273_7472_6D00

    /// One output of the SplitMix64 generator whose state is `x`.
    package static func splitMix64(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw from 0..<n (n >= 1) by gsl_rng_uniform_int: the row of a bootstrap resample.
    package func index(below n: Int) -> Int {
        Int(gsl_rng_uniform_int(generator, UInt(n)))
    }

    /// One draw from N(0, standardDeviation^2) by GSL's ziggurat method.
    package func gaussian(standardDeviation: Double = 1) -> Double {
        gsl_ran_gaussian_ziggurat(generator, standardDeviation)
    }

    /// Fills `values` with independent draws from N(0, standardDeviation^2),
    /// in index order.
    package func fillGaussian(_ values: inout [Double], standardDeviation: Double = 1) {
        values.withUnsafeMutableBufferPointer { buffer in
            guard let start = buffer.baseAddress else { return }
            fillGaussian(start, count: buffer.count, standardDeviation: standardDeviation)
        }
    }

    /// Fills `count` doubles from `start` with independent draws from
    /// N(0, standardDeviation^2), in order.
    package func fillGaussian(_ start: UnsafeMutablePointer<Double>, count: Int, standardDeviation: Double = 1) {
        let r = generator
        for i in 0..<count { start[i] = gsl_ran_gaussian_ziggurat(r, standardDeviation) }
    }

    /// `count` independent draws from N(0, standardDeviation^2).
    package func gaussians(_ count: Int, standardDeviation: Double = 1) -> [Double] {
        var values = [Double](repeating: 0, count: count)
        fillGaussian(&values, standardDeviation: standardDeviation)
        return values
    }
}
