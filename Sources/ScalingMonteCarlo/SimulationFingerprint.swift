import ScalingTheory

/// 64-bit FNV-1a of the bit patterns of `values`, in hexadecimal: two lists
/// of doubles hash alike only when they are (almost surely) the same bits.
func fingerprintDigest(_ values: [Double]) -> String {
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

extension Simulation {
    /// What fixes the numbers of every trial, as one line of text: the sizes,
    /// the configuration, the options that change draws (trials, seed,
    /// activation, test samples, the sampler chosen) and 64-bit FNV-1a hashes of
    /// the bit patterns of the eigenvalues and of the teacher's per-direction
    /// standard deviations. Equal fingerprints mean bit-identical
    /// trials; shards and MPI ranks compare them before their trials are merged.
    public var fingerprint: String {
        let c = configuration
        return "N=\(featureCount) P=\(sampleCount) M=\(latentDimension) gamma=\(c.ridge) sigma-w2=\(c.teacherVariance) "
            + "sigma-u2=\(c.featureWeightVariance) noise=\(c.noiseVariance) trials=\(options.trials) seed=\(options.seed) "
            + "activation=\(options.activation.name) test-samples=\(options.testSampleCount) sampler=\(sampler.rawValue) "
            + "eigenvalues=\(fingerprintDigest(eigenvalues)) "
            + "teacher=\(teacherStandardDeviations.map(fingerprintDigest) ?? "isotropic")"
    }
}

extension LearningCurveTrials {
    /// What the learning-curve Monte Carlos share in their fingerprints: N, M,
    /// the draws' scales and noise, trials, seed, and hashes of the
    /// eigenvalues and the teacher power.
    var fingerprint: String {
        let c = configuration
        return "N=\(featureCount) M=\(latentDimension) sigma-u2=\(c.featureWeightVariance) noise=\(c.noiseVariance) "
            + "trials=\(options.trials) seed=\(options.seed) eigenvalues=\(fingerprintDigest(eigenvalues)) "
            + "teacher-power=\(fingerprintDigest(teacherPower))"
    }
}

extension SGDSimulation {
    /// What fixes the numbers of every trial (as `Simulation.fingerprint`):
    /// the shared draws, B, eta, the step counts, the method and the sampler.
    public var fingerprint: String {
        "sgd \(setup.fingerprint) B=\(sgd.batchSize) eta=\(sgd.learningRate) "
            + "steps=\(steps.map(String.init).joined(separator: ",")) method=\(method.rawValue) sampler=\(sampler.rawValue)"
    }
}

extension GradientFlowSimulation {
    /// What fixes the numbers of every trial (as `Simulation.fingerprint`):
    /// the shared draws, P, gamma, population or not, and a hash of the times.
    public var fingerprint: String {
        "gradient-flow \(setup.fingerprint) P=\(sampleCount) gamma=\(configuration.ridge) population=\(population) "
            + "times=\(fingerprintDigest(times))"
    }
}
