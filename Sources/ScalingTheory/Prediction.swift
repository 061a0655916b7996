/// The theory's answer for one spectrum and configuration (Docs/Theory.md
/// sections 3 and 8).
public struct Prediction: Sendable, Equatable, Codable {
    /// <L>, the average test loss `1/2 E[(z(x) - w . x)^2]` against the clean
    /// teacher. `+infinity` exactly at the ridgeless interpolation peak
    /// (N = P < M, gamma = 0), and, with label noise, at ridgeless P = M <= N.
    public var loss: Double
    /// <L> / L0, with L0 = 1/2 sum_I lambda_I omega_I the loss of the zero
    /// predictor ((sigma_w^2 / 2M) sum_I lambda_I for the isotropic teacher):
    /// free of normalization conventions.
    public var relativeLoss: Double
    /// Delta, the root of the self-consistent equation (0 when ridgeless with
    /// min(N, P) >= M).
    public var delta: Double
    /// df1(Delta) (M when Delta = 0).
    public var df1: Double
    /// df2(Delta) (M when Delta = 0).
    public var df2: Double
    /// Where the configuration sits relative to N = P and M.
    public var regime: Regime
    /// L0 = 1/2 sum_I lambda_I omega_I, the loss of the zero predictor.
    public var zeroPredictorLoss: Double
    /// E_train = 1/(2P) sum_mu (z(x_mu) - y_mu)^2, the average training loss
    /// against the noisy training labels (Docs/Theory.md section 8):
    /// `E_train = (1 - df1/P)^2 (<L> + sigma_eps^2/2)`, with
    /// <L> + sigma_eps^2/2 the test loss against noisy labels. Exactly 0 where
    /// the ridgeless fit interpolates (gamma = 0, P <= N and P <= M), also at
    /// the interpolation peak where <L> is +infinity.
    public var trainingError: Double
    /// How the spectral sums were taken: exact, or Euler-Maclaurin for a
    /// power law with large or infinite M.
    public var summation: SpectralSummation

    /// At M = infinity, loss and zeroPredictorLoss use per-component weight
    /// variances (see `Spectrum.normalizingDimension`).
    public init(loss: Double, relativeLoss: Double, delta: Double, df1: Double, df2: Double,
                regime: Regime, zeroPredictorLoss: Double, trainingError: Double,
                summation: SpectralSummation = .exact) {
        self.loss = loss
        self.relativeLoss = relativeLoss
        self.delta = delta
        self.df1 = df1
        self.df2 = df2
        self.regime = regime
        self.zeroPredictorLoss = zeroPredictorLoss
        self.trainingError = trainingError
        self.summation = summation
    }
}
