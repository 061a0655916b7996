import Dispatch
import FoundationEssentials
import Glibc
import ScalingTheory
import DenseAlgebra
import NonlinearFeatureTheory

/// A Monte Carlo simulation of random-feature ridge regression at finite,
/// whole N, P and M (Docs/Theory.md sections 1-2), for any `Spectrum`.
///
/// Each trial draws the teacher w, the feature weights U and P training
/// samples, fits theta by ridge regression in the smaller dimension and
/// records the test loss against the clean teacher: exact for linear
/// features, on a fresh test sample otherwise. Trials run in parallel over
/// `options.threads` workers with single-threaded BLAS; trial k's numbers come
/// from its own random stream derived from (seed, k), so every per-trial loss
/// is bit-identical whatever the number of workers.
public struct Simulation: Sendable {
    /// N, the number of random features.
    public let featureCount: Int
    /// P, the number of training samples.
    public let sampleCount: Int
    /// M, the latent dimension (number of eigenvalues of the spectrum).
    public let latentDimension: Int
    public let configuration: ModelConfiguration
    public let options: SimulationOptions
    /// The sampler the trials use (forced, or the cheaper one).
    public let sampler: Sampler
    /// Number of trials run at once.
    public let workerCount: Int
    /// Estimated peak bytes of the run: one trial's arrays per worker.
    public let estimatedBytes: Double
    /// Test points per batch for nonlinear features.
    let testChunk: Int
    /// lambda_I, descending as the spectrum lists them.
    let eigenvalues: [Double]
    /// sqrt(lambda_I).
    let rootEigenvalues: [Double]
    /// sqrt(omega_I) of the teacher, aligned with `eigenvalues`; nil for the
    /// isotropic teacher, drawn with one standard deviation sqrt(sigma_w^2/M).
    let teacherStandardDeviations: [Double]?

    /// Validates the inputs and estimates the memory needed. Throws
    /// `ScalingError.invalidParameter` for non-integral N or P, fewer than one
    /// trial or thread, fewer than two test samples for nonlinear features, a
    /// forced sampler that cannot draw this configuration; `.tooLarge` above
    /// the memory limit; `.unsupported` for a spectrum that cannot be listed;
    /// `.teacherMismatch` for a tabulated teacher of another length than M.
    public init(spectrum: some Spectrum, configuration: ModelConfiguration,
                options: SimulationOptions = SimulationOptions()) throws {
        featureCount = try Self.wholeNumber(configuration.featureCount, "featureCount (N)")
        sampleCount = try Self.wholeNumber(configuration.sampleCount, "sampleCount (P)")
        guard options.trials >= 1 else {
            throw ScalingError.invalidParameter(name: "trials", value: Double(options.trials), requirement: "must be >= 1")
        }
        if let threads = options.threads, threads < 1 {
            throw ScalingError.invalidParameter(name: "threads", value: Double(threads), requirement: "must be >= 1")
        }
        if !options.activation.isLinear, options.testSampleCount < 2 {
            throw ScalingError.invalidParameter(name: "testSampleCount", value: Double(options.testSampleCount),
                                                requirement: "must be >= 2 for nonlinear features")
        }
        if let limit = options.memoryLimit, !(limit.isFinite && limit > 0) {
            throw ScalingError.invalidParameter(name: "memoryLimit", value: limit, requirement: "must be positive and finite")
        }
        guard spectrum.latentDimension.isFinite else {
            throw ScalingError.unsupported("a simulation needs a finite latent dimension M")
        }
        let m = try SizeCheck.latentDimension(spectrum.latentDimension, what: "a simulation")
        latentDimension = m
        if let forced = options.sampler,
           !Sampler.isAvailable(forced, featureCount: featureCount, latentDimension: m, activation: options.activation) {
            throw ScalingError.invalidParameter(
                name: "sampler", value: Double(featureCount),
                requirement: "the conditional sampler needs linear features and N < M = \(m)")
        }
        sampler = options.sampler ?? Sampler.fastest(featureCount: featureCount, sampleCount: sampleCount,
                                                      latentDimension: m, activation: options.activation)
        workerCount = min(options.threads ?? ProcessInfo.processInfo.activeProcessorCount, options.trials)
        testChunk = options.activation.isLinear ? 0 : min(options.testSampleCount, 1024)
        estimatedBytes = Double(workerCount) * MemoryBudget.trialBytes(
            featureCount: featureCount, sampleCount: sampleCount, latentDimension: m, sampler: sampler,
            ridgeless: configuration.ridge == 0, testChunk: testChunk)
            + Double(options.trials) * SizeCheck.bytesPerResult
        try MemoryBudget.check(estimatedBytes, limit: options.memoryLimit,
                               what: "a simulation at N = \(featureCount), P = \(sampleCount), M = \(m) with \(workerCount) worker(s) and \(options.trials) trials")
        // Listed only after the size check: an absurd M should fail fast.
        eigenvalues = try spectrum.eigenvalues()
        rootEigenvalues = eigenvalues.map { $0.squareRoot() }
        teacherStandardDeviations = configuration.teacher.isIsotropic ? nil
            : try configuration.teacher.weightVariances(for: spectrum, teacherVariance: configuration.teacherVariance)
                .map { $0.squareRoot() }
        self.configuration = configuration
        self.options = options
    }

    /// Runs all trials. `progress` is called from worker threads with the
    /// number of trials finished so far. The first error of any trial is rethrown.
    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> SimulationResult {
        let start = DispatchTime.now().uptimeNanoseconds
        let trials = options.trials
        let workers = workerCount
        let results = try ParallelTrials.map(count: trials, workers: workers, progress: progress, runTrial)
        return result(trialResults: results, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// The run's statistics from its trials' results in trial order, however
    /// they were computed (here, in shards merged afterwards, or on MPI
    /// ranks): the same numbers as `run` for the same trials.
    public func result(trialResults results: [TrialResult], seconds: Double) -> SimulationResult {
        let trials = results.count
        let losses = results.map(\.loss)
        let lossStatistics = Self.meanAndStandardError(losses)
        let mean = lossStatistics.mean
        let training = Self.meanAndStandardError(results.map(\.trainingError))
        let gcvs = results.compactMap(\.gcv)
        let gcv = gcvs.count == trials ? Self.meanAndStandardError(gcvs) : nil
        let testErrors = results.compactMap(\.testStandardError)
        let minimum = min(featureCount, sampleCount)
        return SimulationResult(
            trialResults: results, mean: mean,
            standardError: lossStatistics.standardError,
            seconds: seconds,
            sampler: sampler, form: RidgeForm(featureCount: featureCount, sampleCount: sampleCount),
            rankDeficientTrials: results.filter { ($0.rank ?? minimum) < minimum }.count,
            testStandardError: testErrors.isEmpty ? nil
                : (testErrors.reduce(0) { $0 + $1 * $1 } / Double(testErrors.count)).squareRoot(),
            trainingError: training.mean, trainingErrorStandardError: training.standardError,
            gcv: gcv?.mean, gcvStandardError: gcv?.standardError)
    }

    /// Runs trial `index` alone on the calling thread, with single-threaded
    /// BLAS: the same numbers as in `run`.
    public func trial(_ index: Int) throws -> TrialResult {
        try BLASThreads.singleThreaded { try runTrial(index) }
    }

    /// The mean of per-trial values and its standard error (NaN for one trial),
    /// computed on the values divided by the largest magnitude so that values
    /// near the largest double do not overflow on the way.
    static func meanAndStandardError(_ values: [Double]) -> (mean: Double, standardError: Double) {
        let count = Double(values.count)
        let largest = values.map(abs).max() ?? 1
        let unit = largest > 0 && largest.isFinite ? largest : 1
        let scaledMean = values.reduce(0) { $0 + $1 / unit } / count
        guard values.count > 1 else { return (scaledMean * unit, .nan) }
        let variance = values.reduce(0) { $0 + ($1 / unit - scaledMean) * ($1 / unit - scaledMean) } / (count - 1)
        return (scaledMean * unit, (variance / count).squareRoot() * unit)
    }

    /// A size that must be a whole number >= 1 (and fit the LAPACK integers).
    static func wholeNumber(_ value: Double, _ name: String) throws -> Int {
        guard value.isFinite, value >= 1, value.rounded() == value, value <= Double(Int32.max) else {
            throw ScalingError.invalidParameter(name: name, value: value,
                                                requirement: "must be a whole number >= 1 for a simulation")
        }
        return Int(value)
    }
}
