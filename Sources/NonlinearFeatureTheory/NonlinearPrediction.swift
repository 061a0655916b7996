import ScalingTheory
import DenseAlgebra

/// The semi-analytic theory's loss for one draw of U.
public struct NonlinearDraw: Sendable {
    /// L given U, averaged over w and the training set in closed form.
    public var loss: Double
    /// kappa, the root of `gamma / P = kappa (1 - tr[S (S + kappa)^-1] / P)`
    /// (0 for a ridgeless fit with rank(S) < P).
    public var kappa: Double
    /// The numerical rank of S.
    public var rank: Int
    /// Wall-clock seconds of the draw.
    public var seconds: Double
}

/// The semi-analytic theory's answer for nonlinear features, averaged over
/// draws of U (Docs/Theory.md section 6).
///
/// Unlike `Prediction`, there is no Delta, df1 or df2: kappa and the traces
/// belong to one draw's S, not to the latent spectrum.
public struct NonlinearPrediction: Sendable {
    /// The mean over draws of the conditional loss, the estimate of <L>
    /// (against the clean teacher, with the factor 1/2).
    public var loss: Double
    /// Sample standard deviation over draws / sqrt(draws); NaN for one draw.
    public var standardError: Double
    /// loss / L0.
    public var relativeLoss: Double
    /// standardError / L0.
    public var relativeStandardError: Double
    /// L0 = (sigma_w^2 / 2M) sum_I lambda_I, the loss of the zero predictor.
    public var zeroPredictorLoss: Double
    /// Where N and P sit against each other and M.
    public var regime: Regime
    /// The per-draw results, in draw order.
    public var draws: [NonlinearDraw]
    /// Wall-clock seconds of the whole run.
    public var seconds: Double

    /// (value - loss) / standardError.
    public func zScore(of value: Double) -> Double { (value - loss) / standardError }
}
