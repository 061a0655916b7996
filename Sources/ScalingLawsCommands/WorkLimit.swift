import Foundation
import ScalingOutput
import ScalingTheory

/// Refuses runs whose estimated work is far beyond an interactive session
/// (above `limitSeconds`), before any of it is done, with the estimate in
/// the message. `--no-work-limit`, accepted by every command, lifts it.
///
/// Estimates are in flops of single-threaded dense algebra at
/// `flopsPerCore` per core, over the machine's cores; they aim at the right
/// order of magnitude, not at a forecast.
enum WorkLimit {
    nonisolated(unsafe) static var disabled = false
    static let limitSeconds = 3600.0
    static let flopsPerCore = 2e9
    /// Fixed cost of a trial or draw besides its algebra (streams, allocations).
    static let flopsPerTrial = 2e4

    /// Throws a `UsageError` naming the estimate when `flops` is above the limit.
    static func check(flops: Double, what: String) throws {
        guard !disabled else { return }
        let cores = Double(max(1, ProcessInfo.processInfo.activeProcessorCount))
        let seconds = flops / (flopsPerCore * cores)
        guard !(seconds <= limitSeconds) else { return }
        throw UsageError(String(format: "%@ would take about %@ (%.2g flops on %d cores), above the limit of 1 h; "
                                + "pass --no-work-limit to run it anyway", what, Heartbeat.format(seconds),
                                flops, Int(cores)))
    }

    /// One Monte Carlo trial at N, P, M (any of them may be huge).
    static func trialFlops(featureCount n: Double, sampleCount p: Double, latentDimension m: Double,
                           testSamples: Double = 0) -> Double {
        let small = min(n, p), large = max(n, p)
        return flopsPerTrial + 2 * n * m * p + 2 * small * small * large + small * small * small
            + 2 * n * m * testSamples
    }

    /// One draw of the nonlinear theory: products N x M, the N x N
    /// moments by quadrature and their eigendecomposition.
    static func drawFlops(featureCount n: Double, latentDimension m: Double, quadratureOrder: Double = 40) -> Double {
        flopsPerTrial + 4 * n * n * m + n * n * quadratureOrder + 10 * n * n * n
    }

    /// `evaluations` evaluations of the spectral sums: O(M) each for exact
    /// sums, O(head) for Euler-Maclaurin.
    static func theoryFlops(spectrum: any Spectrum, evaluations: Double) -> Double {
        let terms = spectrum.summation == .exact ? spectrum.latentDimension : 2000
        return evaluations * 10 * terms
    }

    /// A simulated sweep: every grid point's trials.
    static func sweepFlops(spectrum: any Spectrum, base: ModelConfiguration, vary parameter: SweepParameter,
                           grid: ParameterGrid, trials: Int) -> Double {
        var total = 0.0
        for value in grid.values {
            guard let c = try? parameter.configuration(value, base: base) else { continue }
            total += Double(trials) * trialFlops(featureCount: c.featureCount, sampleCount: c.sampleCount,
                                                 latentDimension: spectrum.latentDimension)
        }
        return total
    }
}
