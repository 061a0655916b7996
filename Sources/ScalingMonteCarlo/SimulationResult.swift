import DenseAlgebra
import NonlinearFeatureTheory

/// Wall-clock seconds one trial spent in each phase.
public struct TrialPhases: Sendable, Equatable, Codable {
    /// Drawing Gaussians and scaling them (w, U, X or Z, label noise).
    public var sampling: Double = 0
    /// The dominant products: U X (dgemm) for the direct sampler; K = U Lambda U^T,
    /// its Cholesky factor and L Z for the conditional one.
    public var product: Double = 0
    /// The ridge solve.
    public var fit: Double = 0
    /// The test loss (closed form, or the test sample for nonlinear features).
    public var loss: Double = 0

    public init() {}

    public var total: Double { sampling + product + fit + loss }
}

/// The outcome of one trial. Codable so that shards and MPI ranks can ship
/// trials to the process that assembles the `SimulationResult`.
public struct TrialResult: Sendable, Codable {
    /// L = 1/2 E_x[(z(x) - w . x)^2] for this draw of w, U and the training
    /// set: exact for linear features, a test-sample mean otherwise.
    public var loss: Double
    /// Standard error of `loss` from the finite test sample (nonlinear
    /// features only; nil when the loss is exact).
    public var testStandardError: Double?
    /// The numerical rank of Phi in the ridgeless (gamma = 0) fit; nil for gamma > 0.
    public var rank: Int?
    /// The sampler that drew the training set.
    public var sampler: Sampler
    /// Where the time went.
    public var phases: TrialPhases
    /// E_train = 1/(2P) sum_mu (z(x_mu) - y_mu)^2 on this trial's training set,
    /// against its noisy labels (Docs/Theory.md section 8).
    public var trainingError: Double
    /// GCV = E_train / (1 - tr(H)/P)^2 from this trial's training set alone:
    /// an estimate of the test error against noisy labels, <L> + sigma_eps^2/2
    /// (Docs/Theory.md section 8). nil only for an interpolating ridgeless fit whose
    /// kernel Phi^T Phi has no Cholesky factor in double precision.
    public var gcv: Double?
}

/// The outcome of a Monte Carlo run.
public struct SimulationResult: Sendable {
    /// The per-trial results, in trial order.
    public var trialResults: [TrialResult]
    /// The per-trial losses, in trial order.
    public var losses: [Double] { trialResults.map(\.loss) }
    /// Number of trials.
    public var trials: Int { trialResults.count }
    /// The mean loss over trials, the estimate of <L>.
    public var mean: Double
    /// Sample standard deviation of the losses / sqrt(trials); NaN for one trial.
    /// For nonlinear features it includes the test-sample noise.
    public var standardError: Double
    /// Wall-clock seconds of the whole run.
    public var seconds: Double
    /// The sampler chosen for the run. An automatic conditional choice falls
    /// back to the direct sampler in a trial whose K is not numerically
    /// positive definite; `trialResults` records each trial's own sampler.
    public var sampler: Sampler
    /// The form of the ridge solve (N <= P primal, else dual).
    public var form: RidgeForm
    /// Trials of a ridgeless fit whose numerical rank was below min(N, P).
    /// Their theta is the minimum-norm least-squares solution (the
    /// gamma -> 0+ limit), which is right when the deficiency is structural
    /// (linear features with min(N, P) > M); otherwise it signals an
    /// ill-conditioned Phi whose loss is sensitive to rounding.
    public var rankDeficientTrials: Int
    /// Root-mean-square over trials of the test-sample standard error of each
    /// trial's loss (nonlinear features only).
    public var testStandardError: Double?
    /// The mean training error over trials, the estimate of E_train.
    public var trainingError: Double
    /// Its standard error over trials (NaN for one trial).
    public var trainingErrorStandardError: Double
    /// The mean GCV over trials, which estimates the test error against noisy
    /// labels <L> + sigma_eps^2/2; nil when some trial's GCV does not exist
    /// (see `TrialResult.gcv`).
    public var gcv: Double?
    /// Its standard error over trials (NaN for one trial; nil with `gcv`).
    public var gcvStandardError: Double?

    /// (mean - reference) / standardError: how many standard errors the
    /// simulation sits from a predicted value.
    public func zScore(against reference: Double) -> Double {
        (mean - reference) / standardError
    }
}
