import DenseAlgebra
import Foundation
import ScalingFit
import TestSupport
import XCTest

/// Bootstrap refits that stop at the minimizer's iteration limit stay near
/// the best fit they start from, so the intervals can be too narrow: the fit
/// counts them and warns (`ScalingLawFit.refitsAtIterationLimit`,
/// `warnings`, and through `FitReport` the CLI's warnings).
final class RefitIterationLimitTests: XCTestCase {
    /// With BFGS capped at 3 iterations, the count equals the refits that
    /// stop at the limit when the bootstrap is replayed here independently
    /// (the same row resamples, RandomStream(seed, trial: r), refitted from
    /// the best fit by the form's own minimization), and the warning says so.
    func testRefitsAtTheIterationLimitAreCountedAndWarned() throws {
        let runs = try SyntheticRuns.chinchilla(seed: 7)
        var options = FitOptions()
        options.resamples = 40
        options.seed = 5
        let form = ChinchillaForm(starts: ChinchillaForm.smallGrid)
        options.minimizer.maxIterations = 3
        let capped = try ScalingLawFit(runs: runs, form: form, options: options)
        let data = FitData(runs)
        let huber = try HuberLoss(delta: options.huberDelta)
        var limited = 0, finished = 0
        for r in 0..<options.resamples {
            let stream = RandomStream(seed: options.seed, trial: r)
            var weights = [Double](repeating: 0, count: data.count)
            for _ in 0..<data.count { weights[stream.index(below: data.count)] += 1 }
            let result = try capped.form.minimize(from: capped.theta, data, targets: data.logLoss, weights: weights,
                                                  huber: huber, settings: options.minimizer)
            guard result.value.isFinite, result.x.allSatisfy(\.isFinite) else { continue }
            finished += 1
            if result.stop == .iterationLimit { limited += 1 }
        }
        XCTAssertGreaterThan(limited, 0)
        XCTAssertEqual(capped.resampleThetas.count, finished)
        XCTAssertEqual(capped.refitsAtIterationLimit, limited)
        let message = "\(limited) of \(finished) refits stopped at the iteration limit; the intervals may be too narrow"
        XCTAssertTrue(capped.warnings.contains(message), "\(capped.warnings)")

        // The report (what `fit` writes to stderr and fit.json) carries it.
        var request = FitRequest(runs: runs, forms: ["chinchilla"], options: options)
        request.chinchillaStarts = ChinchillaForm.smallGrid
        let report = try FitReport(request)
        XCTAssertTrue(report.forms[0].warnings.contains(message), "\(report.forms[0].warnings)")
    }
}
