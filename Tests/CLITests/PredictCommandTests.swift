import Foundation
import XCTest

final class PredictCommandTests: XCTestCase {
    /// Docs/Theory.md section 7 through the command line.
    func testReferenceRowsThroughJSON() throws {
        let rows: [([String], Double, Double)] = [
            (["--alpha", "1", "--M", "1000", "--N", "100", "--P", "400"], 1.4932651045e-05, 2.2398976567e-04),
            (["--alpha", "1", "--M", "1000", "--N", "250", "--P", "250", "--gamma", "1e-3"],
             8.6548341932e-06, 9.7206654407e-05),
            (["--alpha", "0.5", "--lambda-plus", "2", "--M", "3000", "--N", "400", "--P", "150", "--gamma", "1e-2",
              "--sigma-w2", "2", "--sigma-u2", "0.5", "--noise", "0.01"], 3.1078179155e-03, 5.3596659720e-03),
            (["--alpha", "1.5", "--M", "500", "--N", "800", "--P", "1500", "--noise", "0.001"], 2.5e-04, 0),
        ]
        for (flags, loss, delta) in rows {
            let result = try CLIRunner.run(["predict", "--format", "json"] + flags)
            XCTAssertEqual(result.status, 0, result.stderr)
            let json = try result.json()
            XCTAssertEqual(Set(json.keys), Set(["command", "version", "inputs", "loss", "testError", "standardError",
                                               "relativeLoss", "delta", "df1", "df2", "trainingError", "regime",
                                               "summation"]))
            // The test error against noisy labels is <L> + sigma_eps^2 / 2.
            let noise = flags.firstIndex(of: "--noise").map { Double(flags[$0 + 1])! } ?? 0
            XCTAssertEqual(try XCTUnwrap(json["testError"] as? Double), (json["loss"] as! Double) + noise / 2,
                           accuracy: 1e-15)
            XCTAssertEqual(Set(try result.inputs().keys), Set(["alpha", "lambdaPlus", "M", "summation", "N", "P",
                                                               "gamma", "sigmaW2", "sigmaU2", "noise", "teacherExponent",
                                                               "activation"]))
            let gotLoss = try XCTUnwrap(json["loss"] as? Double)
            let gotDelta = try XCTUnwrap(json["delta"] as? Double)
            XCTAssertEqual(gotLoss, loss, accuracy: 1e-8 * loss, "\(flags)")
            XCTAssertEqual(gotDelta, delta, accuracy: 1e-8 * delta, "\(flags)")
            XCTAssertEqual(try result.inputs()["N"] as? Double, Double(flags[flags.firstIndex(of: "--N")! + 1]))
        }
    }

    func testInterpolationPeakPrintsWarnsAndSucceeds() throws {
        let table = try CLIRunner.run(["predict", "--alpha", "1", "--M", "1000", "--N", "250", "--P", "250"])
        XCTAssertEqual(table.status, 0)
        XCTAssertTrue(table.stdout.contains("inf"), table.stdout)
        XCTAssertTrue(table.stdout.contains("interpolation-threshold"))
        XCTAssertTrue(table.stderr.contains("warning"), table.stderr)
        let json = try CLIRunner.run(["predict", "--alpha", "1", "--M", "1000", "--N", "250", "--P", "250",
                                      "--format", "json"])
        XCTAssertEqual(json.status, 0)
        let object = try json.json()
        XCTAssertEqual(object["loss"] as? String, "inf")
        XCTAssertEqual(object["regime"] as? String, "interpolation-threshold")
    }

    func testSpectrumFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spec-\(UUID()).txt")
        try "# three\n3\n2\n1\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try CLIRunner.run(["predict", "--spectrum-file", url.path, "--N", "1", "--P", "2",
                                        "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try result.inputs()["spectrumFile"] as? String, url.standardizedFileURL.path)

        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID()).txt")
        try "1\n-2\n".write(to: bad, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: bad) }
        try CLIRunner.assertBadInput(["predict", "--spectrum-file", bad.path, "--N", "1", "--P", "2"],
                                     mentioning: "line 2")
    }

    func testBadInputExitsTwoWithOneLine() throws {
        let base = ["predict", "--alpha", "1", "--M", "100"]
        let cases: [([String], String)] = [
            (base + ["--N", "-5", "--P", "10"], "N"),
            (base + ["--N", "10", "--P", "0"], "P"),
            (base + ["--N", "10", "--P", "10", "--gamma", "-1"], "gamma"),
            (base + ["--N", "10", "--P", "10", "--gamma", "inf"], "gamma"),
            (base + ["--N", "nan", "--P", "10"], "N"),
            (base + ["--N", "abc", "--P", "10"], "abc"),
            (base + ["--N", "10"], "--P"),
            (base + ["--N", "10", "--P", "10", "--sigma-w2", "0"], "sigma_w^2"),
            (base + ["--N", "10", "--P", "10", "--noise", "-1"], "sigma_eps^2"),
            (base + ["--N", "10", "--P", "10", "--wat", "3"], "--wat"),
            (base + ["--N", "10", "--P", "10", "--format", "xml"], "format"),
            (["predict", "--alpha", "0", "--M", "100", "--N", "10", "--P", "10"], "alpha"),
            (["predict", "--alpha", "1", "--M", "0.5", "--N", "10", "--P", "10"], "latentDimension"),
            (["predict", "--N", "10", "--P", "10"], "spectrum"),
            (["predict", "--spectrum-file", "/nonexistent/x", "--N", "10", "--P", "10"], "/nonexistent/x"),
            (["no-such-command"], "no-such-command"),
        ]
        for (arguments, word) in cases {
            try CLIRunner.assertBadInput(arguments, mentioning: word)
        }
    }

    func testHelp() throws {
        let top = try CLIRunner.run(["--help"])
        XCTAssertEqual(top.status, 0)
        XCTAssertTrue(top.stdout.contains("predict"))
        let predict = try CLIRunner.run(["predict", "--help"])
        XCTAssertEqual(predict.status, 0)
        for flag in ["--alpha", "--lambda-plus", "--M", "--spectrum-file", "--N", "--P", "--gamma", "--sigma-w2",
                     "--sigma-u2", "--noise", "--format"] {
            XCTAssertTrue(predict.stdout.contains(flag), flag)
        }
    }
}
