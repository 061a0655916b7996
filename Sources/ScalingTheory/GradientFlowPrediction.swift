extension GradientFlowTheory {
    /// Above this latent dimension a power-law spectrum is evaluated by the
    /// compressed sums (`powerLaw`, cost independent of M) rather than the
    /// exact eigenvalue list.
    public static let compressedAbove = 4000.0

    /// The theory of a spectrum and configuration, chosen for cost: the
    /// compressed power law when the spectrum is a power law with M above
    /// `compressedAbove` and the teacher is not tabulated, else the exact
    /// eigenvalue list.
    public static func preferred(spectrum: any Spectrum, configuration: ModelConfiguration) throws
        -> GradientFlowTheory {
        if let power = spectrum as? PowerLawSpectrum, power.latentDimension > compressedAbove,
           configuration.teacher.kind != .tabulated {
            return try powerLaw(alpha: power.alpha, lambdaPlus: power.lambdaPlus,
                                latentDimension: power.latentDimension, configuration: configuration)
        }
        return try GradientFlowTheory(spectrum: spectrum, configuration: configuration)
    }
}

/// The theory's test loss after training time t of gradient flow from
/// theta(0) = 0 (Docs/Theory.md, "Training time"). At t = infinity it is the
/// converged ridge fit, `Prediction` exactly (`converged`); at finite t the
/// loss, the loss relative to the zero predictor, and the regime, while
/// Delta, df1, df2 and the training error exist only for the converged fit.
public struct GradientFlowPrediction: Sendable {
    public var time: Double
    public var loss: Double
    /// <L(t)> / L0, L0 the loss of the zero predictor.
    public var relativeLoss: Double
    public var regime: Regime
    /// The static prediction, at t = infinity only.
    public var converged: Prediction?

    public init(spectrum: any Spectrum, configuration: ModelConfiguration, time: Double) throws {
        self.time = time
        if time == .infinity {
            let p = try spectrum.predict(configuration)
            (loss, relativeLoss, regime, converged) = (p.loss, p.relativeLoss, p.regime, p)
        } else {
            let theory = try GradientFlowTheory.preferred(spectrum: spectrum, configuration: configuration)
            loss = try theory.loss(at: time)
            relativeLoss = loss / theory.zeroPredictorLoss
            regime = Regime(featureCount: configuration.featureCount, sampleCount: configuration.sampleCount,
                            latentDimension: spectrum.latentDimension)
            converged = nil
        }
    }
}
