import Dispatch
import DenseAlgebra
import NonlinearFeatureTheory

/// Monotonic wall-clock laps, for the per-phase timings of a trial.
struct Stopwatch {
    private var last = DispatchTime.now().uptimeNanoseconds

    /// Seconds since the previous lap (or creation).
    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }
}
