import ScalingTheory

extension Simulation {
    /// What fixes the numbers of every trial, as one line of text: the sizes,
    /// the configuration, the options that change draws (trials, seed,
    /// activation, test samples, the sampler chosen) and 64-bit FNV-1a hashes of
    /// the bit patterns of the eigenvalues and of the teacher's per-direction
    /// standard deviations. Equal fingerprints mean bit-identical
    /// trials; shards and MPI ranks compare them before their trials are merged.
    public var fingerprint: String {
        func digest(_ values: [Double]) -> String {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for value in values {
                var bits = value.bitPattern
                for _ in 0..<8 {
                    hash = (hash ^ (bits & 0xff)) &* 0x100_0000_01b3
                    bits >>= 8
                }
            }
            return String(hash, radix: 16)
        }
        let c = configuration
        return "N=\(featureCount) P=\(sampleCount) M=\(latentDimension) gamma=\(c.ridge) sigma-w2=\(c.teacherVariance) "
            + "sigma-u2=\(c.featureWeightVariance) noise=\(c.noiseVariance) trials=\(options.trials) seed=\(options.seed) "
            + "activation=\(options.activation.name) test-samples=\(options.testSampleCount) sampler=\(sampler.rawValue) "
            + "eigenvalues=\(digest(eigenvalues)) teacher=\(teacherStandardDeviations.map(digest) ?? "isotropic")"
    }
}
