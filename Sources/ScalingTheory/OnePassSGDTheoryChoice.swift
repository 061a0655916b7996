extension OnePassSGDTheory {
    /// The theory for a spectrum as the command line and the C interface take
    /// it: the compressed power law (`powerLaw`, cost independent of M) for a
    /// power-law spectrum with M > 4000 or M = infinity and a power-law or
    /// isotropic teacher, else the exact eigenvalue list.
    public static func choosing(spectrum: any Spectrum, configuration: ModelConfiguration,
                                sgd: SGDHyperparameters) throws -> OnePassSGDTheory {
        if let power = spectrum as? PowerLawSpectrum, !(power.latentDimension <= 4000),
           configuration.teacher.kind != .tabulated {
            return try powerLaw(alpha: power.alpha, lambdaPlus: power.lambdaPlus, latentDimension: power.latentDimension,
                                configuration: configuration, sgd: sgd)
        }
        return try OnePassSGDTheory(spectrum: spectrum, configuration: configuration, sgd: sgd)
    }
}
