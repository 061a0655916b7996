/// A Monte Carlo whose trials can run anywhere: in this process, in the
/// shards of a job array, or on MPI ranks.
///
/// Trial k draws every random number from the stream of (seed, k) and runs on
/// one thread with single-threaded BLAS, so `trial(k)` gives the same bits
/// wherever and in whatever order it runs; `result(trialResults:seconds:)`
/// then assembles the trials, in trial order, into the very result of `run`.
/// `Simulation` (the ridge fit), `SGDSimulation` and `GradientFlowSimulation`
/// conform; the command line's trial runners deal with this protocol alone.
public protocol TrialSimulation: Sendable {
    /// What one trial ships to the process that assembles the result.
    associatedtype TrialOutcome: Codable & Sendable
    associatedtype Result

    var options: SimulationOptions { get }
    /// Trials run at once by `run`.
    var workerCount: Int { get }
    /// Estimated peak bytes of `run`: one trial's arrays per worker, and what
    /// the run keeps of every trial.
    var estimatedBytes: Double { get }
    /// What fixes the numbers of every trial, as one line of text: equal
    /// fingerprints mean bit-identical trials (see SimulationFingerprint.swift).
    var fingerprint: String { get }
    /// The run for messages, as "a simulation at N = 20, P = 30, M = 50".
    var runDescription: String { get }

    /// All trials over `workerCount` threads; `progress` is called from the
    /// workers with the number of trials finished so far.
    func run(progress: (@Sendable (Int) -> Void)?) throws -> Result
    /// Trial `index` alone on the calling thread: the same numbers as in `run`.
    func trial(_ index: Int) throws -> TrialOutcome
    /// The run's result from its trials in trial order, however they were
    /// computed: the same numbers as `run` for the same trials.
    func result(trialResults: [TrialOutcome], seconds: Double) -> Result
}

extension Simulation: TrialSimulation {
    public var runDescription: String { "a simulation at N = \(featureCount), P = \(sampleCount), M = \(latentDimension)" }
}

/// One trial of a learning-curve Monte Carlo (`SGDSimulation`,
/// `GradientFlowSimulation`): its loss at each recorded step count or time,
/// in the order requested, and for gradient flow its training error there.
public struct TrialCurve: Sendable, Codable, Equatable {
    /// L = 1/2 (U^T theta - w)^T Lambda (U^T theta - w) at each step count or time.
    public var losses: [Double]
    /// 1/(2P) |Phi^T theta - y|^2 at each time (gradient flow; nil for SGD).
    public var trainingErrors: [Double]?

    public init(losses: [Double], trainingErrors: [Double]? = nil) {
        self.losses = losses
        self.trainingErrors = trainingErrors
    }
}
