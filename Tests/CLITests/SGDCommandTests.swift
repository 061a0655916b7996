import Foundation
import XCTest

/// `predict --optimizer sgd`, `simulate --optimizer sgd` and
/// `sweep --vary steps` through the command line.
final class SGDCommandTests: XCTestCase {
    let model = ["--alpha", "1", "--M", "400", "--N", "100", "--optimizer", "sgd", "--batch-size", "4"]

    func testPredictReportsLossAfterRStepsAndSamplesSeen() throws {
        let result = try CLIRunner.run(["predict", "--format", "json", "--learning-rate", "1", "--steps", "300"] + model)
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try result.json()
        XCTAssertEqual(json["samplesSeen"] as? Double, 1200)
        XCTAssertEqual(json["steps"] as? Double, 300)
        XCTAssertEqual(json["batchSize"] as? Int, 4)
        let zero = try CLIRunner.run(["predict", "--format", "json", "--learning-rate", "1", "--steps", "0"] + model).json()
        XCTAssertEqual(try XCTUnwrap(zero["relativeLoss"] as? Double), 1, accuracy: 1e-12)
        let loss = try XCTUnwrap(json["loss"] as? Double)
        XCTAssertLessThan(loss, try XCTUnwrap(zero["loss"] as? Double))
        XCTAssertGreaterThan(loss, try XCTUnwrap(json["representableLoss"] as? Double))
    }

    /// The default optimizer writes today's output, byte for byte.
    func testDefaultOptimizerIsUnchanged() throws {
        let plain = ["--alpha", "1", "--M", "400", "--N", "100", "--P", "300", "--format", "json"]
        let today = try CLIRunner.run(["predict"] + plain)
        let explicit = try CLIRunner.run(["predict", "--optimizer", "ridge"] + plain)
        XCTAssertEqual(today.status, 0)
        XCTAssertFalse(today.stdout.contains("optimizer"))
        XCTAssertEqual(try XCTUnwrap(today.json()["loss"] as? Double), try XCTUnwrap(explicit.json()["loss"] as? Double))
    }

    func testSimulateAgreesWithTheory() throws {
        let result = try CLIRunner.run(["simulate", "--format", "json", "--learning-rate", "1", "--steps", "10,300",
                                        "--trials", "24", "--seed", "2"] + model)
        XCTAssertEqual(result.status, 0, result.stderr)
        let points = try XCTUnwrap(try result.json()["points"] as? [[String: Any]])
        XCTAssertEqual(points.map { $0["samplesSeen"] as? Double }, [40, 1200])
        for point in points { XCTAssertLessThan(abs(try XCTUnwrap(point["zScore"] as? Double)), 4, "\(point)") }
    }

    /// Four trials on 1 and 2 threads, and one trial on 1, 2 and 3 (the
    /// spare threads draw its substreams): the same points.
    func testThreadsDoNotChangeTheResult() throws {
        for (trials, threads) in [("4", ["2"]), ("1", ["2", "3"])] {
            let run = ["simulate", "--format", "json", "--learning-rate", "1", "--steps", "50", "--trials", trials] + model
            let one = try CLIRunner.run(run + ["--threads", "1"]).json()
            for count in threads {
                let more = try CLIRunner.run(run + ["--threads", count]).json()
                XCTAssertEqual(one["points"] as? NSArray, more["points"] as? NSArray, "\(trials) trial(s), \(count) threads")
            }
        }
    }

    func testSweepStepsWritesFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sgd-sweep-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLIRunner.run(["sweep", "--vary", "steps", "--from", "1", "--to", "1e3", "--points", "4",
                                        "--learning-rate", "1", "--output", directory.path] + model)
        XCTAssertEqual(result.status, 0, result.stderr)
        let csv = try String(contentsOf: directory.appendingPathComponent("sweep-steps.csv"), encoding: .utf8)
        XCTAssertEqual(csv.split(separator: "\n").filter { !$0.hasPrefix("#") }.count, 5)
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent("sweep-steps.svg").path))
    }

    func testBadInputExitsTwoWithOneLine() throws {
        let base = ["--alpha", "1", "--M", "400", "--N", "100"]
        let sgd = base + ["--optimizer", "sgd"]
        try CLIRunner.assertBadInput(["predict", "--batch-size", "0", "--learning-rate", "1", "--steps", "10"] + sgd,
                                     mentioning: "--batch-size")
        for eta in ["0", "-1", "nan", "inf"] {
            try CLIRunner.assertBadInput(["predict", "--learning-rate", eta, "--steps", "10"] + sgd,
                                         mentioning: "--learning-rate")
        }
        try CLIRunner.assertBadInput(["predict", "--learning-rate", "1", "--steps", "10", "--P", "100"] + sgd,
                                     mentioning: "--P")
        try CLIRunner.assertBadInput(["predict", "--P", "100", "--steps", "10"] + base, mentioning: "--optimizer sgd")
        try CLIRunner.assertBadInput(["predict", "--learning-rate", "1", "--steps", "1.5"] + sgd, mentioning: "--steps")
        try CLIRunner.assertBadInput(["sweep", "--vary", "steps", "--from", "1", "--to", "10", "--learning-rate", "1"]
                                     + base, mentioning: "--optimizer sgd")
    }

    /// One meaning of `--learning-rate` (the raw eta): compute-optimal's
    /// normalized rate has its own name, and the old spelling there is refused.
    func testComputeOptimalRateHasItsOwnName() throws {
        let budget = ["compute-optimal", "--budget", "sgd", "--alpha", "1", "--M", "inf", "--from", "1e4", "--to", "1e4",
                      "--points", "1"]
        try CLIRunner.assertBadInput(budget + ["--learning-rate", "0.3"], mentioning: "--normalized-learning-rate")
        try CLIRunner.assertBadInput(["compute-optimal", "--alpha", "1", "--M", "100", "--learning-rate", "0.3"],
                                     mentioning: "--normalized-learning-rate")
        try CLIRunner.assertBadInput(["compute-optimal", "--alpha", "1", "--M", "100", "--normalized-learning-rate", "0.3"],
                                     mentioning: "--budget sgd")
        for rate in ["0", "-1", "nan"] {
            try CLIRunner.assertBadInput(budget + ["--normalized-learning-rate", rate], mentioning: "--normalized-learning-rate")
        }
        // Below the line: M = R N and the rate per unit of trace, under their own names.
        let below = ["compute-optimal", "--budget", "sgd", "--alpha", "-0.3", "--teacher-exponent", "0.6", "--from", "1e6",
                     "--to", "1e8", "--points", "3"]
        let ib = try CLIRunner.run(below + ["--latent-ratio", "4", "--format", "json"])
        XCTAssertEqual(ib.status, 0, ib.stderr)
        let document = try ib.json()
        // Phase Ib's exponents (SGDPhase): N* 1/2, L* -(alpha + beta)/2.
        XCTAssertEqual(document["featureExponentPredicted"] as? Double, 0.5)
        XCTAssertEqual(try XCTUnwrap(document["lossExponentPredicted"] as? Double), -0.15, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap((document["inputs"] as? [String: Any])?["latentRatio"] as? Double), 4)
        try CLIRunner.assertBadInput(below + ["--latent-ratio", "4", "--M", "100"], mentioning: "--latent-ratio")
        try CLIRunner.assertBadInput(below + ["--latent-ratio", "0.5"], mentioning: "--latent-ratio")
        try CLIRunner.assertBadInput(below + ["--latent-ratio", "4", "--normalized-learning-rate", "1"],
                                     mentioning: "--trace-learning-rate")
        try CLIRunner.assertBadInput(budget + ["--trace-learning-rate", "1"], mentioning: "--latent-ratio")
        let ok = try CLIRunner.run(budget + ["--normalized-learning-rate", "0.3", "--format", "json"])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        let inputs = try XCTUnwrap(ok.json()["inputs"] as? [String: Any])
        XCTAssertEqual(inputs["normalizedLearningRate"] as? Double, 0.3)
    }

    /// `map --phases --latent-ratio`: cells below the high-dimensional line
    /// (alpha < 0, M = R N), each in phase Ib with its N* exponent within 0.02
    /// of 1/2 (as `SGDComputeOptimizerTests` measures through the library).
    func testPhaseMapBelowTheLine() throws {
        let run = try CLIRunner.run(["map", "--phases", "--latent-ratio", "4", "--from", "-0.3", "--to", "-0.2",
                                     "--teacher-from", "0.6", "--teacher-to", "0.8", "--points", "2", "--output", "-",
                                     "--format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let cells = try XCTUnwrap(try run.json()["phaseCells"] as? [[String: Any]])
        XCTAssertEqual(cells.count, 4)
        for cell in cells {
            XCTAssertEqual(cell["phase"] as? String, "Ib", "\(cell)")
            let fitted = try XCTUnwrap(cell["featureExponentFitted"] as? Double)
            XCTAssertEqual(fitted, 0.5, accuracy: 0.02, "\(cell)")
        }
        try CLIRunner.assertBadInput(["map", "--phases", "--from", "-0.3", "--to", "-0.2", "--teacher-from", "0.6",
                                      "--points", "2", "--output", "-"], mentioning: "--from")
        try CLIRunner.assertBadInput(["map", "--latent-ratio", "4", "--alpha", "1", "--M", "100", "--from", "10", "--to", "50"],
                                     mentioning: "--phases")
    }

    /// Past the stability edge: exit 1, one line naming the largest stable rate.
    func testUnstableLearningRateExitsOneNamingTheEdge() throws {
        let ok = try CLIRunner.run(["predict", "--format", "json", "--learning-rate", "1", "--steps", "10"] + model).json()
        let edge = try XCTUnwrap(ok["largestStableLearningRate"] as? Double)
        for command in ["predict", "simulate"] {
            let trials = command == "simulate" ? ["--trials", "2"] : []
            let result = try CLIRunner.run([command, "--learning-rate", "\(1.2 * edge)", "--steps", "10"] + trials + model)
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
            XCTAssertTrue(result.stderr.contains(String(format: "%.6g", edge)), result.stderr)
        }
    }
}
