/// What `scaling-laws exponents` reports at one configuration
/// (Docs/PowerLaw.md): the local exponents d ln L / d ln N, P, gamma and, for
/// a power law, the bottleneck call and the asymptotic law with its loss and
/// its relative error there.
public struct ExponentsReport: Sendable {
    public var exponents: LocalExponents
    /// The resource whose next decade gains most (power laws only).
    public var bottleneck: BottleneckAnalysis?
    /// The asymptotic power law of the configuration's teacher; nil for
    /// other spectra and where none exists (beta = 1 or beta <= -alpha).
    public var law: AsymptoticScalingLaw?
    /// The law's loss at (N, P).
    public var lawLoss: Double?
    /// Its relative error against the exact loss, where the law applies
    /// (N != P and min(N, P) < M).
    public var lawError: Double?

    public init(spectrum: some Spectrum, configuration c: ModelConfiguration,
                solver: SelfConsistentSolver = SelfConsistentSolver()) throws {
        exponents = try solver.localExponents(spectrum: spectrum, configuration: c)
        guard let power = spectrum as? PowerLawSpectrum else { return }
        bottleneck = try solver.bottleneck(spectrum: power, configuration: c)
        do {
            law = try AsymptoticScalingLaw(spectrum: power, teacherVariance: c.teacherVariance, teacher: c.teacher)
        } catch ScalingError.unsupported, ScalingError.invalidParameter(name: "teacher exponent (beta)", _, _) {
            return
        }
        let n = c.featureCount, p = c.sampleCount
        lawLoss = law?.loss(featureCount: n, sampleCount: p)
        if n != p && min(n, p) < power.latentDimension {
            lawError = try law?.relativeError(spectrum: power, featureCount: n, sampleCount: p, solver: solver)
        }
    }
}
