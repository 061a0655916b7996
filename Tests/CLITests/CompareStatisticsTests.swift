import Foundation
import XCTest

/// compare and simulate report the per-trial distribution, and compare does
/// not pass a point whose standard error cannot be trusted.
final class CompareStatisticsTests: XCTestCase {
    /// Issue 16: near the ridgeless peak (P - N = 3) the per-trial loss has an
    /// infinite variance; the 8-trial z-score is small by luck, so compare
    /// must flag the point instead of passing it.
    func testCompareFlagsTheNearPeakPoint() throws {
        let result = try CLIRunner.run(["compare", "--alpha", "1", "--M", "1000", "--P", "400", "--vary", "N",
                                        "--from", "397", "--to", "397", "--points", "1", "--trials", "8",
                                        "--format", "json"])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let json = try result.json()
        XCTAssertEqual(json["pass"] as? Bool, false)
        let point = try XCTUnwrap((json["points"] as? [[String: Any]])?.first)
        XCTAssertEqual(point["status"] as? String, "unreliable")
        XCTAssertTrue((point["warning"] as? String)?.contains("infinite variance") ?? false)
        let median = try XCTUnwrap(point["median"] as? Double)
        let lower = try XCTUnwrap(point["bootstrapLower"] as? Double)
        let upper = try XCTUnwrap(point["bootstrapUpper"] as? Double)
        XCTAssertTrue(lower <= upper && median > 0)
    }

    /// Away from the peak and with a ridge the same check passes.
    func testCompareStillPassesLightTailedPoints() throws {
        let result = try CLIRunner.run(["compare", "--alpha", "1", "--M", "1000", "--P", "400", "--gamma", "1e-3",
                                        "--vary", "N", "--from", "50", "--to", "800", "--points", "4",
                                        "--trials", "16", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let points = try XCTUnwrap(try result.json()["points"] as? [[String: Any]])
        XCTAssertEqual(points.map { $0["status"] as? String }, Array(repeating: "ok", count: 4))
    }

    func testSimulateReportsTheDistributionShape() throws {
        let result = try CLIRunner.run(["simulate", "--alpha", "1", "--M", "1000", "--N", "397", "--P", "400",
                                        "--trials", "8", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("infinite variance"), result.stderr)
        let json = try result.json()
        let losses = try XCTUnwrap(json["losses"] as? [Double]).sorted()
        // Type-7 median of 8 values: the mean of the 4th and 5th.
        XCTAssertEqual(try XCTUnwrap(json["median"] as? Double), (losses[3] + losses[4]) / 2, accuracy: 1e-18)
        XCTAssertEqual(json["maximum"] as? Double, losses.last)
        XCTAssertNotNil(json["kurtosis"] as? Double)
        XCTAssertNotNil(json["standardErrorWarning"] as? String)
    }
}
