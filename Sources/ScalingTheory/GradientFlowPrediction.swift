/// The gradient-flow theory of one prediction (Docs/Theory.md, "Training
/// time: gradient flow"): for a power law past M = 4000 with a power-law or
/// isotropic teacher, the closed-form sums of `powerLaw` (cost independent of
/// M); otherwise the exact eigenvalue list. Shared by `scaling-laws predict
/// --time` and the C interface's `sl_predict_gradient_flow`.
extension GradientFlowTheory {
    public static func forPrediction(spectrum: any Spectrum, configuration: ModelConfiguration) throws
        -> GradientFlowTheory {
        if let power = spectrum as? PowerLawSpectrum, power.latentDimension > 4000,
           configuration.teacher.kind != .tabulated {
            return try GradientFlowTheory.powerLaw(alpha: power.alpha, lambdaPlus: power.lambdaPlus,
                                                   latentDimension: power.latentDimension,
                                                   configuration: configuration)
        }
        return try GradientFlowTheory(spectrum: spectrum, configuration: configuration)
    }
}
