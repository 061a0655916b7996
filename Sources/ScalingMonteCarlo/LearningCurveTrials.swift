import Dispatch
import FoundationEssentials
import DenseAlgebra
import ScalingTheory

/// What the learning-curve Monte Carlos (`SGDSimulation`,
/// `GradientFlowSimulation`) share: the checks of N, the trials, the threads,
/// linear features and a finite M; the memory check; the spectrum and the
/// teacher power listed once; each trial's first draws; running the trials.
///
/// Both draw, per trial from the stream of (seed, trial) as `Simulation`
/// does: the teacher w (M unit Gaussians scaled by sqrt(omega_I)), then U
/// (N x M, column-major, variance sigma_u^2 / M), then their own draws.
struct LearningCurveTrials: Sendable {
    /// N.
    let featureCount: Int
    /// M.
    let latentDimension: Int
    let configuration: ModelConfiguration
    let options: SimulationOptions
    /// Trials run at once.
    let workerCount: Int
    /// Estimated peak bytes of a run.
    let estimatedBytes: Double
    /// omega_I = E[w_I^2], M entries.
    let teacherPower: [Double]
    /// lambda_I and sqrt(lambda_I).
    let eigenvalues: [Double]
    let rootEigenvalues: [Double]

    /// `what` is the run in messages ("an SGD simulation"); `trialBytes(N, M)`
    /// is one worker's arrays, `keptBytes` what the run keeps of all trials;
    /// `describe(N, M)` names the run's sizes for the memory message. Throws
    /// `ScalingError.invalidParameter` for a non-integral N, fewer than one
    /// trial or thread, a teacher power of the wrong length or with a negative
    /// or non-finite entry; `.unsupported` for nonlinear features or an
    /// infinite M; `.tooLarge` above the memory limit (checked before the
    /// spectrum is listed, so that an absurd M fails fast).
    init(spectrum: some Spectrum, configuration: ModelConfiguration, teacherPower: [Double]?,
         options: SimulationOptions, what: String, trialBytes: (Int, Int) -> Double, keptBytes: Double,
         describe: (Int, Int) -> String) throws {
        let n = try Simulation.wholeNumber(configuration.featureCount, "featureCount (N)")
        guard options.trials >= 1 else {
            throw ScalingError.invalidParameter(name: "trials", value: Double(options.trials), requirement: "must be >= 1")
        }
        if let threads = options.threads, threads < 1 {
            throw ScalingError.invalidParameter(name: "threads", value: Double(threads), requirement: "must be >= 1")
        }
        guard options.activation.isLinear else {
            throw ScalingError.unsupported("\(what) supports linear features only")
        }
        guard spectrum.latentDimension.isFinite else {
            throw ScalingError.unsupported("a simulation needs a finite latent dimension M")
        }
        let m = try SizeCheck.latentDimension(spectrum.latentDimension, what: what)
        featureCount = n
        latentDimension = m
        workerCount = min(options.threads ?? ProcessInfo.processInfo.activeProcessorCount, options.trials)
        estimatedBytes = Double(workerCount) * trialBytes(n, m) + keptBytes
        try MemoryBudget.check(estimatedBytes, limit: options.memoryLimit,
                               what: "\(describe(n, m)) with \(workerCount) worker(s)")
        eigenvalues = try spectrum.eigenvalues()
        rootEigenvalues = eigenvalues.map { $0.squareRoot() }
        self.teacherPower = try GradientFlowTheory.teacherPower(teacherPower, spectrum: spectrum,
                                                                configuration: configuration, count: m)
        self.configuration = configuration
        self.options = options
    }

    /// A trial's first draws and its stream, positioned after them.
    func drawWeights(_ index: Int) -> (teacher: [Double], featureWeights: Matrix, stream: RandomStream) {
        let stream = RandomStream(seed: options.seed, trial: index)
        var w = stream.gaussians(latentDimension)
        for i in w.indices { w[i] *= teacherPower[i].squareRoot() }
        var u = Matrix(rows: featureCount, columns: latentDimension)
        stream.fillGaussian(&u.elements,
                            standardDeviation: (configuration.featureWeightVariance / Double(latentDimension)).squareRoot())
        return (w, u, stream)
    }

    /// All trials over the workers, in trial order, and the wall-clock seconds.
    func run<T>(progress: (@Sendable (Int) -> Void)?, _ trial: (Int) throws -> T) throws -> (trials: [T], seconds: Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let trials = try ParallelTrials.map(count: options.trials, workers: workerCount, progress: progress, trial)
        return (trials, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
}
