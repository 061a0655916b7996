import Dispatch
import DenseAlgebra
import FoundationEssentials
import Glibc
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingTheory

/// How to run random-feature ridge regression on real rows.
public struct DataSimulationOptions: Sendable {
    /// Independent trials (draws of U and of the training and test rows), >= 2.
    public var trials: Int
    /// Seed of the run; trial k uses the stream of (seed, k).
    public var seed: UInt64
    /// The feature map sigma.
    public var activation: Activation
    /// Held-out rows per trial; nil means the rest of the data, at most 10000.
    public var testRows: Int?
    /// Worker threads; nil means one per core. Results do not depend on it.
    public var threads: Int?
    /// Refuse runs needing more bytes than this; nil means half the memory.
    public var memoryLimit: Double?

    public init(trials: Int = 20, seed: UInt64 = 0, activation: Activation = .linear, testRows: Int? = nil,
                threads: Int? = nil, memoryLimit: Double? = nil) {
        self.trials = trials
        self.seed = seed
        self.activation = activation
        self.testRows = testRows
        self.threads = threads
        self.memoryLimit = memoryLimit
    }
}

/// One trial on real rows. Errors carry the section 8 convention: 1/2 the
/// mean squared difference from the (centred) real label.
public struct DataTrialResult: Sendable, Equatable {
    /// 1/(2T) sum over the T held-out rows of (z(x) - y)^2.
    public var testError: Double
    /// 1/(2P) sum over the P training rows of (z(x) - y)^2.
    public var trainingError: Double
    /// GCV = trainingError / (1 - tr(H)/P)^2 with the hat matrix
    /// H = K (K + gamma)^-1 of the training set alone (its gamma -> 0+ limit
    /// for an interpolating ridgeless fit); NaN where it is not computed
    /// (an interpolating fit whose kernel has no Cholesky factor).
    public var gcv: Double
    /// The numerical rank of Phi for gamma = 0; nil for gamma > 0.
    public var rank: Int?
    /// 1/(2T) sum over the held-out rows of y^2: the test error of the zero
    /// predictor on this trial's rows (what the test error exceeds it by is
    /// the fit's own error when the labels are pure noise).
    public var testLabelPower: Double = 0
}

/// A mean over trials with its standard error (sample standard deviation /
/// sqrt(trials)).
public struct TrialMean: Sendable, Equatable {
    public var mean: Double
    public var standardError: Double

    public init(_ values: [Double]) {
        let k = Double(values.count)
        let mean = values.reduce(0, +) / k
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (k - 1)
        self.mean = mean
        standardError = (variance / k).squareRoot()
    }
}

/// The outcome of a real-data simulation.
public struct DataSimulationResult: Sendable {
    public var trialResults: [DataTrialResult]
    public var testError: TrialMean
    public var trainingError: TrialMean
    /// Mean over the trials where GCV is computed (NaN if fewer than two).
    public var gcv: TrialMean
    public var seconds: Double
}

/// Random-feature ridge regression on the rows of a real data set (Docs/Theory.md
/// section 9), the measurement the theory's `testError` predicts.
///
/// Each trial draws, from the stream of (seed, trial): the feature weights U
/// (N x d, u_iI ~ N(0, sigma_u^2 / M) with M the number of covariance
/// eigenvalues kept, so that the features match the theory's), then a random
/// order of the n rows, whose first P are the training set and next T the
/// held-out test rows (drawn without replacement, disjoint). Features
/// phi = sigma(U x) of the centred rows; theta by ridge regression with
/// gamma on the unnormalized sum (section 2) by ScalingMonteCarlo's
/// `RidgeFit` (Cholesky in the smaller dimension, or for gamma = 0 the
/// minimum-norm least-squares solution), which also gives the training error
/// and GCV, as in the synthetic simulation.
/// Trials run in parallel with single-threaded BLAS, so each trial's numbers
/// do not depend on the thread count.
public struct DataSimulation: Sendable {
    public let featureCount: Int
    public let sampleCount: Int
    public let testRowCount: Int
    public let latentDimension: Int
    public let configuration: ModelConfiguration
    public let options: DataSimulationOptions
    public let workerCount: Int
    let data: CentredDataSet

    /// Throws `ScalingError.invalidParameter` for N or P that are not whole
    /// numbers, P + T above the number of rows, fewer than two trials, T < 1,
    /// threads < 1, M outside 1...d; `.tooLarge` above the memory limit.
    public init(data: CentredDataSet, latentDimension m: Int, configuration c: ModelConfiguration,
                options: DataSimulationOptions = DataSimulationOptions()) throws {
        func whole(_ value: Double, _ name: String) throws -> Int {
            guard value.isFinite, value >= 1, value.rounded() == value, value <= Double(Int32.max) else {
                throw ScalingError.invalidParameter(name: name, value: value, requirement: "must be a whole number >= 1")
            }
            return Int(value)
        }
        featureCount = try whole(c.featureCount, "featureCount (N)")
        sampleCount = try whole(c.sampleCount, "sampleCount (P)")
        let n = data.sampleCount
        guard sampleCount < n else {
            throw ScalingError.invalidParameter(name: "sampleCount (P)", value: c.sampleCount,
                                                requirement: "must leave held-out rows: below the \(n) rows of the data")
        }
        let test = options.testRows ?? min(n - sampleCount, 10_000)
        guard test >= 1, sampleCount + test <= n else {
            throw ScalingError.invalidParameter(name: "testRows", value: Double(test),
                                                requirement: "must be >= 1 with P + testRows <= \(n) rows")
        }
        guard options.trials >= 2 else {
            throw ScalingError.invalidParameter(name: "trials", value: Double(options.trials),
                                                requirement: "must be >= 2 for a standard error")
        }
        if let threads = options.threads, threads < 1 {
            throw ScalingError.invalidParameter(name: "threads", value: Double(threads), requirement: "must be >= 1")
        }
        guard m >= 1, m <= data.dimension else {
            throw ScalingError.invalidParameter(name: "latentDimension (M)", value: Double(m),
                                                requirement: "must be in 1...\(data.dimension)")
        }
        testRowCount = test
        latentDimension = m
        workerCount = min(options.threads ?? ProcessInfo.processInfo.activeProcessorCount, options.trials)
        let (nf, p, d) = (Double(featureCount), Double(sampleCount), Double(data.dimension))
        let small = min(nf, p), chunk = Double(min(test, Self.chunk))
        // U, X_train, Phi (and its copy for gamma = 0), the Gram matrix (two
        // for an interpolating ridgeless fit), a test chunk and its features, the row order.
        let perWorker = 8 * (nf * d + d * p + 2 * nf * p + 2 * small * small + 400 * small + chunk * (d + nf)
                             + 2 * Double(n))
        try MemoryBudget.check(Double(workerCount) * perWorker + 8 * Double(n) * d, limit: options.memoryLimit,
                               what: "a simulation on \(n) x \(data.dimension) data at N = \(featureCount), P = \(sampleCount) with \(workerCount) worker(s)")
        configuration = c
        self.options = options
        self.data = data
    }

    static let chunk = 1024

    /// Runs all trials; `progress` gets the number finished so far.
    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> DataSimulationResult {
        let start = DispatchTime.now().uptimeNanoseconds
        let results = try ParallelTrials.map(count: options.trials, workers: workerCount, progress: progress, runTrial)
        let gcv = results.map(\.gcv).filter { $0.isFinite }
        return DataSimulationResult(
            trialResults: results, testError: TrialMean(results.map(\.testError)),
            trainingError: TrialMean(results.map(\.trainingError)),
            gcv: gcv.count >= 2 ? TrialMean(gcv) : TrialMean([.nan, .nan]),
            seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// Trial `index` alone, with single-threaded BLAS: the same numbers as in `run`.
    public func trial(_ index: Int) throws -> DataTrialResult {
        try BLASThreads.singleThreaded { try runTrial(index) }
    }

    private func runTrial(_ index: Int) throws -> DataTrialResult {
        let n = featureCount, p = sampleCount, d = data.dimension
        let stream = RandomStream(seed: options.seed, trial: index)
        var u = Matrix(rows: n, columns: d)
        stream.fillGaussian(&u.elements, standardDeviation: (configuration.featureWeightVariance / Double(latentDimension)).squareRoot())
        // A uniformly random order of the rows: sort by i.i.d. Gaussian keys.
        let keys = stream.gaussians(data.sampleCount)
        let order = keys.indices.sorted { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
        let trainRows = Array(order[0..<p]), testRows = Array(order[p..<(p + testRowCount)])

        let (x, y) = gather(trainRows)
        let phi = try options.activation.features(weights: u, inputs: x)
        let fit = try RidgeFit(features: phi, labels: y, ridge: configuration.ridge)
        let theta = fit.coefficients

        var testSum = 0.0, labelSum = 0.0
        var done = 0
        while done < testRowCount {
            let size = min(Self.chunk, testRowCount - done)
            let (xt, yt) = gather(Array(testRows[done..<(done + size)]))
            let features = try options.activation.features(weights: u, inputs: xt)
            var z = [Double](repeating: 0, count: size)
            LinearAlgebra.multiply(features, transpose: true, theta, into: &z)
            for k in 0..<size {
                testSum += (z[k] - yt[k]) * (z[k] - yt[k])
                labelSum += yt[k] * yt[k]
            }
            done += size
        }
        return DataTrialResult(testError: testSum / (2 * Double(testRowCount)), trainingError: fit.trainingError,
                               gcv: fit.gcv ?? .nan, rank: fit.rank,
                               testLabelPower: labelSum / (2 * Double(testRowCount)))
    }

    /// The centred rows `rows` as a d x |rows| matrix, one per column, and their targets.
    private func gather(_ rows: [Int]) -> (Matrix, [Double]) {
        let d = data.dimension
        var x = Matrix(rows: d, columns: rows.count)
        data.samples.elements.withUnsafeBufferPointer { source in
            x.elements.withUnsafeMutableBufferPointer { target in
                for (k, row) in rows.enumerated() {
                    for j in 0..<d { target[k * d + j] = source[row * d + j] }
                }
            }
        }
        return (x, rows.map { data.targets[$0] })
    }
}
