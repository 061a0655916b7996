import Foundation
import XCTest

/// `exponents`, `optimal-ridge`, `compute-optimal`, and `--M inf` everywhere.
final class PowerLawCommandTests: XCTestCase {
    func testPredictAcceptsInfiniteLatentDimension() throws {
        let result = try CLIRunner.succeeding(["predict", "--alpha", "1", "--M", "inf", "--N", "1e4", "--P", "1e8",
                                               "--format", "json"])
        let json = try result.json()
        // The keys of predict are fixed; M = infinity is recorded as "inf", like every non-finite number.
        XCTAssertEqual(Set(json.keys), Set(["command", "version", "inputs", "loss", "testError", "standardError", "relativeLoss",
                                           "delta", "df1", "df2", "trainingError", "regime", "summation"]))
        XCTAssertEqual(try result.inputs()["M"] as? String, "inf")
        XCTAssertEqual(json["regime"] as? String, "underparameterized")
        let loss = try XCTUnwrap(json["loss"] as? Double)
        // (pi^2/8) N^-1 / (1 - N/P), within 1 percent.
        let asymptotic = Double.pi * Double.pi / 8 / 1e4 / (1 - 1e-4)
        XCTAssertEqual(loss, asymptotic, accuracy: 0.01 * asymptotic)

        let table = try CLIRunner.run(["predict", "--alpha", "1", "--M", "1e12", "--N", "10", "--P", "100"])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("euler-maclaurin"), table.stdout)
        let forced = try CLIRunner.run(["predict", "--alpha", "1", "--M", "1000", "--N", "10", "--P", "100",
                                        "--summation", "euler-maclaurin"])
        XCTAssertTrue(forced.stdout.contains("euler-maclaurin"), forced.stdout)
    }

    func testExponents() throws {
        let result = try CLIRunner.succeeding(["exponents", "--alpha", "1", "--M", "inf", "--N", "1e4", "--P", "1e10",
                                               "--format", "json"])
        let json = try result.json()
        XCTAssertEqual(try XCTUnwrap(json["featureExponent"] as? Double), -1, accuracy: 1e-3)
        XCTAssertEqual(json["bottleneck"] as? String, "N")
        XCTAssertEqual(try result.inputs()["M"] as? String, "inf")
        XCTAssertEqual(json["asymptoticExponent"] as? Double, -1)
        XCTAssertLessThan(try XCTUnwrap(json["asymptoticRelativeError"] as? Double), 0.01)
        let table = try CLIRunner.run(["exponents", "--alpha", "0.5", "--M", "1e6", "--N", "300", "--P", "200",
                                       "--gamma", "1e-3"])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("d ln L / d ln N"), table.stdout)
        XCTAssertTrue(table.stdout.contains("bottleneck"), table.stdout)
    }

    func testOptimalRidge() throws {
        let result = try CLIRunner.succeeding(["optimal-ridge", "--alpha", "1", "--M", "inf", "--N", "1000", "--P", "1000",
                                               "--format", "json"])
        let json = try result.json()
        XCTAssertEqual(json["optimum"] as? String, "interior")
        XCTAssertEqual(json["ridgelessLoss"] as? String, "inf")  // +infinity at the peak
        let gamma = try XCTUnwrap(json["gamma"] as? Double)
        XCTAssertGreaterThan(gamma, 0)
        // Beyond the latent dimension without noise any ridge hurts.
        let boundary = try CLIRunner.run(["optimal-ridge", "--alpha", "1", "--M", "500", "--N", "800", "--P", "1500",
                                          "--format", "json"])
        XCTAssertEqual(try boundary.json()["optimum"] as? String, "zero-ridge")
        XCTAssertEqual(try boundary.json()["gamma"] as? Double, 0)
        try CLIRunner.assertBadInput(["optimal-ridge", "--alpha", "1", "--M", "inf", "--N", "10", "--P", "10",
                                      "--gamma", "1"], mentioning: "--gamma")
    }

    func testComputeOptimal() throws {
        let result = try CLIRunner.succeeding(["compute-optimal", "--alpha", "1", "--M", "inf", "--from", "1e6",
                                               "--to", "1e8", "--points", "2", "--ridge", "fixed", "--format", "json"])
        let points = try XCTUnwrap(try result.json()["points"] as? [[String: Any]])
        XCTAssertEqual(points.count, 2)
        XCTAssertEqual(points[1]["C"] as? Double, 1e8)
        XCTAssertEqual(points.map { $0["ridge"] as? String }, ["fixed", "fixed"])
        // Ridgeless: N/P = alpha / (alpha + 2) = 1/3.
        XCTAssertEqual(try XCTUnwrap(points[1]["ratio"] as? Double), 1.0 / 3, accuracy: 1e-3)
        let table = try CLIRunner.run(["compute-optimal", "--alpha", "1", "--M", "inf", "--from", "1e4",
                                       "--to", "1e4", "--points", "1"])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("gamma*") && table.stdout.contains("optimal"), table.stdout)
        // The old spelling still works, with a deprecation note.
        let old = try CLIRunner.run(["compute-optimal", "--alpha", "1", "--M", "inf", "--C-from", "1e6",
                                     "--C-to", "1e8", "--points", "2", "--ridge", "fixed", "--format", "json"])
        XCTAssertEqual(old.status, 0, old.stderr)
        XCTAssertTrue(old.stderr.contains("deprecated"), old.stderr)
        XCTAssertEqual(old.stdout, result.stdout)
    }

    func testHelpListsTheFlags() throws {
        let top = try CLIRunner.run(["--help"])
        for command in ["exponents", "optimal-ridge", "compute-optimal"] {
            XCTAssertTrue(top.stdout.contains(command), command)
            let help = try CLIRunner.run([command, "--help"])
            XCTAssertEqual(help.status, 0)
            for flag in ["--alpha", "--M", "--summation", "--format"] {
                XCTAssertTrue(help.stdout.contains(flag), "\(command) \(flag)")
            }
        }
        let computeHelp = try CLIRunner.run(["compute-optimal", "--help"]).stdout
        for flag in ["--from", "--to", "--points", "--spacing", "--ridge"] { XCTAssertTrue(computeHelp.contains(flag), flag) }
    }

    func testBadInputExitsTwoWithOneLine() throws {
        let model = ["--N", "10", "--P", "20"]
        let cases: [([String], String)] = [
            (["exponents", "--alpha", "0", "--M", "inf"] + model, "alpha"),
            (["exponents", "--alpha", "-1", "--M", "inf"] + model, "alpha"),
            (["exponents", "--alpha", "1", "--M", "0.5"] + model, "latentDimension"),
            (["exponents", "--alpha", "1", "--M", "-inf"] + model, "latentDimension"),
            (["exponents", "--alpha", "1", "--M", "nan"] + model, "--M"),
            (["exponents", "--alpha", "nan", "--M", "inf"] + model, "--alpha"),
            (["exponents", "--alpha", "inf", "--M", "inf"] + model, "alpha"),
            (["exponents", "--alpha", "1", "--M", "inf", "--N", "inf", "--P", "20"], "N"),
            (["exponents", "--alpha", "1", "--M", "inf", "--gamma", "-1"] + model, "gamma"),
            (["predict", "--alpha", "1", "--M", "inf", "--gamma", "nan"] + model, "--gamma"),
            (["predict", "--alpha", "1", "--M", "inf", "--summation", "exact"] + model, "M = inf"),
            (["predict", "--alpha", "1", "--M", "100", "--summation", "fast"] + model, "summation"),
            (["optimal-ridge", "--alpha", "1", "--M", "inf", "--N", "0", "--P", "20"], "N"),
            (["compute-optimal", "--alpha", "1", "--M", "inf", "--from", "0.5"], "--from"),
            (["compute-optimal", "--alpha", "1", "--M", "inf", "--from", "1e6", "--to", "1e4"], "--to"),
            (["compute-optimal", "--alpha", "1", "--M", "inf", "--to", "inf"], "--to"),
            (["compute-optimal", "--alpha", "1", "--M", "inf", "--points", "0"], "--points"),
            (["compute-optimal", "--alpha", "1", "--M", "inf", "--ridge", "best"], "ridge"),
            (["compute-optimal", "--alpha", "1", "--M", "inf", "--N", "10"], "--N"),
            (["compute-optimal", "--alpha", "1", "--M", "inf", "--gamma", "-2"], "gamma"),
        ]
        for (arguments, word) in cases {
            try CLIRunner.assertBadInput(arguments, mentioning: word)
        }
    }
}
