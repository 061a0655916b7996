import ScalingTheory

extension Simulation {
    /// What fixes the numbers of every trial, as one line of text: the sizes,
    /// the configuration, the options that change draws (trials, seed,
    /// activation, test samples, the sampler chosen) and a 64-bit FNV-1a hash of
    /// the eigenvalues' bit patterns. Equal fingerprints mean bit-identical
    /// trials; shards and MPI ranks compare them before their trials are merged.
    public var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in eigenvalues {
            var bits = value.bitPattern
            for _ in 0..<8 {
                hash = (hash ^ (bits & 0xff)) &* 0x100_0000_01b3
                bits >>= 8
            }
        }
        let c = configuration
        return "N=\(featureCount) P=\(sampleCount) M=\(latentDimension) gamma=\(c.ridge) sigma-w2=\(c.teacherVariance) "
            + "sigma-u2=\(c.featureWeightVariance) noise=\(c.noiseVariance) trials=\(options.trials) seed=\(options.seed) "
            + "activation=\(options.activation.name) test-samples=\(options.testSampleCount) sampler=\(sampler.rawValue) "
            + "eigenvalues=\(String(hash, radix: 16))"
    }
}
