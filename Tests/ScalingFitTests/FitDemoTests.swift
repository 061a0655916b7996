import Foundation
import ScalingFigures
import ScalingFit
import XCTest

/// The demo's fit figure (`FitDemo`, figure 11) at a small size: 4 trials
/// per run and 20 resamples instead of the design's 32 and 100.
final class FitDemoTests: XCTestCase {
    func testFitDemoDrawsRunsFitsHeldOutRunsAndForecastBands() throws {
        let demo = try FitDemo(trials: 4, seed: 2, threads: nil, resamples: 20)
        XCTAssertEqual(demo.runs.count, FitDemo.design.runCount)
        XCTAssertEqual(demo.report.forms.map(\.name), ["chinchilla", "model"])
        // C = 6 N P >= 1.5e6: (128, 2048), (256, 1024), (256, 2048).
        XCTAssertEqual(FitDemo.design.heldOutCount, 3)
        XCTAssertEqual(demo.report.heldOut.map { [demo.runs.N[$0], demo.runs.D[$0]] }, [[128, 2048], [256, 1024], [256, 2048]])
        for form in demo.report.forms {
            XCTAssertNotNil(form.holdoutError, form.name)
            XCTAssertEqual(form.forecasts.count, 3)
            XCTAssertTrue(form.forecasts.allSatisfy { $0.lower != nil && $0.value.isFinite }, form.name)
        }
        let names = demo.plot.series.map(\.name)
        for wanted in ["N = 32", "chinchilla fit", "model fit", "held out", "chinchilla forecast along N = D/8",
                       "model forecast along N = D/8", "chinchilla 95 % band", "model 95 % band",
                       "truth along N = D/8 (hidden parameters)"] {
            XCTAssertTrue(names.contains(wanted), "no series '\(wanted)' in \(names)")
        }
        let truth = try XCTUnwrap(demo.plot.series.first { $0.name.hasPrefix("truth") })
        XCTAssertTrue(truth.points.allSatisfy { $0.y.isFinite && $0.y > 0 })
        // The truth at the largest forecast point is the theory at the hidden parameters.
        XCTAssertEqual(truth.points.last!.y, try FitDemo.truth(N: 204_800 / 8, P: 204_800), accuracy: 1e-12)
        XCTAssertTrue(demo.plot.svg(width: 960, height: 560).contains("<svg"))
    }
}
