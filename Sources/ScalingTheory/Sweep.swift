import Dispatch
import Glibc

/// The parameter a sweep varies; all others stay at the base configuration.
public enum SweepParameter: String, Sendable, CaseIterable {
    /// N, the number of features.
    case featureCount = "N"
    /// P, the number of samples.
    case sampleCount = "P"
    /// gamma, the ridge.
    case ridge = "gamma"
    /// C = N P, the compute, at the base configuration's ratio N / P:
    /// N = sqrt(C N0/P0), P = sqrt(C P0/N0).
    case compute

    /// The configuration at `value` of this parameter.
    public func configuration(_ value: Double, base: ModelConfiguration) throws -> ModelConfiguration {
        switch self {
        case .featureCount: return try base.with(featureCount: value)
        case .sampleCount: return try base.with(sampleCount: value)
        case .ridge: return try base.with(ridge: value)
        case .compute:
            try Check.positive(value, "compute C")
            let ratio = base.featureCount / base.sampleCount
            return try base.with(featureCount: (value * ratio).squareRoot(), sampleCount: (value / ratio).squareRoot())
        }
    }
}

/// One point of a sweep: the grid value, the configuration there, and the
/// theory's prediction.
public struct SweepPoint: Sendable {
    public var value: Double
    public var configuration: ModelConfiguration
    public var prediction: Prediction
}

/// Theory predictions along a grid of one parameter.
public enum Sweep {
    /// Predicts at every grid value, in parallel over the cores; the result is
    /// in grid order and independent of the thread count.
    public static func theory(spectrum: some Spectrum, base: ModelConfiguration, vary parameter: SweepParameter,
                              over grid: ParameterGrid,
                              solver: SelfConsistentSolver = SelfConsistentSolver()) throws -> [SweepPoint] {
        let values = grid.values
        let configurations = try values.map { try parameter.configuration($0, base: base) }
        let results = ResultSlots<Result<Prediction, Error>>(count: values.count)
        DispatchQueue.concurrentPerform(iterations: values.count) { i in
            results[i] = Result { try solver.predict(spectrum: spectrum, configuration: configurations[i]) }
        }
        return try values.indices.map { i in
            SweepPoint(value: values[i], configuration: configurations[i], prediction: try results[i]!.get())
        }
    }
}

/// Fixed slots written by parallel workers, one slot per index, read after
/// all workers finish.
final class ResultSlots<T>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = Lock()
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    subscript(index: Int) -> T? {
        get { lock.lock(); defer { lock.unlock() }; return storage[index] }
        set { lock.lock(); storage[index] = newValue; lock.unlock() }
    }
}
