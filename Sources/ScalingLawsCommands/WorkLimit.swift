import Foundation
import ScalingMonteCarlo
import ScalingOutput
import ScalingTheory

/// Refuses runs whose estimated work is far beyond an interactive session
/// (above `limitSeconds`), before any of it is done, with the estimate in
/// the message. `--no-work-limit`, accepted by every command, lifts it.
///
/// Estimates (`WorkEstimate`) are in flops of single-threaded dense algebra
/// at `flopsPerCore` per core, over the machine's cores; they aim at the
/// right order of magnitude, not at a forecast.
enum WorkLimit {
    nonisolated(unsafe) static var disabled = false
    static let limitSeconds = 3600.0
    static let flopsPerCore = 2e9

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
}
