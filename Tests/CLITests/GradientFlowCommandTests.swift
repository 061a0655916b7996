import Foundation
import XCTest

/// `predict --time`, `simulate --time`, `sweep --vary time` and
/// `compute-optimal --budget` through the command line.
final class GradientFlowCommandTests: XCTestCase {
    let model = ["--alpha", "1", "--M", "400", "--N", "100", "--P", "300"]

    func testPredictTimeInfinityIsTodaysPrediction() throws {
        let today = try CLIRunner.run(["predict", "--format", "json"] + model).json()
        let flow = try CLIRunner.run(["predict", "--format", "json", "--time", "inf"] + model)
        XCTAssertEqual(flow.status, 0, flow.stderr)
        let json = try flow.json()
        XCTAssertEqual(json["time"] as? String, "inf")
        XCTAssertEqual(try XCTUnwrap(json["loss"] as? Double), try XCTUnwrap(today["loss"] as? Double))
    }

    func testPredictTimeDecreasesFromTheZeroPredictor() throws {
        let zero = try CLIRunner.run(["predict", "--format", "json", "--time", "0"] + model).json()
        let later = try CLIRunner.run(["predict", "--format", "json", "--time", "100"] + model).json()
        XCTAssertEqual(zero["time"] as? Double, 0)
        XCTAssertEqual(try XCTUnwrap(zero["relativeLoss"] as? Double), 1, accuracy: 1e-14)
        XCTAssertLessThan(try XCTUnwrap(later["loss"] as? Double), try XCTUnwrap(zero["loss"] as? Double))
    }

    func testSimulateTimeListAgreesWithTheory() throws {
        let result = try CLIRunner.run(["simulate", "--format", "json", "--time", "1,100,inf", "--trials", "16",
                                        "--seed", "4"] + model)
        XCTAssertEqual(result.status, 0, result.stderr)
        let points = try XCTUnwrap(try result.json()["points"] as? [[String: Any]])
        XCTAssertEqual(points.count, 3)
        for point in points { XCTAssertLessThan(abs(try XCTUnwrap(point["zScore"] as? Double)), 4, "\(point)") }
    }

    func testBadTimesExitTwoWithOneLine() throws {
        for (command, time) in [("simulate", "-1"), ("simulate", "nan"), ("simulate", ""), ("simulate", "1,,2"),
                                ("predict", "-3"), ("predict", "nan"), ("predict", "1,2")] {
            let trials = command == "simulate" ? ["--trials", "2"] : []
            let result = try CLIRunner.run([command, "--time", time] + trials + model)
            XCTAssertEqual(result.status, 2, "\(command) --time '\(time)': \(result.stdout)")
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        }
    }

    func testSweepTimeWritesFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flow-sweep-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLIRunner.run(["sweep", "--vary", "time", "--from", "1", "--to", "1e4", "--points", "5",
                                        "--output", directory.path] + model)
        XCTAssertEqual(result.status, 0, result.stderr)
        let csv = try String(contentsOf: directory.appendingPathComponent("sweep-time.csv"), encoding: .utf8)
        XCTAssertEqual(csv.split(separator: "\n").filter { !$0.hasPrefix("#") }.count, 6)
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent("sweep-time.svg").path))
    }

    func testComputeOptimalNtExponents() throws {
        let result = try CLIRunner.run(["compute-optimal", "--budget", "Nt", "--alpha", "1", "--M", "1e6",
                                        "--from", "1e4", "--to", "1e9", "--points", "6", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try result.json()
        XCTAssertEqual((json["points"] as? [Any])?.count, 6)
        for key in ["feature", "steps", "loss"] {
            let fitted = try XCTUnwrap(json[key + "ExponentFitted"] as? Double)
            let predicted = try XCTUnwrap(json[key + "ExponentPredicted"] as? Double)
            // Asymptotic exponents; the fit over 5 decades sits within 0.01 of them.
            XCTAssertEqual(fitted, predicted, accuracy: 0.01, key)
        }
    }

    /// The inputs recorded by each gradient-flow output reproduce it.
    func testOutputsRerun() throws {
        let runs: [[String]] = [
            ["predict", "--time", "inf"] + model,
            ["predict", "--time", "30"] + model,
            ["simulate", "--time", "1,100", "--trials", "3"] + model,
            ["compute-optimal", "--budget", "Nt", "--alpha", "1", "--M", "1e6", "--from", "1e4", "--to", "1e6", "--points", "2"],
        ]
        for run in runs {
            let result = try CLIRunner.run(run + ["--format", "json"])
            XCTAssertEqual(result.status, 0, result.stderr)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("flow-rerun-\(getpid()).json")
            defer { try? FileManager.default.removeItem(at: file) }
            try result.stdout.write(to: file, atomically: true, encoding: .utf8)
            let rerun = try CLIRunner.run(["rerun", file.path])
            XCTAssertEqual(rerun.status, 0, "\(run): \(rerun.stderr)")
        }
    }
}
