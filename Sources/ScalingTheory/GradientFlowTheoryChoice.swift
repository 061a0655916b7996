extension GradientFlowTheory {
    /// The gradient-flow theory for a spectrum and configuration: the
    /// compressed power law (`powerLaw`, cost independent of M) for a power-law
    /// spectrum with M > 4000 and a power-law or isotropic teacher, else the
    /// exact eigenvalue list. Throws for an infinite M.
    public static func forSpectrum(_ spectrum: any Spectrum, configuration: ModelConfiguration) throws
        -> GradientFlowTheory {
        if let power = spectrum as? PowerLawSpectrum, power.latentDimension > 4000, configuration.teacher.kind != .tabulated {
            return try GradientFlowTheory.powerLaw(alpha: power.alpha, lambdaPlus: power.lambdaPlus,
                                                   latentDimension: power.latentDimension, configuration: configuration)
        }
        return try GradientFlowTheory(spectrum: spectrum, configuration: configuration)
    }
}
